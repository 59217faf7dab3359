import { ENTITY_KINDS } from '../core/knowledge/schema.js';
import { termId, termProblems, type UserTerm } from '../core/user-terms.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** What the editor needs from the page: saving goes through the store, errors to the status line. */
export interface TermsStore {
  save(upsert: UserTerm[], remove?: string[]): Promise<void>;
}

/** The "Your own terms" form and table: add, edit, delete. */
export class TermsEditor {
  readonly #form = byId<HTMLFormElement>('term-form');
  readonly #error = byId<HTMLElement>('term-error');
  readonly #submit = byId<HTMLButtonElement>('term-submit');
  readonly #cancel = byId<HTMLButtonElement>('term-cancel');
  #terms: UserTerm[] = [];

  constructor(readonly store: TermsStore) {
    const kind = byId<HTMLSelectElement>('term-kind');
    for (const value of ENTITY_KINDS) kind.append(new Option(value, value, value === 'accelerator', value === 'accelerator'));
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#saveForm();
    });
    this.#cancel.addEventListener('click', () => this.#resetForm());
  }

  /** Fills the form with a new term's name, as the context menu asks ("Add “…” to Chip Lens"). */
  prefill(name: string): void {
    this.#resetForm();
    this.#field('name').value = name;
    this.#field('name').focus();
    this.#form.scrollIntoView({ block: 'center' });
  }

  show(terms: UserTerm[]): void {
    this.#terms = terms;
    const table = byId<HTMLTableElement>('terms');
    const body = table.tBodies[0] as HTMLTableSectionElement;
    body.replaceChildren();
    for (const term of terms) {
      const row = body.insertRow();
      row.insertCell().textContent = term.name;
      row.insertCell().textContent = term.aliases.join(', ');
      row.insertCell().textContent = term.kind;
      const actions = row.insertCell();
      actions.className = 'actions';
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.textContent = 'Edit';
      edit.setAttribute('aria-label', `Edit ${term.name}`);
      edit.addEventListener('click', () => this.#edit(term));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', `Delete ${term.name}`);
      remove.addEventListener('click', () => {
        if (confirm(`Delete “${term.name}” from your terms?`)) void this.store.save([], [term.id]);
      });
      actions.append(edit, ' ', remove);
    }
    table.hidden = terms.length === 0;
    byId<HTMLElement>('no-terms').hidden = terms.length > 0;
  }

  #field(name: string): HTMLInputElement {
    return this.#form.elements.namedItem(name) as HTMLInputElement;
  }

  #edit(term: UserTerm): void {
    this.#field('id').value = term.id;
    this.#field('name').value = term.name;
    this.#field('aliases').value = term.aliases.join(', ');
    (this.#form.elements.namedItem('kind') as HTMLSelectElement).value = term.kind;
    (this.#form.elements.namedItem('note') as HTMLTextAreaElement).value = term.note;
    this.#field('link').value = term.link;
    this.#submit.textContent = 'Save changes';
    this.#cancel.hidden = false;
    this.#field('name').focus();
  }

  #resetForm(): void {
    this.#form.reset();
    this.#field('id').value = '';
    this.#submit.textContent = 'Add term';
    this.#cancel.hidden = true;
    this.#error.hidden = true;
  }

  async #saveForm(): Promise<void> {
    const existing = this.#field('id').value;
    const name = this.#field('name').value.trim();
    const term: UserTerm = {
      id: existing !== '' ? existing : termId(name, new Set(this.#terms.map((t) => t.id))),
      name,
      aliases: [...new Set(this.#field('aliases').value.split(',').map((a) => a.trim()).filter((a) => a !== ''))],
      kind: (this.#form.elements.namedItem('kind') as HTMLSelectElement).value as UserTerm['kind'],
      note: (this.#form.elements.namedItem('note') as HTMLTextAreaElement).value.trim(),
      link: this.#field('link').value.trim(),
    };
    const problems = termProblems(term, 'This term').map((p) => p.replace(/^This term\.(\w+):/, (_, field: string) => `${field[0]?.toUpperCase()}${field.slice(1)}:`));
    if (problems.length > 0) {
      this.#error.textContent = problems.join(' ');
      this.#error.hidden = false;
      return;
    }
    try {
      await this.store.save([term]);
      this.#resetForm();
    } catch (error) {
      this.#error.textContent = (error as Error).message;
      this.#error.hidden = false;
    }
  }
}
