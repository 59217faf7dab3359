// The browsers of the hostile-page suites: launched here rather than through chromium.ts and
// firefox.ts because these suites need more of each (a second extension and the network log in
// Chromium, the add-on's own pages in Firefox, the browser's process for CPU figures) and a signal
// collector that a hostile page cannot break.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser, type KeyInput, type Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { chromiumArgs } from '../../../scripts/chromium-flags.mjs';
import { EXTENSION_DIR, ROOT, requireBrowser, requireTestBuild } from './extension.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './server.js';

export const HOSTILE_FIXTURES = join(FIXTURES, 'hostile');
export const VIEWPORT = { width: 1280, height: 900 };

/**
 * The test build's 'chiplens-test' events, collected before any page script runs. Every builtin
 * it uses is taken at install time, so a page that later replaces JSON.parse, Array.prototype.push
 * or addEventListener cannot lose or fake a signal. Each signal gets the page time it arrived.
 */
export const HOSTILE_COLLECTOR = `(() => {
  const parse = JSON.parse;
  const now = performance.now.bind(performance);
  const list = [];
  Object.defineProperty(window, '__hostileSignals', { value: list, enumerable: false });
  window.addEventListener('chiplens-test', (event) => {
    const signal = parse(event.detail);
    signal.at = now();
    list[list.length] = signal;
  });
})();`;

export type HostileSignal =
  | { type: 'scanned'; generation: number; mentions: number; texts: string[]; ms: number; at: number }
  | { type: 'card'; entityId: string; name: string; text: string; at: number }
  | { type: 'card-hidden'; at: number };
export type ScanSignal = Extract<HostileSignal, { type: 'scanned' }>;
export type CardShown = Extract<HostileSignal, { type: 'card' }>;

export interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** A fixture page in either browser. */
export interface HostilePage extends Evaluator {
  url: string;
  moveMouse(x: number, y: number, steps?: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  type(text: string): Promise<void>;
  press(key: string): Promise<void>;
  down(key: string): Promise<void>;
  up(key: string): Promise<void>;
  /** Clicks the element the selector names, in its middle. */
  clickOn(selector: string): Promise<void>;
  /** The viewport as PNG. */
  screenshot(): Promise<Buffer>;
  /** Errors the page's own world reported (pageerror), and in Chromium the extension's worlds too. */
  errors(): string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Runs once the tab exists, before it navigates (to start a profiler, say). */
  beforeLoad?: (page: HostilePage) => Promise<void>;
}

export interface HostileBrowser {
  name: 'chromium' | 'firefox';
  open(url: string, options?: OpenOptions): Promise<HostilePage>;
  /** Runs `fn` where the extension's APIs are (its service worker, or one of its pages in Firefox). */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Opens an extension page (`options.html`) and waits for `ready` in it. */
  openExtensionPage(path: string, ready: string): Promise<ExtensionPage>;
  /** CPU seconds (user + system) used so far by all the browser's processes. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

export interface ExtensionPage extends Evaluator {
  click(selector: string): Promise<void>;
  /** Focuses the field, selects its text and types over it. */
  fill(selector: string, text: string): Promise<void>;
  upload(selector: string, file: string): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds of a process and all its descendants, from /proc (Linux). */
export function treeCpuSeconds(rootPid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSafe('/proc');
  } catch {
    return Number.NaN;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / ticks);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we read.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function readdirSafe(path: string): string[] {
  return readdirSync(path);
}

// ---------------------------------------------------------------------------------------------
// Chromium

export interface ChromiumOptions {
  /** The unpacked extension to load (dist-test/ unless told). */
  extensionDir?: string;
  /** Further unpacked extensions loaded beside it (e.g. a stranger that sends it messages). */
  otherExtensions?: string[];
  /** Write Chromium's network log here (read after close()). */
  netLog?: string;
}

export interface HostileChromium extends HostileBrowser {
  name: 'chromium';
  context: BrowserContext;
  extensionId: string;
  /** Ids of `otherExtensions`, by folder. */
  otherIds: Map<string, string>;
  /** The Playwright page of an opened fixture page. */
  pageOf(page: HostilePage): PwPage;
  /** Runs `fn` in another loaded extension's service worker. */
  inOtherExtension<R, A>(dir: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export async function launchHostileChromium(options: ChromiumOptions = {}): Promise<HostileChromium> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (extensionDir === EXTENSION_DIR) requireTestBuild();
  const executablePath = requireBrowser(process.env.CHROME_PATH ?? '/usr/bin/chromium', 'chromium', 'CHROME_PATH');
  const profile = mkdtempSync(join(tmpdir(), 'chiplens-hostile-chromium-'));
  const all = [extensionDir, ...(options.otherExtensions ?? [])];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: VIEWPORT,
    args: [
      ...chromiumArgs(all.join(',')),
      ...(options.netLog !== undefined ? [`--log-net-log=${options.netLog}`, '--net-log-capture-mode=Default'] : []),
    ],
  });
  try {
    await context.addInitScript(HOSTILE_COLLECTOR);
    const workerOf = async (dir: string): Promise<Worker> => {
      const manifestName = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } }).background?.service_worker;
      const deadline = Date.now() + 15_000;
      for (;;) {
        for (const worker of context.serviceWorkers()) {
          const url = new URL(worker.url());
          if (url.pathname === `/${manifestName}`) {
            // Two extensions may both name their worker background.js: tell them apart by evaluating.
            const name = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string } } } }).chrome.runtime.getManifest().name);
            const wanted = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { name: string }).name;
            if (name === wanted) return worker;
          }
        }
        if (Date.now() > deadline) throw new Error(`no service worker for the extension in ${dir}`);
        await context.waitForEvent('serviceworker', { timeout: 2_000 }).catch(() => undefined);
      }
    };
    const ours = await workerOf(extensionDir);
    const extensionId = new URL(ours.url()).host;
    const otherIds = new Map<string, string>();
    for (const dir of options.otherExtensions ?? []) otherIds.set(dir, new URL((await workerOf(dir)).url()).host);
    const pages = new WeakMap<HostilePage, PwPage>();
    const browserPid = findChromiumPid(profile);

    const session: HostileChromium = {
      name: 'chromium',
      context,
      extensionId,
      otherIds,
      pageOf: (page) => {
        const found = pages.get(page);
        if (!found) throw new Error('not a page of this browser');
        return found;
      },
      async open(url, openOptions = {}) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
        // Exceptions in every world of the page, the content script's isolated world included.
        const cdp: CDPSession = await context.newCDPSession(page);
        const isolated = new Set<number>();
        cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; auxData?: { type?: string } } }) => {
          if (event.context.auxData?.type === 'isolated') isolated.add(event.context.id);
        });
        cdp.on('Runtime.exceptionThrown', (event: { exceptionDetails: { executionContextId?: number; text: string; exception?: { description?: string } } }) => {
          const details = event.exceptionDetails;
          if (details.executionContextId !== undefined && isolated.has(details.executionContextId)) {
            errors.push(`extension: ${details.exception?.description ?? details.text}`);
          }
        });
        cdp.on('Runtime.consoleAPICalled', (event: { type: string; executionContextId: number; args: { value?: string | number | boolean | null; description?: string }[] }) => {
          if (isolated.has(event.executionContextId) && (event.type === 'error' || event.type === 'warning' || event.type === 'assert')) {
            errors.push(`extension console.${event.type}: ${event.args.map((a) => String(a.value ?? a.description)).join(' ')}`);
          }
        });
        await cdp.send('Runtime.enable');
        const hostile: HostilePage = {
          url,
          evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
          moveMouse: (x, y, steps = 3) => page.mouse.move(x, y, { steps }),
          click: (x, y) => page.mouse.click(x, y),
          type: (text) => page.keyboard.type(text),
          press: (key) => page.keyboard.press(key),
          down: (key) => page.keyboard.down(key),
          up: (key) => page.keyboard.up(key),
          clickOn: (selector) => page.click(selector),
          screenshot: () => page.screenshot({ type: 'png' }),
          errors: () => [...errors],
          close: async () => {
            await cdp.detach().catch(() => undefined);
            await page.close();
          },
        };
        pages.set(hostile, page);
        await openOptions.beforeLoad?.(hostile);
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        return hostile;
      },
      inExtension: async (fn, arg) => (await workerOf(extensionDir)).evaluate(fn as never, arg) as never,
      inOtherExtension: async (dir, fn, arg) => (await workerOf(dir)).evaluate(fn as never, arg) as never,
      async openExtensionPage(path, ready) {
        const page = await context.newPage();
        page.on('dialog', (dialog) => void dialog.accept());
        await page.goto(`chrome-extension://${extensionId}/${path}`);
        await page.waitForSelector(ready, { state: 'attached', timeout: 10_000 });
        return {
          evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
          click: (selector) => page.click(selector),
          async fill(selector, text) {
            await page.click(selector);
            await page.evaluate((s) => (document.querySelector(s) as HTMLInputElement).select(), selector);
            await page.keyboard.type(text);
          },
          upload: (selector, file) => page.setInputFiles(selector, file),
          close: () => page.close(),
        };
      },
      cpuSeconds: () => (browserPid === undefined ? Number.NaN : treeCpuSeconds(browserPid)),
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
    return session;
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The browser process of a Chromium started with this profile, from /proc. */
function findChromiumPid(profile: string): number | undefined {
  let found: number | undefined;
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg === `--user-data-dir=${profile}`) && !cmdline.some((arg) => arg.startsWith('--type='))) {
        // The wrapper script and the browser both match: the one deeper in the tree is the browser.
        if (found === undefined || Number(entry) > found) found = Number(entry);
      }
    } catch {
      // gone
    }
  }
  return found;
}

