import puppeteer, { type Browser, type Frame, type KeyInput, type Page } from 'puppeteer-core';
import { EXTENSION_DIR, requireBrowser, requireTestBuild } from './extension.js';
import type { BrowserSession, TestPage } from './session.js';
import { VIEWPORT } from './session.js';
import { SIGNAL_COLLECTOR, type Evaluator } from './signals.js';

export interface FirefoxPage extends TestPage {
  /** The puppeteer page itself, for tests that drive it directly (file inputs, dialogs). */
  page: Page;
}

export interface FirefoxSession extends BrowserSession<FirefoxPage> {
  addonId: string;
  /** The browser, for tests that open pages themselves. */
  browser: Browser;
  /** `moz-extension://<uuid>` when launched with `extensionPages`, else ''. */
  extensionOrigin: string;
}

export interface FirefoxLaunchOptions {
  /**
   * Lets the tests open the extension's own pages (options, popup): allows BiDi into
   * moz-extension:// documents and fixes the add-on's UUID so their address is known.
   */
  extensionPages?: boolean;
}

/** The add-on UUID fixed by `extensionPages` (any UUID will do; fixed so addresses are known). */
export const FIREFOX_EXTENSION_UUID = '5c1e3a52-8f0d-4b7e-9d26-0c4f6a1b2e93';

const evaluator = (target: Page | Frame): Evaluator => ({
  evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never,
});

/** Firefox ESR over WebDriver BiDi, with the test build installed as a temporary add-on (no signing). */
export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const { geckoId } = requireTestBuild();
  const executablePath = requireBrowser(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr', 'FIREFOX_PATH');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    ...(options.extensionPages === true
      ? {
          args: ['--remote-allow-system-access'],
          extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }) },
        }
      : {}),
  });
  let addonId: string;
  try {
    addonId = await browser.installExtension(EXTENSION_DIR);
    if (addonId !== geckoId) throw new Error(`Firefox installed ${addonId}, expected ${geckoId} from ${EXTENSION_DIR}`);
  } catch (error) {
    await browser.close();
    throw error;
  }

  return {
    addonId,
    browser,
    extensionOrigin: options.extensionPages === true ? `moz-extension://${FIREFOX_EXTENSION_UUID}` : '',
    async open(url) {
      const page = await browser.newPage();
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(SIGNAL_COLLECTOR);
      await page.goto(url, { waitUntil: 'load' });
      return {
        ...evaluator(page),
        async frame(urlPart) {
          const frame = page.frames().find((f) => f.url().includes(urlPart));
          if (!frame) throw new Error(`no frame with ${urlPart} in ${page.url()}`);
          return evaluator(frame);
        },
        moveMouse: (x, y, steps = 3) => page.mouse.move(x, y, { steps }),
        press: (key) => page.keyboard.press(key as KeyInput),
        close: () => page.close(),
        page,
      };
    },
    close: () => browser.close(),
  };
}
