import type { TrieNode } from './alias-trie.js';
import { SEPARATOR, foldCached, isUnspacedScript } from './normalise.js';

/** Bits per table: 8 KB each, small enough to stay in the fastest cache while a page is scanned. */
const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

const pairSlot = (first: number, second: number): number => ((first << 7) ^ second) & TABLE_MASK;

function tripleSlot(first: number, second: number, third: number): number {
  return Math.imul(Math.imul(first, 0x01000193) ^ Math.imul(second, 0x2f0b3c5d) ^ third, 0x9e3779b1) >>> (32 - TABLE_BITS);
}

const has = (bits: Int32Array, slot: number): boolean => ((bits[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;

function set(bits: Int32Array, slot: number): void {
  bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
}

/** Whether a trie node lets the walk skip a run of separators (see Matcher): it has no space, but an unspaced script may follow. */
function maySkipSeparators(node: TrieNode): boolean {
  if (node.afterUnspaced) return true;
  for (const code of node.children.keys()) if (isUnspacedScript(code)) return true;
  return false;
}

/**
 * The first two or three folded units of every way into the trie, hashed into bit tables.
 * Nearly every word start of English prose shares its first letter with some alias ("the",
 * "in", "said") and most share the first two, but few share three: asking the tables is far
 * cheaper than walking the trie. A hash collision only lets a walk through that finds nothing.
 */
export class PrefixGate {
  readonly #pairs = new Int32Array(1 << (TABLE_BITS - 5));
  /** Pairs whose third unit cannot be checked: an alias ends after two units, or a separator run comes second. */
  readonly #open = new Int32Array(1 << (TABLE_BITS - 5));
  readonly #triples = new Int32Array(1 << (TABLE_BITS - 5));

  constructor(root: TrieNode) {
    for (const [first, node] of root.children) {
      if (maySkipSeparators(node)) {
        set(this.#pairs, pairSlot(first, SEPARATOR));
        set(this.#open, pairSlot(first, SEPARATOR));
      }
      for (const [second, child] of node.children) {
        set(this.#pairs, pairSlot(first, second));
        if (child.terminals !== undefined || second === SEPARATOR) set(this.#open, pairSlot(first, second));
        for (const third of child.children.keys()) set(this.#triples, tripleSlot(first, second, third));
        if (maySkipSeparators(child)) set(this.#triples, tripleSlot(first, second, SEPARATOR));
      }
    }
  }

  /**
   * False when no alias can start at `index`, whose unit folds to `first` (a first unit of
   * some alias of more than one unit). True means only "maybe": the trie decides.
   */
  mayStartAt(text: string, index: number, first: number): boolean {
    if (index + 1 >= text.length) return true;
    const second = foldCached(text.charCodeAt(index + 1));
    const pair = pairSlot(first, second);
    if (!has(this.#pairs, pair)) return false;
    if (has(this.#open, pair) || index + 2 >= text.length) return true;
    return has(this.#triples, tripleSlot(first, second, foldCached(text.charCodeAt(index + 2))));
  }
}
