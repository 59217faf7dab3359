import { PageEvidence, SentenceIndex, type ChipLensEngine, type Hit, type Mention } from '../core/index.js';
import { nodeIndexAt, rangeFor, type TextSegment } from './text-index.js';
import { FRESH_SLICE } from './time-slicer.js';

/** A kept mention on the page: its block, its offsets in the block's text, and its live Range. */
export interface PageMention {
  readonly segment: TextSegment;
  readonly start: number;
  readonly end: number;
  readonly mention: Mention;
  readonly range: Range;
}

/**
 * A mention whose live Range is made when first asked for: most mentions of a long page are
 * never near the viewport, hovered or revealed, and every live Range costs time at creation
 * and in each later change to the page's DOM, which the browser must apply to it.
 */
class LazyRangeMention implements PageMention {
  readonly segment: TextSegment;
  readonly start: number;
  readonly end: number;
  readonly mention: Mention;
  #range: Range | undefined;

  constructor(segment: TextSegment, mention: Mention) {
    this.segment = segment;
    this.start = mention.start;
    this.end = mention.end;
    this.mention = mention;
  }

  get range(): Range {
    this.#range ??= rangeFor(this.segment, this.start, this.end);
    return this.#range;
  }
}

/** How much one step handles before the slicer checks the clock: a few ms each at most. */
const SEGMENTS_PER_STEP = 16;
const MENTIONS_PER_STEP = 64;
const HITS_PER_STEP = 150;
/** A block longer than this (a wall of text) is matched a window at a time. */
const CHARACTERS_PER_STEP = 100_000;

/**
 * Every scanned block of the page with its mentions, and the lookups hover and navigation
 * need: the mention under a text position, and all mentions in page order.
 */
export class PageIndex {
  readonly #engine: ChipLensEngine;
  readonly #evidence = new PageEvidence();
  readonly #segments = new Set<TextSegment>();
  readonly #mentionsBySegment = new Map<TextSegment, PageMention[]>();
  readonly #segmentOfNode = new Map<Text, TextSegment>();
  /** Mentions per entity, kept as segments come and go, so the popup's list costs no walk over the page. */
  readonly #entities = new Map<string, { category: Mention['category']; count: number }>();
  /** Entities named for the first time since `takeNewEntities()` was last called. */
  #newEntities: string[] = [];
  /** The joined length of every segment's text plus a line break each. */
  #textLength = 0;
  #ordered: PageMention[] | undefined = [];
  #removedSinceOrdered = false;

  constructor(engine: ChipLensEngine) {
    this.#engine = engine;
  }

  /**
   * Matches new segments, judges their ambiguous hits against their joined text and what the
   * page has shown so far, and makes a Range per kept mention. Steps for the time slicer;
   * the new mentions are pushed to `added`, in the order of the segments.
   */
  *add(segments: readonly TextSegment[], added: PageMention[]): Generator<typeof FRESH_SLICE | undefined> {
    const matcher = this.#engine.matcher;
    // The blocks are judged as one text, a line each, so a paragraph's cues count for its
    // sentences; each hit is moved to its place in that text (the matcher's objects are fresh).
    const offsets: number[] = [];
    const allHits: Hit[] = [];
    let length = 0;
    for (let i = 0; i < segments.length; i++) {
      const text = (segments[i] as TextSegment).text;
      offsets.push(length);
      if (text.length <= CHARACTERS_PER_STEP) {
        for (const hit of matcher.scan(text)) allHits.push(moved(hit, length));
      } else {
        let resumeAt = 0;
        for (let from = 0; from < text.length; from += CHARACTERS_PER_STEP) {
          for (const hit of matcher.scan(text, Math.max(from, resumeAt), from + CHARACTERS_PER_STEP)) {
            resumeAt = hit.end;
            allHits.push(moved(hit, length));
          }
          yield;
        }
      }
      length += text.length + 1;
      if (i % SEGMENTS_PER_STEP === SEGMENTS_PER_STEP - 1) yield;
    }
    if (allHits.length === 0) {
      for (const segment of segments) if (isLive(segment)) this.#register(segment, undefined);
      return;
    }
    // Joining a whole page's text and indexing its lines are single steps of about 20 ms each at
    // 8 MB: each starts a slice of its own.
    yield FRESH_SLICE;
    const joined = segments.map((segment) => segment.text).join('\n');
    yield FRESH_SLICE;
    const sentences = new SentenceIndex(joined);
    const mentions: Mention[] = [];
    const judgement = this.#engine.prepare(joined, allHits, this.#evidence, sentences);
    for (let from = 0; from < allHits.length; from += HITS_PER_STEP) {
      for (const mention of judgement.judge(from, Math.min(allHits.length, from + HITS_PER_STEP))) mentions.push(mention);
      yield;
    }
    // Mentions come in text order, so each segment's run of them is contiguous.
    let next = 0;
    for (let segmentIndex = 0; segmentIndex < segments.length; segmentIndex++) {
      const segment = segments[segmentIndex] as TextSegment;
      const base = offsets[segmentIndex] as number;
      const limit = base + segment.text.length;
      let list: PageMention[] | undefined;
      while (next < mentions.length && (mentions[next] as Mention).start < limit) {
        const mention = mentions[next++] as Mention;
        // The judge made this object for us: its offsets become the segment's own.
        mention.start -= base;
        mention.end -= base;
        (list ??= []).push(new LazyRangeMention(segment, mention));
        if (next % MENTIONS_PER_STEP === 0) yield;
      }
      // Text taken out of the page while it was being read left no record a later scan could
      // find it by (it was not indexed yet): it is not indexed at all.
      if (!isLive(segment)) continue;
      this.#register(segment, list);
      if (list !== undefined) for (const item of list) added.push(item);
    }
    this.#addOrdered(added);
  }

