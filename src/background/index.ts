// The background context: turns keyboard commands into messages to the active tab.
import browser from '../browser.js';
import type { ContentMessage } from '../core/messages.js';

async function sendToActiveTab(message: ContentMessage, tab?: browser.Tabs.Tab): Promise<void> {
  const target = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (target === undefined) return;
  // Pages where the content script cannot run (browser pages, stores) have nobody to answer.
  await browser.tabs.sendMessage(target, message).catch(() => undefined);
}

browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => {
  if (command === 'next-mention') void sendToActiveTab({ type: 'next-mention' }, tab);
});
