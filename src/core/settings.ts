import type { Category } from './knowledge/schema.js';

/** How mentions look on the page. */
export type HighlightStyle = 'underline' | 'background' | 'both';

/** Every preference with its default; the settings type is derived from this one object. */
export const DEFAULT_SETTINGS = {
  /** Which categories are highlighted and carded. */
  categories: { chip: true, arch: true, tech: true, org: true, policy: true } as Record<Category, boolean>,
  highlightStyle: 'both' as HighlightStyle,
  /** One colour per category, chosen to stay readable on light and dark pages. */
  colours: { chip: '#e8590c', arch: '#7c3aed', tech: '#0b7285', org: '#2b8a3e', policy: '#c2255c' } as Record<Category, string>,
  /** How long the pointer rests on a mention before its card opens. */
  dwellMs: 300,
  /** How long the card stays after the pointer leaves both the mention and the card. */
  hideDelayMs: 300,
};

export type Settings = typeof DEFAULT_SETTINGS;
