import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { exportFile, parseImport, MAX_FILE_BYTES } from '../../src/core/settings-file.js';
import { SettingsStore, StoreError, type StorageAreaLike } from '../../src/core/settings-store.js';
import { readTerms, termId, termToEntity, type UserTerm } from '../../src/core/user-terms.js';

/** An in-memory storage area that copies values as the browser does, and can be told to fail. */
class FakeArea implements StorageAreaLike {
  items: Record<string, unknown> = {};
  failWith: string | undefined;
  async get(key: string): Promise<Record<string, unknown>> {
    return key in this.items ? { [key]: structuredClone(this.items[key]) } : {};
  }
  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWith !== undefined) throw new Error(this.failWith);
    Object.assign(this.items, structuredClone(items));
  }
}

const term = (name: string, extra: Partial<UserTerm> = {}): UserTerm => ({ id: termId(name, new Set()), name, aliases: [], kind: 'accelerator', note: '', link: '', ...extra });

describe('settings store', () => {
  it('writes only changed preferences to sync and the terms to local', async () => {
    const sync = new FakeArea();
    const local = new FakeArea();
    const store = new SettingsStore(sync, local);
    await store.updateSettings((s) => ({ ...s, cards: { ...s.cards, dwellMs: 700 } }));
    await store.editTerms([term('Dojo')]);
    expect(sync.items).toEqual({ settings: { version: 2, cards: { dwellMs: 700 } } });
    expect(local.items.terms).toEqual([term('Dojo')]);
    const loaded = await store.load();
    expect(loaded.settings.cards.dwellMs).toBe(700);
    expect(loaded.terms.map((t) => t.name)).toEqual(['Dojo']);
  });

  it('never drops a stored term it cannot read, even when other terms are edited', async () => {
    const local = new FakeArea();
    local.items.terms = [{ broken: true }, term('Dojo')];
    const store = new SettingsStore(new FakeArea(), local);
    const loaded = await store.load();
    expect(loaded.terms.map((t) => t.name)).toEqual(['Dojo']);
    expect(loaded.problems.join(' ')).toMatch(/Your term 1\.name/);
    await store.editTerms([term('Dojo', { note: 'Training chip' })]);
    await store.editTerms([term('Cortex')]);
    expect(local.items.terms).toEqual([{ broken: true }, term('Dojo', { note: 'Training chip' }), term('Cortex')]);
    await store.editTerms([], ['user-dojo']);
    expect(local.items.terms).toEqual([{ broken: true }, term('Cortex')]);
  });

  it('does not undo an edit made in another options page in between', async () => {
    const sync = new FakeArea();
    const one = new SettingsStore(sync, new FakeArea());
    const two = new SettingsStore(sync, one.local);
    await one.updateSettings((s) => ({ ...s, cards: { ...s.cards, dwellMs: 900 } }));
    await two.updateSettings((s) => ({ ...s, looks: { ...s.looks, style: 'underline' } }));
    const { settings } = await one.load();
    expect(settings.cards.dwellMs).toBe(900);
    expect(settings.looks.style).toBe('underline');
  });

  it('turns a quota error into a clear message and keeps what was stored', async () => {
    const sync = new FakeArea();
    const store = new SettingsStore(sync, new FakeArea());
    await store.updateSettings((s) => ({ ...s, cards: { ...s.cards, dwellMs: 800 } }));
    sync.failWith = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    await expect(store.updateSettings((s) => ({ ...s, cards: { ...s.cards, dwellMs: 100 } }))).rejects.toThrow(StoreError);
    await expect(store.saveSettings(DEFAULT_SETTINGS)).rejects.toThrow(/storage is full/);
    sync.failWith = undefined;
    expect((await store.load()).settings.cards.dwellMs).toBe(800);
  });
});

describe('import and export', () => {
  const terms = [term('Dojo', { aliases: ['D1'], note: 'Tesla training chip', link: 'https://example.com/dojo' })];
  const settings = { ...structuredClone(DEFAULT_SETTINGS), categories: { ...DEFAULT_SETTINGS.categories, org: false } };

  it('reads back exactly what it exported', () => {
    const result = parseImport(exportFile(settings, terms));
    expect(result).toEqual({ ok: true, settings, terms });
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /not valid JSON/],
    ['not ours', () => JSON.stringify({ hello: 1 }), /format/],
    ['a wrong setting', (text: string) => text.replace('"org": false', '"org": "no"'), /settings: Categories \(org\)/],
    ['a term without a name', (text: string) => text.replace('"name": "Dojo"', '"name": ""'), /terms\[0\]\.name/],
    ['a term with a script link', (text: string) => text.replace('https://example.com/dojo', 'javascript:alert(1)'), /terms\[0\]\.link/],
    ['a term of an unknown kind', (text: string) => text.replace('"kind": "accelerator"', '"kind": "toaster"'), /terms\[0\]\.kind/],
    ['terms that are not a list', (text: string) => text.replace(/"terms": \[[\s\S]*\]/, '"terms": {}'), /terms: must be a list/],
  ])('rejects a %s file, naming the bad field', (_, corrupt, message) => {
    const result = parseImport(corrupt(exportFile(settings, terms)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses a 10 MB file before parsing it', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const result = parseImport(big);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/10\.0 MB.*at most 2 MB/) });
    expect(MAX_FILE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('refuses 10,000 terms with the limit stated', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => term(`T${i}`, { id: `user-t${i}` }));
    const text = JSON.stringify({ format: 'chiplens-settings', version: 1, settings: {}, terms: many });
    const result = parseImport(text, 1000);
    expect(result).toEqual({ ok: false, error: 'terms: the file has 10000 terms; Chip Lens keeps at most 2000.' });
  });

  it('leaves the store unchanged when an import is rejected', async () => {
    const store = new SettingsStore(new FakeArea(), new FakeArea());
    await store.replaceAll(settings, terms);
    const before = await store.load();
    const result = parseImport('{"format":"chiplens-settings","version":1,"settings":{},"terms":[{}]}');
    expect(result.ok).toBe(false);
    // The page applies only an ok result; nothing else touches the store.
    expect(await store.load()).toEqual(before);
  });
});

describe('user terms', () => {
  it('become entities matched by their name and aliases', () => {
    const entity = termToEntity(term('Dojo', { aliases: ['D1 chip'], note: 'A training chip.' }));
    expect(entity.aliases).toEqual(['Dojo', 'D1 chip']);
    expect(entity.summary).toBe('A training chip.');
  });

  it('get unique ids', () => {
    expect(termId('Dojo D1', new Set(['user-dojo-d1']))).toBe('user-dojo-d1-2');
    expect(termId('昇腾', new Set())).toBe('user-term');
  });

  it('report a stored list that is not a list', () => {
    expect(readTerms('oops').problems[0]).toMatch(/not a list/);
  });
});

describe('two pages editing at once', () => {
  it('keeps both terms when two stores add one at the same moment, under a shared lock', async () => {
    const local = new FakeArea();
    let queue: Promise<unknown> = Promise.resolve();
    // One lock for both "pages", as the Web Locks API gives extension pages of one origin.
    const lock = <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    };
    const one = new SettingsStore(new FakeArea(), local, lock);
    const two = new SettingsStore(one.sync, local, lock);
    await Promise.all([one.editTerms([term('Alpha cluster')]), two.editTerms([term('Beta cluster')])]);
    expect((await one.load()).terms.map((t) => t.name).sort()).toEqual(['Alpha cluster', 'Beta cluster']);
  });
});
