import browser from '../browser.js';
import { isPageSummary, type ContentRequest } from '../core/messages.js';
import { withSite } from '../core/settings.js';
import { SettingsStore } from '../core/settings-store.js';

const store = new SettingsStore(browser.storage.sync, browser.storage.local);

async function activeTabId(tab?: browser.Tabs.Tab): Promise<number | undefined> {
  return tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
}

/** Asks the content script of a tab's top frame; undefined where none runs (browser pages, stores). The reply is unchecked: callers validate it. */
export async function askTab(tabId: number, request: ContentRequest): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, request, { frameId: 0 });
  } catch {
    return undefined;
  }
}

export async function onCommand(command: string, tab?: browser.Tabs.Tab): Promise<void> {
  const tabId = await activeTabId(tab);
  if (tabId === undefined) return;
  if (command === 'next-mention') await askTab(tabId, { type: 'next-mention' });
  if (command === 'toggle-site') {
    const summary = await askTab(tabId, { type: 'get-page-summary' });
    if (isPageSummary(summary) && summary.host !== '') await store.updateSettings((settings) => withSite(settings, summary.host, !summary.running));
  }
}
