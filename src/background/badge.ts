import browser from '../browser.js';

/** Shows the number of distinct chips a tab's page names on the toolbar button of that tab. */
export async function showChipCount(tabId: number, distinctChips: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: distinctChips === 0 ? '' : String(Math.min(distinctChips, 999)) });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#14213d' });
}
