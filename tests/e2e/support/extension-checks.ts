import { expect, it } from 'vitest';
import type { E2eEnvironment } from './environment.js';
import {
  callPageScript,
  cardHosts,
  domSinceParse,
  HIGHLIGHT_NAMES,
  listHighlights,
  mentionBox,
  mentionCentre,
  rangesTouching,
  type Box,
  type HighlightedRange,
} from './page-probes.js';
import type { TestPage } from './session.js';
import { latestGeneration, readSignals, waitForCard, waitForCardHidden, waitForScan, type CardSignal, type ScannedSignal } from './signals.js';

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
  /** The shown card's box, where the browser can see it (Chromium, through CDP). */
  cardBox?(page: P): Promise<Box>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const byText = (ranges: HighlightedRange[]): string[] => ranges.map((range) => `${range.text} in #${range.within}`).sort();

/**
 * Calls one of changes.html's scripts after the first scan and waits for the scan that follows
 * it: the highlights before and after, and that scan's signal.
 */
async function afterPageChange(
  page: TestPage,
  script: string,
): Promise<{ before: HighlightedRange[]; after: HighlightedRange[]; scan: ScannedSignal }> {
  await waitForScan(page);
  const before = await page.evaluate(listHighlights, HIGHLIGHT_NAMES);
  // The fixture's mentions, each in the element the script will touch or leave alone.
  expect(byText(before)).toEqual(
    [
      'Intel in #keep',
      'Gaudi 3 in #keep',
      'AMD in #doomed',
      'MI325X in #doomed',
      'TPU v5p in #edited',
      'Trainium2 in #gone',
      'Ascend 910C in #mixed',
    ].sort(),
  );
  const generation = await latestGeneration(page);
  await page.evaluate(callPageScript, script);
  // A scan of this small page takes milliseconds: no need to wait the default 15 s when none comes.
  const scan = await waitForScan(page, generation + 1, 5_000);
  const after = await page.evaluate(listHighlights, HIGHLIGHT_NAMES);
  // The registry and the page index agree after the change too: no range left behind, none missing.
  expect.soft(scan.mentions).toBe(after.length);
  expect.soft([...scan.texts].sort()).toEqual(after.map((range) => range.text).sort());
  return { before, after, scan };
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
    const latest = await latestGeneration(page);
    await page.evaluate(() => (window as unknown as { addChip(): void }).addChip(), null);
    await waitForScan(page, latest + 1);
    const after = (await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => range.text);
    expect(after).toEqual(expect.arrayContaining([...before, 'Gaudi 3', 'MI325X']));
  });

  it('shows the card for a hovered mention, quoting the page, and closes it on Escape', async () => {
    const page = await env.open('article.html');
    await waitForScan(page);
    const generation = await latestGeneration(page);
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
    // The card coming and going is no change of the page's text: nothing is scanned again.
    await sleep(300);
    expect(await latestGeneration(page), 'scans after the card opened and closed').toBe(generation);
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

  it('on a long page, registers the highlights near where the reader is and follows the reader down', async () => {
    const page = await env.open('long-feed.html');
    const scan = await waitForScan(page);
    // Every brief names a chip; "Nvidia H100" is two mentions.
    expect(scan.mentions).toBeGreaterThanOrEqual(300);
    const briefsHighlighted = async (): Promise<number[]> =>
      [...new Set((await page.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((range) => Number(range.within.replace('story-', ''))))].sort((a, b) => a - b);
    const atTop = await briefsHighlighted();
    expect.soft(atTop).toContain(1);
    // About two screens below the viewport are ready; the far end of the feed is not registered.
    expect.soft(atTop.length).toBeGreaterThan(8);
    expect(Math.max(...atTop)).toBeLessThan(100);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight), null);
    let atBottom: number[] = [];
    for (let tries = 0; tries < 50 && !atBottom.includes(300); tries++) {
      await sleep(100);
      atBottom = await briefsHighlighted();
    }
    expect.soft(atBottom).toContain(300);
    expect(atBottom, 'the top of the feed is far out of view now').not.toContain(1);
  });

  it('drops the highlights of a paragraph a script removes, and keeps the others', async () => {
    const page = await env.open('changes.html');
    const { before, after } = await afterPageChange(page, 'removeParagraph');
    expect(byText(after)).toEqual(byText(before.filter((range) => range.within !== 'doomed')));
  });

  it('drops the highlight of a name whose text node a script rewrites', async () => {
    const page = await env.open('changes.html');
    const { before, after } = await afterPageChange(page, 'replaceText');
    // A range left behind collapses to '' in the rewritten node: none may stay in #edited.
    expect(byText(after)).toEqual(byText(before.filter((range) => range.within !== 'edited')));
  });

  it('highlights a chip name typed into an existing paragraph', async () => {
    const page = await env.open('changes.html');
    const { before, after } = await afterPageChange(page, 'typeName');
    expect(byText(after)).toEqual([...byText(before), 'MI300X in #grows'].sort());
  });

  it('keeps the other mentions of a paragraph when an inline element holding one is removed', async () => {
    const page = await env.open('changes.html');
    const { before, after } = await afterPageChange(page, 'removeInline');
    // Trainium2 left with its <span>; the Ascend 910C after it is still in the paragraph.
    expect(byText(after)).toEqual(byText(before.filter((range) => range.within !== 'gone')));
  });

  it('keeps the card while the pointer moves from the mention onto it, and hides it once the pointer leaves both', async () => {
    const page = await env.open('card.html');
    await waitForScan(page);
    const mention = await page.evaluate(mentionBox, { names: HIGHLIGHT_NAMES, text: 'MI300X', within: 'lead' });
    const x = (mention.left + mention.right) / 2;
    const middle = (mention.top + mention.bottom) / 2;
    const seen = ((await readSignals(page)) ?? []).length;
    await page.moveMouse(x, middle);
    const card = await waitForCard(page, seen);
    expect(card.entityId).toBe('amd-mi300x');
    const opened = ((await readSignals(page)) ?? []).length;

    // The card opens below-start of the mention, 6 px under it: 20 px under the mention's bottom
    // edge, within its width, is on the card.
    const onCard = { x, y: mention.bottom + 20 };
    if (hooks.cardBox) {
      const box = await hooks.cardBox(page);
      const inside = onCard.x > box.left && onCard.x < box.right && onCard.y > box.top && onCard.y < box.bottom;
      expect(inside, `${JSON.stringify(onCard)} is on the card ${JSON.stringify(box)}`).toBe(true);
      expect(box.top, 'the card leaves a gap the pointer has to cross').toBeGreaterThan(mention.bottom + 2);
    }
    // Down in 4 px steps, a frame apart: through the gap (where neither mention nor card is under
    // the pointer, and the hide is scheduled) and onto the card (which must cancel it).
    for (let y = middle + 4; y < onCard.y; y += 4) {
      await page.moveMouse(x, y, 1);
      await sleep(16);
    }
    await page.moveMouse(x, onCard.y, 1);
    await sleep(800);
    const since = ((await readSignals(page)) ?? []).slice(opened);
    expect(since.filter((signal) => signal.type !== 'scanned'), 'no card-hidden (and no other card) while on the card').toEqual([]);
    expect(await page.evaluate(cardHosts, null)).toEqual({ count: 1, openShadowRoots: 0 });

    // Off to the blank margin left of the text: neither mention nor card is under the pointer.
    const left = Date.now();
    await page.moveMouse(12, onCard.y + 40);
    await waitForCardHidden(page, opened, 2_000);
    expect(Date.now() - left, 'ms from leaving to card-hidden').toBeLessThan(1_000);
    expect(await page.evaluate(cardHosts, null)).toEqual({ count: 0, openShadowRoots: 0 });
  });
}

