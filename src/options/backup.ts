import { exportFile, parseImport } from '../core/settings-file.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import type { SettingsStore } from '../core/settings-store.js';
import type { UserTerm } from '../core/user-terms.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Export, import and reset: the whole of the reader's setup in one file, or back to defaults. */
export function wireBackup(store: SettingsStore, current: () => { settings: Settings; terms: UserTerm[] }): void {
  const status = byId<HTMLElement>('backup-status');
  const say = (text: string, isError = false): void => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

  byId<HTMLButtonElement>('export').addEventListener('click', () => {
    const { settings, terms } = current();
    const url = URL.createObjectURL(new Blob([exportFile(settings, terms)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `chiplens-settings-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(`Exported your settings and ${terms.length} terms.`);
  });

  const input = byId<HTMLInputElement>('import');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    void (async () => {
      // Refuse a huge file before reading it into memory.
      const result = file.size > 2 * 1024 * 1024 ? parseImport('', file.size) : parseImport(await file.text(), file.size);
      if (!result.ok) return say(`Nothing was changed. ${result.error}`, true);
      if (!confirm(`Replace your settings and terms with the ${result.terms.length} terms and settings in “${file.name}”?`)) return say('Import cancelled; nothing was changed.');
      try {
        await store.replaceAll(result.settings, result.terms);
        say(`Imported ${result.terms.length} terms and the settings from “${file.name}”.`);
      } catch (error) {
        say((error as Error).message, true);
      }
    })();
  });

  byId<HTMLButtonElement>('reset').addEventListener('click', () => {
    if (!confirm('Reset every setting to its default and delete all your terms? Export first if you may want them back.')) return;
    void store.replaceAll(structuredClone(DEFAULT_SETTINGS), []).then(
      () => say('Everything is back to its defaults.'),
      (error: Error) => say(error.message, true),
    );
  });
}