/** A second extension, written to a temp folder: it only sends messages when a test tells it to. */
export function writeStrangerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chiplens-stranger-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Stranger', version: '1.0', background: { service_worker: 'background.js' }, permissions: ['tabs'] }),
  );
  writeFileSync(join(dir, 'background.js'), '// Driven from the tests through evaluate.\n');
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Firefox

/** Fixed so the add-on's pages have a known address. */
export const FIREFOX_UUID = '7d1c0f4e-2b6a-4c39-8e51-9a0d3f6b2c71';

export interface HostileFirefox extends HostileBrowser {
  name: 'firefox';
  browser: Browser;
  pageOf(page: HostilePage): PpPage;
}

export async function launchHostileFirefox(): Promise<HostileFirefox> {
  const { geckoId } = requireTestBuild();
  const executablePath = requireBrowser(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr', 'FIREFOX_PATH');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }),
      'full-screen-api.allow-trusted-requests-only': false,
    },
  });
  const origin = `moz-extension://${FIREFOX_UUID}`;
  const openExtension = async (path: string, ready: string): Promise<PpPage> => {
    const page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    // goto() of a moz-extension:// page never resolves over BiDi: start it and wait for the page.
    void page.goto(`${origin}/${path}`).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await page
        .evaluate((selector) => location.protocol === 'moz-extension:' && document.querySelector(selector) !== null, ready)
        .catch(() => false);
      if (found) return page;
      if (Date.now() > deadline) throw new Error(`${path} did not show ${ready} within 10 s`);
      await sleep(50);
    }
  };
  let control: PpPage;
  try {
    const addonId = await browser.installExtension(EXTENSION_DIR);
    if (addonId !== geckoId) throw new Error(`Firefox installed ${addonId}, expected ${geckoId}`);
    control = await openExtension('privacy.html', 'body');
  } catch (error) {
    await browser.close();
    throw error;
  }
  const pid = browser.process()?.pid;
  const pages = new WeakMap<HostilePage, PpPage>();
  return {
    name: 'firefox',
    browser,
    pageOf: (page) => {
      const found = pages.get(page);
      if (!found) throw new Error('not a page of this browser');
      return found;
    },
    async open(url, openOptions = {}) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`page: ${String((error as Error).message ?? error)}`));
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(HOSTILE_COLLECTOR);
      const hostile: HostilePage = {
        url,
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        moveMouse: (x, y, steps = 3) => page.mouse.move(x, y, { steps }),
        click: (x, y) => page.mouse.click(x, y),
        type: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key as KeyInput),
        down: (key) => page.keyboard.down(key as KeyInput),
        up: (key) => page.keyboard.up(key as KeyInput),
        clickOn: (selector) => page.click(selector),
        screenshot: async () => Buffer.from(await page.screenshot({ type: 'png' })),
        errors: () => [...errors],
        close: () => page.close(),
      };
      pages.set(hostile, page);
      await openOptions.beforeLoad?.(hostile);
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      return hostile;
    },
    inExtension: (fn, arg) => control.evaluate(fn as never, arg) as never,
    async openExtensionPage(path, ready) {
      const page = await openExtension(path, ready);
      return {
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        click: (selector) => page.click(selector),
        async fill(selector, text) {
          await page.click(selector);
          await page.evaluate((s) => (document.querySelector(s) as HTMLInputElement).select(), selector);
          await page.keyboard.type(text);
        },
        async upload(selector, file) {
          const input = await page.$(selector);
          if (!input) throw new Error(`no ${selector}`);
          await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
        },
        close: () => page.close(),
      };
    },
    cpuSeconds: () => (pid === undefined ? Number.NaN : treeCpuSeconds(pid)),
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// One browser and one fixture server per test file.

