import { expect, it } from 'vitest';
import type { E2eEnvironment } from './environment.js';
import { cardHosts, domSinceParse, HIGHLIGHT_NAMES, listHighlights, mentionCentre, rangesTouching } from './page-probes.js';
import type { TestPage } from './session.js';
import { readSignals, waitForCard, waitForCardHidden, waitForScan, type CardSignal } from './signals.js';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Where two strings first differ, with some context, or null when they are equal. */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: before …${a.slice(Math.max(0, i - 80), i + 80)}… after …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

// Mentions of article.html that must be highlighted: safe names, a split name, and ambiguous
// words in their chip sense ("Blackwell GPUs").
const ARTICLE_MENTIONS = ['Nvidia', 'H20', 'Huawei', 'Ascend 910C', 'MI300X', 'Blackwell', 'TSMC', 'HBM3E'];
// The one prose sentence of article.html that names the MI300X: the card must quote it.
export const MI300X_SENTENCE = "AMD's MI300X carries 192 GB of HBM3 on a single package.";

export interface BrowserHooks<P extends TestPage> {
  /** Extra checks while the card is shown (Chromium reads the closed shadow root through CDP). */
  whileCardShown?(page: P, card: CardSignal): Promise<void>;
}

/** What a user sees in any browser, checked the same way in each. */
export function extensionChecks<P extends TestPage>(env: E2eEnvironment<P>, hooks: BrowserHooks<P> = {}): void {
  it('highlights the chip names of an article, exactly the mentions its scan reports, and no everyday sense', async () => {
    const page = await env.open('article.html');
    const scan = await waitForScan(page);
    const ranges = await page.evaluate(listHighlights, HIGHLIGHT_NAMES);
    const texts = ranges.map((range) => range.text);
    expect.soft(texts).toEqual(expect.arrayContaining(ARTICLE_MENTIONS));
    // Elizabeth Blackwell, Edward Hopper, the Vera C. Rubin Observatory, "ascend the stairs".
    expect.soft(ranges.filter((range) => range.within === 'everyday')).toEqual([]);
    // One range per mention: the registry and the test signal agree.
    expect.soft(scan.mentions).toBe(ranges.length);
    expect([...scan.texts].sort()).toEqual([...texts].sort());
  });

  it('highlights a name split across inline elements as one range', async () => {
    const page = await env.open('article.html');
    await waitForScan(page);
    expect(await page.evaluate(rangesTouching, { names: HIGHLIGHT_NAMES, selector: '#split b' })).toEqual(['Ascend 910C']);
  });

  it('leaves text areas, editable regions, pre and code alone', async () => {
    const page = await env.open('article.html');
    await waitForScan(page);
    const ranges = await page.evaluate(listHighlights, HIGHLIGHT_NAMES);
    expect.soft(ranges.filter((range) => range.excludedBy !== '')).toEqual([]);
    expect.soft(ranges.filter((range) => range.text === 'H100')).toEqual([]);
    expect(ranges.filter((range) => range.text === 'MI300X').map((range) => range.within)).toEqual(['amd']);
  });

  it('leaves the page DOM byte-identical after the scan', async () => {
    const page = await env.open('article.html');
    await waitForScan(page);
    const { before, after, mutations } = await page.evaluate(domSinceParse, null);
    expect(before, 'the fixture stores window.__initialDom while parsing').not.toBeNull();
    expect.soft(firstDifference(before ?? '', after)).toBeNull();
    expect.soft(mutations).toEqual([]);
  });

  it('highlights text that a script adds after the first scan', async () => {
    const page = await env.open('dynamic.html');
    await waitForScan(page);
    const before = (await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => range.text);
    expect(before).not.toContain('Gaudi 3');
    const latest = Math.max(...((await readSignals(page)) ?? []).map((s) => (s.type === 'scanned' ? s.generation : -1)));
    await page.evaluate(() => (window as unknown as { addChip(): void }).addChip(), null);
    await waitForScan(page, latest + 1);
    const after = (await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => range.text);
    expect(after).toEqual(expect.arrayContaining([...before, 'Gaudi 3', 'MI325X']));
  });

  it('shows the card for a hovered mention, quoting the page, and closes it on Escape', async () => {
    const page = await env.open('article.html');
    await waitForScan(page);
    const { x, y } = await page.evaluate(mentionCentre, { names: HIGHLIGHT_NAMES, text: 'MI300X', within: 'amd' });
    const seen = ((await readSignals(page)) ?? []).length;
    await page.moveMouse(x, y);
    const card = await waitForCard(page, seen); // the content script's dwell is 300 ms; this polls for 5 s
    expect(card.entityId).toMatch(/mi300x/i);
    expect(card.name).toContain('MI300X');
    expect(squash(card.text)).toContain(MI300X_SENTENCE);
    expect(await page.evaluate(cardHosts, null)).toEqual({ count: 1, openShadowRoots: 0 });
    await hooks.whileCardShown?.(page, card);

    await page.press('Escape');
    await waitForCardHidden(page, seen);
    expect(await page.evaluate(cardHosts, null)).toEqual({ count: 0, openShadowRoots: 0 });
  });

  it('highlights chip names in running Chinese text', async () => {
    const page = await env.open('chinese.html');
    await waitForScan(page);
    const texts = (await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => range.text);
    expect(texts).toEqual(expect.arrayContaining(['英伟达', 'H20', '昇腾910C']));
  });

  it('highlights inside an open shadow root', async () => {
    const page = await env.open('shadow.html');
    await waitForScan(page);
    const ranges = await page.evaluate(listHighlights, HIGHLIGHT_NAMES);
    expect(ranges.filter((range) => range.within === 'shadow-text').map((range) => range.text)).toEqual(
      expect.arrayContaining(['TPU v5p', 'H200']),
    );
  });

  it('highlights inside an iframe, in the frame\'s own registry', async () => {
    const page = await env.open('frames.html');
    const frame = await page.frame('frame-inner.html');
    await waitForScan(frame);
    const texts = (await frame.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => range.text);
    expect(texts).toEqual(expect.arrayContaining(['TPU v5p', 'H200']));
    await waitForScan(page);
    expect(await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).toEqual([]);
  });
}
