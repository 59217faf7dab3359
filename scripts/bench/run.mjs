// npm run bench [-- --json] [--runs N] [--sizes 50k,500k,2m,8m] [--only chiplens,floor,...]
//                 [--mark-array-runs N] [--skip-build] [--skip-profile]
//
// Chip Lens against the floor and the usual highlighters, in headless Chromium, in one run on
// the same generated news pages (scripts/bench/page-generator.mjs):
//   chiplens          the real extension (the test build, dist-test/), its full first scan
//   floor             a TreeWalker that only reads every text node
//   regexp-highlight  reference: the big RegExp below, matches as ranges in CSS.highlights
//   regexp-wrap       one big alternation RegExp over text nodes, matches wrapped in <mark>
//   markjs-regexp     mark.js markRegExp with the same RegExp
//   markjs-array      mark.js mark(aliases): one pass per term (50 KB only: it takes seconds there)
// The peers' terms are every alias of every entity in src/core/knowledge/data/*.json.
// For each, the median over fresh page loads of the time to painted highlights, the longest
// main-thread task, the JS heap after, and the matches found. Then, for Chip Lens: 100
// paragraphs appended to a scanned 2 MB page, hover-to-card time, input delay and frame gaps
// while the 8 MB page is scanned, a CPU profile of the 2 MB scan, and the bundle size.
// A readable report by default; `--json` prints one JSON object (progress goes to stderr).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_SWITCHES, chromiumArgs } from '../chromium-flags.mjs';
import { knowledgeAliases, newsPage, newsParagraphsHtml } from './page-generator.mjs';
import { INIT_SCRIPT, PLAIN_INIT_SCRIPT, afterIdle, appendAndPaint, appendParagraphs, collect, pointerTimes, runPeer, settle, visibleMention, watchFrames, watchPointer } from './peers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};
const JSON_OUT = flag('json');
const RUNS = Number(option('runs', '5'));
const SIZES = { '50k': 50 * 1024, '500k': 500 * 1024, '2m': 2 * 1024 * 1024, '8m': 8 * 1024 * 1024 };
const sizeNames = option('sizes', Object.keys(SIZES).join(',')).split(',');
for (const name of sizeNames) if (!(name in SIZES)) throw new Error(`unknown size ${name}: use ${Object.keys(SIZES).join(', ')}`);
const MARK_ARRAY_SIZE = '50k';
const MARK_ARRAY_RUNS = Number(option('mark-array-runs', String(RUNS)));
const INCREMENTAL_SIZE = '2m';
const RESPONSIVE_SIZE = sizeNames.includes('8m') ? '8m' : sizeNames.at(-1);
/** After the scan's painted frame, two idle periods (the idle-time article work runs in the first) and this pause. */
const IDLE_PAUSE_MS = 400;
const SEED = 1;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 900 };
const DIST_TEST_BUILD = join(root, 'dist-test');
/** What the browser loads: main() copies the test build to a temporary folder, so a rebuild during the run cannot change what is measured. */
let DIST_TEST = DIST_TEST_BUILD;
const ARTIFACTS = join(root, 'artifacts', 'bench');
const MARKJS = join(root, 'node_modules', 'mark.js', 'dist', 'mark.min.js');
// mark(array) as a keyword extension calls it: whole terms (not split into words), on word edges.
const MARK_OPTIONS = { separateWordSearch: false, accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '(', ')', '"', "'", '!', '?', '’'] } };
const ONLY = option('only', '') === '' ? null : new Set(option('only', '').split(','));
const PEERS = ['floor', 'regexp-highlight', 'regexp-wrap', 'markjs-regexp'].filter((approach) => ONLY === null || ONLY.has(approach));
const APPROACHES = ['chiplens', ...PEERS, 'markjs-array'];

const log = (message) => process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s  ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits);
function median(values) {
  const list = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (list.length === 0) return null;
  const middle = list.length >> 1;
  return list.length % 2 === 1 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
}

/** The share of CPU time this machine spent busy over `ms` (Linux /proc/stat; 0 elsewhere). */
async function cpuBusy(ms) {
  const read = () => {
    if (!existsSync('/proc/stat')) return null;
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  const before = read();
  await sleep(ms);
  const after = read();
  if (before === null || after === null || after.total === before.total) return 0;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/** Waits (up to 5 s) until the machine is nearly idle: a closed page's teardown must not slow the next measurement. */
let quiesceMs = 0;
async function quiesce() {
  const begin = Date.now();
  const deadline = begin + 5000;
  while (Date.now() < deadline && (await cpuBusy(150)) > 0.12);
  quiesceMs += Date.now() - begin;
}

// ---------------------------------------------------------------------------------------------
// Build: the production bundle (its size) and the test build (what is measured)
// ---------------------------------------------------------------------------------------------
function build(test) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    env: { ...process.env, ...(test ? { CHIPLENS_TEST: '1' } : {}) },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`the ${test ? 'test ' : ''}build failed`);
  }
  log(result.stdout.trim());
}

/**
 * The production content script's size, and what is in it: an esbuild metafile of the same entry
 * with the knowledge data left out gives every other module's bytes; the data's share is the rest.
 */
