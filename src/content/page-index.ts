import { PageEvidence, SentenceIndex, type ChipLensEngine, type Hit, type Mention } from '../core/index.js';
import { rangeFor, type TextSegment } from './text-index.js';

/** A kept mention on the page: its block, its offsets in the block's text, and its live Range. */
export interface PageMention {
  readonly segment: TextSegment;
  readonly start: number;
  readonly end: number;
  readonly mention: Mention;
  readonly range: Range;
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
  #ordered: PageMention[] | undefined;

  constructor(engine: ChipLensEngine) {
    this.#engine = engine;
  }

  get segments(): ReadonlySet<TextSegment> {
    return this.#segments;
  }

  /**
   * Matches new segments, judges their ambiguous hits against their joined text and what the
   * page has shown so far, and makes a Range per kept mention. Steps for the time slicer;
   * the new mentions are pushed to `added`.
   */
  *add(segments: readonly TextSegment[], added: PageMention[]): Generator<void> {
    const hitsBySegment: Hit[][] = [];
    for (let i = 0; i < segments.length; i++) {
      const text = (segments[i] as TextSegment).text;
      if (text.length <= CHARACTERS_PER_STEP) hitsBySegment.push(this.#engine.matcher.scan(text));
      else {
        const hits: Hit[] = [];
        for (let from = 0; from < text.length; from += CHARACTERS_PER_STEP) {
          hits.push(...this.#engine.matcher.scan(text, Math.max(from, hits.at(-1)?.end ?? 0), from + CHARACTERS_PER_STEP));
          yield;
        }
        hitsBySegment.push(hits);
      }
      if (i % SEGMENTS_PER_STEP === SEGMENTS_PER_STEP - 1) yield;
    }
    // The blocks are judged as one text, a line each, so a paragraph's cues count for its sentences.
    const offsets: number[] = [];
    const parts: string[] = [];
    const allHits: Hit[] = [];
    let length = 0;
    segments.forEach((segment, i) => {
      offsets.push(length);
      parts.push(segment.text);
      for (const hit of hitsBySegment[i] ?? []) allHits.push({ ...hit, start: hit.start + length, end: hit.end + length });
      length += segment.text.length + 1;
    });
    if (allHits.length === 0) {
      for (const segment of segments) this.#register(segment, []);
      return;
    }
    const joined = parts.join('\n');
    const sentences = new SentenceIndex(joined);
    const mentions: Mention[] = [];
    const judgement = this.#engine.prepare(joined, allHits, this.#evidence, sentences);
    for (let from = 0; from < allHits.length; from += HITS_PER_STEP) {
      mentions.push(...judgement.judge(from, Math.min(allHits.length, from + HITS_PER_STEP)));
      yield;
    }
    let segmentIndex = 0;
    const perSegment = new Map<TextSegment, PageMention[]>(segments.map((segment) => [segment, []]));
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i] as Mention;
      while (segmentIndex + 1 < segments.length && (offsets[segmentIndex + 1] as number) <= mention.start) segmentIndex++;
      const segment = segments[segmentIndex] as TextSegment;
      const base = offsets[segmentIndex] as number;
      const start = mention.start - base;
      const end = mention.end - base;
      const pageMention = { segment, start, end, mention: { ...mention, start, end }, range: rangeFor(segment, start, end) };
      perSegment.get(segment)?.push(pageMention);
      added.push(pageMention);
      if (i % MENTIONS_PER_STEP === MENTIONS_PER_STEP - 1) yield;
    }
    for (const [segment, list] of perSegment) this.#register(segment, list);
  }

  #register(segment: TextSegment, mentions: PageMention[]): void {
    this.#segments.add(segment);
    for (const node of segment.nodes) this.#segmentOfNode.set(node, segment);
    if (mentions.length > 0) this.#mentionsBySegment.set(segment, mentions);
    this.#ordered = undefined;
  }

  /** Forgets a segment (its nodes changed or left the page); returns its mentions. */
  remove(segment: TextSegment): PageMention[] {
    if (!this.#segments.delete(segment)) return [];
    for (const node of segment.nodes) if (this.#segmentOfNode.get(node) === segment) this.#segmentOfNode.delete(node);
    const mentions = this.#mentionsBySegment.get(segment) ?? [];
    this.#mentionsBySegment.delete(segment);
    this.#ordered = undefined;
    return mentions;
  }

  /** The segment that holds a text node, if it was scanned. */
  segmentOf(node: Text): TextSegment | undefined {
    return this.#segmentOfNode.get(node);
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
      const all = [...this.#mentionsBySegment.values()].flat().filter((m) => m.range.startContainer.isConnected);
      all.sort(inPageOrder);
      this.#ordered = all;
    }
    return this.#ordered;
  }

  /** Every mention of the page, in no particular order (cheap). */
  *all(): Iterable<PageMention> {
    for (const list of this.#mentionsBySegment.values()) yield* list;
  }

  /** The text of every scanned block, a line each: the page as the engine reads it. */
  pageText(): string {
    return [...this.#segments].map((segment) => segment.text).join('\n');
  }
}

/** Page order of two mentions; ranges in different shadow trees cannot be compared and keep scan order. */
function inPageOrder(a: PageMention, b: PageMention): number {
  try {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
  } catch {
    return 0;
  }
}
