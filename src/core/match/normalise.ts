/**
 * Character folding shared by the matcher and the knowledge checks: the same alias must be
 * found whatever width, dash, space or case the page happens to use.
 *
 * Folding works one UTF-16 code unit at a time and never changes the length of the text, so
 * an offset in folded text is the same offset in the original. That is what lets the matcher
 * report positions in the page's own string without an offset map.
 */

/** Code unit used for any run of spaces, hyphens and dashes once folded. */
export const SEPARATOR = 0x20;

const FULLWIDTH_FIRST = 0xff01;
const FULLWIDTH_LAST = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

/** Spaces a page may use between words: no-break, thin, ideographic and the rest of Zs. */
function isSpaceLike(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Hyphen and dash variants: hyphen-minus, hyphen, non-breaking hyphen, figure/en/em dash, minus. */
function isDashLike(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63 || code === 0xff0d;
}

/** True for a code unit that separates the words of a multi-word alias. */
export function isSeparator(code: number): boolean {
  return isSpaceLike(code) || isDashLike(code);
}

const LOWER_ASCII = new Uint16Array(128).map((_, code) => (code >= 0x41 && code <= 0x5a ? code + 32 : code));

/** Folds width and case of one code unit; separators become SEPARATOR. Length-preserving. */
export function foldCode(code: number): number {
  if (code < 128) return code === 0x2d || code === 0x09 || code === 0x0a || code === 0x0d ? SEPARATOR : (LOWER_ASCII[code] ?? code);
  if (code >= FULLWIDTH_FIRST && code <= FULLWIDTH_LAST) return foldCode(code - FULLWIDTH_OFFSET);
  if (isSeparator(code)) return SEPARATOR;
  if (code === 0x2019 || code === 0x2018 || code === 0xff07) return 0x27;
  if (code >= 0xd800 && code <= 0xdfff) return code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

const foldedCodes = new Uint16Array(0x10000);

/** `foldCode` from a table filled as units are met: the matcher folds every unit it reads, and lower-casing one is slow. */
export function foldCached(code: number): number {
  let folded = foldedCodes[code] as number;
  if (folded === 0) {
    folded = foldCode(code);
    foldedCodes[code] = folded;
  }
  return folded;
}

/** Folds width only (not case): for comparing case-sensitive aliases. */
export function foldWidth(code: number): number {
  if (code >= FULLWIDTH_FIRST && code <= FULLWIDTH_LAST) return code - FULLWIDTH_OFFSET;
  if (isSeparator(code)) return SEPARATOR;
  if (code === 0x2019 || code === 0x2018) return 0x27;
  return code;
}

/**
 * Scripts written without spaces between words. A boundary always exists next to them, and a
 * space between them and a Latin part of a name is optional ("昇腾 910C" and "昇腾910C").
 */
export function isUnspacedScript(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) || // CJK radicals, kana, CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xff66 && code <= 0xff9f) || // half-width katakana
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of the supplementary ideographs
  );
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const wordCache = new Uint8Array(0x10000);

/**
 * A code unit that belongs to a word in a spaced script: a letter, digit or combining mark
 * not of the unspaced scripts. Two word units side by side mean "no boundary here".
 */
export function isWordCode(code: number): boolean {
  let cached = wordCache[code];
  if (cached === 0) {
    const unit = String.fromCharCode(code);
    cached = !isUnspacedScript(code) && (WORD_CHAR.test(unit) || (code >= 0xd800 && code <= 0xdfff)) ? 2 : 1;
    wordCache[code] = cached;
  }
  return cached === 2;
}

/** Folds each code unit with `fold`, collapses separator runs to one space and trims them. */
function canonical(alias: string, fold: (code: number) => number): string {
  const out: number[] = [];
  for (let i = 0; i < alias.length; i++) {
    const code = fold(alias.charCodeAt(i));
    if (code === SEPARATOR) {
      if (out.length > 0 && out[out.length - 1] !== SEPARATOR) out.push(SEPARATOR);
      continue;
    }
    out.push(code);
  }
  while (out.length > 0 && out[out.length - 1] === SEPARATOR) out.pop();
  return dropSeparatorsBesideUnspaced(out);
}

/**
 * The canonical key of an alias: folded width, case and dashes, separators collapsed to one
 * space, and no separator next to an unspaced-script character.
 */
export const normaliseAlias = (alias: string): string => canonical(alias, foldCode);

/** The case-preserving form of an alias, for checking case-sensitive matches. */
export const normaliseAliasKeepCase = (alias: string): string => canonical(alias, foldWidth);

function dropSeparatorsBesideUnspaced(codes: number[]): string {
  let result = '';
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code === SEPARATOR && (isUnspacedScript(codes[i - 1] ?? 0) || isUnspacedScript(codes[i + 1] ?? 0))) continue;
    result += String.fromCharCode(code);
  }
  return result;
}
