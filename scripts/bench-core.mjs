// npm run bench:core — throughput of the core engine on about 5 MB of generated news text:
// matching alone, matching with disambiguation, and the full analysis with the digest.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newsText } from './news-generator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'chiplens', 'core-bench.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(root, 'src/core/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const { ChipLensEngine } = await import(pathToFileURL(out).href);

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

const match = measure('match', () => engine.matcher.scan(text).length);
const analyze = measure('match + disambiguate + digest', () => engine.analyze(text).mentions.length);
const figures = {
  textMB: Math.round(megabytes * 100) / 100,
  aliases: engine.matcher.aliasCount,
  entities: engine.kb.entities.length,
  compileMs: Math.round(compileMs * 10) / 10,
  match: { medianMs: match.medianMs, mbPerSecond: match.mbPerSecond, hits: match.result },
  analyze: { medianMs: analyze.medianMs, mbPerSecond: analyze.mbPerSecond, mentions: analyze.result },
};
if (json) console.log(JSON.stringify(figures));
else {
  console.log(`core engine on ${figures.textMB} MB of generated news text (${figures.entities} entities, ${figures.aliases} aliases; compiled in ${figures.compileMs} ms)`);
  console.log(`  match only:                     ${match.medianMs} ms  ${match.mbPerSecond} MB/s  ${match.result} hits`);
  console.log(`  match + disambiguate + digest:  ${analyze.medianMs} ms  ${analyze.mbPerSecond} MB/s  ${analyze.result} mentions`);
  console.log('  (median of 7 runs after a warm-up)');
}
