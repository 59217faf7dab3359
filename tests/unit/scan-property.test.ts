import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import { bundledKnowledge } from '../../src/core/knowledge/index.js';
import type { Entity } from '../../src/core/knowledge/schema.js';
import { Matcher } from '../../src/core/match/matcher.js';
import { normaliseAlias } from '../../src/core/match/normalise.js';
import { referenceScan, type PlainHit } from './reference-matcher.js';

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

/** An alias cut short, recased or with its gaps changed: the near misses the matcher's shortcuts must not get wrong. */
function nearAliases(aliases: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...aliases), fc.nat(), fc.constantFrom('same', 'lower', 'upper', 'gaps', 'cut', 'split'), fc.constantFrom(' ', '-', '\u00a0', '', '  ', '\n'))
    .map(([alias, n, how, gap]) => {
      if (how === 'lower') return alias.toLowerCase();
      if (how === 'upper') return alias.toUpperCase();
      if (how === 'gaps') return alias.replace(/[\s-]/g, gap);
      if (how === 'cut') return alias.slice(0, 1 + (n % Math.max(1, alias.length)));
      if (how === 'split') return alias.slice(0, 1 + (n % 2)) + gap + alias.slice(1 + (n % 2));
      return alias;
    });
}

function textOf(aliases: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.tuple(
        fc.oneof(
          nearAliases(aliases),
          fc.constantFrom('the', 'in', 'for', 'a', 's', "'s", '1.', '2,', '.5', '芯片', '(', '”', 'x', 'ｘ', '\u0130', '\ud83d', 'Σ'),
          fc.string({ maxLength: 4 }),
        ),
        fc.constantFrom(' ', '', '\u3000', '-', '\n', '.'),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.map(([part, gap]) => part + gap).join(''));
}

const plain = (matcher: Matcher, text: string, from?: number, to?: number): PlainHit[] =>
  matcher.scan(text, from, to).map((hit) => ({ start: hit.start, end: hit.end, entityId: hit.entityId, alias: hit.record.alias }));

/** Names a user may add: one unit long, spaced beside Chinese, sharing prefixes with a space or without. */
const ODD_ENTITIES: Entity[] = [
  ['one-letter', ['X', '片']],
  ['spaced', ['ab cd', 'ab芯片', 'in the', 'a b c']],
  ['mixed', ['芯 x1', 'x1 芯', '昇腾 910', 'Q-9', 'q9s']],
  ['words', ['Tho', 'Thor', 'th', 'for']],
].map(([id, aliases]) => ({ id: id as string, name: id as string, kind: 'gpu', vendor: null, aliases: aliases as string[], ambiguous: [], cues: [], related: [], summary: '', facts: [] }));
ODD_ENTITIES.push({ ...(ODD_ENTITIES[3] as Entity), id: 'ambiguous', aliases: [], ambiguous: [{ alias: 'Ascend', collidesWith: 'verb' }, { alias: 'Ab-Cd', collidesWith: 'test' }, { alias: 'XY 9', collidesWith: 'test' }, { alias: '芯 Ab', collidesWith: 'test' }] });

describe('the matcher against a plain reference walk', () => {
  const kbEntities = kb.entities;
  const kbAliases = kbEntities.flatMap((e) => [...e.aliases, ...e.ambiguous.map((a) => a.alias)]);
  const odd = Matcher.compile(ODD_ENTITIES);
  const oddAliases = ODD_ENTITIES.flatMap((e) => [...e.aliases, ...e.ambiguous.map((a) => a.alias)]);

  it('finds the same hits with the bundled knowledge', () => {
    fc.assert(
      fc.property(fc.oneof(textOf(kbAliases), newsLikeText), (text) => {
        expect(plain(engine.matcher, text)).toEqual(referenceScan(kbEntities, text));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the same hits with one-unit names and names spaced beside Chinese', () => {
    fc.assert(
      fc.property(textOf(oddAliases), (text) => {
        expect(plain(odd, text)).toEqual(referenceScan(ODD_ENTITIES, text));
      }),
      { numRuns: 600 },
    );
  });

  it('finds the same hits in a window of the text', () => {
    fc.assert(
      fc.property(textOf(kbAliases), fc.nat(), fc.nat(), (text, a, b) => {
        const from = a % (text.length + 2);
        const to = from + (b % (text.length + 2));
        expect(plain(engine.matcher, text, from, to)).toEqual(referenceScan(kbEntities, text, from, to));
      }),
      { numRuns: 300 },
    );
  });
});
