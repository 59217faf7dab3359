import { CATEGORY_OF_KIND, type Category } from './knowledge/schema.js';

/** How mentions look on the page. */
export type HighlightStyle = 'underline' | 'background' | 'both';
/** A key that must be held for cards to open, or none. */
export type CardModifier = 'none' | 'Alt' | 'Shift' | 'Control' | 'Meta';
/** Parts of the card a reader may hide. */
export type CardSection = 'figures' | 'article' | 'alongside' | 'comparison';

export const CATEGORIES = [...new Set(Object.values(CATEGORY_OF_KIND))] as readonly Category[];
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['underline', 'background', 'both'];
export const CARD_MODIFIERS: readonly CardModifier[] = ['none', 'Alt', 'Shift', 'Control', 'Meta'];
export const CARD_SECTIONS: readonly CardSection[] = ['figures', 'article', 'alongside', 'comparison'];

/** The version of the stored settings shape; `migrations` lifts any older shape to it. */
export const SETTINGS_VERSION = 2;

/** Every preference with its default; the Settings type is derived from this one object. */
export const DEFAULT_SETTINGS = {
  /** Which categories are highlighted and carded. */
  categories: { chip: true, arch: true, tech: true, org: true, policy: true } as Record<Category, boolean>,
  sites: {
    /** Host patterns (`example.com`, `*.example.com`) where Chip Lens never runs. */
    alwaysOff: [] as string[],
    /** Host patterns where it always runs, even when `onlyArticles` is on. */
    alwaysOn: [] as string[],
    /** Run only on pages that look like articles (Readability's quick test). */
    onlyArticles: false,
  },
  looks: {
    /**
     * A tint by default: an underline in a highlight makes Chromium redo the visual overflow of
     * every line of text on each frame in which the page changes (10-20 ms a frame on a 2 MB
     * page); a tint costs nothing there. Readers who want the underline can choose it.
     */
    style: 'background' as HighlightStyle,
    /** One colour per category, readable on light and dark pages. */
    colours: { chip: '#e8590c', arch: '#7c3aed', tech: '#0b7285', org: '#2b8a3e', policy: '#c2255c' } as Record<Category, string>,
  },
  cards: {
    /** How long the pointer rests on a mention before its card opens. */
    dwellMs: 300,
    /** How long the card stays after the pointer leaves the mention and the card. */
    hideDelayMs: 300,
    /** Cards open only while this key is held. */
    modifier: 'none' as CardModifier,
    sections: { figures: true, article: true, alongside: true, comparison: true } as Record<CardSection, boolean>,
  },
};

export type Settings = typeof DEFAULT_SETTINGS;

/** Limits that keep a typo or a hostile import from making the extension unusable. */
export const DWELL_RANGE = { min: 0, max: 3000 } as const;
export const HIDE_DELAY_RANGE = { min: 0, max: 5000 } as const;
export const MAX_HOST_RULES = 500;

const COLOUR = /^#[0-9a-f]{6}$/i;

