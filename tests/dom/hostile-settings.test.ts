// Bad input to the settings layer: any stored value of any type, any imported text. Nothing
// throws, whatever is read back is valid, and every refusal says why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFile, MAX_FILE_BYTES, parseImport } from '../../src/core/settings-file.js';
import {
  CARD_MODIFIERS,
  CARD_SECTIONS,
  CATEGORIES,
  DEFAULT_SETTINGS,
  DWELL_RANGE,
  HIDE_DELAY_RANGE,
  HIGHLIGHT_STYLES,
  hostPatternProblem,
  readSettings,
  settingsToStore,
  type Settings,
} from '../../src/core/settings.js';
import { readTerms, termProblems, type UserTerm } from '../../src/core/user-terms.js';

/** Every field of a settings object has the type and range the extension relies on. */
function expectValid(settings: Settings): void {
  for (const category of CATEGORIES) {
    expect(typeof settings.categories[category]).toBe('boolean');
    expect(settings.looks.colours[category]).toMatch(/^#[0-9a-f]{6}$/i);
  }
  expect(HIGHLIGHT_STYLES).toContain(settings.looks.style);
  expect(CARD_MODIFIERS).toContain(settings.cards.modifier);
  for (const section of CARD_SECTIONS) expect(typeof settings.cards.sections[section]).toBe('boolean');
  expect(settings.cards.dwellMs).toBeGreaterThanOrEqual(DWELL_RANGE.min);
  expect(settings.cards.dwellMs).toBeLessThanOrEqual(DWELL_RANGE.max);
  expect(settings.cards.hideDelayMs).toBeGreaterThanOrEqual(HIDE_DELAY_RANGE.min);
  expect(settings.cards.hideDelayMs).toBeLessThanOrEqual(HIDE_DELAY_RANGE.max);
  expect(typeof settings.sites.onlyArticles).toBe('boolean');
  for (const pattern of [...settings.sites.alwaysOff, ...settings.sites.alwaysOn]) expect(hostPatternProblem(pattern)).toBeUndefined();
  // Exactly the shape of the defaults: no stray keys carried in from storage.
  const shape = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort()) : typeof value;
  expect(shape(settings)).toEqual(shape(DEFAULT_SETTINGS));
}

