import type { Entity } from '../knowledge/schema.js';
import { buildTrie, type AliasRecord, type TrieNode } from './alias-trie.js';
import { PrefixGate } from './prefix-gate.js';
import { SEPARATOR, foldCached, foldWidth, isUnspacedScript, isWordCode, normaliseAliasKeepCase } from './normalise.js';

/** One place in the text where an alias was found, before any context is read. */
export interface Hit {
  /** UTF-16 index of the first code unit, inclusive. */
  start: number;
  /** UTF-16 index after the last code unit (a plural "s" included). */
  end: number;
  entityId: string;
  record: AliasRecord;
}

const LOWER_S = 0x73;

function endsWithLowercaseLetter(alias: string): boolean {
  const last = alias.at(-1) ?? '';
  return last !== last.toUpperCase();
}

/** Bits of a code unit's class in the scan loop; zero means not classified yet. */
const KNOWN = 1;
const WORD = 2;
/** Can begin an alias once folded. */
const STARTS = 4;
/** Begins an alias of one code unit: any next character may end a hit, so the prefix gate cannot apply. */
const STARTS_ALONE = 8;

/**
 * All aliases of all entities compiled once into one trie. `scan` walks the text once and,
 * at each word start whose first characters can begin an alias (see PrefixGate), follows the
 * trie as far as the text allows: leftmost, then longest match wins.
 */
export class Matcher {
  readonly #root: TrieNode;
  readonly #gate: PrefixGate;
  /** Per UTF-16 code unit, its class bits (see KNOWN), filled as met: one lookup per character. */
  readonly #classes = new Uint8Array(0x10000);
  readonly aliasCount: number;

  private constructor(root: TrieNode, aliasCount: number) {
    this.#root = root;
    this.#gate = new PrefixGate(root);
    this.aliasCount = aliasCount;
  }

  /** Compiles every safe and ambiguous alias of the given entities (names are display only). */
  static compile(entities: readonly Entity[]): Matcher {
    const records: AliasRecord[] = [];
    for (const entity of entities) {
      for (const alias of new Set(entity.aliases)) {
        if (entity.ambiguous.some((a) => a.alias === alias)) continue;
        records.push({ entityId: entity.id, alias, caseKey: normaliseAliasKeepCase(alias), caseSensitive: false, ambiguousIndex: -1, pluralAllowed: true });
      }
      entity.ambiguous.forEach((ambiguous, index) => {
        records.push({
          entityId: entity.id,
          alias: ambiguous.alias,
          caseKey: normaliseAliasKeepCase(ambiguous.alias),
          caseSensitive: true,
          ambiguousIndex: index,
          // "Ascends" is a verb, "TPUs" a plural: only codes take the plural s.
          pluralAllowed: !endsWithLowercaseLetter(ambiguous.alias),
        });
      });
    }
    return new Matcher(buildTrie(records), records.length);
  }