/** Single-page apps: a new story behind a pushed address is the article the card speaks of. */
export function navigationChecks<P extends TestPage>(env: E2eEnvironment<P>): void {
  it('after a history navigation, the card speaks of the new article', async () => {
    const page = await env.open('spa.html');
    await waitForScan(page);
    // Open a card on the first story, so its article has certainly been read before the switch.
    const first = await page.evaluate(mentionCentre, { names: HIGHLIGHT_NAMES, text: 'H100', within: 'story' });
    const shown = ((await readSignals(page)) ?? []).length;
    await page.moveMouse(first.x, first.y);
    expect(squash((await waitForCard(page, shown)).text)).toMatch(/Mentioned (2|3) times in this article/);
    await page.press('Escape');
    await waitForCardHidden(page, shown);
    const before = await latestGeneration(page);
    await page.evaluate(callPageScript, 'openSecondStory');
    await waitForScan(page, before + 1);
    const { x, y } = await page.evaluate(mentionCentre, { names: HIGHLIGHT_NAMES, text: 'Gaudi 3', within: 'story' });
    const seen = ((await readSignals(page)) ?? []).length;
    await page.moveMouse(x, y);
    const card = await waitForCard(page, seen);
    expect(card.entityId).toBe('intel-gaudi-3');
    // The old article never named Gaudi 3: the count proves the digest was read again.
    expect(squash(card.text)).toMatch(/Mentioned (2|3) times in this article/);
    expect(squash(card.text)).toContain('Early customers say Gaudi 3 systems arrive faster than the alternatives do.');
  });
}
