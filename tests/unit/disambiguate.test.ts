import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import { TEST_KB } from './test-knowledge.js';

const engine = new ChipLensEngine(TEST_KB);
const kept = (text: string): string[] => engine.analyze(text).mentions.map((m) => m.text);

describe('ambiguous aliases', () => {
  it('keeps the chip sense where the alias’s own pattern says chip', () => {
    expect(kept("Huawei's Ascend chips are selling.")).toEqual(['Huawei', 'Ascend']);
    expect(kept('Rubin GPUs will follow next year.')).toEqual(['Rubin']);
    expect(kept('Kirin chip supply is short.')).toEqual(['Kirin']);
  });

  it('drops the everyday sense where the alias’s own pattern says so', () => {
    expect(kept('Ascend the ridge before noon.')).toEqual([]);
    expect(kept('Elizabeth Blackwell was the first woman to earn a medical degree in the United States.')).toEqual([]);
    expect(kept('A painting by Edward Hopper sold at auction.')).toEqual([]);
    expect(kept('Admiral Grace Hopper wrote one of the first compilers.')).toEqual([]);
    expect(kept('The Vera C. Rubin Observatory took its first images.')).toEqual([]);
    expect(kept('A cold Kirin beer after work.')).toEqual([]);
  });

  it('keeps a word alias on chip cues in its sentence', () => {
    expect(kept('Nvidia said Blackwell is sold out for the year.')).toEqual(['Nvidia', 'Blackwell']);
    expect(kept('Shipments of Blackwell data centre parts rose, with GB200 racks first.')).toEqual(['Blackwell', 'GB200']);
  });

  it('drops a word alias with no chip context at all', () => {
    expect(kept('Blackwell said the hearing would resume on Monday.')).toEqual([]);
    expect(kept('He met Grace at the station.')).toEqual([]);
  });

  it('drops a capitalised name even in a chip article', () => {
    const text = 'Nvidia reported record GPU sales.\nThe award went to Elizabeth Blackwell for her lecture.';
    expect(kept(text)).toEqual(['Nvidia']);
  });

  it('lends the chip sense to other uses of the same word in the same text', () => {
    const text = 'Nvidia detailed Blackwell GPUs at its conference.\nAnalysts expect Blackwell to lift margins by spring.';
    expect(kept(text)).toEqual(['Nvidia', 'Blackwell', 'Blackwell']);
  });

  it('keeps a weak model-number alias on any chip evidence, and drops it without any', () => {
    expect(kept('Nvidia still sells the A100 in some markets.')).toEqual(['Nvidia', 'A100']);
    expect(kept('Traffic on the A100 was slow this morning.')).toEqual([]);
    expect(kept('Nvidia GPU prices rose.\nThe A100 road was closed.')).toEqual(['Nvidia']);
  });

  it('keeps the alias in the headline case of a Chinese sentence', () => {
    expect(kept('华为昇腾芯片')).toEqual(['华为', '昇腾']);
  });

  it('gives each kept mention a confidence and the reason', () => {
    const [safe, ambiguous] = engine.analyze("Nvidia's Hopper GPUs").mentions;
    expect(safe?.confidence).toBe(1);
    expect(safe?.reason).toMatch(/unambiguous/);
    expect(ambiguous?.confidence).toBeGreaterThan(0.5);
    expect(ambiguous?.confidence).toBeLessThan(1);
    expect(ambiguous?.reason).toMatch(/GPU/);
  });
});

describe('people and places', () => {
  it('reads a name followed by "who" or preceded by "named after" as a person, in any text', () => {
    expect(kept('Nvidia GPUs are named after Blackwell and others.')).toEqual(['Nvidia']);
    expect(kept('Nvidia sells GPUs. Rubin, who studied galaxies, is honoured too.')).toEqual(['Nvidia']);
    expect(kept('Nvidia sells GPUs. Blackwell, a famed statistician, taught at Berkeley.')).toEqual(['Nvidia']);
  });

  it('does not read an apposition after a comma as an everyday sense', () => {
    expect(kept('Huawei said Ascend, the chip line, sold well.')).toEqual(['Huawei', 'Ascend']);
  });
});

describe('neighbour phrases', () => {
  it('lets a chip phrase right after the word outweigh an everyday one before it', () => {
    // "the" before Kirin reads as everyday ("the Kirin" brewery); "chip" right after it says chip.
    expect(kept('Huawei shipped the Kirin chip.')).toEqual(['Huawei', 'Kirin']);
    expect(kept('We drank the Kirin at lunch.')).toEqual([]);
  });

  it('keeps a strict alias only next to its chip phrases, whatever the sentence says', () => {
    expect(kept('Tesla bought Nvidia GPUs for its data centre.')).toEqual(['Nvidia']);
    expect(kept('Nvidia launched the Tesla architecture in 2006.')).toEqual(['Nvidia', 'Tesla']);
  });
});
