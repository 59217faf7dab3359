// Functions that run inside the page (passed to evaluate), so each is self-contained: no imports,
// no closures over this module.

export const HIGHLIGHT_NAMES = ['chiplens-chip', 'chiplens-arch', 'chiplens-tech', 'chiplens-org', 'chiplens-policy'];

export interface HighlightedRange {
  name: string;
  text: string;
  /** id of the nearest element with an id around the range's start, or '' */
  within: string;
  /** the tag or attribute that should have kept the range out, or '' */
  excludedBy: string;
}

/** Every range in the extension's highlights, as the page's own scripts can see them. */
export function listHighlights(names: string[]): HighlightedRange[] {
  const out: HighlightedRange[] = [];
  for (const name of names) {
    // A Highlight may hold StaticRanges, which have no toString(): read each through a live Range.
    for (const stored of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      const start = stored.startContainer;
      const element = start instanceof Element ? start : start.parentElement;
      const excluded = element?.closest('textarea, input, [contenteditable]:not([contenteditable="false"]), pre, code, script, style');
      const excludedBy = excluded ? (excluded.hasAttribute('contenteditable') ? 'contenteditable' : excluded.localName) : '';
      out.push({ name, text: range.toString(), within: element?.closest('[id]')?.id ?? '', excludedBy });
    }
  }
  return out;
}

/** The text of each highlighted range that touches `selector` (e.g. the <b> of a split mention). */
export function rangesTouching(arg: { names: string[]; selector: string }): string[] {
  const target = document.querySelector(arg.selector);
  if (!target) throw new Error(`no ${arg.selector} in the page`);
  const texts: string[] = [];
  for (const name of arg.names) {
    for (const stored of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      if (range.intersectsNode(target)) texts.push(range.toString());
    }
  }
  return texts;
}

/**
 * Scrolls the highlighted mention `text` inside #within to the middle of the viewport and returns
 * the centre of its first line box in viewport coordinates, where the mouse must go.
 */
export function mentionCentre(arg: { names: string[]; text: string; within: string }): { x: number; y: number } {
  const scope = document.getElementById(arg.within);
  if (!scope) throw new Error(`no #${arg.within} in the page`);
  for (const name of arg.names) {
    for (const stored of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      if (range.toString() !== arg.text || !scope.contains(range.startContainer)) continue;
      scope.scrollIntoView({ block: 'center' });
      const box = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  throw new Error(`"${arg.text}" is not highlighted inside #${arg.within}`);
}

/** The card hosts the page can see: the host is in the DOM, its shadow root must stay closed. */
export function cardHosts(): { count: number; openShadowRoots: number } {
  const hosts = [...document.querySelectorAll('chip-lens-card')];
  return { count: hosts.length, openShadowRoots: hosts.filter((host) => host.shadowRoot !== null).length };
}

/** The DOM as parsed (stored by the fixture), the DOM now, and every mutation seen in between. */
export async function domSinceParse(): Promise<{ before: string | null; after: string; mutations: string[] }> {
  // The article digest runs in idle time after the first scan; idle callbacks queued now run after it.
  for (let round = 0; round < 2; round++) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 }));
  const page = window as unknown as { __initialDom?: string; __mutations?: string[] };
  return { before: page.__initialDom ?? null, after: document.documentElement.outerHTML, mutations: page.__mutations ?? [] };
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The first line box of the highlighted mention `text` inside #within, in viewport coordinates,
 * without scrolling: the fixtures that use it keep the mention near the top of a short page, so
 * the card has room below it and opens in its default place (below-start, 6 px gap).
 */
export function mentionBox(arg: { names: string[]; text: string; within: string }): Box {
  const scope = document.getElementById(arg.within);
  if (!scope) throw new Error(`no #${arg.within} in the page`);
  for (const name of arg.names) {
    for (const stored of (CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      if (range.toString() !== arg.text || !scope.contains(range.startContainer)) continue;
      const { left, top, right, bottom } = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { left, top, right, bottom };
    }
  }
  throw new Error(`"${arg.text}" is not highlighted inside #${arg.within}`);
}

/** Runs a function the fixture put on `window` (its way of changing its own text). */
export function callPageScript(name: string): void {
  const fn = (window as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`the fixture has no window.${name}()`);
  (fn as () => void)();
}
