import type { Category } from '../core/knowledge/schema.js';
import type { Settings } from '../core/settings.js';

export const CATEGORIES: readonly Category[] = ['chip', 'arch', 'tech', 'org', 'policy'];

/** The name of the CSS highlight that holds one category's ranges. */
export const highlightName = (category: Category): string => `chiplens-${category}`;

/** The highlight that flashes a mention the reader asked to see (from the popup). */
export const FLASH_HIGHLIGHT = 'chiplens-flash';

/** `#rrggbb` with an alpha, for the background tint. */
function tint(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (hex === undefined) return 'transparent';
  const value = Number.parseInt(hex, 16);
  return `rgb(${(value >> 16) & 255} ${(value >> 8) & 255} ${value & 255} / ${alpha})`;
}

/** A tint alone carries the colour, so it is a little stronger than under an underline. */
const tintAlpha = (settings: Settings): number => (settings.looks.style === 'background' ? 0.22 : 0.16);

/**
 * A selector prefix that matches every element with the weight of an id: a page rule aimed at
 * our highlight names (`::highlight(chiplens-chip) { color: transparent !important }`) has
 * less weight, so our `!important` declarations win and the text stays readable.
 */
const OUTWEIGH_PAGE = ':not(#\\#)';

/**
 * The `::highlight()` rules for the current settings. Highlights paint without layout: no
 * reflow, whatever the page. Only colour, background and text decoration are allowed there;
 * `color: revert` keeps the page's own text colour under the tint.
 */
export function highlightCss(settings: Settings): string {
  return CATEGORIES.map((category) => {
    const colour = settings.looks.colours[category];
    const underline = settings.looks.style !== 'background' ? `text-decoration: underline 2px ${colour} !important;` : 'text-decoration: none !important;';
    const background = settings.looks.style !== 'underline' ? `background-color: ${tint(colour, tintAlpha(settings))} !important;` : 'background-color: transparent !important;';
    return `${OUTWEIGH_PAGE}::highlight(${highlightName(category)}) { color: revert !important; ${underline} ${background} }`;
  })
    .concat(`::highlight(${FLASH_HIGHLIGHT}) { background-color: rgb(255 212 59 / 0.85); color: #111; }`)
    .join('\n');
}

/** The same look for the fallback `<chip-lens-mark>` wrapper, where the Highlight API is missing. */
export function fallbackCss(settings: Settings): string {
  return CATEGORIES.map((category) => {
    const colour = settings.looks.colours[category];
    const underline = settings.looks.style !== 'background' ? `text-decoration: underline 2px ${colour} !important;` : '';
    const background = settings.looks.style !== 'underline' ? `background-color: ${tint(colour, tintAlpha(settings))} !important;` : '';
    return `chip-lens-mark[data-category="${category}"] { all: unset; ${underline} ${background} }`;
  }).join('\n');
}
