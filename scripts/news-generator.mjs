// Deterministic generator of chip-news-like text for benchmarks: the same seed gives the
// same text on every machine, so figures from two runs compare.

const FILLER = `the company said on tuesday that demand for its products remained strong across markets while
analysts expected margins to narrow in the second half as customers waited for new supply and prices
settled after a volatile quarter in which shipments rose faster than many investors had predicted
officials in several capitals are reviewing rules that govern sales abroad and industry groups warned that
uncertainty could slow investment in new factories research laboratories and the training of engineers
the report also noted that power costs in large facilities have climbed and that cooling remains a
constraint for operators who want to pack more equipment into each hall without rebuilding the site`.split(/\s+/);

const CHIPS = ['H20', 'H100', 'H200', 'B200', 'GB200 NVL72', 'MI300X', 'MI325X', 'Ascend 910C', 'Ascend 910B', 'Gaudi 3',
  'TPU v5p', 'Trillium', 'Trainium2', 'Nvidia', 'AMD', 'Huawei', 'TSMC', 'SMIC', 'CUDA', 'NVLink', 'HBM3E', 'CoWoS',
  'Blackwell GPUs', "Huawei's Ascend chips", '英伟达H20芯片', 'Grace Hopper Superchip', 'Cerebras', 'Kirin 9000S'];
const EVERYDAY = ['ascend the stairs', 'Elizabeth Blackwell', 'Edward Hopper', 'the A100 road', 'Vera C. Rubin Observatory', 'a cold Kirin beer'];

/** A small seeded PRNG (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraph texts of news-like prose, about one chip name per 150 words, totalling `bytes`. */
export function* newsParagraphs(bytes, seed = 1) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  let produced = 0;
  while (produced < bytes) {
    const words = [];
    const length = 40 + Math.floor(next() * 120);
    for (let i = 0; i < length; i++) {
      const roll = next();
      if (roll < 1 / 150) words.push(pick(CHIPS));
      else if (roll < 1 / 150 + 1 / 900) words.push(pick(EVERYDAY));
      else words.push(pick(FILLER));
      if (next() < 0.07) words[words.length - 1] += '.';
    }
    const paragraph = words.join(' ').replace(/(^|\. )(\p{Ll})/gu, (_, lead, letter) => lead + letter.toUpperCase()) + '.';
    produced += paragraph.length + 1;
    yield paragraph;
  }
}

/** One plain text of about `bytes` characters, paragraphs on their own lines. */
export function newsText(bytes, seed = 1) {
  return [...newsParagraphs(bytes, seed)].join('\n');
}
