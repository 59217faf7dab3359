import type { TrieNode } from './alias-trie.js';
import { SEPARATOR, foldCached, isUnspacedScript } from './normalise.js';

/** A pair whose third unit cannot be checked: an alias ends after two units, or a separator run comes second. */
const OPEN = 2;
const SEEN = 1;

const pairSlot = (first: number, second: number): number => ((first << 7) ^ second) & 0xffff;

function tripleSlot(first: number, second: number, third: number): number {
  return Math.imul(Math.imul(first, 0x01000193) ^ Math.imul(second, 0x2f0b3c5d) ^ third, 0x9e3779b1) >>> 16;
}

/** Whether a trie node lets the walk skip a run of separators (see Matcher): it has no space, but an unspaced script may follow. */
function maySkipSeparators(node: TrieNode): boolean {
  if (node.afterUnspaced) return true;
  for (const code of node.children.keys()) if (isUnspacedScript(code)) return true;
  return false;
}

/**
 * The first two or three folded units of every way into the trie, hashed into two tables.
 * Nearly every word start of English prose shares its first letter with some alias ("the",
 * "in", "said") and most share the first two, but few share three: asking the tables is far
 * cheaper than walking the trie. A hash collision only lets a walk through that finds nothing.
 */
export class PrefixGate {
  readonly #pairs = new Uint8Array(0x10000);
  readonly #triples = new Uint8Array(0x10000);

  constructor(root: TrieNode) {
    for (const [first, node] of root.children) {
      if (maySkipSeparators(node)) this.#pairs[pairSlot(first, SEPARATOR)] = SEEN | OPEN;
      for (const [second, child] of node.children) {
        const slot = pairSlot(first, second);
        this.#pairs[slot] = (this.#pairs[slot] as number) | SEEN | (child.terminals !== undefined || second === SEPARATOR ? OPEN : 0);
        for (const third of child.children.keys()) this.#triples[tripleSlot(first, second, third)] = 1;
        if (maySkipSeparators(child)) this.#triples[tripleSlot(first, second, SEPARATOR)] = 1;
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
    const pair = this.#pairs[pairSlot(first, second)] as number;
    if (pair === 0) return false;
    if ((pair & OPEN) !== 0 || index + 2 >= text.length) return true;
    return this.#triples[tripleSlot(first, second, foldCached(text.charCodeAt(index + 2)))] !== 0;
  }
}