async function bundleFigures() {
  const file = join(root, 'dist', 'content.js');
  const code = readFileSync(file);
  const figures = { file: relative(root, file), bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, breakdown: [] };
  try {
    const { build: esbuild } = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'chiplens-bench-bundle-'));
    const result = await esbuild({
      entryPoints: [join(root, 'src', 'content', 'index.ts')],
      outfile: join(dir, 'content.js'),
      bundle: true,
      format: 'iife',
      target: ['chrome120', 'firefox128'],
      minify: true,
      charset: 'utf8',
      legalComments: 'none',
      define: { __CHIPLENS_TEST__: 'false' },
      metafile: true,
      logLevel: 'silent',
      plugins: [{ name: 'no-knowledge-data', setup: (b) => b.onLoad({ filter: /knowledge[\\/]data[\\/][^\\/]+\.json$/ }, () => ({ contents: 'export default { entities: [] }', loader: 'js' })) }],
    });
    rmSync(dir, { recursive: true, force: true });
    const groups = new Map();
    let counted = 0;
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (/knowledge\/data\//.test(input)) continue;
        const parts = input.split('/');
        const group = input.startsWith('node_modules/') ? parts.slice(1, parts[1].startsWith('@') ? 3 : 2).join('/') : input.startsWith('src/core/knowledge/') ? 'src/core/knowledge (schema, cues, loading)' : parts.slice(0, 2).join('/');
        groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
        counted += bytesInOutput;
      }
    }
    groups.set('knowledge base data (src/core/knowledge/data/*.json, as the build packs it)', Math.max(0, code.length - counted));
    figures.breakdown = [...groups].sort((a, b) => b[1] - a[1]).map(([what, bytes]) => ({ what, bytes }));
  } catch (error) {
    figures.breakdownError = String(error.message ?? error);
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Pages and the server
// ---------------------------------------------------------------------------------------------
/**
 * Serves the generated pages on 127.0.0.1. Each load of a page ends with an image whose response
 * the runner holds back (its "gate"): the page parses, renders and goes idle, the content script
 * is injected (document_idle), and only when the runner opens the gate does `load` fire. So
 * Chip Lens (which starts at `load`) and the peers (injected after load) start on a page that is
 * equally settled, and the load event is a known start time.
 */
async function startServer(pages) {
  const held = new Map();
  const open = new Set();
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const sendGif = (response) => response.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(gif);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = /^\/page\/(\w+)\.html$/.exec(url.pathname);
    if (page && pages.has(page[1])) {
      const { before, after } = pages.get(page[1]);
      const gate = url.searchParams.get('gate') ?? '0';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.write(before);
      response.write(`<img src="/gate/${gate}.gif" width="1" height="1" alt="" style="position:absolute;left:0;top:0">\n`);
      response.end(after);
      return;
    }
    const gate = /^\/gate\/(\w+)\.gif$/.exec(url.pathname);
    if (gate) {
      if (open.has(gate[1])) sendGif(response);
      else held.set(gate[1], response);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  let next = 0;
  return {
    newGate() {
      const id = `g${++next}`;
      return { id, url: (size) => `${base}/page/${size}.html?gate=${id}` };
    },
    release(id) {
      open.add(id);
      const response = held.get(id);
      held.delete(id);
      if (response) sendGif(response);
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of held.values()) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Browsers
// ---------------------------------------------------------------------------------------------


/** A browser with the extension from `extensionDir` loaded (or none); the same switches either way. */
async function launch(withExtension, extensionDir = DIST_TEST) {
  const profile = mkdtempSync(join(tmpdir(), `chiplens-bench-${withExtension ? 'ext' : 'plain'}-`));
  const args = withExtension ? chromiumArgs(extensionDir) : [...CHROMIUM_SWITCHES];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROME, headless: true, viewport: VIEWPORT, args });
  if (withExtension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    if (!worker.url().startsWith('chrome-extension://')) throw new Error(`the extension from ${extensionDir} did not load`);
  }
  await context.addInitScript(INIT_SCRIPT);
  if (!withExtension) await context.addInitScript(PLAIN_INIT_SCRIPT);
  for (const page of context.pages()) await page.close();
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits for the init script's console note that a signal's frame has been painted. */
function nextSignalPainted(page, timeout = 180_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', listener);
      reject(new Error(`no Chip Lens signal within ${timeout} ms`));
    }, timeout);
    const listener = (message) => {
      if (message.text() !== '__bench:signal') return;
      clearTimeout(timer);
      page.off('console', listener);
      resolve();
    };
    page.on('console', listener);
  });
}

/** JS heap in use after a full garbage collection (a second of work on an 8 MB page, so measured sparingly). */
async function heapMB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return metricsOf(cdp).then((m) => round(m.JSHeapUsedSize / (1024 * 1024), 1));
}

async function metricsOf(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
}

/**
 * A fresh page load up to the held gate: parsed, rendered, idle, and (with the extension) the
 * content script injected and waiting for `load`.
 */
async function openGated(browser, server, size, withExtension) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let injected = false;
  if (withExtension) {
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.auxData?.type === 'isolated' && String(context.origin).startsWith('chrome-extension://')) injected = true;
    });
    await cdp.send('Runtime.enable');
  }
  const gate = server.newGate();
  await page.goto(gate.url(size), { waitUntil: 'domcontentloaded', timeout: 180_000 });
  await page.evaluate(settle);
  if (withExtension) {
    const deadline = Date.now() + 20_000;
    while (!injected && Date.now() < deadline) await sleep(20);
    if (!injected) throw new Error('the content script was not injected before load');
    await page.evaluate(settle);
    await cdp.send('Runtime.disable');
  }
  const readyState = await page.evaluate(() => document.readyState);
  if (readyState === 'complete') throw new Error('the page loaded before its gate was opened');
  await quiesce();
  return { page, cdp, release: () => server.release(gate.id) };
}

const overlapping = (tasks, from, to) => tasks.filter(([start, duration]) => start < to && start + duration > from);
const longest = (tasks) => tasks.reduce((max, [, duration]) => Math.max(max, duration), 0);

// ---------------------------------------------------------------------------------------------
// Chip Lens: one fresh load, the first scan, then (optionally) more on the same page
// ---------------------------------------------------------------------------------------------
async function chipLensRun(ext, server, size, { trace = false, profile = false, responsive = false, heapBefore: measureBefore = false, heap = true, after } = {}) {
  const { page, cdp, release } = await openGated(ext, server, size, true);
  try {
    const heapBefore = measureBefore ? await heapMB(cdp) : null;
    const metricsBefore = await metricsOf(cdp);
    if (trace) await startTracing(cdp, true);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    if (responsive) await page.evaluate(watchFrames);
    const painted = nextSignalPainted(page);
    release();
    let inputs = 0;
    if (responsive) {
      // Key presses while the scan runs: each one's delay until its handler runs is recorded in the page.
      let done = false;
      painted.then(() => (done = true), () => (done = true));
      await sleep(5);
      while (!done) {
        await page.keyboard.press('Shift');
        inputs++;
        await sleep(25);
      }
    }
    await painted;
    await page.evaluate(afterIdle, IDLE_PAUSE_MS);
    let cpuProfile;
    if (profile) {
      ({ profile: cpuProfile } = await cdp.send('Profiler.stop'));
      await cdp.send('Profiler.disable');
    }
    const traceEvents = trace ? await stopTracing(cdp) : undefined;
    const data = await page.evaluate(collect);
    const metricsAfter = await metricsOf(cdp);
    const heapAfter = heap ? await heapMB(cdp) : null;
    const scanned = data.signals.find((s) => s.type === 'scanned' && s.generation === 1);
    if (scanned === undefined || data.load === null) throw new Error(`no first scan on ${size}: ${JSON.stringify(data.signals).slice(0, 500)}`);
    const scanStart = scanned.at - scanned.ms;
    const result = {
      paintedMs: scanned.paintedAt - data.load,
      registeredMs: scanned.at - data.load,
      scanMs: scanned.ms,
      setupMs: scanStart - data.load,
      longestTaskMs: longest(overlapping(data.longtasks, data.load, scanned.paintedAt)),
      idleLongestTaskMs: longest(overlapping(data.longtasks, scanned.paintedAt, data.now)),
      idleLongTasks: overlapping(data.longtasks, scanned.paintedAt, data.now).map(([, d]) => round(d)),
      layoutMs: (metricsAfter.LayoutDuration + metricsAfter.RecalcStyleDuration - metricsBefore.LayoutDuration - metricsBefore.RecalcStyleDuration) * 1000,
      heapBeforeMB: heapBefore,
      heapMB: heapAfter,
      matches: scanned.mentions,
      highlighted: data.highlighted,
    };
    if (responsive) {
      const during = data.inputs.filter(([at]) => at >= data.load && at <= scanned.paintedAt);
      const delays = during.map(([at, handled]) => handled - at);
      result.responsiveness = {
        keyPresses: during.length,
        sent: inputs,
        inputDelayMedianMs: round(median(delays)),
        inputDelayMaxMs: round(Math.max(0, ...delays)),
        longestFrameGapMs: round(data.frames?.longest),
        framesDuringScan: data.frames?.count ?? null,
      };
    }
    if (traceEvents) result.trace = summariseTrace(traceEvents);
    if (cpuProfile) result.cpuProfile = cpuProfile;
    if (after) Object.assign(result, await after({ page, cdp, data, scanned }));
    return result;
  } finally {
    await page.close();
  }
}

