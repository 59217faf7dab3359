/**
 * Reads the knowledge data as the extension build packs it for the content script
 * (scripts/knowledge-packing.mjs writes it). Every page loads that script, so the data travels
 * as two kinds of string rather than as JSON, and is rebuilt here once per page:
 *
 * - One string table for all data files: each distinct string once, front-coded (a digit for
 *   how many leading characters it shares with the string before it, then the rest), the
 *   entries joined by `!`.
 * - Per data file, a stream of digits: each string is a code (0 for none, n for the table's
 *   n-th string), one digit for the most used strings and two for the rest; lists are a count
 *   followed by their codes.
 *
 * Digits are base 85, written as the characters `(` to `~` without `\` and the backtick, so a
 * stream needs no escaping in a JavaScript string.
 */
import type { AmbiguousAlias, Entity, EntityKind } from './schema.js';

/** How many values one digit holds. */
export const DIGIT_BASE = 85;

/** The value of the digit at `at` in `text`. */
function digitAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code - 40 - (code > 92 ? 1 : 0) - (code > 96 ? 1 : 0);
}

/** The strings that every packed data file refers to, with how their codes are written. */
export interface StringTable {
  readonly strings: readonly string[];
  /** Codes below this take one digit; the others take two. */
  readonly oneDigitCodes: number;
}

/** The string table from its packed form. */
export function unpackStrings(packed: string, oneDigitCodes: number): StringTable {
  const strings: string[] = [];
  let previous = '';
  for (const entry of packed.split('!')) {
    previous = previous.slice(0, digitAt(entry, 0)) + entry.slice(1);
    strings.push(previous);
  }
  return { strings, oneDigitCodes };
}

/**
 * The entities of one data file, with only what matching needs: summaries and facts come
 * empty (the card asks the background for them), and every phrase list is present.
 */
export function unpackEntities({ strings, oneDigitCodes }: StringTable, packed: string): Entity[] {
  let at = 0;
  const digit = (): number => digitAt(packed, at++);
  const code = (): number => {
    const first = digit();
    return first < oneDigitCodes ? first : oneDigitCodes + (first - oneDigitCodes) * DIGIT_BASE + digit();
  };
  const optional = (): string | undefined => {
    const n = code();
    return n === 0 ? undefined : strings[n - 1];
  };
  // The build writes only codes of strings in the table.
  const text = (): string => strings[code() - 1] as string;
  const list = (): string[] => {
    const items: string[] = [];
    for (let n = digit(); n > 0; n--) items.push(text());
    return items;
  };
  const entities: Entity[] = [];
  while (at < packed.length) {
    const id = text();
    const name = text();
    const kind = text() as EntityKind;
    const vendor = optional() ?? null;
    const family = optional();
    const aliases = list();
    const ambiguous: AmbiguousAlias[] = [];
    for (let n = digit(); n > 0; n--) {
      const alias = text();
      const flags = digit();
      ambiguous.push({
        alias,
        collidesWith: '',
        ...(flags & 1 ? { weak: true } : {}),
        ...(flags & 2 ? { strict: true } : {}),
        chipBefore: list(),
        chipAfter: list(),
        otherBefore: list(),
        otherAfter: list(),
      });
    }
    entities.push({ id, name, kind, vendor, ...(family === undefined ? {} : { family }), aliases, ambiguous, cues: list(), related: list(), summary: '', facts: [] });
  }
  return entities;
}
