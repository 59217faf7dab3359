// Hostile pages and bad input in Chromium: the checks both browsers share (support/hostile-checks.ts),
// then what only Chromium lets a test see: the card's inside through DevTools, another
// extension's messages, storage.local's quota, and the browser's own network log.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledKnowledge } from '../../src/core/knowledge/index.js';
import { cardInside, heapAfterGc, startCpuProbe } from './support/hostile-cdp.js';
import { hostileChecks, hover, waitUntil } from './support/hostile-checks.js';
import {
  HOSTILE_FIXTURES,
  launchHostileChromium,
  readHostileSignals,
  ROOT,
  sleep,
  useHostileBrowser,
  waitForScanned,
  writeStrangerExtension,
  type HostileChromium,
} from './support/hostile-env.js';
import { HIGHLIGHT_NAMES, highlightSizes, mentionBox } from './support/hostile-probes.js';
import { clearAll, fillLocal, readAll, shown, termTable, writeAll } from './support/hostile-storage.js';
import { startFixtureServer } from './support/server.js';

const kb = bundledKnowledge();

interface Lint {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

describe('Chip Lens on hostile pages in Chromium', () => {
  const stranger = writeStrangerExtension();
  afterAll(() => rmSync(stranger, { recursive: true, force: true }));
  const env = useHostileBrowser<HostileChromium>(() => launchHostileChromium({ otherExtensions: [stranger] }));

  hostileChecks(env, {
    profile: (page) => startCpuProbe(env.browser().context, env.browser().pageOf(page)),
    heap: (page) => heapAfterGc(env.browser().context, env.browser().pageOf(page)),
  });

  it("links in the card are the entity's own sources only, opened without opener or referrer, and the card holds no markup from the page", async () => {
    const page = await env.open('injection.html');
    await waitForScanned(page);
    for (const [text, within, entityId] of [
      ['H20', 'inj-img', 'nvidia-h20'],
      ['MI300X', 'inj-link', 'amd-mi300x'],
    ] as const) {
      expect((await hover(page, text, within)).card.entityId).toBe(entityId);
      await sleep(200); // past the card's 90 ms fade-in
      const inside = await cardInside(env.browser().context, env.browser().pageOf(page));
      try {
        expect(inside.shadowRootType).toBe('closed');
        const sources = new Set((kb.get(entityId)?.facts ?? []).map((fact) => fact.source));
        const links = inside.elements.filter((e) => e.tag === 'a');
        expect(links.length, 'the card links the sources of its facts').toBeGreaterThan(0);
        for (const link of links) {
          expect.soft(sources.has(link.attributes.href ?? ''), `${link.attributes.href} is a source of ${entityId}`).toBe(true);
          expect.soft(link.attributes.href).toMatch(/^https:\/\//);
          expect.soft(link.attributes.target).toBe('_blank');
          expect.soft((link.attributes.rel ?? '').split(/\s+/)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
        }
        const allowed = new Set(['style', 'div', 'header', 'h2', 'h3', 'p', 'a', 'section', 'ul', 'li', 'mark', 'dl', 'dt', 'dd', 'span', 'table', 'tbody', 'tr', 'th', 'td', 'button']);
        expect(inside.elements.filter((e) => !allowed.has(e.tag)).map((e) => e.tag), 'elements the card should never hold').toEqual([]);
        expect(inside.elements.flatMap((e) => Object.keys(e.attributes).filter((name) => /^on/i.test(name))), 'inline handlers').toEqual([]);
        const styles = await inside.computed(inside.card, ['display', 'visibility', 'opacity']);
        expect(styles).toEqual({ display: 'block', visibility: 'visible', opacity: '1' });
      } finally {
        await inside.close();
      }
    }
  });

  it('the card keeps its own look on the style-attack page (computed inside its closed shadow root)', async () => {
    const page = await env.open('style-attacks.html');
    await waitForScanned(page);
    await hover(page, 'MI300X', 'second');
    await sleep(200);
    const inside = await cardInside(env.browser().context, env.browser().pageOf(page));
    try {
      const styles = await inside.computed(inside.card, ['display', 'visibility', 'opacity', 'font-size', 'background-color', 'filter', 'transform', 'clip-path', 'position']);
      expect(styles).toEqual({
        display: 'block',
        visibility: 'visible',
        opacity: '1',
        'font-size': '13px',
        'background-color': 'rgb(255, 255, 255)',
        filter: 'none',
        transform: 'none',
        'clip-path': 'none',
        position: 'fixed',
      });
      const cardBox = await inside.box(inside.card);
      expect(cardBox.right - cardBox.left, 'card width').toBeGreaterThan(200);
      expect(cardBox.bottom - cardBox.top, 'card height').toBeGreaterThan(100);
    } finally {
      await inside.close();
    }
  });

  it('ignores messages from another extension: none reaches the content script or the background', async () => {
    const browser = env.browser();
    const page = await env.open('script-attacks.html');
    await waitForScanned(page, 1, 8_000);
    const tabId = await browser.inOtherExtension(
      stranger,
      async (url) => {
        const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
        return (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id ?? -1;
      },
      page.url,
    );
    expect(tabId).toBeGreaterThan(0);
    const badge = (id: number): Promise<string> =>
      browser.inExtension((tab) => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({ tabId: tab }), id);
    const badgeBefore = await badge(tabId);
    const before = (await readHostileSignals(page)).length;
    const outcomes = await browser.inOtherExtension(
      stranger,
      async ({ tab, target }) => {
        const chrome = (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> }; runtime: { sendMessage(id: string, m: unknown): Promise<unknown> } } }).chrome;
        const messages = [{ type: 'next-mention' }, { type: 'reveal-entity', entityId: 'nvidia-h20' }, { type: 'get-page-summary' }, { type: 'page-summary-changed', distinctChips: 42 }, { type: 'get-entity-details', ids: ['nvidia-h20'] }];
        const results: string[] = [];
        for (const message of messages) {
          results.push(await chrome.tabs.sendMessage(tab, message).then((reply) => `tab answered ${JSON.stringify(reply)}`, (error: Error) => `tab refused: ${error.message}`));
          results.push(await chrome.runtime.sendMessage(target, message).then((reply) => `extension answered ${JSON.stringify(reply)}`, (error: Error) => `extension refused: ${error.message}`));
        }
        return results;
      },
      { tab: tabId, target: browser.extensionId },
    );
    expect(outcomes.filter((outcome) => !outcome.includes('refused')), 'messages that got an answer').toEqual([]);
    await sleep(600);
    expect((await readHostileSignals(page)).slice(before), 'no card, no rescan').toEqual([]);
    expect(await badge(tabId), 'the badge is unchanged').toBe(badgeBefore);
  });

  it('states that storage is full when a new term does not fit in storage.local, and keeps the saved terms', async () => {
    const browser = env.browser();
    await browser.inExtension(clearAll, null);
    const saved = { id: 'user-lab-cluster', name: 'Lab cluster', aliases: ['LC-1'], kind: 'accelerator', note: 'Ours.', link: '' };
    await browser.inExtension(writeAll, { local: { terms: [saved] } });
    await browser.inExtension(fillLocal, 200);
    const options = await browser.openExtensionPage('options.html', '#term-form');
    try {
      await waitUntil(() => options.evaluate(termTable, null), (rows) => rows.length === 1, 'the saved term listed');
      await options.fill('#term-name', 'Quota chip');
      await options.fill('#term-note', 'n'.repeat(400));
      await options.click('#term-submit');
      const error = await waitUntil(() => options.evaluate(shown, '#term-error'), (e) => !e.hidden, 'an error beside the term form');
      expect(error.text).toMatch(/storage is full/i);
      expect((await browser.inExtension(readAll, null)).local.terms, 'the saved terms are kept').toEqual([saved]);
      expect(await options.evaluate(termTable, null)).toEqual(['Lab cluster']);
      // What the reader typed stays in the form, to save once there is room.
      expect(await options.evaluate(() => (document.getElementById('term-name') as HTMLInputElement).value, null)).toBe('Quota chip');
    } finally {
      await options.close();
      await browser.inExtension(clearAll, null);
    }
  });
});

describe('the production build (dist/)', () => {
  const dist = join(ROOT, 'dist');
  const scripts = ['content.js', 'background.js', 'options.js', 'popup.js'];
  const read = (name: string): string => {
    if (!existsSync(join(dist, name))) throw new Error(`${join(dist, name)} is missing: run \`npm run build\` first`);
    return readFileSync(join(dist, name), 'utf8');
  };

  it('has no eval, no code built from strings, no remote code and no network API', () => {
    const forbidden: [string, RegExp][] = [
      ['eval(', /(?<![\w$.#])eval\s*\(/],
      ['new Function(', /new\s+Function\s*\(/],
      ['Function("…")', /(?<![\w$.#])Function\s*\(\s*["'`]/],
      ['setTimeout("…")', /set(?:Timeout|Interval)\s*\(\s*["'`]/],
      ['importScripts', /importScripts\s*\(/],
      ['import(…)', /(?<![\w$.#])import\s*\(/],
      // A call, not a method of that name being defined (`fetch(ids){…}` in the card cache).
      ['fetch(', /(?<![\w$.#])fetch\s*\((?![^()]*\)\s*\{)/],
      ['XMLHttpRequest', /XMLHttpRequest/],
      ['WebSocket', /WebSocket/],
      ['sendBeacon', /sendBeacon/],
      ['EventSource', /EventSource/],
      ['a remote script address', /<script[^>]+src=["']?https?:/i],
    ];
    const found: string[] = [];
    for (const name of scripts) {
      const code = read(name);
      for (const [what, pattern] of forbidden) if (pattern.test(code)) found.push(`${name}: ${what}`);
    }
    for (const page of ['options.html', 'popup.html', 'privacy.html']) {
      const html = read(page);
      for (const src of html.matchAll(/<(?:script|link|img|iframe)[^>]+(?:src|href)=["']([^"']+)["']/gi)) {
        if (/^(?:https?:)?\/\//i.test(src[1] as string)) found.push(`${page}: loads ${src[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('asks only for the permissions it uses, with no host permissions and nothing pages can reach', () => {
    const manifest = JSON.parse(read('manifest.json')) as Record<string, unknown> & { permissions?: string[]; content_security_policy?: unknown };
    // The APIs the sources call, and the permission each needs (tabs.query, sendMessage and create need none).
    const needs: Record<string, string | null> = { runtime: null, storage: 'storage', tabs: null, action: null, commands: null, contextMenus: 'contextMenus', i18n: null };
    const used = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.ts')) for (const m of readFileSync(join(dir, entry.name), 'utf8').matchAll(/\bbrowser\.([a-z][a-zA-Z]*)\./g)) used.add(m[1] as string);
      }
    };
    walk(join(ROOT, 'src'));
    const unknown = [...used].filter((api) => !(api in needs));
    expect(unknown, 'APIs this test does not know the permission of').toEqual([]);
    const wanted = [...new Set([...used].map((api) => needs[api]).filter((p): p is string => p !== null && p !== undefined))].sort();
    expect([...(manifest.permissions ?? [])].sort()).toEqual(wanted);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'externally_connectable', 'web_accessible_resources', 'content_security_policy']) {
      expect.soft(manifest[key], `manifest.${key}`).toBeUndefined();
    }
  });

  it("makes no network request: Chromium's network log on a fixture page shows only the page's own requests", async () => {
    const server = await startFixtureServer(HOSTILE_FIXTURES);
    const netLog = join(tmpdir(), `chiplens-netlog-${process.pid}-${Date.now()}.json`);
    const browser = await launchHostileChromium({ extensionDir: dist, netLog });
    const origin = new URL(server.url('/')).origin;
    const seenByPlaywright: string[] = [];
    try {
      browser.context.on('request', (request) => seenByPlaywright.push(request.url()));
      const page = await browser.open(server.url('network.html'));
      // The production build sends no signals: wait for its highlights.
      await waitUntil(() => page.evaluate(highlightSizes, HIGHLIGHT_NAMES), (n) => n >= 6, 'highlights on the page', 15_000);
      const box = await page.evaluate(mentionBox, { names: HIGHLIGHT_NAMES, text: 'H20', within: 'lead' });
      await page.moveMouse((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      await waitUntil(() => page.evaluate(() => document.querySelector('chip-lens-card') !== null, null), (open) => open, 'the card');
      const options = await browser.openExtensionPage('options.html', '#terms');
      const popup = await browser.openExtensionPage('popup.html', '#status');
      await sleep(800);
      await options.close();
      await popup.close();
    } finally {
      await browser.close();
      await server.close();
    }
    // Requests made for a page or an extension carry its origin as initiator (a content script's
    // fetch carries the page's); the browser's own (component updates, account checks) carry
    // none, or "not an origin", and are the browser's, not the extension's.
    const log = JSON.parse(readFileSync(netLog, 'utf8')) as { constants: { logEventTypes: Record<string, number> }; events: { type: number; source: { id: number }; params?: { url?: string; initiator?: string } }[] };
    rmSync(netLog, { force: true });
    const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
    // One URL_REQUEST_START_JOB with parameters per request (the job's end carries none).
    const requests = log.events
      .filter((event) => event.type === startJob && typeof event.params?.url === 'string')
      .map((event) => ({ url: event.params?.url ?? '', initiator: event.params?.initiator ?? '' }));
    const browserOwn = [...new Set(requests.filter((r) => !/^(?:https?|chrome-extension):\/\//.test(r.initiator) && !r.url.startsWith(`${origin}/`)).map((r) => new URL(r.url).host))];
    console.info(`requests the browser made on its own (no page or extension initiator): ${browserOwn.join(', ') || 'none'}`);
    const onBehalf = requests.filter((r) => /^(?:https?|chrome-extension):\/\//.test(r.initiator) || r.url.startsWith(`${origin}/`));
    expect(onBehalf.length, 'the page and its frame were loaded (the log works)').toBeGreaterThanOrEqual(3);
    expect(onBehalf.filter((r) => !r.url.startsWith(`${origin}/`)), 'requests by a page or the extension to anywhere but the fixture server').toEqual([]);
    expect(requests.filter((r) => r.initiator.startsWith('chrome-extension://')), 'requests made by the extension').toEqual([]);
    expect(requests.filter((r) => r.initiator === 'not an origin' && r.url.includes(new URL(server.url('/')).host) === false && /chrome-extension|chiplens/i.test(r.url)), "the browser's own requests about the extension").toEqual([]);
    expect(seenByPlaywright.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('chrome-extension://')), 'requests Playwright saw').toEqual([]);
    // The article is read from a clone of the document (Readability): the page's image is loaded
    // by the page once, never again by the copy.
    expect(requests.filter((r) => r.url.endsWith('?from=img')), 'loads of the page image').toHaveLength(1);
  });

  it('passes web-ext lint with no errors, and only warnings that are explained', () => {
    read('manifest.json');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js'), 'lint', '--source-dir', dist, '--ignore-files', 'cli.js', '--no-config-discovery', '--output', 'json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(run.stdout) as { errors: Lint[]; warnings: Lint[]; notices: Lint[] };
    expect(report.errors).toEqual([]);
    const content = read('content.js').split('\n');
    const unexplained = report.warnings.filter((warning) => {
      // One manifest serves both browsers: Firefox ignores the service worker and uses background.scripts.
      if (warning.code === 'BACKGROUND_SERVICE_WORKER_IGNORED') return false;
      // Readability, bundled for "In this article", sets innerHTML on its own clone of the
      // document: a document without a browsing context runs no script and loads nothing (the
      // network test above checks that the page's image is not fetched again).
      if (warning.code === 'UNSAFE_VAR_ASSIGNMENT' && warning.file === 'content.js' && warning.line !== undefined) {
        const around = content[warning.line - 1]?.slice(Math.max(0, (warning.column ?? 0) - 400), (warning.column ?? 0) + 400) ?? '';
        return !/_attempts|_isSingleImage|_getInnerText|readability/i.test(around);
      }
      return true;
    });
    expect(unexplained).toEqual([]);
  });
});
