/** A stretch of text by its UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

const NEWLINE = 0x0a;

/** The line (paragraph) of `text` that holds `offset`: block texts are joined by newlines. */
export function paragraphAt(text: string, offset: number): Span {
  const before = text.lastIndexOf('\n', Math.max(0, offset - 1));
  let start = before < 0 ? 0 : before + 1;
  if (offset < text.length && text.charCodeAt(offset) === NEWLINE) start = offset;
  const after = text.indexOf('\n', offset);
  return { start, end: after < 0 ? text.length : after };
}

/** Narrows a span so it neither starts nor ends with whitespace. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
