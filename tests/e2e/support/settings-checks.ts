import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HIGHLIGHT_NAMES, listHighlights } from './page-probes.js';
import { FIXTURES } from './server.js';
import type { FixtureTab, SettingsEnv } from './settings-env.js';
import {
  badgeText,
  flashedTexts,
  highlightSizes,
  inViewport,
  popupChips,
  readStorage,
  shownText,
  termRows,
  writeStorage,
} from './settings-probes.js';
import { readSignals, waitForScan, type ScannedSignal } from './signals.js';

const FIXTURE = 'settings-article.html';
// What settings-article.html holds with the default settings (the fixture's comment says the same).
const CHIP_RANGES = 5; // H20 ×3, Ascend 910C, 910C
const ORG_RANGES = 4; // Nvidia, SK Hynix, TSMC, Huawei
const POPUP_LIST = [
  { name: 'Nvidia H20', count: '×3' },
  { name: 'Huawei Ascend 910C', count: '×2' },
  { name: 'Nvidia', count: '×1' },
  { name: 'SK hynix', count: '×1' },
  { name: 'TSMC', count: '×1' },
  { name: 'Huawei', count: '×1' },
];
// Which entity each highlighted text of the fixture stands for: the popup's counts must agree
// with the page's own highlights grouped this way.
const ENTITY_OF_TEXT: Record<string, string> = {
  H20: 'Nvidia H20',
  'Ascend 910C': 'Huawei Ascend 910C',
  '910C': 'Huawei Ascend 910C',
  Nvidia: 'Nvidia',
  'SK Hynix': 'SK hynix',
  TSMC: 'TSMC',
  Huawei: 'Huawei',
};
/** A name in the fixture that no built-in entity has. */
const NEW_TERM = 'Zephyr X1';
const ZEPHYR = { id: 'user-zephyr-x1', name: NEW_TERM, aliases: [], kind: 'accelerator', note: '', link: '' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `ok` holds; fails with the last value seen. */
async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 5_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)?.slice(0, 1500)} after ${timeout} ms`);
    await sleep(40);
  }
}

const sizes = (tab: FixtureTab): Promise<Record<string, number>> => tab.evaluate(highlightSizes, HIGHLIGHT_NAMES);
const scans = async (tab: FixtureTab): Promise<ScannedSignal[]> =>
  ((await readSignals(tab)) ?? []).filter((s): s is ScannedSignal => s.type === 'scanned');
/** Marks the document, so a later check can tell it was not reloaded. */
const mark = (tab: FixtureTab): Promise<void> => tab.evaluate(() => void ((window as unknown as { __sameDocument: boolean }).__sameDocument = true), null);
const sameDocument = (tab: FixtureTab): Promise<boolean> =>
  tab.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true, null);

/** A fixture tab whose first scan is done, with the default highlights checked. */
async function scannedFixture(env: SettingsEnv, fixture = FIXTURE): Promise<FixtureTab> {
  const tab = await env.openFixture(fixture);
  await waitForScan(tab);
  expect(await sizes(tab)).toMatchObject({ 'chiplens-chip': CHIP_RANGES, 'chiplens-org': ORG_RANGES });
  await mark(tab);
  return tab;
}

/** The settings features as a reader uses them, checked the same way in each browser. */
export function settingsChecks(env: SettingsEnv): void {
  it('a category switched off in the options page leaves an open tab at once, and comes back when switched on', async () => {
    const tab = await scannedFixture(env);
    const options = await env.openExtensionPage('options.html', '#categories input[name=org]:checked');

    await options.click('#categories input[name=org]');
    const off = await until(() => sizes(tab), (s) => s['chiplens-org'] === 0, 'chiplens-org after unticking Companies');
    expect(off['chiplens-chip']).toBe(CHIP_RANGES);
    expect((await env.inExtension(readStorage, null)).settings).toEqual({ version: 2, categories: { org: false } });

    await options.click('#categories input[name=org]');
    const on = await until(() => sizes(tab), (s) => s['chiplens-org'] === ORG_RANGES, 'chiplens-org after ticking Companies again');
    expect(on['chiplens-chip']).toBe(CHIP_RANGES);
    expect((await env.inExtension(readStorage, null)).settings).toEqual({ version: 2 });
    expect(await sameDocument(tab), 'the tab was not reloaded').toBe(true);
  });

  it('a term added in the options page is highlighted in an open tab and listed in the table', async () => {
    const tab = await scannedFixture(env);
    expect((await tab.evaluate(listHighlights, HIGHLIGHT_NAMES)).map((r) => r.text)).not.toContain(NEW_TERM);
    const scansBefore = (await scans(tab)).length;
    const options = await env.openExtensionPage('options.html', '#term-form');

    await options.type('#term-name', NEW_TERM);
    await options.click('#term-submit');

    // The session restarts with the new term: a new scan that finds it.
    const rescan = await until(
      () => scans(tab),
      (all) => all.slice(scansBefore).some((s) => s.texts.includes(NEW_TERM)),
      `a 'scanned' signal naming ${NEW_TERM}`,
    );
    expect(rescan.length).toBeGreaterThan(scansBefore);
    const ranges = await tab.evaluate(listHighlights, HIGHLIGHT_NAMES);
    expect(ranges.filter((r) => r.text === NEW_TERM).map((r) => [r.name, r.within])).toEqual([
      ['chiplens-chip', 'startup'],
      ['chiplens-chip', 'startup'],
    ]);
    expect(ranges.filter((r) => r.name === 'chiplens-chip')).toHaveLength(CHIP_RANGES + 2);
    expect(await sameDocument(tab), 'the tab was not reloaded').toBe(true);

    await until(() => options.evaluate(termRows, null), (rows) => rows.length > 0, 'the terms table');
    expect(await options.evaluate(termRows, null)).toEqual([[NEW_TERM, '', 'accelerator']]);
    expect(await options.evaluate(shownText, '#no-terms')).toMatchObject({ shown: false });
    expect(await options.evaluate(() => (document.getElementById('term-name') as HTMLInputElement).value, null)).toBe('');
    expect((await env.inExtension(readStorage, null)).terms).toEqual([ZEPHYR]);
  });

  it('an always-off rule for the host clears an open tab and keeps a new tab of that host dark', async () => {
    const tab = await scannedFixture(env);
    const options = await env.openExtensionPage('options.html', '#always-off');

    await options.type('#always-off', '127.0.0.1');
    await options.press('Tab'); // leaving the field commits it (change)
    const cleared = await until(
      () => sizes(tab),
      (s) => Object.values(s).every((n) => n === 0),
      'the open tab\'s highlights after the always-off rule',
    );
    expect(Object.values(cleared)).toEqual(HIGHLIGHT_NAMES.map(() => 0));
    expect(await sameDocument(tab), 'the tab was not reloaded').toBe(true);
    expect((await env.inExtension(readStorage, null)).settings).toEqual({ version: 2, sites: { alwaysOff: ['127.0.0.1'] } });
    expect(await options.evaluate(shownText, '#always-off-error')).toMatchObject({ shown: false });

    const fresh = await env.openFixture(`${FIXTURE}?opened-after-the-rule`);
    // Elsewhere the first scan lands within a few hundred ms of load; give it well over that.
    await sleep(1_500);
    expect(await scans(fresh)).toEqual([]);
    expect(Object.values(await sizes(fresh))).toEqual(HIGHLIGHT_NAMES.map(() => 0));
    // The content script is there and says it is off (not merely missing or slow).
    const popup = await env.openExtensionPage(`popup.html?tab=${fresh.tabId}`, '#status');
    await until(() => popup.evaluate(shownText, '#status'), (s) => s.text !== 'Reading this page…', 'the popup status');
    expect(await popup.evaluate(shownText, '#status')).toEqual({ shown: true, text: 'Chip Lens is off on 127.0.0.1.' });
    expect(await popup.evaluate(popupChips, null)).toEqual([]);
  });

  it('an invalid always-off pattern is shown as an error and changes nothing stored', async () => {
    await env.inExtension(writeStorage, { settings: { version: 2, sites: { alwaysOff: ['example.com'] } } });
    const before = await env.inExtension(readStorage, null);
    const tab = await scannedFixture(env);
    const options = await env.openExtensionPage('options.html', '#always-off');
    await until(() => options.evaluate(() => (document.getElementById('always-off') as HTMLTextAreaElement).value, null), (v) => v === 'example.com', 'the stored rule in the form');

    await options.type('#always-off', 'http://x/');
    await options.press('Tab');
    const error = await until(() => options.evaluate(shownText, '#always-off-error'), (e) => e.shown, '#always-off-error');
    expect(error.text).toContain('“http://x/”');
    expect(error.text).toContain('give a host only');
    expect(await options.evaluate(() => document.getElementById('always-off')?.getAttribute('aria-invalid'), null)).toBe('true');

    await sleep(500); // time for any write (and the storage.onChanged round trip) to land
    expect(await env.inExtension(readStorage, null)).toEqual(before);
    expect(await sizes(tab)).toMatchObject({ 'chiplens-chip': CHIP_RANGES, 'chiplens-org': ORG_RANGES });
  });

  it('an invalid always-off line stays in the field, beside its error, for the reader to correct', async () => {
    await env.inExtension(writeStorage, { settings: { version: 2, sites: { alwaysOff: ['example.com'] } } });
    const options = await env.openExtensionPage('options.html', '#always-off');
    const field = (): Promise<string> => options.evaluate(() => (document.getElementById('always-off') as HTMLTextAreaElement).value, null);
    await until(field, (v) => v === 'example.com', 'the stored rule in the form');

    // A second line with a typo: the first stays valid and saved, the second is refused.
    await options.type('#always-off', 'example.com\nhttp://x/');
    await options.press('Tab');
    await until(() => options.evaluate(shownText, '#always-off-error'), (e) => e.shown, '#always-off-error');
    await sleep(500); // the save and any storage.onChanged round trip
    expect(await options.evaluate(shownText, '#always-off-error')).toMatchObject({ shown: true, text: expect.stringContaining('Line 2, “http://x/”') });
    expect.soft(await field(), 'the line the error names is still there').toBe('example.com\nhttp://x/');

    // Changing another setting saves that one and leaves the line being corrected alone.
    await options.click('#categories input[name=policy]');
    await until(() => env.inExtension(readStorage, null), (s) => JSON.stringify(s.settings).includes('policy'), 'the policy setting saved');
    await sleep(300);
    expect((await env.inExtension(readStorage, null)).settings).toEqual({ version: 2, categories: { policy: false }, sites: { alwaysOff: ['example.com'] } });
    expect.soft(await field(), 'the line the error names is still there after another change').toBe('example.com\nhttp://x/');
    expect(await options.evaluate(shownText, '#always-off-error')).toMatchObject({ shown: true });
  });

  it('the popup lists the page\'s chips with their counts, and a click shows each mention in turn', async () => {
    const tab = await scannedFixture(env);
    const popup = await env.openExtensionPage(`popup.html?tab=${tab.tabId}`, '#chips li');

    const listed = await popup.evaluate(popupChips, null);
    expect(listed).toEqual(POPUP_LIST);
    // The same counts from the page's own highlights, grouped by the entity each text stands for.
    const counted = new Map<string, number>();
    for (const range of await tab.evaluate(listHighlights, HIGHLIGHT_NAMES)) {
      const entity = ENTITY_OF_TEXT[range.text] ?? `unexpected highlight "${range.text}"`;
      counted.set(entity, (counted.get(entity) ?? 0) + 1);
    }
    expect(Object.fromEntries(listed.map((c) => [c.name, Number(c.count.slice(1))]))).toEqual(Object.fromEntries(counted));

    expect(await tab.evaluate(inViewport, '#second'), 'the second hall starts below the fold').toBe(false);
    // A real popup sits over its tab, which stays visible: bring the tab back to the front (a
    // hidden tab does not run the smooth scroll in Firefox) and click in the popup's tab behind it.
    await tab.bringToFront();
    const ascend = POPUP_LIST.findIndex((c) => c.name === 'Huawei Ascend 910C') + 1;
    await popup.click(`#chips li:nth-child(${ascend}) button`);
    expect(await until(() => tab.evaluate(flashedTexts, 'chiplens-flash'), (t) => t !== null, 'the flash highlight', 1_200)).toEqual(['Ascend 910C']);
    await until(() => tab.evaluate(inViewport, '#second'), (shown) => shown, 'the first Ascend 910C mention scrolled into view');

    // Again: the entity's next mention.
    await popup.click(`#chips li:nth-child(${ascend}) button`);
    expect(await until(() => tab.evaluate(flashedTexts, 'chiplens-flash'), (t) => t?.[0] === '910C', 'the flash on the next mention', 1_200)).toEqual(['910C']);
    // The flash is brief.
    await until(() => tab.evaluate(flashedTexts, 'chiplens-flash'), (t) => t === null, 'the flash to end', 4_000);
  });

  it('the badge shows the number of distinct chips in the tab and follows the reader\'s terms', async () => {
    const tab = await scannedFixture(env);
    const { tabId } = tab;
    // Nvidia H20 and Huawei Ascend 910C; the companies are not chips.
    await until(() => env.inExtension(badgeText, tabId), (text) => text === '2', 'the badge text');

    await env.inExtension(writeStorage, { terms: [ZEPHYR] });
    await until(() => env.inExtension(badgeText, tabId), (text) => text === '3', 'the badge text with Zephyr X1 added');

    await env.inExtension(writeStorage, { settings: { version: 2, categories: { chip: false } } });
    await until(() => env.inExtension(badgeText, tabId), (text) => text === '', 'the badge text with chips switched off');
  });

  it('corrupt stored settings are named on the options page, and pages run on the defaults', async () => {
    const corrupt = { version: 2, cards: { dwellMs: 'slow' }, looks: { colours: { chip: 'red' } } };
    await env.inExtension(writeStorage, { settings: corrupt });
    const tab = await scannedFixture(env);
    expect(await tab.evaluate(chipHighlightRule, null)).toMatch(/rgb\(232, 89, 12\)|#e8590c/i); // the default chip colour

    const options = await env.openExtensionPage('options.html', '#problems:not([hidden])');
    const problems = (await options.evaluate(shownText, '#problems')).text;
    expect(problems).toContain('Card delay');
    expect(problems).toContain('"slow"');
    expect(problems).toContain('Colours (chip)');
    expect(problems).toContain('"red"');
    // The form shows the defaults in their place.
    expect(await options.evaluate(() => (document.getElementById('dwell') as HTMLInputElement).value, null)).toBe('300');
    expect(await options.evaluate(() => (document.querySelector('#colours input[name=chip]') as HTMLInputElement).value, null)).toBe('#e8590c');
    // Reading them did not rewrite them.
    expect((await env.inExtension(readStorage, null)).settings).toEqual(corrupt);
  });

  it('importing a file that is not valid JSON says so and changes nothing', async () => {
    await env.inExtension(writeStorage, { settings: { version: 2, categories: { policy: false } }, terms: [ZEPHYR] });
    const before = await env.inExtension(readStorage, null);
    const options = await env.openExtensionPage('options.html', '#import');

    await options.upload('#import', join(FIXTURES, 'settings-broken.json'));
    const status = await until(() => options.evaluate(shownText, '#backup-status'), (s) => s.text !== '', '#backup-status');
    expect(status.text).toMatch(/^Nothing was changed\. The file is not valid JSON/);
    expect(options.dialogs, 'no confirmation is asked for a file that cannot be imported').toEqual([]);
    await sleep(300);
    expect(await env.inExtension(readStorage, null)).toEqual(before);
  });

  it('importing a valid file, once confirmed, replaces settings and terms and reaches an open tab', async () => {
    const tab = await scannedFixture(env);
    const options = await env.openExtensionPage('options.html', '#import');

    await options.upload('#import', join(FIXTURES, 'settings-import.json'));
    const status = await until(() => options.evaluate(shownText, '#backup-status'), (s) => s.text.startsWith('Imported'), '#backup-status');
    expect(status.text).toContain('“settings-import.json”');
    expect(options.dialogs).toHaveLength(1);
    expect(options.dialogs[0]).toContain('settings-import.json');
    const stored = await env.inExtension(readStorage, null);
    expect(stored.settings).toEqual({ version: 2, categories: { org: false } });
    expect(stored.terms).toEqual([{ ...ZEPHYR, note: "A start-up's inference board, shown at a trade fair." }]);

    const after = await until(() => sizes(tab), (s) => s['chiplens-org'] === 0 && s['chiplens-chip'] === CHIP_RANGES + 2, 'the open tab after the import');
    expect(after['chiplens-org']).toBe(0);
    await until(() => options.evaluate(termRows, null), (rows) => rows.length === 1, 'the terms table');
    expect(await options.evaluate(() => (document.querySelector('#categories input[name=org]') as HTMLInputElement).checked, null)).toBe(false);
  });

  it('the context menu\'s address opens the options page with the term name filled in', async () => {
    const options = await env.openExtensionPage('options.html#add-term=Foo%20Bar', '#term-name');
    await until(() => options.evaluate(() => (document.getElementById('term-name') as HTMLInputElement).value, null), (v) => v === 'Foo Bar', '#term-name');
    expect(await options.evaluate(() => document.activeElement?.id ?? null, null)).toBe('term-name');
    // Filled in, not saved: the reader still chooses the kind and submits.
    expect((await env.inExtension(readStorage, null)).terms).toBeNull();
  });
}

/**
 * The look the page gets for chips (runs in the page): an adopted `::highlight(chiplens-chip)`
 * rule when the reader changed the look, else the manifest's stylesheet of defaults, which
 * tests/dom/highlight-style.test.ts holds to the default colours.
 */
function chipHighlightRule(): string {
  for (const sheet of document.adoptedStyleSheets) {
    for (const rule of sheet.cssRules) if (rule.cssText.includes('chiplens-chip')) return rule.cssText;
  }
  return 'the manifest stylesheet of defaults (#e8590c)';
}