// Tracing: the exact length of every main-thread task (the longtask API only reports those over 50 ms).
async function startTracing(cdp, detailed = false) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    // cc: the browser's frame tasks (ProxyMain::BeginMainFrame), to tell them from Chip Lens's.
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'blink.user_timing', ...(detailed ? ['devtools.timeline', 'cc'] : [])] },
  });
}

async function stopTracing(cdp) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Tasks of the page's main thread (found by the page's own user-timing marks) in the scan window and after it. */
function summariseTrace(events) {
  const mark = (name) => events.find((e) => e.name === name && String(e.cat).includes('blink.user_timing'));
  const load = mark('bench:load');
  const painted = mark('bench:painted');
  if (!load || !painted) return { error: 'no user-timing marks in the trace' };
  const outer = outerTasks(events, load.pid, load.tid);
  const inScan = outer.filter(([ts, dur]) => ts < painted.ts && ts + dur > load.ts);
  const afterScan = outer.filter(([ts]) => ts >= painted.ts);
  const ms = (us) => round(us / 1000, 1);
  const busy = inScan.reduce((sum, [, dur]) => sum + dur, 0);
  // What the renderer did besides script in the scan window (devtools.timeline events).
  const RENDERING = { UpdateLayoutTree: 'styleMs', Layout: 'layoutMs', PrePaint: 'prePaintMs', Paint: 'paintMs', MinorGC: 'minorGcMs', MajorGC: 'majorGcMs' };
  const rendering = Object.fromEntries(Object.values(RENDERING).map((key) => [key, 0]));
  for (const e of events) {
    const key = RENDERING[e.name];
    if (key === undefined || e.pid !== load.pid || e.tid !== load.tid || e.ph !== 'X' || e.ts < load.ts || e.ts > painted.ts) continue;
    rendering[key] += e.dur;
  }
  // The browser's own frames are not Chip Lens's work: a task that is one rendering update
  // (ProxyMain::BeginMainFrame) in which no content-script function was called, such as the
  // first frame after load (90 ms at 8 MB with no extension at all). Every other task counts as
  // Chip Lens's: the generated pages run no script of their own.
  const onMain = (e) => e.pid === load.pid && e.tid === load.tid && e.ph === 'X';
  const frames = events.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && onMain(e));
  const ourCalls = events.filter((e) => e.name === 'FunctionCall' && onMain(e) && String(e.args?.data?.url ?? '').endsWith('/content.js')).map((e) => e.ts);
  const isBrowserFrame = ([ts, dur]) => frames.some((f) => f.ts >= ts && f.ts + f.dur <= ts + dur && f.dur >= 0.9 * dur) && !ourCalls.some((at) => at >= ts && at < ts + dur);
  const ownScan = inScan.filter((task) => !isBrowserFrame(task));
  const ownIdle = afterScan.filter((task) => !isBrowserFrame(task));
  // What each long task of Chip Lens's was made of: its three longest inner events.
  const inner = events.filter((e) => onMain(e) && e.dur > 2000 && e.name !== 'ThreadControllerImpl::RunTask');
  const longOwn = [...ownScan, ...ownIdle]
    .filter(([, dur]) => dur > 50_000)
    .map(([ts, dur]) => ({
      atMs: ms(ts - load.ts),
      ms: ms(dur),
      inside: inner
        .filter((e) => e.ts >= ts && e.ts + e.dur <= ts + dur)
        .sort((a, b) => b.dur - a.dur)
        .slice(0, 3)
        .map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${ms(e.dur)} ms`),
    }));
  return {
    scanTasks: inScan.length,
    longestScanTaskMs: ms(Math.max(0, ...inScan.map(([, dur]) => dur))),
    longestOwnScanTaskMs: ms(Math.max(0, ...ownScan.map(([, dur]) => dur))),
    longestOwnIdleTaskMs: ms(Math.max(0, ...ownIdle.map(([, dur]) => dur))),
    scanTasksOver50ms: inScan.filter(([, dur]) => dur > 50_000).length,
    ownScanTasksOver50ms: ownScan.filter(([, dur]) => dur > 50_000).length,
    ownTasksOver50ms: longOwn,
    scanBusyMs: ms(busy),
    scanWallMs: ms(painted.ts - load.ts),
    longestIdleTaskMs: ms(Math.max(0, ...afterScan.map(([, dur]) => dur))),
    idleTasksOver50ms: afterScan.filter(([, dur]) => dur > 50_000).map(([, dur]) => ms(dur)),
    scanRendering: Object.fromEntries(Object.entries(rendering).map(([key, us]) => [key, ms(us)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Peers: injected as page scripts after load
// ---------------------------------------------------------------------------------------------
async function peerRun(plain, server, size, approach, aliases, { after, heapBefore: measureBefore = false, heap = true } = {}) {
  const { page, cdp, release } = await openGated(plain, server, size, false);
  try {
    release();
    await page.waitForFunction(() => window.__bench.load !== null, undefined, { timeout: 60_000, polling: 50 });
    await page.evaluate(settle);
    if (approach.startsWith('markjs')) {
      await page.addScriptTag({ path: MARKJS });
      await page.evaluate(settle);
    }
    const heapBefore = measureBefore ? await heapMB(cdp) : null;
    const metricsBefore = await metricsOf(cdp);
    const run = await page.evaluate(runPeer, { approach, aliases, markOptions: MARK_OPTIONS });
    await sleep(50);
    const data = await page.evaluate(collect);
    const metricsAfter = await metricsOf(cdp);
    const heapAfter = heap ? await heapMB(cdp) : null;
    const syncMs = run.workEnd - run.start;
    const more = after ? await after({ page, cdp }) : {};
    return {
      ...more,
      paintedMs: run.paintedAt - run.start,
      workMs: syncMs,
      // The work is one task (as these approaches run); the longtask API confirms it when over 50 ms.
      longestTaskMs: Math.max(longest(overlapping(data.longtasks, run.start, run.paintedAt)), syncMs),
      layoutMs: (metricsAfter.LayoutDuration + metricsAfter.RecalcStyleDuration - metricsBefore.LayoutDuration - metricsBefore.RecalcStyleDuration) * 1000,
      heapBeforeMB: heapBefore,
      heapMB: heapAfter,
      matches: approach === 'floor' ? 0 : run.matches,
      ...(approach === 'floor' ? { textNodes: run.nodes, chars: run.chars } : { marks: run.marks }),
    };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// More on a scanned 2 MB page: 100 appended paragraphs, and hover to card
// ---------------------------------------------------------------------------------------------
const appended = newsParagraphsHtml(100, 7);

async function incrementalAndHover({ page, cdp }) {
  // 100 paragraphs appended one by one. The work until their highlights exist: main-thread busy
  // time (traced tasks, rendering included) from the append to the painted frame after the
  // rescan, and the part of it with the content script on the stack (CPU profile).
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await startTracing(cdp);
  await cdp.send('Profiler.start');
  const painted = nextSignalPainted(page, 30_000);
  const append = await page.evaluate(appendParagraphs, appended.paragraphs);
  await painted;
  await sleep(100);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const events = await stopTracing(cdp);
  const data = await page.evaluate(collect);
  const first = data.signals.find((s) => s.type === 'scanned' && s.generation === 1);
  const second = data.signals.find((s) => s.type === 'scanned' && s.generation === 2);
  const work = contentScriptTime(profile);
  const busy = busyBetween(events, 'bench:append', 'bench:painted', 0);
  const incremental = second
    ? {
        paragraphs: append.count,
        contentScriptMs: work.ms,
        busyMs: busy.busyMs,
        longestTaskMs: busy.longestMs,
        scanMs: second.ms,
        registeredAfterMs: second.at - append.appended,
        paintedAfterMs: second.paintedAt - append.appended,
        mentionsAdded: second.mentions - first.mentions,
      }
    : { error: 'no second scan after appending' };

  // Hover: a visible mention, the pointer moved onto it in three steps; the dwell starts in the
  // frame after the mousemove that lands on it, and the card signal comes when it is shown.
  let target = null;
  for (let i = 0; i < 30 && target === null; i++) {
    target = await page.evaluate(visibleMention);
    if (target === null) {
      await page.mouse.wheel(0, 500);
      await sleep(100);
    }
  }
  let hover = { error: 'no highlighted mention found in view' };
  if (target !== null) {
    await page.mouse.move(2, 2);
    await sleep(400);
    await page.evaluate(watchPointer, target);
    const cardPainted = nextSignalPainted(page, 10_000);
    await page.mouse.move(target.x, target.y, { steps: 3 });
    await cardPainted;
    const after = await page.evaluate(collect);
    const pointer = await page.evaluate(pointerTimes);
    const card = after.signals.find((s) => s.type === 'card');
    const dwellMs = 300;
    hover = card && pointer.frameAt !== null
      ? {
          mention: target.text,
          entity: card.entityId,
          dwellMs,
          cardShownAfterDwellMs: card.at - (pointer.frameAt + dwellMs),
          cardPaintedAfterDwellMs: card.paintedAt - (pointer.frameAt + dwellMs),
          pointerToCardPaintedMs: card.paintedAt - pointer.moveAt,
        }
      : { error: `no card signal (${JSON.stringify(after.signals.map((s) => s.type))})` };
  }
  return { incremental, hover };
}

/** The same 100 paragraphs appended to the same page without Chip Lens: the page's own busy time. */
async function appendBaseline({ page, cdp }) {
  await startTracing(cdp);
  const run = await page.evaluate(appendAndPaint, appended.paragraphs);
  await sleep(100);
  const events = await stopTracing(cdp);
  const busy = busyBetween(events, 'bench:append', 'bench:append-painted', 0);
  return { appendBaseline: { busyMs: busy.busyMs, longestTaskMs: busy.longestMs, paintedAfterMs: run.paintedAt - run.appended } };
}

/**
 * Main-thread busy time between two user-timing marks of the page (the `nth` occurrence of the
 * end mark), as the sum of its top-level tasks, and the longest of them.
 */
function busyBetween(events, startName, endName, nth) {
  const marks = (name) => events.filter((e) => e.name === name && String(e.cat).includes('blink.user_timing')).sort((a, b) => a.ts - b.ts);
  const start = marks(startName)[0];
  const end = marks(endName)[nth] ?? marks(endName).at(-1);
  if (!start || !end) return { busyMs: null, longestMs: null };
  const tasks = outerTasks(events, start.pid, start.tid).filter(([ts, dur]) => ts + dur > start.ts && ts < end.ts);
  // The task that holds the start mark began before it (the append itself): count it from the mark.
  const busy = tasks.reduce((sum, [ts, dur]) => sum + Math.min(ts + dur, end.ts) - Math.max(ts, start.ts), 0);
  return { busyMs: round(busy / 1000, 2), longestMs: round(Math.max(0, ...tasks.map(([, dur]) => dur)) / 1000, 1) };
}

/** Outermost 'toplevel' tasks of one thread, as [ts, dur] in microseconds. */
function outerTasks(events, pid, tid) {
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && String(e.cat).split(',').includes('toplevel') && typeof e.dur === 'number')
    .map((e) => [e.ts, e.dur])
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const outer = [];
  for (const task of tasks) if (outer.length === 0 || task[0] >= outer.at(-1)[0] + outer.at(-1)[1]) outer.push(task);
  return outer;
}

/** Sampled time with a frame of the content script (chrome-extension://…/content.js) on the stack. */
function contentScriptTime(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const node = byId.get(id);
    const result = node.callFrame.url.endsWith('/content.js') || (parent.has(id) && isOurs(parent.get(id)));
    ours.set(id, result);
    return result;
  };
  let us = 0;
  let samples = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (isOurs(id)) {
      us += delta;
      samples++;
    }
  });
  return { ms: round(us / 1000, 2), samples };
}

// ---------------------------------------------------------------------------------------------
// CPU profile of the first scan: where the time goes
// ---------------------------------------------------------------------------------------------
/** Where each sample goes: the first pattern (from the leaf up) that names a function on its stack. */
const PHASES = [
  ['engine setup (knowledge base, trie)', /^(new ChipLensEngine|new KnowledgeBase|KnowledgeBase\.with|Matcher\.compile|new Matcher|buildTrie|bundledKnowledge|unpack\w*|validateKnowledge|engineFor|new CueBook)$/],
  ['article digest (idle time)', /^(ArticleContext\.|Readability|isProbablyReaderable|buildDigest|new Digest|ChipLensEngine\.analyze)/],
  ['page-order sort (PageIndex.ordered)', /^(PageIndex\.ordered|inPageOrder)$/],
  ['after-scan callbacks (summary, badge, details, signal)', /^(PageSession\.|EntityDetailsCache\.|reportToBadge|signal$)/],
  ['text index (walkText)', /^(walkText|SegmentBuilder\.|acceptNode|flush)/],
  ['matching (Matcher.scan)', /^(Matcher\.|isInsideNumber|isBoundary|foldCode|isWordCode|endsWithLowercaseLetter)/],
  ['disambiguation (decide)', /^(ChipLensEngine\.decide|disambiguate|weigh|PhraseSet\.|SentenceIndex\.|new SentenceIndex|new PhraseSet|endsWithPhrase|startsWithPhrase|looksLikeName|isKnownWord|paragraphAt|trimSpan|countWithin|lowerBound|fold|isWholeWord|aliasKey|CueBook\.)/],
  ['ranges (rangeFor)', /^(rangeFor|nodeIndexAt)$/],
  ['highlights registered (Highlight.add)', /^(RangeHighlighter\.|WrappingHighlighter\.)/],
  ['page index bookkeeping (PageIndex.add, register)', /^PageIndex\./],
  ['slicing (runSliced, PageScanner)', /^(runSliced|yieldToPage|PageScanner\.|steps)/],
];

/** Names functions of the test build by their class (`PageIndex.add`), from its unminified source. */
function qualifier(source) {
  const classes = [];
  const lines = source.split('\n');
  let open;
  lines.forEach((line, index) => {
    const start = /^(\s*)(?:var|let|const) (\w+) = class\b|^(\s*)class (\w+)\b/.exec(line);
    if (start) open = { name: start[2] ?? start[4], indent: start[1] ?? start[3], from: index };
    else if (open && line.startsWith(`${open.indent}}`) && /^\s*};?\s*$/.test(line)) {
      classes.push({ ...open, to: index });
      open = undefined;
    }
  });
  return (frame) => {
    const name = frame.functionName || '(anonymous)';
    if (!frame.url.endsWith('/content.js')) return name;
    const owner = classes.find((c) => c.from <= frame.lineNumber && frame.lineNumber <= c.to);
    if (!owner) return name;
    return name === owner.name ? `new ${name}` : `${owner.name}.${name}`;
  };
}

function summariseProfile(profile, source) {
  const qualify = qualifier(source ?? '');
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = (frame) => frame.url.endsWith('/content.js');
  const label = (frame) => (ours(frame) ? `${qualify(frame)} (content.js:${frame.lineNumber + 1})` : `${frame.functionName || '(anonymous)'} [native/page]`);
  const self = new Map();
  const total = new Map();
  const phases = new Map();
  let busy = 0;
  let gc = 0;
  let contentScript = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id).callFrame;
    if (leaf.functionName === '(idle)') return;
    busy += delta;
    if (leaf.functionName === '(garbage collector)') gc += delta;
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
    if (!stack.some(ours)) return;
    contentScript += delta;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + delta);
    for (const key of new Set(stack.filter(ours).map(label))) total.set(key, (total.get(key) ?? 0) + delta);
    let phase = 'other content-script work';
    outer: for (const frame of stack) {
      if (!ours(frame)) continue;
      const name = qualify(frame);
      for (const [phaseName, pattern] of PHASES) {
        if (pattern.test(name)) {
          phase = phaseName;
          break outer;
        }
      }
    }
    phases.set(phase, (phases.get(phase) ?? 0) + delta);
  });
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, ms]) => ({ fn, ms: round(ms) }));
  return {
    busyMs: round(busy),
    contentScriptMs: round(contentScript),
    garbageCollectorMs: round(gc),
    otherMs: round(busy - contentScript - gc),
    phases: top(phases, 20),
    selfTop: top(self, 20),
    totalTop: top(total, 20),
  };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------
async function main() {
  if (!flag('skip-build')) {
    log('building dist/ and dist-test/');
    build(false);
    build(true);
  }
  if (!existsSync(join(DIST_TEST_BUILD, 'content.js'))) throw new Error(`${DIST_TEST_BUILD} has no content.js: run without --skip-build`);
  DIST_TEST = mkdtempSync(join(tmpdir(), 'chiplens-bench-dist-test-'));
  cpSync(DIST_TEST_BUILD, DIST_TEST, { recursive: true });
  const bundle = await bundleFigures();
  const aliases = await knowledgeAliases(root);
  log(`${aliases.length} aliases from the knowledge base`);

  const pages = new Map();
  const pageInfo = {};
  for (const size of sizeNames) {
    const page = newsPage(SIZES[size], SEED);
    pages.set(size, { before: Buffer.from(page.before), after: Buffer.from(page.after) });
    const { before, after, ...info } = page;
    pageInfo[size] = { htmlBytes: before.length + after.length, ...info };
    log(`page ${size}: ${(info.textBytes / 1024).toFixed(0)} KB of text, ${info.names} names (${info.split} split), ${info.everyday} everyday senses`);
  }
  const server = await startServer(pages);
  const ext = await launch(true);
  const plain = await launch(false);
  const chromiumVersion = ext.context.browser()?.version() ?? spawnSync(CHROME, ['--version'], { encoding: 'utf8' }).stdout.trim();

  const results = {};
  let extras = {};
  try {
    // One unmeasured load in each browser first: service worker start, code caches, JIT warm-up.
    const warm = sizeNames[0];
    await chipLensRun(ext, server, warm, { heap: false });
    await peerRun(plain, server, warm, 'regexp-wrap', aliases);
    log('warmed up');
    for (const size of sizeNames) {
      const runs = Object.fromEntries(APPROACHES.map((approach) => [approach, []]));
      for (let i = 0; i < RUNS; i++) {
        // Interleaved, so drift over the run touches every approach alike.
        const incremental = size === INCREMENTAL_SIZE;
        const heapBefore = i === 0;
        runs.chiplens.push(await chipLensRun(ext, server, size, { heapBefore, after: incremental ? incrementalAndHover : undefined }));
        for (const approach of PEERS) {
          // The peers' heap hardly moves; a forced full GC costs seconds on the 8 MB page, so two loads measure it.
          runs[approach].push(await peerRun(plain, server, size, approach, aliases, { heapBefore, heap: i < 2, after: incremental && approach === 'floor' ? appendBaseline : undefined }));
        }
        if (size === MARK_ARRAY_SIZE && i < MARK_ARRAY_RUNS && (ONLY === null || ONLY.has('markjs-array'))) runs['markjs-array'].push(await peerRun(plain, server, size, 'markjs-array', aliases, { heapBefore }));
        log(`${size} run ${i + 1}/${RUNS}: chiplens ${runs.chiplens.at(-1).paintedMs.toFixed(0)} ms, ${PEERS.map((a) => `${a} ${runs[a].at(-1).paintedMs.toFixed(0)} ms`).join(', ')}${size === MARK_ARRAY_SIZE && runs['markjs-array'][i] ? `, markjs-array ${runs['markjs-array'][i].paintedMs.toFixed(0)} ms` : ''}`);
      }
      // One more load of Chip Lens, traced: the exact length of every task (under 50 ms too).
      // Key presses and frame watching ride along on the 8 MB traced load: how the page answers while it is scanned.
      const traced = await chipLensRun(ext, server, size, { trace: true, heap: false, responsive: size === RESPONSIVE_SIZE });
      if (traced.responsiveness) extras.responsiveness = { size, scanPaintedMs: round(traced.paintedMs), traced: true, ...traced.responsiveness };
      log(`(waited ${Math.round(quiesceMs / 1000)} s in all for the machine to go idle between loads)`);
      log(`${size} traced: longest task ${traced.trace.longestScanTaskMs} ms in the scan, ${traced.trace.longestIdleTaskMs} ms after it`);
      results[size] = summariseSize(size, runs, traced);
    }

    if (!flag('skip-profile') && sizeNames.includes('2m')) {
      const run = await chipLensRun(ext, server, '2m', { profile: true, heap: false });
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, 'chiplens-2m.cpuprofile');
      writeFileSync(file, JSON.stringify(run.cpuProfile));
      extras.profile = { size: '2m', file: relative(root, file), paintedMs: round(run.paintedMs), scanMs: run.scanMs, setupMs: round(run.setupMs), ...summariseProfile(run.cpuProfile, readFileSync(join(DIST_TEST, 'content.js'), 'utf8')) };
      log(`profile written to ${relative(root, file)}`);
    }
  } finally {
    await ext.close();
    await plain.close();
    await server.close();
    rmSync(DIST_TEST, { recursive: true, force: true });
  }

  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const report = {
    source: { commit: git(['rev-parse', '--short', 'HEAD']), uncommittedSrcChanges: git(['status', '--porcelain', '--', 'src', 'scripts/build.mjs', 'scripts/build-extension.mjs', 'manifest.json']).split('\n').filter(Boolean).length },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: round(totalmem() / 2 ** 30), chromium: chromiumVersion, node: process.version },
    method: {
      runs: RUNS,
      aliases: aliases.length,
      seed: SEED,
      timeToPainted:
        'from the start of the approach\'s work to the end of the main-thread work of the next frame after its last step (rAF, then a posted message). Chip Lens starts at the load event (its content script waits for load; the runner holds load back until the page has rendered and gone idle and the content script is injected); the peers are injected after load on an equally settled page, their regex build included.',
      longestTask: 'longtask PerformanceObserver (buffered, from an init script) over the approach\'s window; for the peers at least their synchronous run, which is one task. For Chip Lens also one traced load (Tracing, toplevel tasks of the renderer main thread), exact under 50 ms too.',
      heap: 'CDP Performance.getMetrics JSHeapUsedSize after two HeapProfiler.collectGarbage; for Chip Lens after its idle-time article work',
      regexpHighlight: 'reference point, not a competitor: the same RegExp as regexp-wrap, ranges registered in CSS.highlights; its ::highlight stylesheet is adopted at document start by an init script, so adopting it costs no style recalculation',
      incremental: `${appended.paragraphs.length} paragraphs (${appended.names} chip names) appended one by one to the last story of the scanned ${INCREMENTAL_SIZE} page; busy = traced main-thread task time from the append to the painted frame after the rescan; baseline = the same append on the same page without the extension`,
      markArray: `mark.js mark(array) with ${JSON.stringify(MARK_OPTIONS)} runs on ${MARK_ARRAY_SIZE} only: it makes one pass over the page per term (${aliases.length} passes), seconds at ${MARK_ARRAY_SIZE} and minutes beyond, which would not fit a 10-minute benchmark`,
    },
    bundle,
    pages: pageInfo,
    results,
    ...extras,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
  };
  report.targets = checkTargets(report);
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printReport(report);
}

function summariseSize(size, runs, traced) {
  const out = {};
  for (const [approach, list] of Object.entries(runs)) {
    if (list.length === 0) {
      if (approach === 'markjs-array') out[approach] = { skipped: `only on ${MARK_ARRAY_SIZE}: one pass per term takes minutes on bigger pages` };
      continue;
    }
    const keys = Object.keys(list[0]).filter((key) => typeof list[0][key] === 'number');
    const summary = { loads: list.length };
    for (const key of keys) summary[key] = round(median(list.map((run) => run[key])));
    summary.paintedMsRuns = list.map((run) => round(run.paintedMs, 0));
    if (list[0].appendBaseline) summary.appendBaseline = medianOfObjects(list.map((run) => run.appendBaseline));
    if (approach === 'chiplens') {
      summary.idleLongTasks = list.map((run) => run.idleLongTasks);
      summary.traced = traced.trace;
      if (list[0].incremental) {
        summary.incremental = medianOfObjects(list.map((run) => run.incremental));
        summary.hover = medianOfObjects(list.map((run) => run.hover));
      }
    }
    out[approach] = summary;
  }
  const inc = out.chiplens?.incremental;
  const base = out.floor?.appendBaseline;
  if (inc && !inc.error && base && !base.error) {
    inc.baselineBusyMs = base.busyMs;
    inc.extraBusyMs = round(inc.busyMs - base.busyMs, 2);
  }
  const chip = out.chiplens?.paintedMs;
  const others = ['regexp-highlight', 'regexp-wrap', 'markjs-regexp', 'markjs-array'].filter((a) => out[a]?.paintedMs);
  out.ratios = {
    chiplensToFloor: round(chip / out.floor?.paintedMs, 2),
    ...Object.fromEntries(others.map((a) => [`${a}ToChiplens`, round(out[a].paintedMs / chip, 2)])),
    ...Object.fromEntries(others.map((a) => [`${a}ToFloor`, round(out[a].paintedMs / out.floor?.paintedMs, 2)])),
  };
  return out;
}

function medianOfObjects(list) {
  const valid = list.filter((item) => item && !item.error);
  if (valid.length === 0) return list[0];
  const out = { loads: valid.length };
  for (const key of Object.keys(valid[0])) {
    out[key] = typeof valid[0][key] === 'number' ? round(median(valid.map((item) => item[key])), 2) : valid[0][key];
  }
  if (valid[0].contentScriptMs !== undefined) out.contentScriptMsRuns = valid.map((item) => round(item.contentScriptMs));
  if (valid[0].busyMs !== undefined) out.busyMsRuns = valid.map((item) => round(item.busyMs));
  if (valid[0].cardShownAfterDwellMs !== undefined) out.cardShownAfterDwellMsRuns = valid.map((item) => round(item.cardShownAfterDwellMs));
  return out;
}

function checkTargets(report) {
  const targets = [];
  const add = (what, target, measured, pass) => targets.push({ what, target, measured, pass });
  const two = report.results['2m'];
  if (two) {
    add('2 MB: time to painted highlights vs the floor', '≤ 2.5x', `${two.ratios.chiplensToFloor}x (${two.chiplens.paintedMs} vs ${two.floor?.paintedMs} ms)`, two.ratios.chiplensToFloor <= 2.5);
    add('2 MB: faster than mark.js markRegExp', '≥ 5x', `${two.ratios['markjs-regexpToChiplens']}x`, two.ratios['markjs-regexpToChiplens'] >= 5);
    add('2 MB: faster than the big-RegExp wrapper', '≥ 2.5x', `${two.ratios['regexp-wrapToChiplens']}x`, two.ratios['regexp-wrapToChiplens'] >= 2.5);
  }
  for (const [size, result] of Object.entries(report.results)) {
    const traced = result.chiplens.traced ?? {};
    // The traced load tells Chip Lens's tasks from the browser's own frames; without it, every long task of the window counts.
    const own = traced.longestOwnScanTaskMs !== undefined;
    const worst = own ? traced.longestOwnScanTaskMs : Math.max(result.chiplens.longestTaskMs ?? 0, traced.longestScanTaskMs ?? 0);
    const pageOwn = own && traced.longestScanTaskMs > worst ? ` (a frame of the browser's own: ${traced.longestScanTaskMs} ms)` : '';
    add(`${size}: longest main-thread task of the scan`, '≤ 50 ms', `${round(worst)} ms${pageOwn}`, worst <= 50);
    const idle = own ? traced.longestOwnIdleTaskMs : Math.max(result.chiplens.idleLongestTaskMs ?? 0, traced.longestIdleTaskMs ?? 0);
    add(`${size}: longest task of the idle-time work after it`, '≤ 50 ms', `${round(idle)} ms`, idle <= 50);
  }
  if (report.responsiveness) {
    const r = report.responsiveness;
    add(`${r.size}: input stays responsive during the scan`, 'input delay ≤ 50 ms', `max ${r.inputDelayMaxMs} ms over ${r.keyPresses} key presses; longest frame gap ${r.longestFrameGapMs} ms`, r.inputDelayMaxMs <= 50);
  }
  const inc = two?.chiplens.incremental;
  if (inc && !inc.error) {
    const extra = inc.extraBusyMs ?? inc.busyMs;
    add('100 appended paragraphs: work until highlighted', '< 10 ms', `${inc.contentScriptMs} ms content-script CPU; ${extra} ms main-thread time over the page's own (rendering included)`, inc.contentScriptMs < 10 && extra < 10);
  }
  const hover = two?.chiplens.hover;
  if (hover && !hover.error) add('card opens within one frame of the dwell ending', '≤ 16.7 ms', `shown ${hover.cardShownAfterDwellMs} ms, painted ${hover.cardPaintedAfterDwellMs} ms after`, hover.cardPaintedAfterDwellMs <= 16.7);
  add('content script bundle (minified)', '< 150 KB', `${round(report.bundle.bytes / 1024)} KB (gzip ${round(report.bundle.gzipBytes / 1024)} KB)`, report.bundle.bytes < 150 * 1024);
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The readable report
// ---------------------------------------------------------------------------------------------
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row, r) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ') + (r === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : '')).join('\n');
}

