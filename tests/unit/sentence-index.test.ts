import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentenceIndex } from '../../src/core/context/sentences.js';
import type { Span } from '../../src/core/context/text-spans.js';

/** The sentence holding `offset` read from its whole paragraph's sentences, the plain way. */
function plainSentenceAt(index: SentenceIndex, offset: number): Span {
  const sentences = index.sentencesOf(index.lines.contextAround(offset));
  let found = sentences[0] ?? { start: offset, end: offset };
  for (const sentence of sentences) if (sentence.start <= offset) found = sentence;
  return found;
}

/** Prose with the marks that move sentence breaks: abbreviations, quotes, decimals, other scripts' stops and separators. */
const prose = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('Mr.', 'Dr. Smith', 'e.g.', 'U.S.', 'the', 'Chip', 'H20', '1.5', '3.', '...', '."', '.)', '?', '!', '。', '！', '芯片', '‽'),
        fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u00a0', '\t', '  ', '“', '”', '(', ')', 'İ', '\ud83d\ude00', '\u0301', '\ufeff'),
        fc.string({ maxLength: 3 }),
      ),
      fc.constantFrom(' ', '', '. ', '\n'),
    ),
    { maxLength: 50 },
  )
  .map((parts) => parts.map(([part, gap]) => part + gap).join(''));

describe('sentence index', () => {
  it('finds the sentence at every offset as reading the whole paragraph does', () => {
    fc.assert(
      fc.property(prose, (text) => {
        const fast = new SentenceIndex(text);
        const plain = new SentenceIndex(text);
        for (let offset = 0; offset <= text.length; offset++) expect(fast.sentenceAt(offset), `${JSON.stringify(text)} @${offset}`).toEqual(plainSentenceAt(plain, offset));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same sentences in windows of a very long line, asked in any order', () => {
    const sentence = 'Filler words run on here. Nvidia shipped the H20 to China! Dr. Lee said so? ';
    const text = sentence.repeat(Math.ceil(40_000 / sentence.length));
    const fast = new SentenceIndex(text);
    const plain = new SentenceIndex(text);
    for (let offset = text.length; offset >= 0; offset -= 37) expect(fast.sentenceAt(offset)).toEqual(plainSentenceAt(plain, offset));
  });
});
