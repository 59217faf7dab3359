/** A stretch of text by its UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The lines (paragraphs) of a text: block texts are joined by newlines. Line starts are found
 * once, so looking up the line of any offset is a binary search, however long the line.
 */
export class TextLines {
  readonly #breaks: number[] = [];
  readonly #length: number;

  constructor(text: string) {
    this.#length = text.length;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.#breaks.push(at);
  }

  /** The line that holds `offset` (a newline belongs to the line it ends). */
  paragraphAt(offset: number): Span {
    const breaks = this.#breaks;
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((breaks[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return { start: low === 0 ? 0 : (breaks[low - 1] as number) + 1, end: low < breaks.length ? (breaks[low] as number) : this.#length };
  }

  /**
   * The line around `offset`; a line longer than 3 × MAX_CONTEXT is cut to a window reaching at
   * least MAX_CONTEXT past the offset on each side, so a 5 MB line costs what a normal one does.
   * Windows are aligned, so nearby offsets share one.
   */
  contextAround(offset: number): Span {
    const paragraph = this.paragraphAt(offset);
    if (paragraph.end - paragraph.start <= 3 * MAX_CONTEXT) return paragraph;
    const base = offset - (offset % MAX_CONTEXT);
    return { start: Math.max(paragraph.start, base - MAX_CONTEXT), end: Math.min(paragraph.end, base + 2 * MAX_CONTEXT) };
  }
}

/** Past this length a line is a wall of text, and only the stretch around a point is read as its context. */
export const MAX_CONTEXT = 4000;

const WHITESPACE = /\s/;
/** Per code unit: 0 not yet known, 1 whitespace, 2 not. */
const whitespaceCache = new Uint8Array(0x10000);

/** Whether a code unit is whitespace as `\s` reads it, from a table filled as units are met. */
export function isWhitespaceCode(code: number): boolean {
  let known = whitespaceCache[code] as number;
  if (known === 0) {
    known = WHITESPACE.test(String.fromCharCode(code)) ? 1 : 2;
    whitespaceCache[code] = known;
  }
  return known === 1;
}

/** Narrows a span so it neither starts nor ends with whitespace. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && start < text.length && isWhitespaceCode(text.charCodeAt(start))) start++;
  while (end > start && end <= text.length && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

