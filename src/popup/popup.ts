// The toolbar popup: the chips on the current tab, a switch for this site, a way to the options.
import browser from '../browser.js';
import { isPageSummary, type ContentRequest, type PageSummary } from '../core/messages.js';
import { withSite } from '../core/settings.js';
import { SettingsStore } from '../core/settings-store.js';

const store = new SettingsStore(browser.storage.sync, browser.storage.local);
const status = document.getElementById('status') as HTMLElement;
const list = document.getElementById('chips') as HTMLUListElement;
const siteSwitch = document.getElementById('site-switch') as HTMLInputElement;
const siteLabel = document.getElementById('site-label') as HTMLElement;
/** The host of the tab's page, as its content script reported it. */
let host = '';

async function ask(tabId: number, request: ContentRequest): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 }).catch(() => undefined);
}

function showStatus(text: string): void {
  status.textContent = text;
  status.hidden = false;
}

function render(tabId: number, summary: PageSummary, colours: Record<string, string>): void {
  const label = siteSwitch.closest('label') as HTMLElement;
  label.hidden = false;
  siteSwitch.checked = summary.running;
  host = summary.host;
  siteLabel.textContent = `On for ${summary.host}`;
  list.replaceChildren();
  list.hidden = true;
  if (!summary.running) return showStatus(`Chip Lens is off on ${summary.host}.`);
  if (summary.entities.length === 0) return showStatus('No chips or chip terms found on this page.');
  status.hidden = true;
  for (const entity of summary.entities) {
    const button = document.createElement('button');
    button.type = 'button';
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = colours[entity.category] ?? 'gray';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = entity.name;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = `×${entity.count}`;
    button.append(dot, name, count);
    button.title = `Show ${entity.name} on the page (again for the next mention)`;
    button.addEventListener('click', () => void ask(tabId, { type: 'reveal-entity', entityId: entity.id }));
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }
  list.hidden = false;
}

async function main(): Promise<void> {
  document.getElementById('open-options')?.addEventListener('click', () => void browser.runtime.openOptionsPage().then(() => window.close()));
  // `?tab=ID` shows another tab's chips: the popup opened as a page (by tests, or to keep it open).
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  const tabId = Number.isInteger(asked) && asked > 0 ? asked : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return showStatus('No tab to read.');
  const refresh = async (): Promise<void> => {
    const [summary, loaded] = await Promise.all([ask(tabId, { type: 'get-page-summary' }), store.load()]);
    if (!isPageSummary(summary)) return showStatus('Chip Lens cannot read this page: browsers keep extensions off their own pages and web stores. If the page is still loading, reopen this popup in a moment.');
    render(tabId, summary, loaded.settings.looks.colours);
  };
  siteSwitch.addEventListener('change', () => {
    if (host !== '') void store.updateSettings((settings) => withSite(settings, host, siteSwitch.checked)).then(() => setTimeout(() => void refresh(), 400));
  });
  await refresh();
}

void main();