export interface HostileEnv<B extends HostileBrowser> {
  browser(): B;
  url(fixture: string): string;
  /** Opens a hostile fixture; closed when the test ends. */
  open(fixture: string, options?: OpenOptions): Promise<HostilePage>;
}

export function useHostileBrowser<B extends HostileBrowser>(launch: () => Promise<B>): HostileEnv<B> {
  let server: FixtureServer | undefined;
  let session: B | undefined;
  let launchError: unknown;
  beforeAll(async () => {
    server = await startFixtureServer(HOSTILE_FIXTURES);
    session = await launch().catch((error: unknown) => {
      launchError = error;
      return undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  const env: HostileEnv<B> = {
    browser() {
      if (launchError) throw launchError;
      if (!session) throw new Error('the browser did not start: see the beforeAll error');
      return session;
    },
    url(fixture) {
      if (!server) throw new Error('the fixture server did not start');
      return server.url(fixture);
    },
    async open(fixture, options) {
      const page = await env.browser().open(env.url(fixture), options);
      onTestFinished(() => page.close().catch(() => undefined));
      return page;
    },
  };
  return env;
}

// ---------------------------------------------------------------------------------------------
// Signals

const POLL_MS = 50;

export const readHostileSignals = (target: Evaluator): Promise<HostileSignal[]> =>
  target.evaluate(() => {
    const list = (window as unknown as { __hostileSignals?: unknown[] }).__hostileSignals;
    if (list === undefined) throw new Error('no signal collector in this page');
    return JSON.parse(JSON.stringify(list)) as HostileSignal[];
  }, null);

async function waitFor<S>(target: Evaluator, find: (signals: HostileSignal[]) => S | undefined, what: string, timeout: number): Promise<S> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const signals = await readHostileSignals(target);
    const found = find(signals);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeout} ms; signals so far: ${JSON.stringify(signals).slice(0, 1500)}`);
    await sleep(POLL_MS);
  }
}

export const lastGeneration = async (target: Evaluator): Promise<number> =>
  Math.max(0, ...(await readHostileSignals(target)).map((s) => (s.type === 'scanned' ? s.generation : 0)));

/** The latest scan of at least `minGeneration`. */
export const waitForScanned = (target: Evaluator, minGeneration = 1, timeout = 20_000): Promise<ScanSignal> =>
  waitFor(target, (signals) => signals.filter((s): s is ScanSignal => s.type === 'scanned' && s.generation >= minGeneration).at(-1), `scan ≥ ${minGeneration}`, timeout);

/** The first card signal after the first `skip` signals. */
export const waitForCardShown = (target: Evaluator, skip: number, timeout = 6_000): Promise<CardShown> =>
  waitFor(target, (signals) => signals.slice(skip).find((s): s is CardShown => s.type === 'card'), "'card' signal", timeout);

export const signalCount = async (target: Evaluator): Promise<number> => (await readHostileSignals(target)).length;

/**
 * Waits until no new scan has come for `quietMs` (a page that changes settles), and returns the
 * last scan.
 */
export async function waitForQuiet(target: Evaluator, quietMs = 400, timeout = 20_000): Promise<ScanSignal> {
  const deadline = Date.now() + timeout;
  let last = await waitForScanned(target, 1, timeout);
  let since = Date.now();
  for (;;) {
    await sleep(POLL_MS);
    const now = await waitForScanned(target, 1, timeout);
    if (now.generation !== last.generation) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return last;
    if (Date.now() > deadline) throw new Error(`the page never settled: scans kept coming (generation ${last.generation})`);
  }
}

export { ROOT, sleep };
