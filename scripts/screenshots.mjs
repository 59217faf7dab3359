// `npm run screenshots`: regenerates the README's screenshots and the store's from the real
// extension in headless Chromium, on the bundled demo article.
//
//   docs/screenshots/card.png                    `npm start -- --headless --screenshot` (a card open)
//   docs/screenshots/options.png                 the options page, whole, 1000 px wide
//   docs/screenshots/popup.png                   the toolbar popup for the demo article's tab, 340 px wide
//   docs/screenshots/store-card-1280x800.png     a card on the article, at the stores' 1280×800
//   docs/screenshots/store-options-1280x800.png  the options page's looks and cards, at 1280×800
//
// Each shot is checked for real content (a card with the article's sentences, chips in the
// popup) before it is saved, so a broken build fails here rather than in the README.
// Chinese text in the demo article needs a CJK font (Debian: fonts-noto-cjk) or it shows as boxes.
import { spawnSync } from 'node:child_process';
import { pointAtFirstChip } from './first-chip.mjs';
import { chromiumArgs } from './chromium-flags.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(root, 'docs', 'screenshots');
const demo = join(root, 'demo', 'article.html');
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}
const say = (message) => console.log(`screenshots: ${message}`);

if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROME_PATH`);
const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (fonts.status === 0 && fonts.stdout.trim() === '') {
  say('warning: no Chinese font is installed, so the demo article\'s Chinese names will show as boxes (Debian: apt-get install -y fonts-noto-cjk)');
}
mkdirSync(out, { recursive: true });

// ---- the card, exactly as `npm start` shows it (this also builds dist/) -------------------

const cardPng = join(out, 'card.png');
const start = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), '--headless', '--screenshot', cardPng], { cwd: root, encoding: 'utf8' });
process.stdout.write(start.stdout);
process.stderr.write(start.stderr);
if (start.status !== 0) fail('npm start --headless --screenshot failed (see above)');
if (!/card shown$/m.test(start.stdout)) fail('npm start hovered a chip but no card opened: card.png would show none');

// ---- the other shots: the extension's own pages, and the card at the stores' size -----------

const server = createServer((request, response) => {
  if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/article.html') return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(demo));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const articleUrl = `http://127.0.0.1:${server.address().port}/article.html`;
const profile = mkdtempSync(join(tmpdir(), 'chiplens-screenshots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 800 },
  colorScheme: 'light',
  args: [...chromiumArgs(dist), '--hide-scrollbars'],
});

/** Saves a screenshot, then says what it shows. */
async function save(page, name, what, options = {}) {
  const path = join(out, name);
  await page.screenshot({ path, ...options });
  const png = readFileSync(path);
  say(`saved ${relative(root, path)} (${png.readUInt32BE(16)}×${png.readUInt32BE(20)}): ${what}`);
}

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const extensionPage = async (path, viewport) => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'load' });
    return page;
  };

  // The article, in a tab the extension opens so that its tab id is known to the popup.
  const opened = context.waitForEvent('page');
  const tabId = await worker.evaluate(async () => (await chrome.tabs.create({ url: 'about:blank' })).id);
  const article = await opened;
  await article.goto(articleUrl, { waitUntil: 'load' });
  await article.waitForFunction(() => (CSS.highlights.get('chiplens-chip')?.size ?? 0) > 0, null, { timeout: 20_000, polling: 100 });

  // The card at 1280×800: the same first chip and the same placement as `npm start`.
  const mention = await pointAtFirstChip(article);

  await article.mouse.move(mention.x, mention.y, { steps: 5 });
  await article.waitForSelector('chip-lens-card', { state: 'attached', timeout: 5_000 });
  await article.waitForTimeout(500); // the card fades in
  await save(article, 'store-card-1280x800.png', `the card of "${mention.text}" on the demo article`);

  // The options page: its looks and cards sections at the stores' size, then the whole page with
  // one term of the reader's own, so the terms table shows too.
  const options = await extensionPage('options.html', { width: 1280, height: 800 });
  await options.waitForFunction(() => document.querySelector('#categories input[name="chip"]')?.checked === true, null, { timeout: 10_000 });
  await options.evaluate(() => document.getElementById('h-looks')?.closest('section')?.scrollIntoView({ block: 'start' }));
  await options.waitForTimeout(300);
  await save(options, 'store-options-1280x800.png', 'the options page at "How it looks" (live preview) and "Cards"');
  await options.setViewportSize({ width: 1000, height: 800 });
  await options.evaluate(() => window.scrollTo(0, 0));
  await options.fill('#term-name', 'Colossus');
  await options.fill('#term-aliases', 'xAI Colossus, Colossus cluster');
  await options.fill('#term-note', 'xAI\'s training cluster in Memphis (an example of a term of your own).');
  await options.click('#term-submit');
  await options.waitForSelector('#terms:not([hidden]) tbody tr', { timeout: 5_000 });
  await options.waitForTimeout(300);
  await save(options, 'options.png', 'the whole options page, with one term of your own', { fullPage: true });

  // The popup, opened as a page for the article's tab: the chips it found there.
  const popup = await extensionPage(`popup.html?tab=${tabId}`, { width: 340, height: 600 });
  await popup.waitForSelector('#chips li', { timeout: 10_000 });
  const chips = await popup.locator('#chips li').count();
  await popup.waitForTimeout(300);
  const height = await popup.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await popup.setViewportSize({ width: 340, height });
  await save(popup, 'popup.png', `the popup listing the ${chips} chips and terms on the demo article`);
} catch (error) {
  console.error(`screenshots: ${error.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  server.close();
  server.closeAllConnections();
  rmSync(profile, { recursive: true, force: true });
}
