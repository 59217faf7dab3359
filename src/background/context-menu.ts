import browser from '../browser.js';

const MENU_ID = 'chiplens-add-term';
/** Longer selections are not names; the options page would refuse them anyway. */
const MAX_TERM_LENGTH = 100;

/** Menus do not survive an update, and a service worker may start many times: create them on install. */
export function createContextMenu(): void {
  browser.contextMenus.create({ id: MENU_ID, title: 'Add “%s” to Chip Lens', contexts: ['selection'] });
}

/** Opens the options page with the term form filled in with the selected text. */
export async function onMenuClicked(info: browser.Menus.OnClickData): Promise<void> {
  if (info.menuItemId !== MENU_ID) return;
  const text = (info.selectionText ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TERM_LENGTH);
  if (text === '') return;
  await browser.tabs.create({ url: `${browser.runtime.getURL('options.html')}#add-term=${encodeURIComponent(text)}` });
}
