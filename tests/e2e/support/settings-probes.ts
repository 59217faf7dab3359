// Functions passed to evaluate, so each is self-contained (no imports, no closures over this
// module). The first group runs where the extension's APIs are (see SettingsDriver.inExtension):
// Firefox's `browser` and Chromium's `chrome` both return promises in a Manifest V3 extension.

/** The few extension APIs these probes use. */
interface ExtensionApi {
  storage: Record<'sync' | 'local', { get(key: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> }>;
  tabs: {
    query(info: Record<string, unknown>): Promise<{ id?: number; url?: string }[]>;
    create(details: { url: string }): Promise<{ id?: number }>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
}

export interface StoredState {
  /** storage.sync 'settings', or null when absent */
  settings: unknown;
  /** storage.local 'terms', or null when absent */
  terms: unknown;
}

/** Back to a fresh install: no stored settings, no terms. */
export async function clearStorage(): Promise<void> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  await Promise.all([api.storage.sync.clear(), api.storage.local.clear()]);
}

/** Every key of both areas, so a test can tell "unchanged" from "rewritten". */
export async function readStorage(): Promise<StoredState & { syncKeys: string[]; localKeys: string[] }> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  const [sync, local] = await Promise.all([api.storage.sync.get(null), api.storage.local.get(null)]);
  return { settings: sync.settings ?? null, terms: local.terms ?? null, syncKeys: Object.keys(sync).sort(), localKeys: Object.keys(local).sort() };
}

export async function writeStorage(state: Partial<StoredState>): Promise<void> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  if (state.settings !== undefined) await api.storage.sync.set({ settings: state.settings });
  if (state.terms !== undefined) await api.storage.local.set({ terms: state.terms });
}

/** The id of the tab showing exactly `url`, or null. Queries every tab: a match pattern cannot name a port. */
export async function tabIdOf(url: string): Promise<number | null> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  return (await api.tabs.query({})).find((tab) => tab.url === url)?.id ?? null;
}

/** Opens `url` in a new, active tab and returns the tab's id. */
export async function openTab(url: string): Promise<number> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  const tab = await api.tabs.create({ url });
  if (tab.id === undefined) throw new Error(`tabs.create gave no id for ${url}`);
  return tab.id;
}

export async function badgeText(tabId: number): Promise<string> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome) as ExtensionApi;
  return api.action.getBadgeText({ tabId });
}

// In fixture pages.

/** The size of each named highlight; a highlight missing from the registry counts 0. */
export function highlightSizes(names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, CSS.highlights.get(name)?.size ?? 0]));
}

/** The text of each range of the popup's flash highlight, or null while there is none. */
export function flashedTexts(name: string): string[] | null {
  const flash = CSS.highlights.get(name);
  if (!flash) return null;
  return [...(flash as Iterable<AbstractRange>)].map((stored) => {
    const range = document.createRange();
    range.setStart(stored.startContainer, stored.startOffset);
    range.setEnd(stored.endContainer, stored.endOffset);
    return range.toString();
  });
}

/** Whether the element is at least partly inside the viewport. */
export function inViewport(selector: string): boolean {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no ${selector} in the page`);
  const box = element.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}

// In the extension's pages.

/** The popup's list: each entry's name and count text, in order. */
export function popupChips(): { name: string; count: string }[] {
  return [...document.querySelectorAll('#chips li')].map((item) => ({
    name: item.querySelector('.name')?.textContent ?? '',
    count: item.querySelector('.count')?.textContent ?? '',
  }));
}

/** The options page's terms table: name, other names, kind of each row. */
export function termRows(): string[][] {
  const table = document.getElementById('terms') as HTMLTableElement;
  if (table.hidden) return [];
  return [...table.tBodies[0]!.rows].map((row) => [...row.cells].slice(0, 3).map((cell) => cell.textContent ?? ''));
}

/** The text of an element and whether it is shown (not `hidden`). */
export function shownText(selector: string): { shown: boolean; text: string } {
  const element = document.querySelector(selector) as HTMLElement | null;
  if (!element) throw new Error(`no ${selector} in the page`);
  return { shown: !element.hidden, text: element.textContent ?? '' };
}
