// npm run bench:core — throughput of the core engine on about 5 MB of generated news text:
// matching alone, matching with disambiguation, and the full analysis with the digest; and
// the path a page takes: each paragraph matched as its own block, then all blocks judged as
// one joined text in slices.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newsText } from './news-generator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'chiplens', 'core-bench.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(root, 'src/core/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const { ChipLensEngine, PageEvidence, SentenceIndex } = await import(pathToFileURL(out).href);

const json = process.argv.includes('--json');
const text = newsText(5 * 1024 * 1024, 7);
const megabytes = text.length / (1024 * 1024);
const compileStart = performance.now();
const engine = new ChipLensEngine();
const compileMs = performance.now() - compileStart;

function measure(label, work, runs = 7) {
  work(); // warm-up: the first run also compiles the hot paths
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { label, medianMs: Math.round(median * 10) / 10, mbPerSecond: Math.round((megabytes / (median / 1000)) * 10) / 10, result };
}

/** Hits the content script judges per step of its time slicer. */
const HITS_PER_STEP = 150;
const blocks = text.split('\n');

/** As a page is read: every block matched alone, then the hits judged against the joined blocks. */
function pagePath() {
  const allHits = [];
  let length = 0;
  for (const block of blocks) {
    for (const hit of engine.matcher.scan(block)) allHits.push({ ...hit, start: hit.start + length, end: hit.end + length });
    length += block.length + 1;
  }
  const joined = blocks.join('\n');
  const sentences = new SentenceIndex(joined);
  const judgement = engine.prepare(joined, allHits, new PageEvidence(), sentences);
  let mentions = 0;
  for (let from = 0; from < allHits.length; from += HITS_PER_STEP) mentions += judgement.judge(from, Math.min(allHits.length, from + HITS_PER_STEP)).length;
  return mentions;
}

const match = measure('match', () => engine.matcher.scan(text).length);
const analyze = measure('match + disambiguate + digest', () => engine.analyze(text).mentions.length);
const page = measure('page path', pagePath);
const figures = {
  textMB: Math.round(megabytes * 100) / 100,
  aliases: engine.matcher.aliasCount,
  entities: engine.kb.entities.length,
  compileMs: Math.round(compileMs * 10) / 10,
  match: { medianMs: match.medianMs, mbPerSecond: match.mbPerSecond, hits: match.result },
  analyze: { medianMs: analyze.medianMs, mbPerSecond: analyze.mbPerSecond, mentions: analyze.result },
  page: { blocks: blocks.length, medianMs: page.medianMs, mbPerSecond: page.mbPerSecond, mentions: page.result },
};
if (json) console.log(JSON.stringify(figures));
else {
  console.log(`core engine on ${figures.textMB} MB of generated news text (${figures.entities} entities, ${figures.aliases} aliases; compiled in ${figures.compileMs} ms)`);
  console.log(`  match only:                     ${match.medianMs} ms  ${match.mbPerSecond} MB/s  ${match.result} hits`);
  console.log(`  match + disambiguate + digest:  ${analyze.medianMs} ms  ${analyze.mbPerSecond} MB/s  ${analyze.result} mentions`);
  console.log(`${`  page path (${blocks.length} blocks):`.padEnd(34)}${page.medianMs} ms  ${page.mbPerSecond} MB/s  ${page.result} mentions`);
  console.log('  (median of 7 runs after a warm-up)');
}
