import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCode } from '../../src/core/match/normalise.js';
import { PhraseSet, foldForPhrases } from '../../src/core/context/phrases.js';

/** The folding written plainly: every run of spaces and dashes becomes one space, whatever it was. */
function plainFold(text: string): string {
  const narrow = text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(foldCode(c.charCodeAt(0))));
  return narrow
    .toLowerCase()
    .replace(/[\s\u00a0\u2000-\u200a\u2010-\u2015\u202f\u205f\u2212\u3000\ufe63-]+/g, ' ')
    .replace(/[\u2018\u2019\uff07]/g, "'");
}

const spacedText = fc
  .array(fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u1680', '\u2028', '-', '\u2013', '\u2212', '\ufe63', 'a', 'GPU', 'Ｈ', '’', '.', 'İ'), { maxLength: 20 })
  .map((parts) => parts.join(''));

describe('phrase folding', () => {
  it('folds as the plain definition does, single spaces left in place or not', () => {
    fc.assert(
      fc.property(fc.oneof(spacedText, fc.string({ maxLength: 20 })), (text) => {
        expect(foldForPhrases(text)).toBe(plainFold(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the same in a text folded once as in the text itself', () => {
    const set = new PhraseSet(['GPU', 'data center', 'chip']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('GPU', 'GPUs', 'gpu', 'data  center', 'data-center', 'chip', 'chips', 'xchip', ' ', '.', '芯片'), { maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        expect(set.countInFolded(foldForPhrases(text))).toBe(new PhraseSet(['GPU', 'data center', 'chip']).countIn(text));
      }),
      { numRuns: 500 },
    );
  });
});
