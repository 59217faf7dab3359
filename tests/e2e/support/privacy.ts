// The privacy test's own harness: the production build (what `npm run package` ships) in
// Chromium, with every network request of every context recorded.
//
// Playwright's context-level 'request' event reports the requests of pages and their frames
// (and so of content scripts, which the page's renderer runs) and of service workers, the
// extension's background included, unless the context blocks service workers (it does not
// here). WebSockets are not requests to Playwright, so each page's 'websocket' event is recorded
// too. The test proves the service-worker part with a canary request of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { chromiumArgs } from '../../../scripts/chromium-flags.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { requireBrowser, ROOT } from './extension.js';
import { VIEWPORT } from './session.js';

/** The production build, exactly what the packages hold (`CHIPLENS_PRIVACY_DIST` to point elsewhere). */
export const PRODUCTION_DIST = process.env.CHIPLENS_PRIVACY_DIST ?? join(ROOT, 'dist');

/** The scripts the manifest and the extension's pages load. */
export const EXTENSION_SCRIPTS = ['content.js', 'background.js', 'options.js', 'popup.js'];

export interface RecordedRequest {
  /** 'service worker', 'page <url>' or 'websocket from <url>' */
  from: string;
  method: string;
  url: string;
}

export interface PrivacySession {
  context: BrowserContext;
  extensionId: string;
  /** Every request since launch, in order. */
  requests: RecordedRequest[];
  /** The extension's background service worker (looked up again: the browser may restart it). */
  worker(): Promise<Worker>;
  /** Opens `url` in a new tab that the extension itself creates, so its tab id is known. */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
  /** Opens a page of the extension, e.g. `options.html`. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}


export async function launchRecordingChromium(dir = PRODUCTION_DIST): Promise<PrivacySession> {
  const executablePath = requireBrowser(process.env.CHROME_PATH ?? '/usr/bin/chromium', 'chromium', 'CHROME_PATH');
  const profile = mkdtempSync(join(tmpdir(), 'chiplens-e2e-privacy-'));
  const requests: RecordedRequest[] = [];
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: VIEWPORT,
      serviceWorkers: 'allow', // 'block' would also hide the service workers' requests
      args: chromiumArgs(dir),
    });
    const record = (page: Page): void => {
      page.on('websocket', (socket) => requests.push({ from: `websocket from ${page.url()}`, method: 'WEBSOCKET', url: socket.url() }));
    };
    context.on('page', record);
    context.pages().forEach(record);
    context.on('request', (request) => {
      const frame = request.serviceWorker() ? undefined : safeFrameUrl(request);
      requests.push({ from: request.serviceWorker() ? 'service worker' : `page ${frame ?? '(unknown)'}`, method: request.method(), url: request.url() });
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const url = new URL(worker.url());
    if (url.protocol !== 'chrome-extension:' || url.pathname !== '/background.js') {
      throw new Error(`unexpected service worker ${worker.url()}: the extension from ${dir} did not load (run npm run build)`);
    }
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const ctx = context;
  const extensionId = new URL(ctx.serviceWorkers()[0]!.url()).host;
  const worker = async (): Promise<Worker> =>
    ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await ctx.waitForEvent('serviceworker', { timeout: 10_000 }));

  return {
    context: ctx,
    extensionId,
    requests,
    worker,
    async openTab(url) {
      // The extension creates the tab (so its id is known) on about:blank, and Playwright then
      // navigates it: a navigation the browser starts for tabs.create({ url }) would be under way
      // before Playwright attaches to the tab, and its request would go unrecorded.
      const opened = ctx.waitForEvent('page', { timeout: 10_000 });
      const tabId = await (await worker()).evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { tabs: { create(options: { url: string }): Promise<{ id?: number }> } } }).chrome;
        const tab = await api.tabs.create({ url: 'about:blank' });
        if (tab.id === undefined) throw new Error('tabs.create gave no id');
        return tab.id;
      }, undefined);
      const page = await opened;
      await page.goto(url, { waitUntil: 'load', timeout: 10_000 });
      return { page, tabId };
    },
    async openExtensionPage(path) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function safeFrameUrl(request: { frame(): { url(): string } }): string | undefined {
  try {
    return request.frame().url();
  } catch {
    return undefined; // a request with no frame (a worker of the page)
  }
}

/** In the page: true once any of the extension's highlights holds a range. */
export function hasHighlights(): boolean {
  return ['chip', 'arch', 'tech', 'org', 'policy'].some((kind) => (CSS.highlights.get(`chiplens-${kind}`)?.size ?? 0) > 0);
}

/**
 * In the page: scrolls the first highlighted chip (else any highlighted mention) a third of the
 * way down the viewport and returns the centre of its first line box, where the pointer goes.
 */
export function firstMentionCentre(): { text: string; x: number; y: number } {
  for (const kind of ['chip', 'arch', 'tech', 'org', 'policy']) {
    for (const stored of (CSS.highlights.get(`chiplens-${kind}`) ?? []) as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      const top = range.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - window.innerHeight / 3));
      const box = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { text: range.toString(), x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  throw new Error('no highlighted mention on the page');
}