/** A host pattern's problem in words, or undefined when it is valid: `example.com`, `*.example.com`, `localhost`. */
export function hostPatternProblem(pattern: string): string | undefined {
  if (pattern.trim() !== pattern || pattern === '') return 'must not be empty or start or end with spaces';
  if (/[/:?#@\s]/.test(pattern)) return 'give a host only, like example.com or *.example.com (no scheme, port or path)';
  const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (host.includes('*')) return 'a wildcard may only stand first, as in *.example.com';
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
  if (!host.split('.').every((part) => label.test(part)) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return 'is not a valid host name';
  return undefined;
}

/** True when `host` matches a pattern: `example.com` is that host (and `www.` of it); `*.example.com` also every subdomain. */
export function hostMatches(pattern: string, host: string): boolean {
  const wanted = pattern.toLowerCase();
  const actual = host.toLowerCase().replace(/\.$/, '');
  if (wanted.startsWith('*.')) {
    const base = wanted.slice(2);
    return actual === base || actual.endsWith(`.${base}`);
  }
  return actual === wanted || actual === `www.${wanted}`;
}

/** Whether Chip Lens runs on a page: an always-off rule wins, then always-on, then the article test. */
export function runsOn(settings: Settings, host: string, looksLikeArticle: () => boolean): boolean {
  if (settings.sites.alwaysOff.some((pattern) => hostMatches(pattern, host))) return false;
  if (settings.sites.alwaysOn.some((pattern) => hostMatches(pattern, host))) return true;
  return !settings.sites.onlyArticles || looksLikeArticle();
}

/** Settings read from storage, with what had to be replaced by defaults and why. */
export interface ReadSettings {
  settings: Settings;
  problems: string[];
}

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Ordered lifts of the stored shape: `MIGRATIONS[n]` turns version n+1 into version n+2.
 * Version 1 was flat: categories, highlightStyle, colours, dwellMs, hideDelayMs at the top.
 */
export const MIGRATIONS: readonly Migration[] = [
  (v1) => ({
    version: 2,
    ...(v1.categories !== undefined ? { categories: v1.categories } : {}),
    looks: { ...(v1.highlightStyle !== undefined ? { style: v1.highlightStyle } : {}), ...(v1.colours !== undefined ? { colours: v1.colours } : {}) },
    cards: { ...(v1.dwellMs !== undefined ? { dwellMs: v1.dwellMs } : {}), ...(v1.hideDelayMs !== undefined ? { hideDelayMs: v1.hideDelayMs } : {}) },
  }),
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lifts a stored value of any known version to the current shape; reports what it could not read. */
export function migrate(stored: unknown, problems: string[]): Record<string, unknown> {
  if (stored === undefined || stored === null) return {};
  if (!isRecord(stored)) {
    problems.push('The stored settings were not an object; all settings were reset to their defaults.');
    return {};
  }
  let value = stored;
  let version = typeof value.version === 'number' ? value.version : 1;
  if (!Number.isInteger(version) || version < 1 || version > SETTINGS_VERSION) {
    problems.push(`The stored settings have an unknown version (${String(value.version)}); they were read as far as they fit.`);
    version = SETTINGS_VERSION;
  }
  while (version < SETTINGS_VERSION) {
    value = (MIGRATIONS[version - 1] as Migration)(value);
    version++;
  }
  return value;
}

/** Reads one field: the stored value when it is valid, else the default with a note. */
class FieldReader {
  constructor(readonly problems: string[]) {}

  pick<T>(value: unknown, fallback: T, valid: (v: unknown) => v is T, label: string): T {
    if (value === undefined) return fallback;
    // -0 is a valid delay but does not survive a JSON round trip: store and compare it as 0.
    if (valid(value)) return (Object.is(value, -0) ? 0 : value) as T;
    this.problems.push(`${label}: the stored value ${JSON.stringify(value)?.slice(0, 60)} is not valid; using ${JSON.stringify(fallback)}.`);
    return fallback;
  }

  record<K extends string, T>(value: unknown, fallback: Record<K, T>, valid: (v: unknown) => v is T, label: string): Record<K, T> {
    if (value === undefined) return { ...fallback };
    if (!isRecord(value)) {
      this.problems.push(`${label}: the stored value is not a list of choices; using the defaults.`);
      return { ...fallback };
    }
    const out = { ...fallback };
    for (const key of Object.keys(fallback) as K[]) out[key] = this.pick(value[key], fallback[key], valid, `${label} (${key})`);
    return out;
  }
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isColour = (v: unknown): v is string => typeof v === 'string' && COLOUR.test(v);
const inRange = (range: { min: number; max: number }) => (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= range.min && v <= range.max;
const oneOf = <T extends string>(options: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (options as readonly string[]).includes(v);
const isHostList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_HOST_RULES && v.every((p) => typeof p === 'string' && hostPatternProblem(p) === undefined);

/**
 * The settings from a stored value of any version. Never throws: each wrong, corrupt or
 * unknown value falls back to its default, and `problems` says which and why.
 */
export function readSettings(stored: unknown): ReadSettings {
  const problems: string[] = [];
  const value = migrate(stored, problems);
  const read = new FieldReader(problems);
  const sites = isRecord(value.sites) ? value.sites : {};
  const looks = isRecord(value.looks) ? value.looks : {};
  const cards = isRecord(value.cards) ? value.cards : {};
  for (const [name, part] of [['sites', value.sites], ['looks', value.looks], ['cards', value.cards]] as const)
    if (part !== undefined && !isRecord(part)) problems.push(`${name}: the stored value is not a group of settings; using the defaults.`);
  const defaults = DEFAULT_SETTINGS;
  return {
    problems,
    settings: {
      categories: read.record(value.categories, defaults.categories, isBoolean, 'Categories'),
      sites: {
        alwaysOff: [...read.pick(sites.alwaysOff, defaults.sites.alwaysOff, isHostList, 'Sites always off')],
        alwaysOn: [...read.pick(sites.alwaysOn, defaults.sites.alwaysOn, isHostList, 'Sites always on')],
        onlyArticles: read.pick(sites.onlyArticles, defaults.sites.onlyArticles, isBoolean, 'Only on articles'),
      },
      looks: {
        style: read.pick(looks.style, defaults.looks.style, oneOf(HIGHLIGHT_STYLES), 'Highlight style'),
        colours: read.record(looks.colours, defaults.looks.colours, isColour, 'Colours'),
      },
      cards: {
        dwellMs: read.pick(cards.dwellMs, defaults.cards.dwellMs, inRange(DWELL_RANGE), 'Card delay'),
        hideDelayMs: read.pick(cards.hideDelayMs, defaults.cards.hideDelayMs, inRange(HIDE_DELAY_RANGE), 'Card hide delay'),
        modifier: read.pick(cards.modifier, defaults.cards.modifier, oneOf(CARD_MODIFIERS), 'Card key'),
        sections: read.record(cards.sections, defaults.cards.sections, isBoolean, 'Card sections'),
      },
    },
  };
}

/** Only what differs from the defaults, with the version: what goes to `storage.sync`. */
export function settingsToStore(settings: Settings): Record<string, unknown> {
  const diff = (value: unknown, fallback: unknown): unknown => {
    if (isRecord(value) && isRecord(fallback)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const part = diff(value[key], fallback[key]);
        if (part !== undefined) out[key] = part;
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    return JSON.stringify(value) === JSON.stringify(fallback) ? undefined : value;
  };
  return { version: SETTINGS_VERSION, ...((diff(settings, DEFAULT_SETTINGS) as Record<string, unknown> | undefined) ?? {}) };
}

/** The settings with Chip Lens switched on or off for one host: any rule naming it is replaced by one that says so. */
export function withSite(settings: Settings, host: string, on: boolean): Settings {
  const others = (patterns: readonly string[]): string[] => patterns.filter((pattern) => !hostMatches(pattern, host));
  const alwaysOff = others(settings.sites.alwaysOff);
  const alwaysOn = others(settings.sites.alwaysOn);
  return { ...settings, sites: { ...settings.sites, alwaysOff: on ? alwaysOff : [...alwaysOff, host], alwaysOn: on ? [...alwaysOn, host] : alwaysOn } };
}
