import { TextLines, trimSpan, type Span } from './text-spans.js';

/**
 * Sentence bounds from `Intl.Segmenter`, computed one paragraph at a time and only for the
 * paragraphs that are asked about: a long page with few mentions segments little.
 */
export class SentenceIndex {
  readonly #text: string;
  readonly #segmenter: Intl.Segmenter;
  /** Sentences of each paragraph (or window of one) segmented so far, keyed by its bounds. */
  readonly #byParagraph = new Map<string, Span[]>();
  /** The text's lines, shared with the context rules. */
  readonly lines: TextLines;

  constructor(text: string, locale?: string) {
    this.#text = text;
    this.lines = new TextLines(text);
    this.#segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  }

  /** The sentence that holds `offset`, trimmed of surrounding whitespace. */
  sentenceAt(offset: number): Span {
    // A very long paragraph is segmented a window at a time (see contextAround).
    const sentences = this.sentencesOf(this.lines.contextAround(offset));
    let low = 0;
    let high = sentences.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((sentences[middle] as Span).start <= offset) low = middle;
      else high = middle - 1;
    }
    return sentences[low] ?? { start: offset, end: offset };
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
