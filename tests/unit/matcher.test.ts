import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/match/matcher.js';
import { TEST_ENTITIES } from './test-knowledge.js';

const matcher = Matcher.compile(TEST_ENTITIES);
const found = (text: string): string[] => matcher.scan(text).map((hit) => `${text.slice(hit.start, hit.end)}=${hit.entityId}`);

describe('matcher boundaries', () => {
  it('finds a model number inside Chinese text and in brackets', () => {
    expect(found('英伟达H20芯片')).toEqual(['英伟达=nvidia', 'H20=nvidia-h20']);
    expect(found('the chip (H20) sold')).toEqual(['H20=nvidia-h20']);
  });

  it('never finds a model number inside a longer code', () => {
    expect(found('H200 and H20A1 and GH200')).toEqual(['H200=nvidia-h200', 'GH200=nvidia-gh200']);
    expect(found('XH20 H20x 2H20')).toEqual([]);
  });

  it('finds the name beside punctuation, quotes and hyphenated words', () => {
    expect(found('“H20”, H20-based, H20.')).toEqual(['H20=nvidia-h20', 'H20=nvidia-h20', 'H20=nvidia-h20']);
  });
});

describe('matcher normalisation', () => {
  it('matches safe aliases in any case', () => {
    expect(found('h100 and H100 and mi300x')).toEqual(['h100=nvidia-h100', 'H100=nvidia-h100', 'mi300x=amd-mi300x']);
  });

  it('matches everyday-word aliases only in their own case', () => {
    expect(found('ascend, ASCEND and Ascend')).toEqual(['Ascend=huawei-ascend']);
  });

  it('folds full-width forms, no-break and thin spaces, hyphens and dashes', () => {
    expect(found('Ｈ２０ and ＭＩ３００Ｘ')).toEqual(['Ｈ２０=nvidia-h20', 'ＭＩ３００Ｘ=amd-mi300x']);
    for (const gap of [' ', '\u00a0', '\u2009', '\u202f', '-', '\u2010', '\u2013', '\u2014', ' - '])
      expect(found(`Ascend${gap}910C`), JSON.stringify(gap)).toEqual([`Ascend${gap}910C=huawei-ascend-910c`]);
  });

  it('takes the plural s into the mention and leaves the possessive out', () => {
    expect(found('H100s and TPUs')).toEqual(['H100s=nvidia-h100', 'TPUs=google-tpu']);
    expect(found("Nvidia's H20’s")).toEqual(['Nvidia=nvidia', 'H20=nvidia-h20']);
  });

  it('does not pluralise a word alias into another word', () => {
    expect(found('She ascends. Ascends to the top.')).toEqual([]);
  });

  it('allows an optional space between Chinese and Latin parts of a name', () => {
    expect(found('昇腾 910C 和昇腾910C')).toEqual(['昇腾 910C=huawei-ascend-910c', '昇腾910C=huawei-ascend-910c']);
  });
});

describe('longest match', () => {
  it('prefers the longer alias and links variants to their entity', () => {
    expect(found('Ascend 910C vs Ascend')).toEqual(['Ascend 910C=huawei-ascend-910c', 'Ascend=huawei-ascend']);
    expect(found('a GB200 NVL72 rack and a GB200')).toEqual(['GB200 NVL72=nvidia-gb200-nvl72', 'GB200=nvidia-gb200']);
    expect(found('the H100 SXM5 board')).toEqual(['H100 SXM5=nvidia-h100']);
    expect(found('Instinct MI300X')).toEqual(['Instinct MI300X=amd-mi300x']);
  });

  it('falls back to the shorter alias where the longer one does not end on a boundary', () => {
    expect(found('Ascend 910Cx')).toEqual(['Ascend=huawei-ascend']);
  });
});

describe('numbers', () => {
  const numbered = Matcher.compile([
    { id: 'process-4nm', name: '4nm', kind: 'process', vendor: null, aliases: ['4nm', '4 nm'], ambiguous: [], cues: [], related: [], summary: 'A process node for the tests.', facts: [] },
  ]);
  it('does not find a name inside a decimal number', () => {
    expect(numbered.scan('a 1.4nm node, a 1,4 nm node').length).toBe(0);
    expect(numbered.scan('a 4nm node, and 4 nm.').map((h) => h.end - h.start)).toEqual([3, 4]);
  });
});
