// The options page: every setting and the reader's terms, saved as they change, kept in step
// with other open options pages through storage.onChanged.
import browser from '../browser.js';
import { ChipLensEngine } from '../core/index.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import { SettingsStore } from '../core/settings-store.js';
import type { UserTerm } from '../core/user-terms.js';
import { wireBackup } from './backup.js';
import { Preview } from './preview.js';
import { fillForm, readForm, readHostList, showHostError } from './settings-form.js';
import { TermsEditor } from './terms-editor.js';

const store = new SettingsStore(browser.storage.sync, browser.storage.local);
let settings: Settings = structuredClone(DEFAULT_SETTINGS);
let terms: UserTerm[] = [];

const saved = document.getElementById('saved') as HTMLElement;
const problemsBox = document.getElementById('problems') as HTMLElement;
const preview = new Preview(document.getElementById('preview') as HTMLElement, new ChipLensEngine());
const editor = new TermsEditor({
  save: async (upsert, remove) => {
    await store.editTerms(upsert, remove);
    say(upsert.length > 0 ? `Saved “${upsert[0]?.name}”.` : 'Deleted.');
  },
});

function say(text: string): void {
  saved.textContent = text;
}

function showProblems(problems: string[]): void {
  problemsBox.replaceChildren();
  if (problems.length === 0) {
    problemsBox.hidden = true;
    return;
  }
  const title = document.createElement('strong');
  title.textContent = 'Some stored settings could not be read and use their defaults until you change them:';
  const list = document.createElement('ul');
  for (const problem of problems) {
    const item = document.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  problemsBox.append(title, list);
  problemsBox.hidden = false;
}

async function reload(): Promise<void> {
  const loaded = await store.load();
  settings = loaded.settings;
  terms = loaded.terms;
  showProblems(loaded.problems);
  fillForm(settings);
  preview.show(settings);
  editor.show(terms);
}

async function saveForm(): Promise<void> {
  for (const id of ['always-off', 'always-on']) {
    const list = readHostList(id);
    showHostError(id, 'error' in list ? list.error : undefined);
  }
  const next = readForm(settings);
  preview.show(next);
  (document.getElementById('dwell-value') as HTMLOutputElement).value = `${next.cards.dwellMs} ms`;
  if (JSON.stringify(next) === JSON.stringify(settings)) return;
  try {
    await store.saveSettings(next);
    settings = next;
    say('Saved.');
  } catch (error) {
    say('');
    showProblems([(error as Error).message]);
  }
}

async function main(): Promise<void> {
  await reload();
  const main = document.querySelector('main') as HTMLElement;
  main.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).closest('#term-form') !== null || (event.target as HTMLElement).id === 'import') return;
    void saveForm();
  });
  (document.getElementById('dwell') as HTMLInputElement).addEventListener('input', () => void saveForm());
  browser.storage.onChanged.addListener(() => void reload());
  wireBackup(store, () => ({ settings, terms }));
  const wanted = /^#add-term=(.*)$/.exec(location.hash)?.[1];
  if (wanted !== undefined) {
    try {
      editor.prefill(decodeURIComponent(wanted).slice(0, 100));
    } catch {
      // A malformed address fills nothing in.
    }
  }
}

void main();
