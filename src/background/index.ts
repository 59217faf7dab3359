// The background service worker: badge, context menu, keyboard commands. It keeps no state of
// its own, so nothing is lost when the browser stops and restarts it.
import browser from '../browser.js';
import { bundledKnowledge } from '../core/knowledge/index.js';
import { isBackgroundMessage, type EntityDetails } from '../core/messages.js';
import { showChipCount } from './badge.js';
import { onCommand } from './commands.js';
import { createContextMenu, onMenuClicked } from './context-menu.js';

browser.runtime.onInstalled.addListener(() => createContextMenu());
browser.contextMenus.onClicked.addListener((info) => void onMenuClicked(info));
browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => void onCommand(command, tab));

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only this extension's content scripts, from a tab, may ask or report.
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || !isBackgroundMessage(message)) return undefined;
  if (message.type === 'get-entity-details') {
    const kb = bundledKnowledge();
    const details: EntityDetails[] = message.ids.flatMap((id) => {
      const entity = kb.get(id);
      return entity === undefined ? [] : [{ id, summary: entity.summary, facts: entity.facts }];
    });
    return Promise.resolve(details);
  }
  if (sender.frameId === 0) void showChipCount(sender.tab.id, message.distinctChips);
  return undefined;
});
