// `npm start`: builds the extension, serves the demo article on 127.0.0.1 and opens it in Chromium
// with Chip Lens loaded. Headed by default; `npm start -- --headless --screenshot FILE` hovers the
// first chip mention and saves what the reader would see.
import { spawnSync } from 'node:child_process';
import { pointAtFirstChip } from './first-chip.mjs';
import { chromiumArgs } from './chromium-flags.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const demo = join(root, 'demo', 'article.html');
const HIGHLIGHT_WAIT_MS = 20_000;

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

const { values: options } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, screenshot: { type: 'string' } },
});
let headless = options.headless;
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('start: no DISPLAY is set, so there is no screen for a window; running headless instead.');
  headless = true;
}
// Headless there is nothing to look at afterwards, so a screenshot is always taken.
const screenshot = options.screenshot ? resolve(options.screenshot) : headless ? join(root, 'artifacts', 'start.png') : undefined;

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROME_PATH`);
if (!existsSync(demo)) fail(`no demo article at ${demo}`);

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) fail('the build failed (see above)');

const server = createServer((request, response) => {
  // Only the demo article: there is nothing else on this server to reach.
  if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/article.html') {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(demo));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/article.html`;

const profile = mkdtempSync(join(tmpdir(), 'chiplens-start-'));
const launchOptions = {
  executablePath,
  headless,
  viewport: headless ? { width: 1280, height: 900 } : null,
  // Our own handlers close the browser, the server and the temporary profile together.
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
  args: [...chromiumArgs(dist), ...(headless ? [] : ['--window-size=1280,900'])],
};
const context = await chromium.launchPersistentContext(profile, launchOptions).catch((error) => {
  server.close();
  rmSync(profile, { recursive: true, force: true });
  fail(`Chromium did not start (${headless ? 'headless' : `on display ${process.env.DISPLAY}`}): ${String(error.message).split('\n')[0]}`);
});

let closing = false;
async function shutdown(code) {
  if (closing) return;
  closing = true;
  await context.close().catch(() => {});
  server.close();
  server.closeAllConnections();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  console.log(`start: Chip Lens loaded (${new URL(worker.url()).host}) from ${dist}`);
} catch {
  console.error(`start: Chromium started, but the extension from ${dist} did not load`);
  await shutdown(1);
}

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
console.log(`start: opened ${url}`);

if (!headless) {
  console.log('start: close the browser window or press Ctrl-C to stop.');
  context.on('close', () => shutdown(0));
} else {
  // The production build sends no readiness signal: poll the highlight registry instead.
  const found = await page
    .waitForFunction(() => (CSS.highlights.get('chiplens-chip')?.size ?? 0) > 0, null, { timeout: HIGHLIGHT_WAIT_MS, polling: 100 })
    .then(() => true, () => false);
  if (!found) {
    console.error(`start: no chip highlight appeared within ${HIGHLIGHT_WAIT_MS / 1000} s on ${url}`);
    await shutdown(1);
  }
  const counts = await page.evaluate(() =>
    Object.fromEntries(['chip', 'arch', 'tech', 'org', 'policy'].map((kind) => [kind, CSS.highlights.get(`chiplens-${kind}`)?.size ?? 0])),
  );
  console.log(`start: highlighted ${Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}`);

  const first = await pointAtFirstChip(page);

  await page.mouse.move(first.x, first.y, { steps: 5 });
  await page.waitForTimeout(900);
  const cardShown = await page.evaluate(() => document.querySelector('chip-lens-card') !== null);
  console.log(`start: hovered "${first.text}" at (${Math.round(first.x)}, ${Math.round(first.y)}); card ${cardShown ? 'shown' : 'NOT shown'}`);
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`start: saved ${screenshot}`);
  await shutdown(0);
}
