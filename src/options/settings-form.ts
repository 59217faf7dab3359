import { CARD_MODIFIERS, CATEGORIES, CARD_SECTIONS, HIGHLIGHT_STYLES, hostPatternProblem, type Settings } from '../core/settings.js';

/** The form's controls, found once. */
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const inputs = (fieldset: string): HTMLInputElement[] => [...byId<HTMLFieldSetElement>(fieldset).querySelectorAll('input')];

/** Puts the settings into the form; the control being edited keeps what the reader is typing. */
export function fillForm(settings: Settings): void {
  const keep = document.activeElement;
  for (const box of inputs('categories')) box.checked = settings.categories[box.name as keyof Settings['categories']];
  for (const radio of inputs('style')) radio.checked = radio.value === settings.looks.style;
  for (const colour of inputs('colours')) colour.value = settings.looks.colours[colour.name as keyof Settings['looks']['colours']];
  for (const box of inputs('sections')) box.checked = settings.cards.sections[box.name as keyof Settings['cards']['sections']];
  const offList = byId<HTMLTextAreaElement>('always-off');
  const onList = byId<HTMLTextAreaElement>('always-on');
  // A list with an error keeps the reader's text until they correct it.
  if (keep !== offList && offList.getAttribute('aria-invalid') !== 'true') offList.value = settings.sites.alwaysOff.join('\n');
  if (keep !== onList && onList.getAttribute('aria-invalid') !== 'true') onList.value = settings.sites.alwaysOn.join('\n');
  byId<HTMLInputElement>('only-articles').checked = settings.sites.onlyArticles;
  const dwell = byId<HTMLInputElement>('dwell');
  if (keep !== dwell) dwell.value = String(settings.cards.dwellMs);
  byId<HTMLOutputElement>('dwell-value').value = `${settings.cards.dwellMs} ms`;
  byId<HTMLSelectElement>('modifier').value = settings.cards.modifier;
}

/** A list of host patterns from a text area, or the first bad line in words. */
export function readHostList(id: string): { patterns: string[] } | { error: string } {
  const lines = byId<HTMLTextAreaElement>(id).value.split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line !== '');
  for (const [i, line] of lines.entries()) {
    const problem = hostPatternProblem(line);
    if (problem !== undefined) return { error: `Line ${i + 1}, “${line}”: ${problem}.` };
  }
  return { patterns: [...new Set(lines)] };
}

/** Reads the form into settings (the host lists only when valid; otherwise they stay as they were). */
export function readForm(previous: Settings): Settings {
  const checked = <K extends string>(fieldset: string, keys: readonly K[]): Record<K, boolean> =>
    Object.fromEntries(keys.map((key) => [key, inputs(fieldset).find((box) => box.name === key)?.checked ?? false])) as Record<K, boolean>;
  const style = inputs('style').find((radio) => radio.checked)?.value;
  const off = readHostList('always-off');
  const on = readHostList('always-on');
  const modifier = byId<HTMLSelectElement>('modifier').value;
  return {
    categories: checked('categories', CATEGORIES),
    sites: {
      alwaysOff: 'patterns' in off ? off.patterns : previous.sites.alwaysOff,
      alwaysOn: 'patterns' in on ? on.patterns : previous.sites.alwaysOn,
      onlyArticles: byId<HTMLInputElement>('only-articles').checked,
    },
    looks: {
      style: HIGHLIGHT_STYLES.find((s) => s === style) ?? previous.looks.style,
      colours: Object.fromEntries(inputs('colours').map((colour) => [colour.name, colour.value])) as Settings['looks']['colours'],
    },
    cards: {
      ...previous.cards,
      dwellMs: Number(byId<HTMLInputElement>('dwell').value),
      modifier: CARD_MODIFIERS.find((m) => m === modifier) ?? 'none',
      sections: checked('sections', CARD_SECTIONS),
    },
  };
}

/** Shows or clears the message under a host list. */
export function showHostError(id: string, error: string | undefined): void {
  const box = byId<HTMLElement>(`${id}-error`);
  box.textContent = error ?? '';
  box.hidden = error === undefined;
  byId<HTMLTextAreaElement>(id).setAttribute('aria-invalid', String(error !== undefined));
}
