// What the settings tests need of a browser, beyond fixture pages: the extension's own pages
// (options, popup) driven as a reader drives them, and the extension's APIs (storage, tabs,
// badge) to set up and check state. One adapter per browser, one browser per test file.
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, onTestFinished } from 'vitest';
import { launchChromium } from './chromium.js';
import { launchFirefox } from './firefox.js';
import { startFixtureServer, type FixtureServer } from './server.js';
import type { Evaluator } from './signals.js';
import { clearStorage, openTab, tabIdOf } from './settings-probes.js';

/** An extension page (options, popup) opened as a tab. */
export interface UiPage extends Evaluator {
  click(selector: string): Promise<void>;
  /** Clicks the field, selects what it holds and types `text` over it, as a reader does. */
  type(selector: string, text: string): Promise<void>;
  press(key: 'Tab' | 'Enter'): Promise<void>;
  /** Picks a file in an `<input type=file>`. */
  upload(selector: string, path: string): Promise<void>;
  /** The messages of the dialogs (confirm, alert) shown so far; each was accepted. */
  dialogs: string[];
  close(): Promise<void>;
}

/** A fixture page in a tab of its own, with the signal collector installed. */
export interface FixtureTab extends Evaluator {
  url: string;
  /** The tab's id in the extension's tabs API. */
  tabId: number;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface SettingsDriver {
  openFixture(url: string): Promise<FixtureTab>;
  /** Opens `path` (e.g. `options.html#add-term=x`) of the extension and waits for `ready` in it. */
  openExtensionPage(path: string, ready: string): Promise<UiPage>;
  /**
   * Runs `fn` where the extension's APIs are: the service worker in Chromium, an extension page
   * in Firefox. Write it against `globalThis.browser ?? globalThis.chrome` (see settings-probes.ts).
   */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

const SELECT_FIELD = (selector: string): void => {
  const field = document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement | null;
  if (!field) throw new Error(`no ${selector} in the page`);
  field.select();
};

function playwrightUi(page: PlaywrightPage, dialogs: string[]): UiPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.click(selector),
    async type(selector, text) {
      await page.click(selector);
      await page.evaluate(SELECT_FIELD, selector);
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    upload: (selector, path) => page.setInputFiles(selector, path),
    dialogs,
    close: () => page.close(),
  };
}

function puppeteerUi(page: PuppeteerPage, dialogs: string[]): UiPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.click(selector),
    async type(selector, text) {
      await page.click(selector);
      await page.evaluate(SELECT_FIELD, selector);
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    async upload(selector, path) {
      const input = await page.$(selector);
      if (!input) throw new Error(`no ${selector} in the page`);
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
    },
    dialogs,
    close: () => page.close(),
  };
}

export async function chromiumSettingsDriver(): Promise<SettingsDriver> {
  const session = await launchChromium();
  const { context, extensionId } = session;
  // The worker may be stopped and restarted by the browser: look it up for each call.
  const worker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  return {
    // The extension opens the tab, so it knows the tab's id: without the "tabs" permission,
    // tabs.query() in Chromium hides every tab's address. Playwright attaches to the new tab
    // before it runs anything, so the context's init script (the signal collector) is in place.
    async openFixture(url) {
      const opened = context.waitForEvent('page', { timeout: 10_000 });
      const tabId = await (await worker()).evaluate(openTab, url);
      const page = await opened;
      await page.waitForURL(url, { waitUntil: 'load', timeout: 10_000 });
      return {
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        url,
        tabId,
        bringToFront: () => page.bringToFront(),
        close: () => page.close(),
      };
    },
    async openExtensionPage(path, ready) {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await page.waitForSelector(ready, { state: 'attached', timeout: 10_000 });
      return playwrightUi(page, dialogs);
    },
    inExtension: async (fn, arg) => (await worker()).evaluate(fn as never, arg) as never,
    close: () => session.close(),
  };
}

export async function firefoxSettingsDriver(): Promise<SettingsDriver> {
  const session = await launchFirefox({ extensionPages: true });
  const { browser, extensionOrigin } = session;
  // goto() of a moz-extension:// page never resolves over BiDi: start it and wait for the page.
  const openPage = async (path: string, ready: string): Promise<{ page: PuppeteerPage; dialogs: string[] }> => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    void page.goto(`${extensionOrigin}/${path}`).catch(() => undefined);
    // Not waitForSelector: while the tab goes from about:blank to the extension page, an
    // evaluation can fail inside Firefox's remote agent, and waitForSelector gives up on it.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await page
        .evaluate((selector) => location.protocol === 'moz-extension:' && document.querySelector(selector) !== null, ready)
        .catch(() => false);
      if (found) break;
      if (Date.now() > deadline) throw new Error(`${path} did not show ${ready} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { page, dialogs };
  };
  let control: PuppeteerPage;
  try {
    // An extension page kept open for the extension's APIs; privacy.html does nothing on its own.
    control = (await openPage('privacy.html', 'body')).page;
  } catch (error) {
    await session.close();
    throw error;
  }
  return {
    async openFixture(url) {
      const tab = await session.open(url);
      // Firefox shows the extension the address of a page its content script runs on.
      const tabId = await control.evaluate(tabIdOf, url);
      if (tabId === null) throw new Error(`no tab with ${url} in tabs.query()`);
      return { evaluate: tab.evaluate, url, tabId, bringToFront: () => tab.page.bringToFront(), close: tab.close };
    },
    async openExtensionPage(path, ready) {
      const { page, dialogs } = await openPage(path, ready);
      return puppeteerUi(page, dialogs);
    },
    inExtension: (fn, arg) => control.evaluate(fn as never, arg) as never,
    close: () => session.close(),
  };
}

export interface SettingsEnv {
  /** The address of a fixture on the local server. */
  url(fixture: string): string;
  /** Opens a fixture in a new tab, closed again when the test ends. */
  openFixture(fixture: string): Promise<FixtureTab>;
  /** Opens an extension page in a new tab, closed again when the test ends. */
  openExtensionPage(path: string, ready: string): Promise<UiPage>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/**
 * One browser and one fixture server for the whole file. Each test starts from empty storage
 * (the defaults, no terms) and closes the tabs it opened.
 */
export function useSettingsBrowser(launch: () => Promise<SettingsDriver>): SettingsEnv {
  let server: FixtureServer | undefined;
  let driver: SettingsDriver | undefined;
  let launchError: unknown;
  const ready = (): SettingsDriver => {
    if (launchError) throw launchError;
    if (!server || !driver) throw new Error('the browser did not start: see the beforeAll error');
    return driver;
  };
  beforeAll(async () => {
    server = await startFixtureServer();
    driver = await launch().catch((error: unknown) => {
      launchError = error;
      return undefined;
    });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });
  beforeEach(async () => {
    if (driver) await driver.inExtension(clearStorage, null);
  });
  const env: SettingsEnv = {
    url: (fixture) => {
      if (!server) throw new Error('the fixture server did not start');
      return server.url(fixture);
    },
    async openFixture(fixture) {
      const tab = await ready().openFixture(env.url(fixture));
      onTestFinished(() => tab.close());
      return tab;
    },
    async openExtensionPage(path, selector) {
      const page = await ready().openExtensionPage(path, selector);
      onTestFinished(() => page.close());
      return page;
    },
    inExtension: (fn, arg) => ready().inExtension(fn, arg),
  };
  return env;
}
