// Hostile pages and bad input, checked the same way in Chromium and Firefox. Each test names
// what a reader (or a hostile page) does and what must hold. Figures (scan times, long tasks,
// CPU and memory under churn) are recorded, never asserted: the machines are shared and slow,
// and they are written to artifacts/hostile-figures-<browser>.json for the report.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Category } from '../../../src/core/knowledge/schema.js';
import type { CpuFigures } from './hostile-cdp.js';
import {
  lastGeneration,
  readHostileSignals,
  ROOT,
  signalCount,
  sleep,
  waitForCardShown,
  waitForQuiet,
  waitForScanned,
  type CardShown,
  type HostileBrowser,
  type HostileEnv,
  type HostilePage,
  type ScanSignal,
} from './hostile-env.js';
import { ALIASES_BY_CATEGORY, EXCLUDED_SELECTOR, foldsToOneOf, fuzzTree, toHtml } from './hostile-fuzz.js';
import { decodePng, inkIn, pixelAt } from './hostile-pixels.js';
import { callPage, cardFromPage, fingerprints, HIGHLIGHT_NAMES, idle, mentionBox, pageRanges, pageValue, type MentionBox, type PageRange } from './hostile-probes.js';
import { clearAll, commitField, readAll, shown, termTable, writeAll } from './hostile-storage.js';

export interface HostileHooks {
  /** Starts a CPU profile of the page (Chromium, through CDP). */
  profile?(page: HostilePage): Promise<{ stop(): Promise<CpuFigures> }>;
  /** The page's JS heap after a garbage collection, bytes (Chromium, through CDP). */
  heap?(page: HostilePage): Promise<number>;
}

/** How long the churn runs, ms: the issue asks for 10 s; CHIPLENS_CHURN_MS shortens it by hand. */
export const CHURN_MS = Number(process.env.CHIPLENS_CHURN_MS ?? 10_000);

const RANGES = { names: HIGHLIGHT_NAMES, excluded: EXCLUDED_SELECTOR };
const byText = (ranges: PageRange[]): string[] => ranges.map((r) => `${r.text} in #${r.within}`).sort();
const centre = (box: MentionBox): { x: number; y: number } => ({ x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 });
const categoryOf = (name: string): Category => name.replace(/^chiplens-/, '') as Category;

/**
 * The box of a highlighted mention, scrolled to the middle of the viewport. Only mentions near
 * the viewport have their ranges registered, so a mention far away is brought into view first
 * and looked for again once its highlight is registered.
 */
async function highlightedBox(page: HostilePage, text: string, within: string): Promise<MentionBox> {
  for (let tries = 0; ; tries++) {
    try {
      return await page.evaluate(mentionBox, { names: HIGHLIGHT_NAMES, text, within });
    } catch (error) {
      if (tries >= 40 || !String(error).includes('is not highlighted')) throw error;
      await page.evaluate((id: string) => document.getElementById(id)?.scrollIntoView({ block: 'center' }), within);
      await sleep(50);
    }
  }
}

/** Rests the pointer on a highlighted mention until its card opens (closing any card first: it may cover the mention). */
export async function hover(page: HostilePage, text: string, within: string, timeout = 6_000): Promise<{ box: MentionBox; card: CardShown }> {
  await page.press('Escape');
  await page.moveMouse(2, 2, 1);
  const box = await highlightedBox(page, text, within);
  const skip = await signalCount(page);
  const { x, y } = centre(box);
  await page.moveMouse(x, y);
  return { box, card: await waitForCardShown(page, skip, timeout) };
}

/** Closes the card (Escape) and moves the pointer away, so the page's DOM is its own again. */
export async function closeCard(page: HostilePage): Promise<void> {
  const skip = await signalCount(page);
  await page.press('Escape');
  await page.moveMouse(2, 2, 1);
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    if ((await readHostileSignals(page)).slice(skip).some((s) => s.type === 'card-hidden')) return;
    await sleep(50);
  }
}

async function expectDomUnchanged(page: HostilePage): Promise<void> {
  await page.evaluate(idle, null);
  const { initial, now } = await page.evaluate(fingerprints, null);
  expect(now, 'the page DOM serialises as it did when parsed').toBe(initial);
}

