import { describe, expect, it } from 'vitest';
import { buildCardModel, emphasise } from '../../src/core/card/card-model.js';
import { ChipLensEngine } from '../../src/core/engine.js';
import { KnowledgeBase } from '../../src/core/knowledge/index.js';
import { TEST_ENTITIES, TEST_KB } from './test-knowledge.js';

const withFacts = new KnowledgeBase(
  TEST_ENTITIES.map((e) =>
    e.id === 'nvidia-h20'
      ? { ...e, facts: [{ key: 'memory' as const, value: '96 GB HBM3', source: 'https://example.com/h20', asOf: '2024-01' }] }
      : e.id === 'nvidia-h100'
        ? { ...e, facts: [{ key: 'memory' as const, value: '80 GB HBM3', source: 'https://www.example.org/h100', asOf: '2023-03' }, { key: 'power' as const, value: '700 W', source: 'https://example.org/p', asOf: '2023' }] }
        : e,
  ),
  TEST_KB.generalCues,
);
const engine = new ChipLensEngine(withFacts);
const ARTICLE = 'Nvidia built the H20 for China. The H20 trails the H100 by a wide margin.\nBuyers still want the H20.';

describe('card model', () => {
  const { digest } = engine.analyze(ARTICLE);

  it('shows the sentence under the pointer first, then up to two more, with the name emphasised', () => {
    const model = buildCardModel({ kb: withFacts, entityId: 'nvidia-h20', article: digest, here: { text: 'Buyers still want the H20.', start: 100, spans: [{ start: 122, end: 125 }] }, pageCount: 3 });
    expect(model?.here).toEqual([{ text: 'Buyers still want the ', emphasis: false }, { text: 'H20', emphasis: true }, { text: '.', emphasis: false }]);
    expect(model?.more.map((parts) => parts.map((p) => p.text).join(''))).toEqual(['Nvidia built the H20 for China.', 'The H20 trails the H100 by a wide margin.']);
    expect(model?.more[0]?.filter((p) => p.emphasis).map((p) => p.text)).toEqual(['H20']);
    expect(model?.countLine).toBe('Mentioned 3 times in this article');
  });

  it('names the vendor and kind, its facts with date and source host, and the chips alongside', () => {
    const model = buildCardModel({ kb: withFacts, entityId: 'nvidia-h20', article: digest, pageCount: 3 });
    expect(model?.subtitle).toBe('Nvidia · GPU');
    expect(model?.facts).toEqual([{ label: 'Memory', value: '96 GB HBM3', asOf: '2024-01', source: 'https://example.com/h20', sourceName: 'example.com' }]);
    expect(model?.alongside.map((a) => a.name)).toEqual(['Nvidia', 'Nvidia H100']);
  });

  it('lines up the figures of the chips of the same kind in the article', () => {
    const model = buildCardModel({ kb: withFacts, entityId: 'nvidia-h20', article: digest, pageCount: 3 });
    expect(model?.comparison).toEqual({
      columns: ['Nvidia H20', 'Nvidia H100'],
      rows: [
        { label: 'Memory', values: ['96 GB HBM3', '80 GB HBM3'] },
        { label: 'Power', values: ['—', '700 W'] },
      ],
    });
  });

  it('says when the chip is named on the page but not in the article body', () => {
    const model = buildCardModel({ kb: withFacts, entityId: 'amd-mi300x', article: digest, pageCount: 1 });
    expect(model?.countLine).toBe('Not in the article body; named once on this page');
    expect(model?.comparison).toBeUndefined();
  });

  it('returns nothing for an unknown entity', () => {
    expect(buildCardModel({ kb: withFacts, entityId: 'nope', article: digest, pageCount: 0 })).toBeUndefined();
  });
});

describe('emphasise', () => {
  it('keeps every character, in order, whatever the spans', () => {
    const text = 'The H20 and the H20 again';
    const parts = emphasise(text, 10, [{ start: 26, end: 29 }, { start: 14, end: 17 }, { start: 0, end: 5 }]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.emphasis).map((p) => p.text)).toEqual(['H20', 'H20']);
  });
});
