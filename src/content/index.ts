// The content script: reads the settings, runs a page session where they allow it, and
// answers the popup and the background. Each settings change restarts or restyles the session.
import { isProbablyReaderable } from '@mozilla/readability';
import { ChipLensEngine, bundledKnowledge, prepareSentenceRules } from '../core/index.js';
import { isContentRequest, type BackgroundMessage, type ContentReplies, type ContentRequest, type PageSummary } from '../core/messages.js';
import { runsOn } from '../core/settings.js';
import { SettingsStore } from '../core/settings-store.js';
import { termToEntity, type UserTerm } from '../core/user-terms.js';
import { extension } from './extension-api.js';
import { PageSession } from './page-session.js';

const store = new SettingsStore(extension.sync, extension.local);
const isTopFrame = window === window.top;
let session: PageSession | undefined;
let sessionKey = '';
/**
 * The first scan waits for `load`, so the page's own loading comes first; the settings are read
 * and the engine compiled before it, while the page is still loading, so none of that delays
 * the highlights.
 */
const pageLoaded = new Promise<void>((resolve) => {
  if (document.readyState === 'complete') resolve();
  else addEventListener('load', () => resolve(), { once: true });
});

function engineFor(terms: readonly UserTerm[]): ChipLensEngine {
  return new ChipLensEngine(terms.length === 0 ? bundledKnowledge() : bundledKnowledge().with(terms.map(termToEntity)));
}

/** What the badge was last told: a page that keeps changing sends nothing until the count does. */
let reportedChips: number | undefined;

function reportToBadge(summary: PageSummary): void {
  if (!isTopFrame) return;
  const distinctChips = summary.entities.filter((e) => e.category === 'chip').length;
  if (distinctChips === reportedChips) return;
  reportedChips = distinctChips;
  const message: BackgroundMessage = { type: 'page-summary-changed', distinctChips };
  extension.send(message).catch(() => undefined);
}

let applying: Promise<void> = Promise.resolve();

/** Applies the stored settings after any application still running, so two never interleave. */
function applySettings(): Promise<void> {
  applying = applying.then(applyNow, applyNow);
  return applying;
}

/** Reads the settings and brings the session in line: start, stop, restart (new terms) or restyle. */
async function applyNow(): Promise<void> {
  const { settings, terms } = await store.load();
  const running = runsOn(settings, location.hostname, () => isProbablyReaderable(document));
  const key = running ? JSON.stringify(terms) : 'off';
  if (key === sessionKey && session !== undefined) {
    session.applySettings(settings);
    reportToBadge(session.summary());
    return;
  }
  session?.stop();
  session = undefined;
  sessionKey = key;
  if (!running) {
    reportToBadge({ host: location.hostname, running: false, entities: [] });
    return;
  }
  const engine = engineFor(terms);
  prepareSentenceRules();
  await pageLoaded;
  const next = new PageSession(engine, settings, new Map(terms.filter((t) => t.link !== '').map((t) => [t.id, t.link])));
  next.onScanned = reportToBadge;
  session = next;
  await next.start();
}

function answer(request: ContentRequest): ContentReplies[ContentRequest['type']] {
  switch (request.type) {
    case 'get-page-summary':
      return session?.summary() ?? { host: location.hostname, running: false, entities: [] };
    case 'next-mention':
      session?.nextMention();
      return null;
    case 'reveal-entity':
      return { revealed: session?.revealEntity(request.entityId) ?? false };
  }
}

async function main(): Promise<void> {
  // Editors in design mode are all user input; there is nothing to read there.
  if (document.designMode === 'on' || document.documentElement === null) return;
  extension.onMessage((message, sender) => {
    // Only this extension's own pages and worker may ask, and only the top frame answers.
    if (sender.id !== extension.id || !isContentRequest(message)) return undefined;
    if (!isTopFrame) return undefined;
    return Promise.resolve(answer(message));
  });
  extension.onStorageChanged(() => void applySettings());
  await applySettings();
}

void main();