export function hostileChecks<B extends HostileBrowser>(env: HostileEnv<B>, hooks: HostileHooks = {}): void {
  const figures: Record<string, unknown> = {};
  afterAll(() => {
    let name = 'browser';
    try {
      name = env.browser().name;
    } catch {
      return;
    }
    mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'artifacts', `hostile-figures-${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
    console.info(`hostile-page figures (${name}): ${JSON.stringify(figures, null, 1)}`);
  });

  // 1. Injection ------------------------------------------------------------------------------

  it('shows page text that looks like markup or script as text in the card, and runs none of it', async () => {
    const page = await env.open('injection.html');
    const scan = await waitForScanned(page);
    expect(scan.texts).toEqual(expect.arrayContaining(['H20', 'Ascend 910C', 'MI300X', 'Gaudi 3', 'TPU v5p', 'Blackwell']));
    const quoted: [string, string, string][] = [
      ['H20', 'inj-img', `<img src=x onerror="window.__pwned.push('img')">`],
      ['Ascend 910C', 'inj-script', `<script>window.__pwned.push('script')</script>`],
      ['MI300X', 'inj-link', `javascript:window.__pwned.push('link')`],
      ['Gaudi 3', 'inj-svg', `<svg onload=window.__pwned.push('svg')></svg> and <iframe srcdoc="<script>parent.__pwned.push('srcdoc')</script>">`],
      ['TPU v5p', 'inj-template', `{{constructor.constructor('window.__pwned.push(1)')()}} and \${window.__pwned.push('tpl')}`],
    ];
    for (const [text, within, markup] of quoted) {
      const { card } = await hover(page, text, within);
      expect.soft(card.text, `the card of ${text} quotes its sentence as text`).toContain(markup);
    }
    // Give an <img onerror> or <svg onload> the card might have made time to fire.
    await sleep(300);
    expect(await page.evaluate(pageValue, '__pwned'), 'no script of the page text ran').toEqual([]);
    await closeCard(page);
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  // 2. Style attacks --------------------------------------------------------------------------

  it('shows the card whole and on top whatever the page CSS aims at it (all: unset, display: none, max z-index, body transform and filter)', async () => {
    const page = await env.open('style-attacks.html');
    await waitForScanned(page);
    const { box, card } = await hover(page, 'MI300X', 'second');
    expect(card.name).toBe('AMD Instinct MI300X');
    await sleep(250);
    // A point inside the card (it opens below the mention) and inside the page's max-z-index band.
    const inside = { x: box.left + 40, y: Math.max(box.bottom + 70, 200) };
    const seen = await page.evaluate(cardFromPage, inside);
    expect.soft(seen.hosts).toBe(1);
    expect.soft(seen.openShadowRoot, 'the shadow root stays closed').toBe(false);
    expect.soft(seen.hostStyle).toEqual({ display: 'block', visibility: 'visible', opacity: '1', position: 'fixed', zIndex: '2147483647' });
    expect.soft(seen.elementAt, 'the card, not the page overlay, is what is under the pointer there').toBe('chip-lens-card');
    const image = decodePng(await page.screenshot());
    expect.soft(pixelAt(image, inside.x, inside.y), 'the card, not the magenta overlay, is painted there').not.toEqual([255, 0, 255]);
    expect.soft(inkIn(image, { left: box.left, top: box.bottom + 8, right: box.left + 300, bottom: box.bottom + 120 }).inkPixels, 'the card shows text').toBeGreaterThan(50);
    expect(page.errors()).toEqual([]);
  });

  it("keeps highlights readable when the page styles ::highlight(chiplens-*) itself or paints its own highlight over them", async () => {
    const page = await env.open('style-attacks.html');
    await waitForScanned(page);
    await page.moveMouse(2, 2, 1);
    const readable: Record<string, number> = {};
    const image = decodePng(await page.screenshot());
    // MI300X: the page sets ::highlight(chiplens-chip) { color: transparent }; AMD: white on white
    // for ::highlight(chiplens-org); H20: under the page's own higher-priority highlight.
    for (const [text, within] of [
      ['MI300X', 'second'],
      ['AMD', 'second'],
      ['H20', 'lead'],
    ] as const) {
      const box = await page.evaluate(mentionBox, { names: HIGHLIGHT_NAMES, text, within, scroll: false });
      // The glyphs only: the top three quarters of the line box, above any underline.
      const glyphs = { left: box.left + 1, top: box.top + 2, right: box.right - 1, bottom: box.top + (box.bottom - box.top) * 0.72 };
      readable[text] = Math.round(inkIn(image, glyphs).contrast * 10) / 10;
    }
    figures.highlightContrast = readable;
    for (const [text, contrast] of Object.entries(readable)) expect.soft(contrast, `contrast of the highlighted "${text}" (WCAG ratio)`).toBeGreaterThanOrEqual(3);
  });

  // 3. Script attacks -------------------------------------------------------------------------

  it('scans, highlights and shows the card on a page that replaced the DOM APIs, and leaves nothing the page can reach', async () => {
    const page = await env.open('script-attacks.html');
    const scan = await waitForScanned(page, 1, 8_000);
    expect(scan.texts).toEqual(['Nvidia', 'H20', 'Huawei', 'Ascend 910C', 'AMD', 'MI300X', 'HBM3', 'TSMC']);
    expect((await page.evaluate(pageRanges, RANGES)).length, 'the highlights are registered').toBe(scan.mentions);
    const { card } = await hover(page, 'H20', 'lead');
    expect(card.entityId).toBe('nvidia-h20');
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { __windowProps: string[]; __documentProps: string[]; chrome?: { runtime?: unknown }; browser?: unknown };
      return {
        trapped: w.__trapped,
        listeners: w.__listeners,
        pageErrors: w.__pageErrors,
        newWindowProps: Object.getOwnPropertyNames(window).filter((p) => !w.__windowProps.includes(p)),
        newDocumentProps: Object.getOwnPropertyNames(document).filter((p) => !w.__documentProps.includes(p)),
        chipNames: Object.getOwnPropertyNames(window).filter((p) => /chip|lens/i.test(p)),
        runtime: typeof w.chrome?.runtime,
        browser: typeof w.browser,
      };
    }, null);
    expect.soft(seen.trapped, "the content script called none of the page's replaced functions").toEqual([]);
    expect.soft(seen.listeners, "it registered no listener through the page's EventTarget").toEqual([]);
    expect.soft(seen.pageErrors).toEqual([]);
    // Only what the fixture's own last script adds; the signal collector is not enumerable.
    expect.soft(seen.newWindowProps.sort()).toEqual(['__documentProps', '__fingerprint', '__initial', '__sendMessages', '__windowProps']);
    expect.soft(seen.newDocumentProps).toEqual([]);
    expect.soft(seen.chipNames, 'no global of the extension').toEqual([]);
    expect.soft(seen.runtime, 'no extension API in the page').toBe('undefined');
    expect.soft(seen.browser).toBe('undefined');
    expect(page.errors()).toEqual([]);
  });

  it('ignores messages the page sends: postMessage, events, fake extension requests', async () => {
    const page = await env.open('script-attacks.html');
    await waitForScanned(page, 1, 8_000);
    await sleep(300);
    const before = await readHostileSignals(page);
    const sent = await page.evaluate(callPage, { name: '__sendMessages' });
    expect(sent, 'the page has no extension API to send with').toEqual([]);
    // A synthetic Alt+Shift+N: the "next mention" command comes only from the browser.
    await page.evaluate(() => {
      for (const type of ['keydown', 'keyup']) window.dispatchEvent(new KeyboardEvent(type, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
    }, null);
    await sleep(700);
    const after = await readHostileSignals(page);
    expect(after.slice(before.length), 'no card opened and no rescan followed').toEqual([]);
    expect((await page.evaluate(pageValue, '__received')) as string[], 'the page itself did receive its messages').toHaveLength(8);
    expect(page.errors()).toEqual([]);
  });

  it('keeps working, and keeps the card unreadable, on a page that defined <chip-lens-card> itself first', async () => {
    const page = await env.open('custom-element.html');
    // This small page scans in well under a second when nothing is wrong.
    const scan = await waitForScanned(page, 1, 3_000);
    expect(scan.texts).toEqual(expect.arrayContaining(['H20', 'Ascend 910C', 'MI300X']));
    const { card } = await hover(page, 'H20', 'lead');
    expect(card.entityId).toBe('nvidia-h20');
    const read = (await page.evaluate(callPage, { name: '__readCard' })) as (string | null)[];
    expect(read.filter((text) => text !== null && text.includes('Nvidia H20')), 'the page cannot read the card').toEqual([]);
    expect(page.errors()).toEqual([]);
  });

  // 4. Size and shape -------------------------------------------------------------------------

  interface Expected {
    nvidia: number;
    h20: number;
  }

  /** Opens a big fixture, checks its scan, and records the figures. */
  async function bigPage(fixture: string): Promise<{ page: HostilePage; scan: ScanSignal }> {
    let profile: { stop(): Promise<CpuFigures> } | undefined;
    const opened = Date.now();
    const page = await env.open(fixture, hooks.profile ? { beforeLoad: async (p) => void (profile = await hooks.profile?.(p)) } : {});
    const loadMs = Date.now() - opened;
    const expected = (await page.evaluate(pageValue, '__expected')) as Expected;
    const scan = await waitForScanned(page, 1, 60_000);
    expect.soft(scan.texts.filter((t) => t === 'H20')).toHaveLength(expected.h20);
    expect.soft(scan.texts.filter((t) => t === 'Nvidia')).toHaveLength(expected.nvidia);
    expect.soft(scan.mentions).toBe(expected.h20 + expected.nvidia);
    const beats = (await page.evaluate(pageValue, '__beats')) as number[];
    const frames = (await page.evaluate(pageValue, '__frames')) as number[];
    const scanStart = scan.at - scan.ms;
    const beatsDuringScan = beats.filter((t) => t > scanStart && t < scan.at).length;
    // Sliced work: the browser rendered frames while the scan was in progress.
    const framesDuringScan = frames.filter((t) => t > scanStart && t < scan.at).length;
    if (scan.ms >= 200) expect.soft(framesDuringScan, `frames rendered during a ${scan.ms} ms scan`).toBeGreaterThanOrEqual(2);
    // ...and the page's own tasks ran between slices too: its 16 ms timer fired while Chip Lens scanned.
    if (scan.ms >= 200) expect.soft(beatsDuringScan, `the page's own timer ticks during a ${scan.ms} ms scan`).toBeGreaterThanOrEqual(2);
    await page.evaluate(idle, null);
    await sleep(300);
    const later = (await page.evaluate(pageValue, '__beats')) as number[];
    const longestGap = (times: number[]): number => {
      let gap = 0;
      for (let i = 1; i < times.length; i++) if ((times[i] as number) > scanStart) gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
      return Math.round(gap);
    };
    const laterFrames = (await page.evaluate(pageValue, '__frames')) as number[];
    const longTasks = ((await page.evaluate(pageValue, '__longTasks')) as { start: number; duration: number }[]).filter((t) => t.start + t.duration > scanStart);
    const longTaskApi = await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'), null);
    figures[fixture] = {
      loadMs,
      scanMs: scan.ms,
      mentions: scan.mentions,
      framesDuringScan,
      pageTimerTicksDuringScan: beatsDuringScan,
      longestFrameGapAfterScanStartMs: longestGap(laterFrames),
      longestPageTimerGapAfterScanStartMs: longestGap(later),
      longTasksAfterScanStart: longTaskApi ? longTasks.map((t) => Math.round(t.duration)) : 'not available (no longtask entries in this browser)',
      ...(profile ? { profile: await profile.stop() } : {}),
    };
    return { page, scan };
  }

  it('scans a single 5 MB text node in slices, finds every name in it, and changes no text', async () => {
    const { page } = await bigPage('big-text.html');
    // A card from the middle of the wall of text.
    const before = (await page.evaluate(() => performance.now(), null)) as number;
    const { card } = await hover(page, 'H20', 'wall', 30_000);
    expect(card.entityId).toBe('nvidia-h20');
    (figures['big-text.html'] as Record<string, unknown>).cardOpenedAfterMoveMs = Math.round(card.at - before);
    await closeCard(page);
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  it('scans 220,000 small elements in slices, finds every name split over them, and changes no text', async () => {
    const { page } = await bigPage('many-elements.html');
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  it('scans a DOM 5,000 levels deep, finds the names at every depth, and changes no text', async () => {
    const { page } = await bigPage('deep-dom.html');
    const ranges = await page.evaluate(pageRanges, RANGES);
    expect(ranges.filter((r) => r.text === 'H20')).toHaveLength(4);
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  it('reads right-to-left and mixed scripts, skips SVG text, leaves frames it does not run in alone, honours <base href>', async () => {
    const page = await env.open('shapes.html');
    await waitForScanned(page);
    const ranges = await page.evaluate(pageRanges, RANGES);
    const texts = byText(ranges);
    for (const expected of ['H20 in #rtl-ar', 'Ascend 910C in #rtl-ar', 'H20 in #rtl-he', 'H20 in #cjk', 'Ascend 910C in #cjk', 'Ｈ２０ in #mixed', 'MI300X in #mixed', 'H20 in #fs-text']) {
      expect.soft(texts, expected).toContain(expected);
    }
    expect.soft(ranges.filter((r) => r.excludedBy !== '' || r.within === 'svg' || r.within === 'svg-fo')).toEqual([]);
    // Each range is exactly a name, whatever bidi controls, joiners or marks stand beside it.
    for (const range of ranges) expect.soft(foldsToOneOf(range.text, ALIASES_BY_CATEGORY.get(categoryOf(range.name))), range.text).toBe(true);
    const frames = await page.evaluate(() => {
      const registry = (id: string): number => {
        const win = (document.getElementById(id) as HTMLIFrameElement).contentWindow as (Window & typeof globalThis) | null;
        try {
          return win?.CSS.highlights.size ?? -1;
        } catch {
          return -2; // cross-origin (data:)
        }
      };
      return { blank: registry('blank'), srcdoc: registry('srcdoc'), data: registry('data') };
    }, null);
    expect.soft(frames, 'no highlights in about:blank or srcdoc frames; data: is opaque').toEqual({ blank: 0, srcdoc: 0, data: -2 });
    // The card's links are absolute: the base URL turns none of them into chiplens.invalid ones.
    const { card } = await hover(page, 'H20', 'rtl-ar');
    expect(card.entityId).toBe('nvidia-h20');
    await closeCard(page);
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  it('shows the card over a fullscreen element when the reader hovers a name inside it', async () => {
    const page = await env.open('shapes.html');
    await waitForScanned(page);
    await page.clickOn('#fs-button');
    const deadline = Date.now() + 3_000;
    while ((await page.evaluate(() => document.fullscreenElement?.id ?? '', null)) !== 'fs' && Date.now() < deadline) await sleep(50);
    expect(await page.evaluate(() => document.fullscreenElement?.id ?? '', null), 'the fixture went fullscreen').toBe('fs');
    await sleep(300);
    const { box, card } = await hover(page, 'H20', 'fs-text');
    expect(card.entityId).toBe('nvidia-h20');
    await sleep(250);
    const seen = await page.evaluate(cardFromPage, { x: box.left + 20, y: box.bottom + 40 });
    await page.evaluate(() => document.exitFullscreen(), null).catch(() => undefined);
    expect(seen.elementAt, 'the card is painted above the fullscreen element').toBe('chip-lens-card');
    expect(page.errors()).toEqual([]);
  });

  it('works in quirks mode: tables, font tags, unclosed paragraphs', async () => {
    const page = await env.open('quirks.html');
    const scan = await waitForScanned(page);
    expect(await page.evaluate(pageValue, '__mode')).toBe('BackCompat');
    expect(scan.texts).toEqual(expect.arrayContaining(['Nvidia', 'H20', 'Huawei', 'Ascend 910C', 'AMD', 'MI300X', 'TSMC', 'Gaudi 3', 'Blackwell']));
    const { card } = await hover(page, 'H20', 'c1');
    expect(card.entityId).toBe('nvidia-h20');
    await closeCard(page);
    await expectDomUnchanged(page);
    expect(page.errors()).toEqual([]);
  });

  // 5. Churn ----------------------------------------------------------------------------------

  it(`keeps highlights right and its cost bounded while the page rewrites text 1,000 times a second for ${CHURN_MS / 1000} s`, async () => {
    const page = await env.open('churn.html');
    await waitForScanned(page);
    const browser = env.browser();
    const heapBefore = hooks.heap ? await hooks.heap(page) : undefined;
    const generation = await lastGeneration(page);
    const profile = await hooks.profile?.(page);
    const cpuBefore = browser.cpuSeconds();
    const started = Date.now();
    await page.evaluate(callPage, { name: 'startChurn', args: [CHURN_MS, 1000] });
    await sleep(CHURN_MS / 2);
    const heapMiddle = hooks.heap ? await hooks.heap(page) : undefined;
    const deadline = Date.now() + CHURN_MS + 20_000;
    while (!((await page.evaluate(pageValue, '__churn')) as { finished: boolean }).finished) {
      if (Date.now() > deadline) throw new Error('the churn never finished: the page was starved');
      await sleep(100);
    }
    const wallS = (Date.now() - started) / 1000;
    const cpuS = browser.cpuSeconds() - cpuBefore;
    const cpu = await profile?.stop();
    const last = await waitForQuiet(page, 500);
    const heapAfter = hooks.heap ? await hooks.heap(page) : undefined;
    const churn = (await page.evaluate(pageValue, '__churn')) as { rewrites: number; scriptMs: number };

    // Correct once the churn is over: exactly what a fresh page with the same final text shows.
    const ranges = await page.evaluate(pageRanges, RANGES);
    const reference = await env.open('churn.html');
    await waitForScanned(reference);
    await reference.evaluate(callPage, { name: '__showFinal' });
    await waitForQuiet(reference, 300);
    expect(byText(ranges)).toEqual(byText(await reference.evaluate(pageRanges, RANGES)));
    expect(ranges.filter((r) => !r.connected), 'no range left on removed text').toEqual([]);
    expect(last.mentions, 'the index and the registry agree').toBe(ranges.length);
    const errors = page.errors();
    // Bounded: the changes of a frame are read together, not one scan per change.
    const scans = last.generation - generation;
    expect(churn.rewrites).toBe(Math.floor(CHURN_MS));
    expect(scans).toBeLessThanOrEqual(churn.rewrites / 10);

    // The same churn with Chip Lens switched off for the site: the browser's cost of the page alone.
    await page.close();
    await reference.close();
    await browser.inExtension(writeAll, { sync: { settings: { version: 2, sites: { alwaysOff: ['127.0.0.1'] } } } });
    let baseline: { seconds: number; cpuSeconds: number } | undefined;
    try {
      const alone = await env.open('churn.html');
      await sleep(300);
      const baselineMs = Math.min(CHURN_MS, 3_000);
      const cpu0 = browser.cpuSeconds();
      const t0 = Date.now();
      await alone.evaluate(callPage, { name: 'startChurn', args: [baselineMs, 1000] });
      while (!((await alone.evaluate(pageValue, '__churn')) as { finished: boolean }).finished) await sleep(100);
      baseline = { seconds: (Date.now() - t0) / 1000, cpuSeconds: browser.cpuSeconds() - cpu0 };
      expect(await readHostileSignals(alone), 'Chip Lens is off for the baseline').toEqual([]);
    } finally {
      await browser.inExtension(clearAll, null);
    }

    const mb = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : Math.round((bytes / 1048576) * 10) / 10);
    figures.churn = {
      seconds: Math.round(wallS * 10) / 10,
      rewrites: churn.rewrites,
      scans,
      pageOwnScriptMs: Math.round(churn.scriptMs),
      browserCpuSeconds: Math.round(cpuS * 100) / 100,
      browserCpuPercentOfOneCore: Math.round((cpuS / wallS) * 1000) / 10,
      browserCpuPercentOfOneCoreWithChipLensOff: baseline ? Math.round((baseline.cpuSeconds / baseline.seconds) * 1000) / 10 : undefined,
      ...(cpu
        ? {
            extensionScriptMs: Math.round(cpu.extensionMs),
            extensionScriptPercentOfOneCore: Math.round((cpu.extensionMs / cpu.wallMs) * 1000) / 10,
            pageScriptMs: Math.round(cpu.pageMs),
            rendererTaskMs: Math.round(cpu.taskMs),
            longestExtensionRunMs: Math.round(cpu.longestExtensionRunMs),
          }
        : {}),
      ...(heapBefore !== undefined ? { heapMB: { before: mb(heapBefore), middle: mb(heapMiddle), after: mb(heapAfter) } } : {}),
    };
    if (heapBefore !== undefined && heapAfter !== undefined && heapMiddle !== undefined) {
      // Memory does not grow with the number of changes: after 10,000 rewrites the heap (after
      // a garbage collection) is within a few MB of where it started, and of its mid-run size.
      expect(heapAfter - heapBefore, 'heap growth over the churn, bytes').toBeLessThan(8 * 1048576);
      expect(heapAfter - heapMiddle, 'heap growth over the second half, bytes').toBeLessThan(4 * 1048576);
    }
    expect(errors).toEqual([]);
  });

  // 6. Editable content -----------------------------------------------------------------------

  it('never highlights what the reader types in text areas, inputs, contenteditable and a rich-text editor, and leaves typing and selection alone', async () => {
    const page = await env.open('editable.html');
    await waitForScanned(page);
    const typed = ' Nvidia H20 and AMD MI300X ships.';
    const before = (await page.evaluate(callPage, { name: '__editables' })) as Record<string, string>;
    const selections: Record<string, { active: string; selected: string }> = {};
    for (const [key, selector] of [
      ['ta', '#ta'],
      ['in', '#in'],
      ['ce', '#ce-p'],
      ['cePlain', '#ce-plain'],
      ['rte', '#rte-body p'],
    ] as const) {
      await page.clickOn(selector);
      await page.press('End');
      await page.type(typed);
      // Give the follower frames to react between typing and selecting.
      await sleep(150);
      await page.down('Shift');
      for (let i = 0; i < 'ships.'.length; i++) await page.press('ArrowLeft');
      await page.up('Shift');
      selections[key] = await page.evaluate(() => {
        const active = document.activeElement as HTMLInputElement | HTMLElement | null;
        const field = active as HTMLInputElement;
        const selected =
          active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement ? field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) : (getSelection()?.toString() ?? '');
        return { active: active?.id ?? '', selected };
      }, null);
    }
    // The editor's toolbar acts on the selection the reader made.
    await page.clickOn('#rte-bold');
    await sleep(200);
    await waitForQuiet(page, 400);
    const after = (await page.evaluate(callPage, { name: '__editables' })) as Record<string, string>;
    const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&nbsp;|\u00a0/g, ' ');
    expect.soft(selections).toEqual({
      ta: { active: 'ta', selected: 'ships.' },
      in: { active: 'in', selected: 'ships.' },
      ce: { active: 'ce', selected: 'ships.' },
      cePlain: { active: 'ce-plain', selected: 'ships.' },
      rte: { active: 'rte-body', selected: 'ships.' },
    });
    expect.soft(after.ta).toBe(before.ta + typed);
    expect.soft(after.in).toBe(before.in + typed);
    expect.soft(textOf(after.ce ?? '')).toBe(textOf(before.ce ?? '') + typed);
    expect.soft(textOf(after.cePlain ?? '')).toBe(textOf(before.cePlain ?? '') + typed);
    expect.soft(textOf(after.rte ?? '')).toBe(textOf(before.rte ?? '') + typed);
    expect.soft(after.rte, 'the toolbar made the selection bold').toContain('<strong>ships.</strong>');
    const ranges = await page.evaluate(pageRanges, RANGES);
    expect(ranges.filter((r) => r.excludedBy !== '').map((r) => `${r.text} in #${r.within} (${r.excludedBy})`), 'highlights inside editable content').toEqual([]);
    expect(byText(ranges)).toEqual(['AMD in #tail', 'Ascend 910C in #lead', 'H20 in #lead', 'Huawei in #lead', 'MI300X in #tail', 'Nvidia in #lead']);
    expect(page.errors()).toEqual([]);
  });

  it('drops the highlights of a paragraph that becomes editable after the scan', async () => {
    const page = await env.open('editable.html');
    await waitForScanned(page);
    expect(byText(await page.evaluate(pageRanges, RANGES))).toContain('H20 in #lead');
    await page.evaluate(callPage, { name: '__makeEditable' });
    await sleep(600);
    const ranges = await page.evaluate(pageRanges, RANGES);
    expect(ranges.filter((r) => r.excludedBy !== '').map((r) => `${r.text} in #${r.within}`)).toEqual([]);
  });

  // 7. Fuzzing, in the real browser -----------------------------------------------------------

  it('random trees put into a live page: no exception, the DOM as the page made it, every range an alias of its category', async () => {
    const page = await env.open('fuzz.html');
    await waitForScanned(page);
    let run = 0;
    let found = 0;
    await fc.assert(
      fc.asyncProperty(fuzzTree({ maxDepth: 3 }), async (tree) => {
        run++;
        // A fresh marker element, so that every change is one the follower must react to.
        const html = `${toHtml(tree)}<span data-run="${run}"></span>`;
        const generation = await lastGeneration(page);
        const parsed = (await page.evaluate(callPage, { name: '__setArena', args: [html] })) as string;
        const scan = await waitForScanned(page, generation + 1, 8_000);
        const ranges = await page.evaluate(pageRanges, RANGES);
        found += ranges.length;
        expect(await page.evaluate(callPage, { name: '__arenaHtml' }), 'the arena as the page parsed it').toBe(parsed);
        expect(ranges.filter((r) => !r.connected)).toEqual([]);
        expect(ranges.filter((r) => r.excludedBy !== '').map((r) => `${r.text} (${r.excludedBy})`), 'highlights where the text index must not read').toEqual([]);
        for (const range of ranges) expect(foldsToOneOf(range.text, ALIASES_BY_CATEGORY.get(categoryOf(range.name))), `"${range.text}" in ${range.name}`).toBe(true);
        expect(scan.mentions).toBe(ranges.length);
      }),
      { numRuns: 30, endOnFailure: true },
    );
    expect(found, 'the random trees named chips').toBeGreaterThan(30);
    expect(page.errors()).toEqual([]);
  });

  // 8. Settings and storage -------------------------------------------------------------------

  it("states that storage is full when the site rules exceed sync storage's item quota, and keeps the saved rules", async () => {
    const browser = env.browser();
    await browser.inExtension(clearAll, null);
    await browser.inExtension(writeAll, { sync: { settings: { version: 2, sites: { alwaysOff: ['old.example.com'] } } } });
    const options = await browser.openExtensionPage('options.html', '#always-off');
    try {
      await waitUntil(() => options.evaluate(() => (document.getElementById('always-off') as HTMLTextAreaElement).value, null), (v) => v === 'old.example.com', 'the saved rule shown');
      // 130 valid host patterns of about 70 characters: some 9 KB, past the 8 KB a sync item may hold.
      const hosts = Array.from({ length: 130 }, (_, i) => `host-${i}-${'x'.repeat(48)}.example.com`).join('\n');
      await options.evaluate(commitField, { selector: '#always-off', value: hosts });
      const problems = await waitUntil(() => options.evaluate(shown, '#problems'), (p) => !p.hidden, 'an error on the options page');
      expect(problems.text).toMatch(/storage is full/i);
      expect(((await browser.inExtension(readAll, null)).sync.settings as { sites: unknown }).sites, 'the saved rules are kept').toEqual({ alwaysOff: ['old.example.com'] });
      expect(await options.evaluate(() => (document.getElementById('always-off') as HTMLTextAreaElement).value, null), 'what the reader typed stays in the field').toBe(hosts);
    } finally {
      await options.close();
      await browser.inExtension(clearAll, null);
    }
  });

  it('keeps both terms when two options tabs add one each at the same moment', async () => {
    const browser = env.browser();
    await browser.inExtension(clearAll, null);
    const first = await browser.openExtensionPage('options.html', '#term-form');
    const second = await browser.openExtensionPage('options.html', '#term-form');
    try {
      await first.fill('#term-name', 'Alpha cluster');
      await second.fill('#term-name', 'Beta cluster');
      // Both submitted in the same moment: one page of the extension presses the button of every
      // open options page (extension.getViews), so both saves start before either is written.
      const pressed = await first.evaluate(() => {
        const g = globalThis as unknown as { browser?: { extension: { getViews(q: object): Window[] } }; chrome?: { extension: { getViews(q: object): Window[] } } };
        const views = (g.browser ?? g.chrome)?.extension.getViews({ type: 'tab' }).filter((view) => view.location.pathname.endsWith('/options.html')) ?? [];
        for (const view of views) (view.document.getElementById('term-submit') as HTMLButtonElement).click();
        return views.length;
      }, null);
      expect(pressed, 'two options pages pressed').toBe(2);
      await sleep(800);
      const stored = ((await browser.inExtension(readAll, null)).local.terms ?? []) as { name: string }[];
      expect(stored.map((t) => t.name).sort(), 'stored terms').toEqual(['Alpha cluster', 'Beta cluster']);
      for (const page of [first, second]) expect((await page.evaluate(termTable, null)).sort(), 'each tab lists both').toEqual(['Alpha cluster', 'Beta cluster']);
    } finally {
      await first.close();
      await second.close();
      await browser.inExtension(clearAll, null);
    }
  });

  it('refuses a 10 MB settings file and a truncated one with the reason, and changes nothing', async () => {
    const browser = env.browser();
    await browser.inExtension(clearAll, null);
    const term = { id: 'user-lab-cluster', name: 'Lab cluster', aliases: [], kind: 'accelerator', note: '', link: '' };
    await browser.inExtension(writeAll, { local: { terms: [term] }, sync: { settings: { version: 2, cards: { dwellMs: 500 } } } });
    const storedBefore = await browser.inExtension(readAll, null);
    const dir = mkdtempSync(join(tmpdir(), 'chiplens-import-'));
    const valid = JSON.stringify({ format: 'chiplens-settings', version: 1, exportedAt: '2025-01-01T00:00:00.000Z', settings: { version: 2 }, terms: [] }, null, 2);
    const big = join(dir, 'huge.json');
    writeFileSync(big, `${valid.slice(0, -1)}${' '.repeat(10 * 1024 * 1024)}}`);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, valid.slice(0, Math.floor(valid.length / 2)));
    const options = await browser.openExtensionPage('options.html', '#import');
    try {
      await waitUntil(() => options.evaluate(termTable, null), (rows) => rows.length === 1, 'the saved term listed');
      await options.upload('#import', big);
      const tooBig = await waitUntil(() => options.evaluate(shown, '#backup-status'), (s) => s.text !== '', 'a status after the 10 MB file');
      expect(tooBig.text).toMatch(/Nothing was changed.*10\.0 MB.*at most 2 MB/);
      await options.evaluate(() => void ((document.getElementById('backup-status') as HTMLElement).textContent = ''), null);
      await options.upload('#import', cut);
      const truncated = await waitUntil(() => options.evaluate(shown, '#backup-status'), (s) => s.text !== '', 'a status after the truncated file');
      expect(truncated.text).toMatch(/Nothing was changed.*not valid JSON.*cut short/);
      expect(await browser.inExtension(readAll, null)).toEqual(storedBefore);
      expect(await options.evaluate(termTable, null)).toEqual(['Lab cluster']);
    } finally {
      await options.close();
      await browser.inExtension(clearAll, null);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Polls `read` until `done` holds; fails with `what`. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 8_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeout} ms (last: ${JSON.stringify(value).slice(0, 300)})`);
    await sleep(60);
    value = await read();
  }
  return value;
}
