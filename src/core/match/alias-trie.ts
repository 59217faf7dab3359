import { isUnspacedScript, normaliseAlias } from './normalise.js';

/** One name of one entity, as the matcher needs it. */
export interface AliasRecord {
  entityId: string;
  /** The alias as written in the knowledge base. */
  alias: string;
  /** Folded, case-preserving key: compared with the text when `caseSensitive`. */
  caseKey: string;
  /** Everyday words and names must match their exact case ("Ascend", not "ascend"). */
  caseSensitive: boolean;
  /** Index into the entity's `ambiguous` list, or -1 for a safe alias. */
  ambiguousIndex: number;
  /** Whether a trailing plural "s" belongs to the mention ("H100s", "TPUs"). */
  pluralAllowed: boolean;
}

/** A node of the trie over folded alias code units. */
export class TrieNode {
  readonly children = new Map<number, TrieNode>();
  /** Aliases that end here; several when two aliases fold to the same key. */
  terminals: AliasRecord[] | undefined;
  /** True when the alias code unit before this node was of an unspaced script. */
  afterUnspaced = false;
}

/** Builds the trie; the root's `children` keys double as the quick first-character filter. */
export function buildTrie(records: readonly AliasRecord[]): TrieNode {
  const root = new TrieNode();
  for (const record of records) {
    const key = normaliseAlias(record.alias);
    if (key === '') continue;
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = node.children.get(code);
      if (child === undefined) {
        child = new TrieNode();
        child.afterUnspaced = isUnspacedScript(code);
        node.children.set(code, child);
      }
      node = child;
    }
    (node.terminals ??= []).push(record);
  }
  return root;
}

