// Functions run where the extension's APIs are (its service worker in Chromium, one of its pages
// in Firefox) or in its options page: self-contained, no imports.

interface StorageArea {
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}
interface Api {
  storage: { sync: StorageArea; local: StorageArea };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  tabs: { query(info: Record<string, unknown>): Promise<{ id?: number; url?: string }[]> };
}

export async function clearAll(): Promise<void> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  await Promise.all([api.storage.sync.clear(), api.storage.local.clear()]);
}

export async function readAll(): Promise<{ sync: Record<string, unknown>; local: Record<string, unknown> }> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const [sync, local] = await Promise.all([api.storage.sync.get(null), api.storage.local.get(null)]);
  // The filler is large: report its size only.
  if (typeof local.filler === 'string') local.filler = `${local.filler.length} characters`;
  return { sync, local };
}

export async function writeAll(arg: { sync?: Record<string, unknown>; local?: Record<string, unknown> }): Promise<void> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  if (arg.sync) await api.storage.sync.set(arg.sync);
  if (arg.local) await api.storage.local.set(arg.local);
}

/** Fills storage.local to `leave` bytes short of Chromium's 10 MB quota (QUOTA_BYTES). */
export async function fillLocal(leave: number): Promise<string> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const stored = JSON.stringify(await api.storage.local.get(null)).length;
  const quota = 10 * 1024 * 1024;
  await api.storage.local.set({ filler: 'f'.repeat(Math.max(0, quota - stored - leave)) });
  return 'filled';
}

// In the options page.

export function termTable(): string[] {
  const table = document.getElementById('terms') as HTMLTableElement;
  if (table.hidden) return [];
  return [...(table.tBodies[0] as HTMLTableSectionElement).rows].map((row) => row.cells[0]?.textContent ?? '');
}

export function shown(selector: string): { hidden: boolean; text: string } {
  const element = document.querySelector(selector) as HTMLElement | null;
  if (!element) throw new Error(`no ${selector}`);
  return { hidden: element.hidden, text: element.textContent ?? '' };
}

/** Puts text into a text area and commits it as leaving the field does (a change event). */
export function commitField(arg: { selector: string; value: string }): void {
  const field = document.querySelector(arg.selector) as HTMLTextAreaElement;
  field.value = arg.value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}