  #register(segment: TextSegment, mentions: PageMention[] | undefined): void {
    this.#segments.add(segment);
    this.#textLength += segment.text.length + 1;
    for (const node of segment.nodes) this.#segmentOfNode.set(node, segment);
    if (mentions === undefined) return;
    this.#mentionsBySegment.set(segment, mentions);
    for (const { mention } of mentions) {
      const entry = this.#entities.get(mention.entityId);
      if (entry === undefined) {
        this.#entities.set(mention.entityId, { category: mention.category, count: 1 });
        this.#newEntities.push(mention.entityId);
      } else entry.count++;
    }
  }

  /**
   * Keeps the page-order list current: the first scan's mentions come in walk order (page
   * order, shadow trees last), later ones are put in place by binary search, so a rescan of a
   * few paragraphs costs a few comparisons instead of a sort of the whole page.
   */
  #addOrdered(added: readonly PageMention[]): void {
    if (this.#ordered === undefined) return;
    if (this.#ordered.length === 0) {
      this.#ordered = [...added];
      return;
    }
    if (added.length > this.#ordered.length) {
      this.#ordered = undefined;
      return;
    }
    // A feed appending below everything (the common case) needs a comparison per mention, not
    // a search each: the new ones, in order, all after the last one known.
    let previous = this.#ordered.at(-1);
    let appended = true;
    for (const item of added) {
      if (previous !== undefined && inPageOrder(previous, item) >= 0) {
        appended = false;
        break;
      }
      previous = item;
    }
    if (appended) {
      for (const item of added) this.#ordered.push(item);
      return;
    }
    for (const item of added) {
      let low = 0;
      let high = this.#ordered.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (inPageOrder(this.#ordered[middle] as PageMention, item) <= 0) low = middle + 1;
        else high = middle;
      }
      this.#ordered.splice(low, 0, item);
    }
  }

  /** Forgets a segment (its nodes changed or left the page); returns its mentions. */
  remove(segment: TextSegment): PageMention[] {
    if (!this.#segments.delete(segment)) return [];
    this.#textLength -= segment.text.length + 1;
    for (const node of segment.nodes) if (this.#segmentOfNode.get(node) === segment) this.#segmentOfNode.delete(node);
    const mentions = this.#mentionsBySegment.get(segment) ?? [];
    this.#mentionsBySegment.delete(segment);
    if (mentions.length === 0) return mentions;
    for (const { mention } of mentions) {
      const entry = this.#entities.get(mention.entityId);
      if (entry !== undefined && --entry.count === 0) this.#entities.delete(mention.entityId);
    }
    this.#removedSinceOrdered = true;
    return mentions;
  }

  /** Every indexed segment with a text node in `root` (a text node, an element or a detached subtree). */
  segmentsUnder(root: Node): Set<TextSegment> {
    const found = new Set<TextSegment>();
    // Nothing indexed yet (the first scan): no walk over the page for nothing.
    if (this.#segmentOfNode.size === 0) return found;
    if (root.nodeType === Node.TEXT_NODE) {
      const segment = this.#segmentOfNode.get(root as Text);
      if (segment !== undefined) found.add(segment);
      return found;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const segment = this.#segmentOfNode.get(node as Text);
      if (segment !== undefined) found.add(segment);
    }
    return found;
  }

  /** The mention covering a caret position (a text node and an offset in it), if any. */
  mentionAt(node: Node, offset: number): PageMention | undefined {
    if (node.nodeType !== Node.TEXT_NODE) return undefined;
    const segment = this.#segmentOfNode.get(node as Text);
    if (segment === undefined) return undefined;
    const mentions = this.#mentionsBySegment.get(segment);
    if (mentions === undefined) return undefined;
    const at = (segment.starts[segment.nodes.indexOf(node as Text)] ?? 0) + offset;
    let low = 0;
    let high = mentions.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = mentions[middle] as PageMention;
      if (at < candidate.start) high = middle - 1;
      else if (at >= candidate.end) low = middle + 1;
      else return candidate;
    }
    return undefined;
  }

  /** Every mention, in page order. */
  ordered(): readonly PageMention[] {
    if (this.#ordered === undefined) {
      const all = [...this.#mentionsBySegment.values()].flat();
      all.sort(inPageOrder);
      this.#ordered = all;
      this.#removedSinceOrdered = false;
    } else if (this.#removedSinceOrdered) {
      this.#ordered = this.#ordered.filter((m) => this.#mentionsBySegment.has(m.segment));
      this.#removedSinceOrdered = false;
    }
    return this.#ordered;
  }

  /** How many mentions each entity has on the page, with its category. */
  entityCounts(): ReadonlyMap<string, { readonly category: Mention['category']; readonly count: number }> {
    return this.#entities;
  }

  /** The entities that appeared since the last call (each once), for fetching their card details. */
  takeNewEntities(): string[] {
    const ids = this.#newEntities;
    this.#newEntities = [];
    return ids;
  }

  /** The mentions in one segment, in text order. */
  mentionsIn(segment: TextSegment): readonly PageMention[] {
    return this.#mentionsBySegment.get(segment) ?? [];
  }

  /** Every mention of the page, in no particular order (cheap). */
  *all(): Iterable<PageMention> {
    for (const list of this.#mentionsBySegment.values()) yield* list;
  }

  /** The length of `pageText()`, kept as segments come and go, without joining it. */
  textLength(): number {
    return Math.max(0, this.#textLength - 1);
  }

  /** The text of every scanned block, a line each: the page as the engine reads it. */
  pageText(): string {
    return [...this.#segments].map((segment) => segment.text).join('\n');
  }
}

/** True while the segment's text nodes are still in the page. */
function isLive(segment: TextSegment): boolean {
  return (segment.nodes[0]?.isConnected ?? false) && (segment.nodes.at(-1)?.isConnected ?? false);
}

/** The hit moved `by` code units along: the matcher made it for this call, so it is changed in place. */
function moved(hit: Hit, by: number): Hit {
  hit.start += by;
  hit.end += by;
  return hit;
}

/**
 * Page order of two mentions, read from their text nodes (not their ranges, which would be
 * made for it). Nodes in different shadow trees have no order and keep scan order.
 */
function inPageOrder(a: PageMention, b: PageMention): number {
  if (a.segment === b.segment) return a.start - b.start;
  const nodeA = startNodeOf(a);
  const nodeB = startNodeOf(b);
  if (nodeA === nodeB) return a.start - b.start;
  const position = nodeA.compareDocumentPosition(nodeB);
  if ((position & Node.DOCUMENT_POSITION_DISCONNECTED) !== 0) return 0;
  return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 ? -1 : 1;
}

function startNodeOf(mention: PageMention): Text {
  return mention.segment.nodes[nodeIndexAt(mention.segment, mention.start)] as Text;
}
