import { foldCode, isUnspacedScript, isWordCode } from '../match/normalise.js';

/**
 * Matching of short cue phrases in running text, with the same folding as the matcher
 * (case, width, dashes). Cue lists are small and checked only around ambiguous hits, so a
 * compiled RegExp per list is cheap here; the alias matcher itself uses no RegExp.
 */

const FULL_WIDTH = /[\uff01-\uff5e]/g;
const SEPARATORS = /[\s\u00a0\u2000-\u200a\u2010-\u2015\u202f\u205f\u2212\u3000\ufe63-]+/g;
const QUOTES = /[\u2018\u2019\uff07]/g;

/** The matcher's folding (width, case, dashes, spaces, quotes), done with native string calls: cues are read often. */
function fold(text: string): string {
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
    const folded = [...new Set(phrases.map((p) => fold(p.trim())).filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
    this.#pattern = folded.length === 0 ? undefined : new RegExp(folded.map(escape).join('|'), 'g');
  }

  /** How many distinct phrases of the set occur in `text` as whole words. */
  countIn(text: string): number {
    if (this.#pattern === undefined) return 0;
    if (text === this.#lastText) return this.#lastCount;
    const folded = fold(text);
    const found = new Set<string>();
    for (const match of folded.matchAll(this.#pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isWholeWord(folded, start, end)) found.add(match[0]);
    }
    this.#lastText = text;
    this.#lastCount = found.size;
    return found.size;
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

/** True when `before` (the text right before a hit) ends with one of `phrases` as whole words. */
export function endsWithPhrase(before: string, phrases: readonly string[] | undefined): string | undefined {
  if (phrases === undefined) return undefined;
  const trimmed = fold(before).replace(/[\s"“”'(]+$/u, '');
  // "Huawei's Ascend" is found by the phrase "Huawei" as well as by "Huawei's".
  for (const text of [trimmed, trimmed.replace(/'s$/, '')]) {
    for (const phrase of phrases) {
      const wanted = fold(phrase.trim());
      if (wanted === '' || !text.endsWith(wanted)) continue;
      const index = text.length - wanted.length;
      if (index === 0 || isUnspacedScript(wanted.charCodeAt(0)) || !isWordCode(text.charCodeAt(index - 1))) return phrase;
    }
  }
  return undefined;
}

/**
 * True when `after` (the text right after a hit) starts with one of `phrases` as whole words.
 * A phrase of several words may also follow a comma ("Rubin, a famed astronomer"); a single
 * word only does so with `acrossComma` ("Grace, who"), since "Ascend, the chip line" is not
 * "Ascend the ridge".
 */
export function startsWithPhrase(after: string, phrases: readonly string[] | undefined, acrossComma = false): string | undefined {
  if (phrases === undefined) return undefined;
  const close = fold(after).replace(/^'s\b/, '').replace(/^[\s"”')]+/u, '');
  const pastComma = close.replace(/^[,;:]\s*/u, '');
  for (const phrase of phrases) {
    const wanted = fold(phrase.trim());
    if (wanted === '') continue;
    const texts = pastComma !== close && (acrossComma || wanted.includes(' ')) ? [close, pastComma] : [close];
    for (const text of texts) {
      if (!text.startsWith(wanted)) continue;
      const next = text.charCodeAt(wanted.length);
      const last = wanted.charCodeAt(wanted.length - 1);
      if (wanted.length === text.length || isUnspacedScript(last) || !isWordCode(next) || !isWordCode(last)) return phrase;
    }
  }
  return undefined;
}
