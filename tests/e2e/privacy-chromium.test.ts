// Holds the build to PRIVACY.md: "no page text, no address you visit and no data about your
// browsing leaves your browser … Chip Lens makes no network requests of its own".
//
// Dynamic: the production build (dist/, what `npm run package` ships) in Chromium, with every
// request of every page, frame, extension page and the service worker recorded, while it scans
// each fixture page, opens a card, and the options page and the popup are used. Every request
// must go to the fixture server or to this extension's own files.
// Static: the shipped scripts contain no way to reach the network or to run strings as code, the
// pages load nothing from outside, and the manifest asks for nothing beyond what store/ justifies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/extension.js';
import { EXTENSION_SCRIPTS, firstMentionCentre, hasHighlights, launchRecordingChromium, PRODUCTION_DIST, type PrivacySession, type RecordedRequest } from './support/privacy.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './support/server.js';

const SCAN_TIMEOUT_MS = 15_000;
/** After the last action, how long stray requests (a late timer, an idle callback) get to show up. */
const SETTLE_MS = 1_500;

describe('privacy: nothing leaves the browser (Chromium, production build)', () => {
  let server: FixtureServer | undefined;
  let session: PrivacySession | undefined;
  let launchError: unknown;
  let fixtureOrigin = '';

  beforeAll(async () => {
    server = await startFixtureServer();
    fixtureOrigin = new URL(server.url('/')).origin;
    session = await launchRecordingChromium().catch((error: unknown) => {
      launchError = error;
      return undefined;
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const started = (): { session: PrivacySession; server: FixtureServer } => {
    if (launchError) throw launchError;
    if (!session || !server) throw new Error('the browser did not start: see the beforeAll error');
    return { session, server };
  };

  /** The recorded requests that go anywhere but the fixture server or this extension's own files. */
  const outside = (requests: RecordedRequest[]): RecordedRequest[] =>
    requests.filter((request) => {
      const url = new URL(request.url);
      if (url.origin === fixtureOrigin) return false;
      if (url.protocol === 'chrome-extension:' && url.host === session?.extensionId) return false;
      // Not network requests: the bytes are in the URL or in the browser's memory.
      if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
      return true;
    });
  const describeAll = (requests: RecordedRequest[]): string => requests.map((r) => `${r.method} ${r.url} (from ${r.from})`).join('\n');

  it('sees the service worker\'s requests (a canary the test sends itself)', async () => {
    const { session, server } = started();
    const canary = server.url('privacy-canary-from-the-service-worker');
    const before = session.requests.length;
    await (await session.worker()).evaluate(async (url: string) => {
      await fetch(url).catch(() => undefined);
    }, canary);
    await expect.poll(() => session.requests.slice(before).find((r) => r.url === canary)?.from, { timeout: 5_000 }).toBe('service worker');
  });

  it('makes no request outside on the demo-like article: scan, card, options page, popup', async () => {
    const { session, server } = started();
    const before = session.requests.length;
    const articleUrl = server.url('article.html');
    const { page, tabId } = await session.openTab(articleUrl);
    await page.bringToFront();
    await page.waitForFunction(hasHighlights, null, { timeout: SCAN_TIMEOUT_MS, polling: 100 });

    // Rest the pointer on the first chip until its card opens (the card links out, but only on a click).
    const mention = await page.evaluate(firstMentionCentre);
    await page.mouse.move(mention.x, mention.y, { steps: 5 });
    await page.waitForSelector('chip-lens-card', { state: 'attached', timeout: 5_000 });

    // The options page: load it, change a setting (which reaches the open tab) and change it back.
    const options = await session.openExtensionPage('options.html');
    const org = options.locator('#categories input[name="org"]');
    await org.waitFor({ state: 'attached' });
    await expect.poll(() => org.isChecked(), { timeout: 5_000 }).toBe(true);
    await org.uncheck();
    await org.check();
    await options.waitForTimeout(300);
    const privacyLink = await options.locator('a[href="privacy.html"]').count();
    expect(privacyLink, 'the options page links the privacy statement').toBe(1);
    const privacy = await session.openExtensionPage('privacy.html');
    expect(await privacy.locator('h1').textContent()).toMatch(/privacy/i);

    // The popup, opened as a page for the article's tab: it lists the chips found there.
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('#chips li', { timeout: 5_000 });
    expect(await popup.locator('#chips li').count()).toBeGreaterThan(0);

    await page.waitForTimeout(SETTLE_MS);
    const requests = session.requests.slice(before);
    // The recorder saw this test's own traffic: the article, and the extension pages' files.
    expect(requests.map((r) => r.url)).toEqual(expect.arrayContaining([articleUrl, `chrome-extension://${session.extensionId}/options.js`, `chrome-extension://${session.extensionId}/popup.js`]));
    expect(outside(requests), `requests that left the browser:\n${describeAll(outside(requests))}`).toEqual([]);
    for (const opened of [options, privacy, popup, page]) await opened.close();
  });

  // Every fixture page (frames, shadow roots, Chinese text, pages that change): each is scanned
  // and followed, and none may cause a request outside.
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.html') && name !== 'article.html').sort();
  it.each(fixtures)('makes no request outside on %s', async (fixture) => {
    const { session, server } = started();
    const before = session.requests.length;
    const { page } = await session.openTab(server.url(fixture));
    await page.bringToFront();
    // Some fixtures (a frame's inner page, a page that fills itself later) may show nothing at
    // first: wait for a highlight a while, then settle either way.
    await page.waitForFunction(hasHighlights, null, { timeout: 3_000, polling: 100 }).catch(() => undefined);
    await page.mouse.move(200, 200, { steps: 3 });
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(SETTLE_MS);
    const requests = session.requests.slice(before);
    expect(requests.map((r) => r.url)).toContain(server.url(fixture));
    expect(outside(requests), `requests that left the browser:\n${describeAll(outside(requests))}`).toEqual([]);
    await page.close();
  });

  it('made no request outside in the whole session, start-up included', () => {
    const { session } = started();
    expect(session.requests.length).toBeGreaterThan(0);
    expect(outside(session.requests), `requests that left the browser:\n${describeAll(outside(session.requests))}`).toEqual([]);
  });
});

describe('privacy: what the build ships (static)', () => {
  const read = (file: string): string => {
    const path = join(PRODUCTION_DIST, file);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
    return readFileSync(path, 'utf8');
  };

  // Any of these in a shipped script would be a way to send data out or to run a string as code.
  const FORBIDDEN: [string, RegExp][] = [
    ['eval(', /\beval\s*\(/],
    ['new Function(', /\bnew\s+Function\s*\(/],
    ['Function("…") called with source text', /\bFunction\s*\(\s*["'`]/],
    ['globalThis/window/self.fetch', /\b(?:globalThis|window|self)\s*\.\s*fetch\b/],
    ['XMLHttpRequest', /\bXMLHttpRequest\b/],
    ['WebSocket', /\bWebSocket\b/],
    ['WebTransport', /\bWebTransport\b/],
    ['EventSource', /\bEventSource\b/],
    ['navigator.sendBeacon', /\bsendBeacon\b/],
    ['RTCPeerConnection', /\bRTCPeerConnection\b/],
    ['importScripts', /\bimportScripts\b/],
    ['a string given to setTimeout/setInterval', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ];

  /**
   * Where the global `fetch` is used: a bare `fetch` that is not a property (`x.fetch`, `#o.fetch`),
   * not an object key (`fetch:`) and not a method being defined (`fetch(ids){…}`), which the
   * extension's own caches are allowed to be called.
   */
  function globalFetch(source: string): number {
    for (const match of source.matchAll(/(?<![\w$.#])fetch\b(?!\s*:)/g)) {
      let at = match.index + match[0].length;
      while (/\s/.test(source[at] ?? '')) at++;
      if (source[at] !== '(') return match.index; // a reference: it could be called later
      let depth = 0;
      for (; at < source.length; at++) {
        if (source[at] === '(') depth++;
        else if (source[at] === ')' && --depth === 0) break;
      }
      at++;
      while (/\s/.test(source[at] ?? '')) at++;
      if (source[at] !== '{') return match.index; // a call, not a method definition
    }
    return -1;
  }

  it.each(EXTENSION_SCRIPTS)('%s has no network API and no eval', (file) => {
    const source = read(file);
    const excerpt = (at: number): string => `…${source.slice(Math.max(0, at - 80), at + 60)}…`;
    const found = FORBIDDEN.filter(([, pattern]) => pattern.test(source)).map(([name, pattern]) => `${name}: ${excerpt(source.search(pattern))}`);
    const fetchAt = globalFetch(source);
    if (fetchAt >= 0) found.push(`fetch: ${excerpt(fetchAt)}`);
    expect(found, `${file} could reach the network or run strings as code`).toEqual([]);
  });

  it('the fetch check tells the global fetch from a method of that name', () => {
    expect(globalFetch('class C{fetch(t){return t}}new C().fetch([1]);this.#o.fetch(x);({fetch:1})')).toBe(-1);
    expect(globalFetch('a=1;fetch("https://example.com/")')).toBeGreaterThan(0);
    expect(globalFetch('let f=fetch;f(u)')).toBeGreaterThan(0);
    expect(globalFetch('await fetch (u, {method: "POST"})')).toBeGreaterThan(0);
  });

  it('the extension pages load nothing from outside the extension', () => {
    const pages = readdirSync(PRODUCTION_DIST).filter((file) => /\.(html|css)$/.test(file));
    expect(pages).toEqual(expect.arrayContaining(['options.html', 'popup.html', 'privacy.html']));
    for (const file of pages) {
      const text = read(file);
      // <a href> to a public page is a link the reader may follow, not a load; anything else is.
      const loads = [...text.matchAll(/<(?!a\b)[a-z]+\b[^>]*\s(?:src|href|action|srcset)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)|url\(\s*["']?((?:https?:)?\/\/[^"')]+)|@import\s+["']((?:https?:)?\/\/[^"']+)/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
      expect(loads, `${file} loads from outside`).toEqual([]);
    }
  });

  it('the manifest asks for no host permission and no looser CSP, and store/ justifies each permission', () => {
    const manifest = JSON.parse(read('manifest.json')) as Record<string, unknown>;
    // Each of these would widen what the extension may reach or run; adding one means updating
    // PRIVACY.md and store/ first, then this list.
    for (const key of ['host_permissions', 'optional_host_permissions', 'optional_permissions', 'externally_connectable', 'update_url']) {
      expect(manifest[key], `manifest.json should have no ${key}`).toBeUndefined();
    }
    // A CSP of its own may only tighten the default: no eval, no code from anywhere but the package.
    const csp = JSON.stringify(manifest.content_security_policy ?? '');
    expect(csp, 'the manifest CSP allows eval or remote code').not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    const permissions = (manifest.permissions as string[] | undefined) ?? [];
    const listing = readFileSync(join(ROOT, 'store', 'chrome-web-store.md'), 'utf8');
    for (const permission of permissions) {
      expect(listing, `store/chrome-web-store.md justifies "${permission}" under a heading of its own`).toMatch(new RegExp(`^#{2,4} \`${permission}\``, 'm'));
    }
    const scripts = (manifest.content_scripts as { matches: string[] }[] | undefined) ?? [];
    expect(scripts.flatMap((script) => script.matches).sort()).toEqual(['http://*/*', 'https://*/*']);
    const gecko = (manifest.browser_specific_settings as { gecko?: { data_collection_permissions?: { required?: string[] } } } | undefined)?.gecko;
    expect(gecko?.data_collection_permissions?.required, 'Firefox is told that no data is collected').toEqual(['none']);
  });
});
