import { buildTrie, type AliasRecord, type TrieNode } from '../../src/core/match/alias-trie.js';
import { SEPARATOR, foldCode, isUnspacedScript, isWordCode, normaliseAliasKeepCase } from '../../src/core/match/normalise.js';
import type { Entity } from '../../src/core/knowledge/schema.js';

/** A hit as the tests compare them. */
export interface PlainHit {
  start: number;
  end: number;
  entityId: string;
  alias: string;
}

/**
 * The matching rules written as plainly as possible, with no gate, table or cache: at every
 * word start, walk the trie of folded aliases and keep the longest end that fits. The real
 * matcher must agree with it on any text.
 */
export function referenceScan(entities: readonly Entity[], text: string, from = 0, to = text.length): PlainHit[] {
  const root = buildTrie(recordsOf(entities));
  const hits: PlainHit[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, text.length); i++) {
    // A hit starts on a letter, digit or sign, never on the space before a name.
    if (foldCode(text.charCodeAt(i)) === SEPARATOR) continue;
    if (i > 0 && isWordCode(text.charCodeAt(i)) && isWordCode(text.charCodeAt(i - 1))) continue;
    if (i >= 2 && isDigit(text.charCodeAt(i)) && isDecimalPoint(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i - 2))) continue;
    const hit = longestAt(root, text, i);
    if (hit !== undefined) {
      hits.push(hit);
      i = hit.end - 1;
    }
  }
  return hits;
}

function recordsOf(entities: readonly Entity[]): AliasRecord[] {
  const records: AliasRecord[] = [];
  for (const entity of entities) {
    for (const alias of new Set(entity.aliases)) {
      if (entity.ambiguous.some((a) => a.alias === alias)) continue;
      records.push({ entityId: entity.id, alias, caseKey: normaliseAliasKeepCase(alias), caseSensitive: false, ambiguousIndex: -1, pluralAllowed: true });
    }
    entity.ambiguous.forEach((ambiguous, index) => {
      const last = ambiguous.alias.at(-1) ?? '';
      const caseKey = normaliseAliasKeepCase(ambiguous.alias);
      records.push({ entityId: entity.id, alias: ambiguous.alias, caseKey, caseSensitive: true, ambiguousIndex: index, pluralAllowed: last === last.toUpperCase() });
    });
  }
  return records;
}

function longestAt(root: TrieNode, text: string, start: number): PlainHit | undefined {
  let node = root;
  let best: PlainHit | undefined;
  let j = start;
  while (j < text.length) {
    if (foldCode(text.charCodeAt(j)) === SEPARATOR) {
      let after = j + 1;
      while (after < text.length && foldCode(text.charCodeAt(after)) === SEPARATOR) after++;
      const next = node.children.get(SEPARATOR);
      if (next !== undefined) node = next;
      else if (after >= text.length || !(node.afterUnspaced || isUnspacedScript(text.charCodeAt(after)))) break;
      j = after;
      continue;
    }
    const child = node.children.get(foldCode(text.charCodeAt(j)));
    if (child === undefined) break;
    node = child;
    j++;
    for (const record of node.terminals ?? []) {
      if (record.caseSensitive && normaliseAliasKeepCase(text.slice(start, j)) !== record.caseKey) continue;
      const end = isBoundary(text, j) ? j : record.pluralAllowed && text[j] === 's' && isBoundary(text, j + 1) ? j + 1 : -1;
      if (end < 0) continue;
      best = { start, end, entityId: record.entityId, alias: record.alias };
      break;
    }
  }
  return best;
}

function isBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (isWordCode(text.charCodeAt(index - 1)) && isWordCode(text.charCodeAt(index))) return false;
  return !(isDigit(text.charCodeAt(index - 1)) && isDecimalPoint(text.charCodeAt(index)) && isDigit(text.charCodeAt(index + 1)));
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isDecimalPoint = (code: number): boolean => code === 0x2e || code === 0x2c;
