import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highlightCss } from '../../src/content/highlight-style.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';

describe('the default highlight look', () => {
  it('is the stylesheet the manifest injects, so a reader who changes nothing gets no restyle', () => {
    const injected = readFileSync(new URL('../../src/content/highlights.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\/\n/, '');
    expect(injected.trim()).toBe(highlightCss(DEFAULT_SETTINGS).trim());
  });

  it('changes with the reader’s colours and style', () => {
    const changed = highlightCss({ ...DEFAULT_SETTINGS, looks: { style: 'underline', colours: { ...DEFAULT_SETTINGS.looks.colours, chip: '#000000' } } });
    expect(changed).toContain('::highlight(chiplens-chip) { color: revert !important; text-decoration: underline 2px #000000 !important;');
    expect(changed).not.toContain('background-color: rgb(0 0 0');
    expect(changed).toContain('background-color: transparent !important');
  });
});
