import type { Mention } from './disambiguate.js';
import type { SentenceIndex } from './sentences.js';
import type { Span } from './text-spans.js';

/** A sentence of the text, with its bounds. */
export interface Sentence extends Span {
  text: string;
}

/** What one text says about one entity: the card's "in this article". */
export interface EntityDigest {
  entityId: string;
  /** How many mentions of the entity the text has. */
  count: number;
  /** The distinct sentences that mention it, in text order. */
  sentences: Sentence[];
  /** The entity's mentions, in text order. */
  mentions: Mention[];
  /** Other entities named in the same sentences, most shared sentences first. */
  alongside: { entityId: string; sharedSentences: number }[];
}

/** The digest of a whole text. */
export class Digest {
  /** Per entity, the most mentioned first (ties: the first mentioned first). */
  readonly entities: readonly EntityDigest[];
  readonly #byId: Map<string, EntityDigest>;
  readonly #sentences: SentenceIndex;
  readonly #text: string;

  constructor(text: string, entities: EntityDigest[], sentences: SentenceIndex) {
    this.#text = text;
    this.entities = entities;
    this.#byId = new Map(entities.map((entry) => [entry.entityId, entry]));
    this.#sentences = sentences;
  }

  /** The digest of one entity, or undefined when the text does not mention it. */
  get(entityId: string): EntityDigest | undefined {
    return this.#byId.get(entityId);
  }

  /** The sentence holding `offset`. */
  sentenceAt(offset: number): Sentence {
    const span = this.#sentences.sentenceAt(offset);
    return { ...span, text: this.#text.slice(span.start, span.end) };
  }

  /**
   * Up to `limit` sentences about the entity: the one holding `offset` first (when given and
   * it mentions the entity), then the others in text order.
   */
  sentencesFor(entityId: string, offset?: number, limit = Infinity): Sentence[] {
    const entry = this.#byId.get(entityId);
    if (entry === undefined) return [];
    const all = entry.sentences;
    const current = offset === undefined ? undefined : all.find((s) => s.start <= offset && offset < s.end);
    const ordered = current === undefined ? all : [current, ...all.filter((s) => s !== current)];
    return ordered.slice(0, limit);
  }
}

/** Builds the digest of `text` from its mentions (in text order). */
export function buildDigest(text: string, mentions: readonly Mention[], sentences: SentenceIndex): Digest {
  const byId = new Map<string, EntityDigest>();
  const idsBySentence = new Map<number, Set<string>>();
  const sentenceByStart = new Map<number, Sentence>();

  for (const mention of mentions) {
    let entry = byId.get(mention.entityId);
    if (entry === undefined) {
      entry = { entityId: mention.entityId, count: 0, sentences: [], mentions: [], alongside: [] };
      byId.set(mention.entityId, entry);
    }
    entry.count++;
    entry.mentions.push(mention);
    const span = sentences.sentenceAt(mention.start);
    let sentence = sentenceByStart.get(span.start);
    if (sentence === undefined) {
      sentence = { ...span, text: text.slice(span.start, span.end) };
      sentenceByStart.set(span.start, sentence);
    }
    if (entry.sentences.at(-1) !== sentence) entry.sentences.push(sentence);
    let ids = idsBySentence.get(span.start);
    if (ids === undefined) {
      ids = new Set();
      idsBySentence.set(span.start, ids);
    }
    ids.add(mention.entityId);
  }

  for (const entry of byId.values()) {
    const shared = new Map<string, number>();
    for (const sentence of entry.sentences)
      for (const other of idsBySentence.get(sentence.start) ?? [])
        if (other !== entry.entityId) shared.set(other, (shared.get(other) ?? 0) + 1);
    entry.alongside = [...shared].sort((a, b) => b[1] - a[1]).map(([entityId, sharedSentences]) => ({ entityId, sharedSentences }));
  }

  const order = [...byId.values()];
  const firstSeen = new Map(order.map((entry, index) => [entry.entityId, index]));
  order.sort((a, b) => b.count - a.count || (firstSeen.get(a.entityId) ?? 0) - (firstSeen.get(b.entityId) ?? 0));
  return new Digest(text, order, sentences);
}
