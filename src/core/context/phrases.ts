import { foldCode, isUnspacedScript, isWordCode } from '../match/normalise.js';

/**
 * Matching of short cue phrases in running text, with the same folding as the matcher
 * (case, width, dashes). Cue lists are small and checked only around ambiguous hits, so a
 * compiled RegExp per list is cheap here; the alias matcher itself uses no RegExp.
 */

const FULL_WIDTH = /[\uff01-\uff5e]/g;
/**
 * Each run of spaces and dashes (\s and the dash forms) becomes one space. A run that is one
 * space already is left alone: prose is mostly such runs, and replacing each with itself is
 * slow. The three branches: a run that starts with whitespace other than a plain space, with
 * a dash, or with a plain space and goes on.
 */
const SEPARATORS = /[^\S ][\s\u2010-\u2015\u2212\ufe63-]*|[\u2010-\u2015\u2212\ufe63-][\s\u2010-\u2015\u2212\ufe63-]*| [\s\u2010-\u2015\u2212\ufe63-]+/g;
const QUOTES = /[\u2018\u2019\uff07]/g;

/** The matcher's folding (width, case, dashes, spaces, quotes), done with native string calls: cues are read often. */
export function foldForPhrases(text: string): string {
  const narrow = FULL_WIDTH.test(text) ? text.replace(FULL_WIDTH, (c) => String.fromCharCode(foldCode(c.charCodeAt(0)))) : text;
  return narrow.toLowerCase().replace(SEPARATORS, ' ').replace(QUOTES, "'");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A set of phrases, found case-insensitively as whole words (inside Chinese text too). */
export class PhraseSet {
  readonly #pattern: RegExp | undefined;
  /** The last text counted: hits come in text order, so neighbours often ask about the same sentence. */
  #lastText = '';
  #lastCount = 0;

  constructor(phrases: readonly string[]) {
    const folded = [...new Set(phrases.map((p) => foldForPhrases(p.trim())).filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
    this.#pattern = folded.length === 0 ? undefined : new RegExp(folded.map(escape).join('|'), 'g');
  }

  /** How many distinct phrases of the set occur in `text` as whole words. */
  countIn(text: string): number {
    if (this.#pattern === undefined) return 0;
    if (text === this.#lastText) return this.#lastCount;
    const count = this.countInFolded(foldForPhrases(text));
    this.#lastText = text;
    this.#lastCount = count;
    return count;
  }

  /** Whether the set has no phrase: it finds nothing in any text, folded or not. */
  get isEmpty(): boolean {
    return this.#pattern === undefined;
  }

  /**
   * `countIn` for a text already folded by `foldForPhrases`: one fold serves every set asked
   * about it. With `atMost`, reading stops once that many are found (a caller that only
   * tells one from two need not read a whole paragraph).
   */
  countInFolded(folded: string, atMost = Infinity): number {
    const pattern = this.#pattern;
    if (pattern === undefined || atMost <= 0) return 0;
    // The first phrase found is kept apart: most stretches hold none or one, and a Set for them is waste.
    let first: string | undefined;
    let found: Set<string> | undefined;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
      const start = match.index;
      const phrase = match[0];
      if (!isWholeWord(folded, start, start + phrase.length)) continue;
      if (first === undefined) first = phrase;
      else if (phrase !== first) (found ??= new Set([first])).add(phrase);
      if ((found?.size ?? 1) >= atMost) break;
    }
    pattern.lastIndex = 0;
    return found !== undefined ? found.size : first === undefined ? 0 : 1;
  }
}

function isWholeWord(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  const after = text.charCodeAt(end);
  const startOk = start === 0 || isUnspacedScript(first) || !isWordCode(before) || !isWordCode(first);
  // A plural or possessive after a cue still counts: "GPUs", "Nvidia's".
  const endOk =
    end >= text.length || isUnspacedScript(last) || !isWordCode(after) || !isWordCode(last) || (after === 0x73 && !isWordCode(text.charCodeAt(end + 1)));
  return startOk && endOk;
}

const foldedLists = new WeakMap<readonly string[], readonly string[]>();

/** The phrases of a list folded, once per list: the lists belong to the knowledge base, which never changes. */
function foldedPhrases(phrases: readonly string[]): readonly string[] {
  let folded = foldedLists.get(phrases);
  if (folded === undefined) {
    folded = phrases.map((phrase) => foldForPhrases(phrase.trim()));
    foldedLists.set(phrases, folded);
  }
  return folded;
}

/** The last text before a hit, folded both ways: a hit asks about the same text for up to three lists. */
let lastBefore = '';
let lastBeforeTexts: readonly [string, string] = ['', ''];

/** True when `before` (the text right before a hit) ends with one of `phrases` as whole words. */
export function endsWithPhrase(before: string, phrases: readonly string[] | undefined): string | undefined {
  if (phrases === undefined) return undefined;
  if (before !== lastBefore) {
    const trimmed = foldForPhrases(before).replace(/[\s"“”'(]+$/u, '');
    // "Huawei's Ascend" is found by the phrase "Huawei" as well as by "Huawei's".
    lastBeforeTexts = [trimmed, trimmed.replace(/'s$/, '')];
    lastBefore = before;
  }
  const folded = foldedPhrases(phrases);
  for (const text of lastBeforeTexts) {
    for (let i = 0; i < phrases.length; i++) {
      const wanted = folded[i] as string;
      if (wanted === '' || !text.endsWith(wanted)) continue;
      const index = text.length - wanted.length;
      if (index === 0 || isUnspacedScript(wanted.charCodeAt(0)) || !isWordCode(text.charCodeAt(index - 1))) return phrases[i];
    }
  }
  return undefined;
}

/** The last text after a hit, folded, as it reads right away and past a comma. */
let lastAfter = '';
let lastClose = '';
let lastPastComma = '';

/**
 * True when `after` (the text right after a hit) starts with one of `phrases` as whole words.
 * A phrase of several words may also follow a comma ("Rubin, a famed astronomer"); a single
 * word only does so with `acrossComma` ("Grace, who"), since "Ascend, the chip line" is not
 * "Ascend the ridge".
 */
export function startsWithPhrase(after: string, phrases: readonly string[] | undefined, acrossComma = false): string | undefined {
  if (phrases === undefined) return undefined;
  if (after !== lastAfter) {
    lastClose = foldForPhrases(after).replace(/^'s\b/, '').replace(/^[\s"”')]+/u, '');
    lastPastComma = lastClose.replace(/^[,;:]\s*/u, '');
    lastAfter = after;
  }
  const close = lastClose;
  const pastComma = lastPastComma;
  const folded = foldedPhrases(phrases);
  for (let i = 0; i < phrases.length; i++) {
    const wanted = folded[i] as string;
    if (wanted === '') continue;
    if (startsWithWhole(close, wanted)) return phrases[i];
    if (pastComma !== close && (acrossComma || wanted.includes(' ')) && startsWithWhole(pastComma, wanted)) return phrases[i];
  }
  return undefined;
}

function startsWithWhole(text: string, wanted: string): boolean {
  if (!text.startsWith(wanted)) return false;
  const next = text.charCodeAt(wanted.length);
  const last = wanted.charCodeAt(wanted.length - 1);
  return wanted.length === text.length || isUnspacedScript(last) || !isWordCode(next) || !isWordCode(last);
}