function printReport(report) {
  const out = [];
  const { machine, method } = report;
  out.push(`Chip Lens benchmark — ${machine.chromium}, ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}`);
  out.push(`${method.aliases} aliases; median of ${method.runs} fresh page loads per approach and size; pages from scripts/bench/page-generator.mjs (seed ${method.seed})`);
  out.push(`measured: commit ${report.source.commit}${report.source.uncommittedSrcChanges > 0 ? ` with ${report.source.uncommittedSrcChanges} uncommitted changes under src/, the manifest or the build scripts` : ''}`);
  out.push('');
  out.push(table([
    ['page', 'visible text', 'HTML', 'stories', 'names put in', 'split', 'everyday senses'],
    ...Object.entries(report.pages).map(([size, p]) => [size, `${round(p.textBytes / 1024, 0)} KB`, `${round(p.htmlBytes / 1024, 0)} KB`, p.stories, p.names, p.split, p.everyday]),
  ]));
  const labels = {
    chiplens: 'Chip Lens (extension)',
    floor: 'floor: TreeWalker reads text',
    'regexp-highlight': '(ref) big RegExp, CSS.highlights',
    'regexp-wrap': 'big RegExp, wraps <mark>',
    'markjs-regexp': 'mark.js markRegExp',
    'markjs-array': 'mark.js mark(array)',
  };
  for (const [size, result] of Object.entries(report.results)) {
    out.push('');
    out.push(`== ${size} (${round(report.pages[size].textBytes / 1024, 0)} KB of text)`);
    const rows = [['approach', 'painted ms', 'x floor', 'peer/CL', 'longest task', 'layout+style', 'heap MB', 'matches', 'runs (ms)']];
    for (const approach of APPROACHES) {
      const r = result[approach];
      if (!r) continue;
      if (r.skipped) {
        rows.push([labels[approach], 'skipped', '', '', '', '', '', '', r.skipped]);
        continue;
      }
      const traced = approach === 'chiplens' && r.traced?.longestScanTaskMs !== undefined ? ` (${r.traced.longestScanTaskMs} traced)` : '';
      const longestTask = approach === 'chiplens' && r.longestTaskMs === 0 ? `<50${traced}` : `${r.longestTaskMs}${traced}`;
      rows.push([
        labels[approach],
        r.paintedMs,
        round(r.paintedMs / result.floor?.paintedMs, 2) + 'x',
        approach === 'chiplens' || approach === 'floor' ? '' : round(r.paintedMs / result.chiplens.paintedMs, 2) + 'x',
        longestTask,
        round(r.layoutMs, 0),
        r.heapMB,
        approach === 'floor' ? `${r.textNodes} nodes` : r.matches,
        r.paintedMsRuns.join(' '),
      ]);
    }
    out.push(table(rows));
    const c = result.chiplens;
    out.push(`  Chip Lens: setup (engine, knowledge base, trie) ${c.setupMs} ms + sliced scan ${c.scanMs} ms to highlights registered (${c.registeredMs} ms), painted at ${c.paintedMs} ms; ${c.highlighted} ranges in CSS.highlights`);
    if (c.traced && !c.traced.error) {
      const r = c.traced.scanRendering;
      out.push(`  traced load: ${c.traced.scanTasks} tasks in ${c.traced.scanWallMs} ms (${c.traced.scanBusyMs} ms busy), longest ${c.traced.longestScanTaskMs} ms, ${c.traced.scanTasksOver50ms} over 50 ms; not counting the browser's own frames: longest ${c.traced.longestOwnScanTaskMs} ms, ${c.traced.ownScanTasksOver50ms} over 50 ms; idle-time work after it: longest task ${c.traced.longestIdleTaskMs} ms (${c.traced.longestOwnIdleTaskMs} ms without the browser's frames)${c.traced.idleTasksOver50ms.length ? ` (${c.traced.idleTasksOver50ms.join(', ')} ms over 50)` : ''}`);
      for (const task of c.traced.ownTasksOver50ms ?? []) out.push(`  a task of ${task.ms} ms at ${task.atMs} ms after load: ${task.inside.join(', ') || 'no inner event over 2 ms'}`);
      out.push(`  in that window besides script: style recalc ${r.styleMs} ms, layout ${r.layoutMs} ms, pre-paint ${r.prePaintMs} ms, paint ${r.paintMs} ms, GC ${round(r.minorGcMs + r.majorGcMs)} ms`);
    }
    out.push(`  heap before any approach: ${c.heapBeforeMB} MB with the content script loaded; peers' pages ${result.floor?.heapBeforeMB} MB`);
  }
  const two = report.results['2m']?.chiplens;
  if (two?.incremental) {
    const i = two.incremental;
    out.push('');
    out.push(
      i.error
        ? `== incremental: ${i.error}`
        : `== 100 paragraphs appended to the scanned 2 MB page (median of ${i.loads}): ${i.contentScriptMs} ms of content-script CPU (profile; runs ${i.contentScriptMsRuns.join(', ')}); main thread busy ${i.busyMs} ms from the append to the painted rescan (runs ${i.busyMsRuns.join(', ')}) against ${i.baselineBusyMs ?? '?'} ms for the same append without Chip Lens: ${i.extraBusyMs ?? '?'} ms more; rescan ${i.scanMs} ms; highlights registered ${i.registeredAfterMs} ms and painted ${i.paintedAfterMs} ms after the append; ${i.mentionsAdded} mentions added; longest task ${i.longestTaskMs} ms`,
    );
  }
  if (two?.hover) {
    const h = two.hover;
    out.push(h.error ? `== hover: ${h.error}` : `== hover to card on the 2 MB page (median of ${h.loads}): card shown ${h.cardShownAfterDwellMs} ms and painted ${h.cardPaintedAfterDwellMs} ms after the ${h.dwellMs} ms dwell ends (runs: ${h.cardShownAfterDwellMsRuns.join(', ')} ms); pointer to painted card ${h.pointerToCardPaintedMs} ms`);
  }
  if (report.responsiveness) {
    const r = report.responsiveness;
    out.push(`== input during the ${r.size} scan (${r.scanPaintedMs} ms to painted): ${r.keyPresses} key presses, input delay median ${r.inputDelayMedianMs} ms, max ${r.inputDelayMaxMs} ms; ${r.framesDuringScan} frames, longest gap between frames ${r.longestFrameGapMs} ms`);
  }
  if (report.profile) {
    const p = report.profile;
    out.push('');
    out.push(`== where the time goes: CPU profile of one 2 MB load (${p.file}), from the load event to after the idle-time work; painted at ${p.paintedMs} ms (setup ${p.setupMs} ms, scan ${p.scanMs} ms)`);
    out.push(`   ${p.busyMs} ms busy: ${p.contentScriptMs} ms with the content script on the stack, ${p.garbageCollectorMs} ms garbage collection, ${p.otherMs} ms other (style, layout, paint, highlight painting: native work outside script)`);
    out.push(table([['phase', 'ms'], ...p.phases.map(({ fn, ms }) => [fn, ms])]));
    out.push('');
    out.push(table([['self time (content script on the stack)', 'ms'], ...p.selfTop.map(({ fn, ms }) => [fn, ms])]));
    out.push('');
    out.push(table([['total time (content-script functions)', 'ms'], ...p.totalTop.map(({ fn, ms }) => [fn, ms])]));
  }
  const b = report.bundle;
  out.push('');
  out.push(`== bundle: ${b.file} ${round(b.bytes / 1024)} KB minified, ${round(b.gzipBytes / 1024)} KB gzip -9`);
  if (b.breakdown.length) out.push(table([['what (esbuild metafile, minified bytes)', 'KB'], ...b.breakdown.slice(0, 10).map(({ what, bytes }) => [what, round(bytes / 1024)])]));
  out.push('');
  out.push('== targets');
  out.push(table([['target', 'wanted', 'measured', ''], ...report.targets.map((t) => [t.what, t.target, t.measured, t.pass ? 'PASS' : 'FAIL'])]));
  out.push('');
  out.push(`notes: ${report.method.markArray}.`);
  out.push(`time to painted: ${report.method.timeToPainted}`);
  out.push(`finished in ${report.elapsedSeconds} s`);
  console.log(out.join('\n'));
}

// Run when invoked (npm run bench); importable for one-off probes of the same pages and browsers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

export { SIZES, startServer, launch, openGated, nextSignalPainted, heapMB, metricsOf, stopTracing, summariseProfile, contentScriptTime, chipLensRun, peerRun };
