import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import { TEST_KB } from './test-knowledge.js';

const engine = new ChipLensEngine(TEST_KB);
const TEXT = [
  'Nvidia built the H20 for China. The H20 trails the H100 by a wide margin.',
  'Huawei answers with the Ascend 910C. Buyers compare the Ascend 910C with the H20.',
  '英伟达H20芯片。华为昇腾910C芯片。',
].join('\n');

describe('digest', () => {
  const { digest } = engine.analyze(TEXT);

  it('counts mentions and lists each sentence once, with offsets that point at the text', () => {
    const h20 = digest.get('nvidia-h20');
    expect(h20?.count).toBe(4);
    expect(h20?.sentences.map((s) => s.text)).toEqual([
      'Nvidia built the H20 for China.',
      'The H20 trails the H100 by a wide margin.',
      'Buyers compare the Ascend 910C with the H20.',
      '英伟达H20芯片。',
    ]);
    for (const s of h20?.sentences ?? []) expect(TEXT.slice(s.start, s.end)).toBe(s.text);
  });

  it('lists the entities named in the same sentences, most shared first', () => {
    expect(digest.get('nvidia-h20')?.alongside.map((a) => a.entityId)).toEqual(['nvidia', 'nvidia-h100', 'huawei-ascend-910c']);
  });

  it('orders entities by count', () => {
    expect(digest.entities[0]?.entityId).toBe('nvidia-h20');
  });

  it('puts the sentence under a given offset first', () => {
    const offset = TEXT.indexOf('Buyers') + 5;
    const sentences = digest.sentencesFor('nvidia-h20', offset, 3).map((s) => s.text);
    expect(sentences[0]).toBe('Buyers compare the Ascend 910C with the H20.');
    expect(sentences).toHaveLength(3);
    expect(digest.sentenceAt(offset).text).toBe('Buyers compare the Ascend 910C with the H20.');
  });

  it('returns nothing for an entity the text does not name', () => {
    expect(digest.get('amd-mi300x')).toBeUndefined();
    expect(digest.sentencesFor('amd-mi300x')).toEqual([]);
  });
});
