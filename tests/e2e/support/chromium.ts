import { mkdtempSync, rmSync } from 'node:fs';
import { chromiumArgs } from '../../../scripts/chromium-flags.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { attribute, findNode, probeCard, textOf, type CardProbe, type DomNode } from './chromium-card.js';
import { EXTENSION_DIR, requireBrowser, requireTestBuild } from './extension.js';
import type { BrowserSession, TestPage } from './session.js';
import { VIEWPORT } from './session.js';
import { SIGNAL_COLLECTOR, type Evaluator } from './signals.js';

/** What DevTools sees of the card, closed shadow root included. */
export interface CardDom {
  shadowRootType: string;
  role: string | null;
  text: string;
}

export interface ChromiumPage extends TestPage {
  /** The card as DevTools sees it, or null when no card host is in the page. */
  cardDom(): Promise<CardDom | null>;
  /** The Playwright page itself, for tests that drive it directly (tabs, file inputs, dialogs). */
  page: Page;
  /** The shown card's elements, boxes and computed styles through CDP (fails when none is shown). */
  cardProbe(): Promise<CardProbe>;
  /** `chrome.tabs.sendMessage` to this page's tab, evaluated in the extension's service worker. */
  sendFromBackground(message: unknown): Promise<void>;
}

export interface ChromiumSession extends BrowserSession<ChromiumPage> {
  extensionId: string;
  /** The browser context: opens extension pages, reaches the service worker (`serviceWorkers()`). */
  context: BrowserContext;
}


const evaluator = (target: Page | Frame): Evaluator => ({
  evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never,
});

export async function launchChromium(): Promise<ChromiumSession> {
  requireTestBuild();
  const executablePath = requireBrowser(process.env.CHROME_PATH ?? '/usr/bin/chromium', 'chromium', 'CHROME_PATH');
  const profile = mkdtempSync(join(tmpdir(), 'chiplens-e2e-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true, // new headless mode with a full Chromium: it loads extensions
      viewport: VIEWPORT,
      args: chromiumArgs(EXTENSION_DIR),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const workerUrl = new URL(worker.url());
    if (workerUrl.protocol !== 'chrome-extension:' || workerUrl.pathname !== '/background.js') {
      throw new Error(`unexpected service worker ${worker.url()}: the extension from ${EXTENSION_DIR} did not load`);
    }
    await context.addInitScript(SIGNAL_COLLECTOR);
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const ctx = context;
  const extensionId = new URL(ctx.serviceWorkers()[0]!.url()).host;

  return {
    extensionId,
    context: ctx,
    async open(url) {
      const page = await ctx.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return {
        ...evaluator(page),
        async frame(urlPart) {
          const frame = page.frames().find((f) => f.url().includes(urlPart));
          if (!frame) throw new Error(`no frame with ${urlPart} in ${page.url()}`);
          await frame.waitForLoadState('load');
          return evaluator(frame);
        },
        moveMouse: (x, y, steps = 3) => page.mouse.move(x, y, { steps }),
        press: (key) => page.keyboard.press(key),
        close: () => page.close(),
        cardDom: () => readCardDom(ctx, page),
        cardProbe: () => probeCard(ctx, page),
        sendFromBackground: (message: unknown) => sendFromBackground(ctx, message),
        page,
      };
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Page scripts cannot enter a closed shadow root, but DevTools can: pierce returns its nodes.
async function readCardDom(context: BrowserContext, page: Page): Promise<CardDom | null> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = findNode(root, (node) => node.nodeName === 'CHIP-LENS-CARD');
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return null;
    const card = findNode(shadow, (node) => attribute(node, 'role') === 'tooltip');
    return { shadowRootType: shadow.shadowRootType ?? '', role: card ? 'tooltip' : null, text: card ? textOf(card) : '' };
  } finally {
    await cdp.detach();
  }
}

/**
 * Sends a message to the top frame of the page's tab from the extension's service worker, as the
 * background does for a keyboard command (no synthetic key press reaches the browser's command
 * shortcuts).
 * Without the "tabs" permission the worker cannot read tab addresses, so the message goes to
 * every tab, and exactly one (this test's page: the others are closed or have no content script)
 * must have a content script to receive it.
 */
async function sendFromBackground(context: BrowserContext, message: unknown): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 5_000 }));
  const outcome = await worker.evaluate(async (message) => {
    // The worker's own global, typed here: the test project does not load the chrome typings.
    const tabs = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome.tabs;
    const results: string[] = [];
    for (const tab of await tabs.query({})) {
      if (tab.id === undefined) continue;
      results.push(
        await tabs.sendMessage(tab.id, message, { frameId: 0 }).then(
          () => 'received',
          (error: unknown) => (/receiving end does not exist/i.test(String(error)) ? 'no content script' : `failed: ${String(error)}`),
        ),
      );
    }
    return results;
  }, message);
  if (outcome.filter((result) => result === 'received').length !== 1 || outcome.some((result) => result.startsWith('failed'))) {
    throw new Error(`the message should reach exactly one content script; the tabs answered ${JSON.stringify(outcome)}`);
  }
}

interface ChromeTabs {
  query(filter: Record<string, never>): Promise<{ id?: number }[]>;
  sendMessage(id: number, message: unknown, options: { frameId: number }): Promise<unknown>;
}