/** Any JSON-like value, with the settings' own keys mixed in so that deep paths are reached. */
const keys = ['version', 'categories', 'sites', 'looks', 'cards', 'alwaysOff', 'alwaysOn', 'onlyArticles', 'style', 'colours', 'dwellMs', 'hideDelayMs', 'modifier', 'sections', 'chip', 'org', 'highlightStyle', '__proto__', 'constructor'];
const anyValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constantFrom(null, undefined, true, false, 0, -1, 1, 2, 3, Infinity, Number.NaN, -0, 2 ** 53, '', 'both', 'Alt', '#e8590c', '#zzzzzz', 'example.com', '*.example.com', 'http://x/'),
    fc.string({ maxLength: 12 }),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('stored settings of every wrong type', () => {
  it('are read without throwing into valid settings, with each replaced value named', () => {
    fc.assert(
      fc.property(anyValue, (stored) => {
        const { settings, problems } = readSettings(stored);
        expectValid(settings);
        for (const problem of problems) expect(typeof problem).toBe('string');
        // What is stored back reads as the same settings, with nothing to report.
        const again = readSettings(JSON.parse(JSON.stringify(settingsToStore(settings))));
        expect(again.problems).toEqual([]);
        expect(again.settings).toEqual(settings);
      }),
      { numRuns: 1000 },
    );
  });

  it('a value of a wrong type in any one field changes only that field, and says which', () => {
    const fields: [string, (s: Settings) => unknown][] = [
      ['categories.chip', (s) => s.categories.chip],
      ['sites.alwaysOff', (s) => s.sites.alwaysOff],
      ['sites.onlyArticles', (s) => s.sites.onlyArticles],
      ['looks.style', (s) => s.looks.style],
      ['looks.colours.org', (s) => s.looks.colours.org],
      ['cards.dwellMs', (s) => s.cards.dwellMs],
      ['cards.modifier', (s) => s.cards.modifier],
      ['cards.sections.figures', (s) => s.cards.sections.figures],
    ];
    const wrong = fc.constantFrom<unknown>(null, 'yes', 42, -5, 1e9, [], {}, ['x y'], true, '#12345', Number.NaN);
    fc.assert(
      fc.property(fc.constantFrom(...fields), wrong, ([path, read], value) => {
        // A reader's settings that differ from the defaults everywhere that can be told apart.
        const saved: Settings = structuredClone(DEFAULT_SETTINGS);
        saved.categories.chip = false;
        saved.sites.alwaysOff = ['example.com'];
        saved.sites.onlyArticles = true;
        saved.looks.style = 'underline';
        saved.looks.colours.org = '#123456';
        saved.cards.dwellMs = 700;
        saved.cards.modifier = 'Shift';
        saved.cards.sections.figures = false;
        const stored = structuredClone(settingsToStore(saved)) as Record<string, unknown>;
        const parts = path.split('.');
        let at = stored as Record<string, unknown>;
        for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
        at[parts.at(-1) as string] = value;
        const { settings, problems } = readSettings(stored);
        expectValid(settings);
        // The value was either taken as it was, or replaced with a note saying so.
        const taken = JSON.stringify(read(settings)) === JSON.stringify(value);
        if (!taken) expect(problems.join(' '), `${path} = ${JSON.stringify(value)}`).not.toBe('');
        // Every other field keeps what the reader saved.
        for (const [other, get] of fields) if (other !== path) expect(get(settings), other).toEqual(get(saved));
      }),
      { numRuns: 400 },
    );
  });

  it('stored terms of any shape: valid ones are kept, every other one is reported, none thrown on', () => {
    const term = fc.record({
      id: fc.oneof(fc.constantFrom('user-a', 'user-b', 'user-x-1', 'bad id', ''), fc.string({ maxLength: 8 })),
      name: fc.oneof(fc.constantFrom('Lab cluster', '', '  '), fc.string({ maxLength: 120 })),
      aliases: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), anyValue),
      kind: fc.constantFrom('accelerator', 'gpu', 'org', 'nonsense', 3),
      note: fc.oneof(fc.string({ maxLength: 20 }), anyValue),
      link: fc.constantFrom('', 'https://example.com/x', 'javascript:alert(1)', 'http://example.com', 'https://a b'),
    });
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.array(fc.oneof(term, anyValue), { maxLength: 6 })), (stored) => {
        const { terms, problems } = readTerms(stored);
        for (const t of terms) expect(termProblems(t)).toEqual([]);
        expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
        if (Array.isArray(stored)) expect(terms.length + problems.length).toBeGreaterThanOrEqual(stored.length);
        for (const t of terms) expect(t.link === '' || t.link.startsWith('https://')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('imported files', () => {
  const terms: UserTerm[] = [{ id: 'user-lab', name: 'Lab cluster', aliases: ['LC-1'], kind: 'accelerator', note: 'Ours.', link: 'https://example.com/lab' }];
  const settings: Settings = { ...structuredClone(DEFAULT_SETTINGS), cards: { ...DEFAULT_SETTINGS.cards, dwellMs: 500 } };
  const file = exportFile(settings, terms, new Date('2025-01-01T00:00:00Z'));

  it('any text at all is answered with settings or with a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), anyValue.map((v) => JSON.stringify(v) ?? 'undefined')), (text) => {
        const result = parseImport(text);
        if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
        else expectValid(result.settings);
      }),
      { numRuns: 1000 },
    );
  });

  it('a file cut short at any point is refused with a reason and nothing taken from it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: file.length - 3 }), (cut) => {
        const result = parseImport(file.slice(0, cut));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatch(/not valid JSON|not a Chip Lens|Chip Lens settings/);
      }),
      { numRuns: 300 },
    );
    expect(parseImport(file)).toEqual({ ok: true, settings, terms });
  });

  it('a 10 MB file is refused by its size, with the limit stated, before it is read', () => {
    const huge = `${file.slice(0, -2)}${' '.repeat(10 * 1024 * 1024)}}\n`;
    // Refused by its size, which is checked before any parsing: the error names the size and the limit.
    const result = parseImport(huge);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(new RegExp(`^The file is 10\\.0 MB; .*at most ${MAX_FILE_BYTES / 1048576} MB`));
  });
});
