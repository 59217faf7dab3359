import { describe, expect, it } from 'vitest';
import { luminance } from './support/chromium-card.js';
import { launchChromium, type ChromiumPage } from './support/chromium.js';
import { useBrowser } from './support/environment.js';
import { extensionChecks, navigationChecks, MI300X_SENTENCE } from './support/extension-checks.js';
import { HIGHLIGHT_NAMES, mentionCentre } from './support/page-probes.js';
import { readSignals, waitForCard, waitForScan, type CardSignal } from './support/signals.js';

const signalCount = async (page: ChromiumPage): Promise<number> => ((await readSignals(page)) ?? []).length;

/** Rests the pointer on the MI300X of card.html (near the top of a short page) and waits for its card. */
async function hoverMi300x(page: ChromiumPage): Promise<CardSignal> {
  await waitForScan(page);
  const { x, y } = await page.evaluate(mentionCentre, { names: HIGHLIGHT_NAMES, text: 'MI300X', within: 'lead' });
  const seen = await signalCount(page);
  await page.moveMouse(x, y);
  const card = await waitForCard(page, seen);
  expect(card.entityId).toBe('amd-mi300x');
  return card;
}

// The launch itself checks that the extension's service worker started from dist-test/.
describe('Chip Lens in Chromium', () => {
  const env = useBrowser(launchChromium);

  extensionChecks(env, {
    async whileCardShown(page, card) {
      const dom = await page.cardDom();
      expect(dom, 'DevTools sees a <chip-lens-card> host with a shadow root').not.toBeNull();
      expect(dom?.shadowRootType).toBe('closed');
      expect(dom?.role).toBe('tooltip');
      expect(dom?.text.replace(/\s+/g, ' ')).toContain(card.name);
      expect(dom?.text.replace(/\s+/g, ' ')).toContain(MI300X_SENTENCE);
    },
    async cardBox(page) {
      const probe = await page.cardProbe();
      try {
        return await probe.box(probe.card);
      } finally {
        await probe.close();
      }
    },
  });

  // Chromium only: the command reaches the content script as a message from the background, and
  // only Chromium lets a test evaluate in the extension's background (its service worker, through
  // CDP); WebDriver BiDi gives Firefox tests no handle on the add-on's background page.
  it('opens the card of the first mention in page order on "next mention", then of the second', async () => {
    const page = await env.open('card.html');
    const scan = await waitForScan(page);
    expect(scan.texts.slice(0, 2)).toEqual(['MI300X', 'AMD']);

    let seen = await signalCount(page);
    await page.sendFromBackground({ type: 'next-mention' });
    const first = await waitForCard(page, seen);
    expect(first.entityId).toBe('amd-mi300x');

    seen = await signalCount(page);
    await page.sendFromBackground({ type: 'next-mention' });
    const second = await waitForCard(page, seen);
    expect(second.entityId).toBe('amd');
  });

  // Chromium only: the buttons are inside the card's closed shadow root, which only CDP's pierced
  // DOM can locate; Firefox over BiDi has no way to find where a button of the card is.
  it('opens the card of an entity "named alongside" when its button is clicked', async () => {
    const page = await env.open('card.html');
    await hoverMi300x(page);
    const probe = await page.cardProbe();
    let centre: { x: number; y: number };
    try {
      const buttons = probe.elements('button');
      expect(buttons.map((button) => button.text)).toEqual(expect.arrayContaining(['Nvidia H200']));
      const box = await probe.box(buttons.find((button) => button.text === 'Nvidia H200')!);
      centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
    } finally {
      await probe.close();
    }
    expect(centre.y, 'the button is inside the viewport').toBeLessThan(page.page.viewportSize()!.height);

    const seen = await signalCount(page);
    await page.page.mouse.click(centre.x, centre.y);
    const next = await waitForCard(page, seen);
    expect(next.entityId).toBe('nvidia-h200');
    expect(next.name).toContain('H200');
  });

  // Chromium only: the links are inside the closed shadow root (see above).
  it("opens every link of the card in a new tab, over https, without opener or referrer", async () => {
    const page = await env.open('card.html');
    await hoverMi300x(page);
    const probe = await page.cardProbe();
    try {
      const links = probe.elements('a').map((link) => link.attributes);
      expect(links.length, 'the MI300X card links the sources of its facts').toBeGreaterThan(0);
      for (const link of links) {
        expect.soft(link.href ?? '', JSON.stringify(link)).toMatch(/^https:\/\/[^/]+\.[^/]+/);
        expect.soft(link.target, JSON.stringify(link)).toBe('_blank');
        expect.soft((link.rel ?? '').split(/\s+/), JSON.stringify(link)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
      }
    } finally {
      await probe.close();
    }
  });

  // Chromium only: Playwright emulates prefers-color-scheme; the card's colour is read through CDP.
  it('follows dark mode: the card turns dark when the page prefers a dark colour scheme', async () => {
    const page = await env.open('card.html');
    await page.page.emulateMedia({ colorScheme: 'light' });
    await hoverMi300x(page);
    const probe = await page.cardProbe();
    try {
      const light = await probe.computed(probe.card, 'background-color');
      expect(luminance(light), `light background ${light}`).toBeGreaterThan(0.7);
      // The same card, still shown, when the preference changes.
      await page.page.emulateMedia({ colorScheme: 'dark' });
      const dark = await probe.computed(probe.card, 'background-color');
      expect(luminance(dark), `dark background ${dark}`).toBeLessThan(0.3);
      const text = await probe.computed(probe.card, 'color');
      expect(luminance(text), `dark-mode text colour ${text}`).toBeGreaterThan(0.5);
    } finally {
      await probe.close();
    }
  });
  navigationChecks(env);
});