  #classify(code: number): number {
    let bits = KNOWN;
    if (isWordCode(code)) bits |= WORD;
    const folded = foldCached(code);
    const node = folded === SEPARATOR ? undefined : this.#root.children.get(folded);
    if (node !== undefined) bits |= node.terminals === undefined ? STARTS : STARTS | STARTS_ALONE;
    this.#classes[code] = bits;
    return bits;
  }

  /**
   * Every alias occurrence in `text`, in order, none overlapping. Never throws. With `from`
   * and `to`, only occurrences starting in that window (a long text scanned in slices); a
   * slice starts after the end of the previous slice's last hit.
   */
  scan(text: string, from = 0, to = text.length): Hit[] {
    const hits: Hit[] = [];
    const classes = this.#classes;
    const gate = this.#gate;
    const length = Math.min(to, text.length);
    let i = Math.max(0, from);
    let previousIsWord = i > 0 && i <= text.length && isWordCode(text.charCodeAt(i - 1));
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      let bits = classes[code] as number;
      if (bits === 0) bits = this.#classify(code);
      const isWord = (bits & WORD) !== 0;
      // Inside a word of a spaced script no alias starts.
      if (!(isWord && previousIsWord) && (bits & STARTS) !== 0 && ((bits & STARTS_ALONE) !== 0 || gate.mayStartAt(text, i, foldCached(code))) && !isInsideNumber(text, i)) {
        const hit = this.#longestAt(text, i);
        if (hit !== undefined) {
          hits.push(hit);
          i = hit.end - 1;
          previousIsWord = isWordCode(text.charCodeAt(i));
          continue;
        }
      }
      previousIsWord = isWord;
      // Run to the end of the word (or to a unit not classified yet): one pass of a tight loop, not one of the whole body per letter.
      if (isWord) while (i + 1 < length && ((classes[text.charCodeAt(i + 1)] as number) & WORD) !== 0) i++;
    }
    return hits;
  }

  #longestAt(text: string, start: number): Hit | undefined {
    const length = text.length;
    let node: TrieNode = this.#root;
    let best: Hit | undefined;
    let j = start;
    while (j < length) {
      const folded = foldCached(text.charCodeAt(j));
      if (folded === SEPARATOR) {
        let after = j + 1;
        while (after < length && foldCached(text.charCodeAt(after)) === SEPARATOR) after++;
        const next = node.children.get(SEPARATOR);
        if (next !== undefined) {
          node = next;
          j = after;
          continue;
        }
        // The alias has no space here, but a page may put one between Chinese and Latin parts.
        if (after < length && (node.afterUnspaced || isUnspacedScript(text.charCodeAt(after)))) {
          j = after;
          continue;
        }
        break;
      }
      const child = node.children.get(folded);
      if (child === undefined) break;
      node = child;
      j++;
      if (node.terminals !== undefined) best = this.#acceptEnd(text, start, j, node.terminals) ?? best;
    }
    return best;
  }

  /** The first terminal record whose case and end boundary fit the text, as a hit. */
  #acceptEnd(text: string, start: number, end: number, terminals: readonly AliasRecord[]): Hit | undefined {
    for (const record of terminals) {
      if (record.caseSensitive && !keepsCase(text, start, end, record.caseKey)) continue;
      if (isBoundary(text, end)) return { start, end, entityId: record.entityId, record };
      if (record.pluralAllowed && text.charCodeAt(end) === LOWER_S && isBoundary(text, end + 1))
        return { start, end: end + 1, entityId: record.entityId, record };
    }
    return undefined;
  }
}

/**
 * Whether text[start, end) has the case-preserving key `key`, compared in place: the same as
 * `normaliseAliasKeepCase(text.slice(start, end)) === key` without a string per candidate.
 */
function keepsCase(text: string, start: number, end: number, key: string): boolean {
  let at = 0;
  let previous = -1;
  let spaceDue = false;
  for (let i = start; i < end; i++) {
    const code = foldWidth(text.charCodeAt(i));
    if (code === SEPARATOR) {
      // Leading separators go; a run collapses to one, kept only between two spaced-script units.
      spaceDue = previous >= 0;
      continue;
    }
    if (spaceDue) {
      spaceDue = false;
      if (!isUnspacedScript(previous) && !isUnspacedScript(code)) {
        if (key.charCodeAt(at) !== SEPARATOR) return false;
        at++;
      }
    }
    if (key.charCodeAt(at) !== code) return false;
    at++;
    previous = code;
  }
  return at === key.length;
}

/** True where a word may end: not between two letters or digits of a spaced script, nor inside a decimal. */
function isBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (isWordCode(text.charCodeAt(index - 1)) && isWordCode(text.charCodeAt(index))) return false;
  return !(isDigit(text.charCodeAt(index - 1)) && isDecimalPoint(text.charCodeAt(index)) && isDigit(text.charCodeAt(index + 1)));
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isDecimalPoint = (code: number): boolean => code === 0x2e || code === 0x2c;

/** "1.4nm" is not "4nm": a name that starts with a digit cannot start after "1." or "1,". */
function isInsideNumber(text: string, index: number): boolean {
  return index >= 2 && isDigit(text.charCodeAt(index)) && isDecimalPoint(text.charCodeAt(index - 1)) && isDigit(text.charCodeAt(index - 2));
}
