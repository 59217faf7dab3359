import { TextLines, isWhitespaceCode, trimSpan, type Span } from './text-spans.js';

const segmenters = new Map<string | undefined, Intl.Segmenter>();

/** One segmenter per locale for all texts: making one loads the break rules, which costs more than segmenting a page's hits. */
function sentenceSegmenter(locale: string | undefined): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * Makes the sentence segmenter and reads one sentence with it now: the first one loads the
 * break rules (about 10 ms), which a caller can pay while it waits anyway.
 */
export function prepareSentenceRules(locale?: string): void {
  sentenceSegmenter(locale).segment('Ready. Set.')[Symbol.iterator]().next();
}

/** The sentences of one paragraph found so far, in order, and the segments to ask for more. */
interface KnownSentences {
  readonly end: number;
  readonly spans: Span[];
  segments: Intl.Segments | undefined;
}

/**
 * Sentence bounds from `Intl.Segmenter`, computed one paragraph at a time and only for the
 * paragraphs that are asked about: a long page with few mentions segments little.
 */
export class SentenceIndex {
  readonly #text: string;
  readonly #segmenter: Intl.Segmenter;
  /** Sentences of each paragraph (or window of one) segmented so far, keyed by its bounds. */
  readonly #byParagraph = new Map<string, Span[]>();
  /** Single sentences asked for, by the start of their paragraph (or window). */
  readonly #known = new Map<number, KnownSentences>();
  /** The paragraph whose segments are held: hits come in text order, so one at a time is enough. */
  #current: KnownSentences | undefined;
  /** The text's lines, shared with the context rules. */
  readonly lines: TextLines;

  constructor(text: string, locale?: string) {
    this.#text = text;
    this.lines = new TextLines(text);
    this.#segmenter = sentenceSegmenter(locale);
  }

  /** The sentence that holds `offset`, trimmed of surrounding whitespace. */
  sentenceAt(offset: number): Span {
    // A very long paragraph is segmented a window at a time (see contextAround).
    const paragraph = this.lines.contextAround(offset);
    if (offset >= paragraph.start && offset < paragraph.end && !isWhitespaceCode(this.#text.charCodeAt(offset))) return this.#sentenceHolding(paragraph, offset);
    const sentences = this.sentencesOf(paragraph);
    let low = 0;
    let high = sentences.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((sentences[middle] as Span).start <= offset) low = middle;
      else high = middle - 1;
    }
    return sentences[low] ?? { start: offset, end: offset };
  }

  /**
   * The sentence around a non-space unit of a paragraph, found with `Segments.containing`:
   * the break rules give the same bounds from any point as from the paragraph's start, and
   * segmenting a whole long paragraph for one hit is the costly part of judging a page.
   */
  #sentenceHolding(paragraph: Span, offset: number): Span {
    let known = this.#known.get(paragraph.start);
    if (known === undefined || known.end !== paragraph.end) {
      known = { end: paragraph.end, spans: [], segments: undefined };
      this.#known.set(paragraph.start, known);
    }
    const spans = known.spans;
    // A non-space unit lies inside its trimmed sentence, so a known sentence holding it is the one.
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((spans[middle] as Span).start <= offset) low = middle + 1;
      else high = middle;
    }
    const before = spans[low - 1];
    if (before !== undefined && offset < before.end) return before;
    if (this.#current !== known) {
      if (this.#current !== undefined) this.#current.segments = undefined;
      this.#current = known;
    }
    known.segments ??= this.#segmenter.segment(this.#text.slice(paragraph.start, paragraph.end));
    const segment = known.segments.containing(offset - paragraph.start) as Intl.SegmentData;
    const start = paragraph.start + segment.index;
    const span = trimSpan(this.#text, { start, end: start + segment.segment.length });
    spans.splice(low, 0, span);
    return span;
  }

  /** All sentences of one paragraph, in order. */
  sentencesOf(paragraph: Span): Span[] {
    const key = `${paragraph.start}:${paragraph.end}`;
    const cached = this.#byParagraph.get(key);
    if (cached !== undefined) return cached;
    const sentences: Span[] = [];
    const body = this.#text.slice(paragraph.start, paragraph.end);
    for (const segment of this.#segmenter.segment(body)) {
      const span = trimSpan(this.#text, { start: paragraph.start + segment.index, end: paragraph.start + segment.index + segment.segment.length });
      if (span.end > span.start) sentences.push(span);
    }
    if (sentences.length === 0) sentences.push(paragraph);
    this.#byParagraph.set(key, sentences);
    return sentences;
  }
}
