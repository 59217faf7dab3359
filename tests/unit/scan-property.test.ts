import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import { bundledKnowledge } from '../../src/core/knowledge/index.js';
import { normaliseAlias } from '../../src/core/match/normalise.js';

const engine = new ChipLensEngine();
const kb = bundledKnowledge();
const aliasesOf = new Map(kb.entities.map((e) => [e.id, new Set([...e.aliases, ...e.ambiguous.map((a) => a.alias)].map(normaliseAlias))]));
const someAliases = kb.entities.flatMap((e) => [...e.aliases.slice(0, 2), ...e.ambiguous.slice(0, 1).map((a) => a.alias)]);

/** Text made of alias names, chip words, everyday words and odd characters, in any order. */
const newsLikeText = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...(someAliases.length > 0 ? someAliases : ['H20'])),
        fc.constantFrom('the', 'chip', 'GPU', 'ridge', 'road', 'Edward', "'s", 's', '-', '—', '\u00a0', '\n', '. ', '芯片', '英伟达', '(', ')', '3nm', 'TFLOPS'),
        fc.string({ maxLength: 6 }),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
      ),
      fc.constantFrom(' ', '', '\u2009', '\n'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.map(([part, gap]) => part + gap).join(''));

/** What a mention's text must fold to: one of its entity's aliases, plural s allowed. */
function foldsToAlias(text: string, entityId: string): boolean {
  const aliases = aliasesOf.get(entityId);
  if (aliases === undefined) return false;
  const key = normaliseAlias(text);
  return aliases.has(key) || (key.endsWith('s') && aliases.has(key.slice(0, -1)));
}

describe('scanning any string', () => {
  it('never throws on arbitrary strings, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        engine.analyze(text);
      }),
      { numRuns: 500 },
    );
  });

  it('reports only offsets whose text folds to one of the entity’s aliases', () => {
    fc.assert(
      fc.property(newsLikeText, (text) => {
        const { mentions, digest } = engine.analyze(text);
        let last = -1;
        for (const mention of mentions) {
          expect(mention.start).toBeGreaterThan(last);
          expect(mention.end).toBeGreaterThan(mention.start);
          expect(text.slice(mention.start, mention.end)).toBe(mention.text);
          expect(foldsToAlias(mention.text, mention.entityId), `${mention.text} as ${mention.entityId}`).toBe(true);
          last = mention.end - 1;
        }
        for (const entry of digest.entities) for (const s of entry.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('a wall of text', () => {
  it('finds mentions and their sentences in one 2 MB line as in short ones', () => {
    const sentence = 'Filler words run on here. Nvidia shipped the H20 to China. ';
    const text = sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    const { mentions, digest } = engine.analyze(text);
    expect(mentions.filter((m) => m.text === 'H20')).toHaveLength(Math.ceil(2_000_000 / sentence.length));
    const sentences = digest.get(mentions.find((m) => m.text === 'H20')?.entityId ?? '')?.sentences ?? [];
    expect(sentences.every((s) => s.text === 'Nvidia shipped the H20 to China.')).toBe(true);
  });
});
