import puppeteer, { type Frame, type KeyInput, type Page } from 'puppeteer-core';
import { EXTENSION_DIR, requireBrowser, requireTestBuild } from './extension.js';
import type { BrowserSession, TestPage } from './session.js';
import { VIEWPORT } from './session.js';
import { SIGNAL_COLLECTOR, type Evaluator } from './signals.js';

export interface FirefoxSession extends BrowserSession<TestPage> {
  addonId: string;
}

const evaluator = (target: Page | Frame): Evaluator => ({
  evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never,
});

/** Firefox ESR over WebDriver BiDi, with the test build installed as a temporary add-on (no signing). */
export async function launchFirefox(): Promise<FirefoxSession> {
  const { geckoId } = requireTestBuild();
  const executablePath = requireBrowser(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr', 'FIREFOX_PATH');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
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
        moveMouse: (x, y) => page.mouse.move(x, y, { steps: 3 }),
        press: (key) => page.keyboard.press(key as KeyInput),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
