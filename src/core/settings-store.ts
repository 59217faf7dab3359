import { readSettings, settingsToStore, type Settings } from './settings.js';
import { TERM_LIMITS, readTerms, type UserTerm } from './user-terms.js';

/** The part of a WebExtension storage area the store uses; tests pass a plain object. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const STORAGE_KEYS = { settings: 'settings', terms: 'terms' } as const;

/** Runs `work` while no other context of the extension runs a read-modify-write of storage. */
export type StorageLock = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * The Web Locks API where the context has it (extension pages and workers share one origin, so
 * two options tabs wait for each other); elsewhere the work simply runs.
 */
export const webLock: StorageLock = (work) => {
  const locks = (globalThis as { navigator?: { locks?: { request: <T>(name: string, task: () => Promise<T>) => Promise<T> } } }).navigator?.locks;
  return locks === undefined ? work() : locks.request('chiplens-storage', work);
};

/** A write the browser refused (quota, storage off): said in words the options page can show. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface Loaded {
  settings: Settings;
  terms: UserTerm[];
  /** What could not be read and fell back to defaults, in words. */
  problems: string[];
}

function describe(error: unknown, what: string): StoreError {
  const message = error instanceof Error ? error.message : String(error);
  if (/quota|QUOTA_BYTES|exceed/i.test(message)) return new StoreError(`${what} was not saved: the browser's storage is full (${message}). Remove some terms or rules and try again.`);
  return new StoreError(`${what} was not saved: ${message}`);
}

/**
 * Reads and writes settings and terms. Preferences go to `sync` (only what differs from the
 * defaults: sync allows 8 KB per item), the reader's terms to `local`. Every write reads the
 * stored value first, so two open options pages do not undo each other's edits, and terms that
 * could not be read are written back untouched rather than dropped.
 */
export class SettingsStore {
  constructor(
    readonly sync: StorageAreaLike,
    readonly local: StorageAreaLike,
    readonly lock: StorageLock = webLock,
  ) {}

  async load(): Promise<Loaded> {
    const [syncItems, localItems] = await Promise.all([this.sync.get(STORAGE_KEYS.settings), this.local.get(STORAGE_KEYS.terms)]);
    const settings = readSettings(syncItems[STORAGE_KEYS.settings]);
    const terms = readTerms(localItems[STORAGE_KEYS.terms]);
    return { settings: settings.settings, terms: terms.terms, problems: [...settings.problems, ...terms.problems] };
  }

  async saveSettings(settings: Settings): Promise<void> {
    try {
      await this.sync.set({ [STORAGE_KEYS.settings]: settingsToStore(settings) });
    } catch (error) {
      throw describe(error, 'Your settings');
    }
  }

  /** Applies `change` to the freshest stored settings and saves the result. */
  updateSettings(change: (settings: Settings) => Settings): Promise<Settings> {
    return this.lock(async () => {
      const { settings } = readSettings((await this.sync.get(STORAGE_KEYS.settings))[STORAGE_KEYS.settings]);
      const next = change(settings);
      await this.saveSettings(next);
      return next;
    });
  }

  /** Adds or replaces (by id) terms, and removes the ids in `remove`; unreadable stored entries stay as they were. */
  editTerms(upsert: readonly UserTerm[], remove: readonly string[] = []): Promise<void> {
    return this.lock(() => this.#editTermsNow(upsert, remove));
  }

  async #editTermsNow(upsert: readonly UserTerm[], remove: readonly string[]): Promise<void> {
    const stored = (await this.local.get(STORAGE_KEYS.terms))[STORAGE_KEYS.terms];
    const raw: unknown[] = Array.isArray(stored) ? [...(stored as unknown[])] : [];
    const idOf = (item: unknown): unknown => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined);
    const gone = new Set<unknown>([...remove, ...upsert.map((t) => t.id)]);
    const next = [...raw.filter((item) => !gone.has(idOf(item))), ...upsert];
    // Keep the new terms in the order they had: replace in place where the id existed.
    for (const term of upsert) {
      const at = raw.findIndex((item) => idOf(item) === term.id);
      if (at >= 0) {
        next.splice(next.indexOf(term), 1);
        next.splice(Math.min(at, next.length), 0, term);
      }
    }
    if (next.length > TERM_LIMITS.terms) throw new StoreError(`Chip Lens keeps at most ${TERM_LIMITS.terms} terms; remove some first.`);
    await this.#setTerms(next);
  }

  /** Replaces everything (an import or a reset). */
  replaceAll(settings: Settings, terms: readonly UserTerm[]): Promise<void> {
    return this.lock(async () => {
      await this.saveSettings(settings);
      await this.#setTerms([...terms]);
    });
  }

  async #setTerms(terms: unknown[]): Promise<void> {
    try {
      await this.local.set({ [STORAGE_KEYS.terms]: terms });
    } catch (error) {
      throw describe(error, 'Your terms');
    }
  }
}
