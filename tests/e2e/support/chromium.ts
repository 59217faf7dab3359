import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
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
}

export interface ChromiumSession extends BrowserSession<ChromiumPage> {
  extensionId: string;
}

export const CHROMIUM_ARGS = (extensionDir: string): string[] => [
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps calling outside hosts, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
      args: CHROMIUM_ARGS(EXTENSION_DIR),
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
        moveMouse: (x, y) => page.mouse.move(x, y, { steps: 3 }),
        press: (key) => page.keyboard.press(key),
        close: () => page.close(),
        cardDom: () => readCardDom(ctx, page),
      };
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TEXT_NODE = 3;

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
}

// Page scripts cannot enter a closed shadow root, but DevTools can: pierce returns its nodes.
async function readCardDom(context: BrowserContext, page: Page): Promise<CardDom | null> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, (node) => node.nodeName === 'CHIP-LENS-CARD');
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return null;
    const card = find(shadow, (node) => attribute(node, 'role') === 'tooltip');
    return { shadowRootType: shadow.shadowRootType ?? '', role: card ? 'tooltip' : null, text: card ? textOf(card) : '' };
  } finally {
    await cdp.detach();
  }
}

function find(node: DomNode, test: (node: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

function attribute(node: DomNode, name: string): string | undefined {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

function textOf(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue;
  if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
  return (node.children ?? []).map(textOf).join('');
}
