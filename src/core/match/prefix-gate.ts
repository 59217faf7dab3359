import type { TrieNode } from './alias-trie.js';
import { SEPARATOR, foldCached, isUnspacedScript } from './normalise.js';

/** How many folded units of a word start the gate reads: past four, walking the trie is as cheap. */
const DEPTH = 4;
/** Bits per table: 16 KB each, small enough to stay in the fastest cache while a page is scanned. */
const TABLE_BITS = 17;

const startHash = (first: number): number => Math.imul(first + 1, 0x85ebca6b);
const nextHash = (hash: number, unit: number): number => Math.imul(hash ^ unit, 0x9e3779b1);
const slotOf = (hash: number): number => hash >>> (32 - TABLE_BITS);
const has = (bits: Int32Array, slot: number): boolean => ((bits[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;

function set(bits: Int32Array, slot: number): void {
  bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
}

/** Whether the walk may skip a run of separators at this node (see Matcher): it has no space, but an unspaced script may follow. */
function maySkipSeparators(node: TrieNode): boolean {
  if (node.afterUnspaced) return true;
  for (const code of node.children.keys()) if (isUnspacedScript(code)) return true;
  return false;
}

/**
 * The first two to four folded units of every way into the trie, hashed into a bit table.
 * Nearly every word start of English prose shares its first letter with some alias ("the",
 * "in", "said") and many share two or three ("for", "com"), but few share four: asking the
 * table is far cheaper than walking the trie. A hash collision only lets through a walk that
 * finds nothing.
 */
export class PrefixGate {
  readonly #prefixes = new Int32Array(1 << (TABLE_BITS - 5));
  /** Prefixes past which the text is not read: an alias may end there, or a separator run comes. */
  readonly #open = new Int32Array(1 << (TABLE_BITS - 5));

  constructor(root: TrieNode) {
    for (const [first, node] of root.children) this.#add(node, startHash(first), 1);
  }

  #add(node: TrieNode, hash: number, depth: number): void {
    if (depth === DEPTH) return;
    if (maySkipSeparators(node)) {
      const slot = slotOf(nextHash(hash, SEPARATOR));
      set(this.#prefixes, slot);
      set(this.#open, slot);
    }
    for (const [unit, child] of node.children) {
      const next = nextHash(hash, unit);
      set(this.#prefixes, slotOf(next));
      if (child.terminals !== undefined || unit === SEPARATOR) set(this.#open, slotOf(next));
      this.#add(child, next, depth + 1);
    }
  }

  /**
   * False when no alias can start at `index`, whose unit folds to `first` (a first unit of
   * some alias of more than one unit). True means only "maybe": the trie decides.
   */
  mayStartAt(text: string, index: number, first: number): boolean {
    let hash = startHash(first);
    const last = Math.min(text.length, index + DEPTH);
    for (let at = index + 1; at < last; at++) {
      hash = nextHash(hash, foldCached(text.charCodeAt(at)));
      const slot = slotOf(hash);
      if (!has(this.#prefixes, slot)) return false;
      if (has(this.#open, slot)) return true;
    }
    return true;
  }
}
