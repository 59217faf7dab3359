// Functions that run inside fixture pages (passed to evaluate): each is self-contained, no
// imports and no closures over this module. Hostile pages replace Range, CSS.highlights and
// more in their own world; they keep the originals on `window.__real` for these probes.

export const HIGHLIGHT_NAMES = ['chiplens-chip', 'chiplens-arch', 'chiplens-tech', 'chiplens-org', 'chiplens-policy'];

export interface PageRange {
  /** The highlight (category) that holds it. */
  name: string;
  text: string;
  /** id of the nearest element with an id around its start, or ''. */
  within: string;
  /** What should have kept it out (an editable region, a form field, code, hidden), or ''. */
  excludedBy: string;
  connected: boolean;
}

/**
 * Every range of the extension's highlights, read as the page's own world sees them. `excluded`
 * names the elements no range may be inside (see EXCLUDED_SELECTOR in hostile-fuzz.ts).
 */
export function pageRanges(arg: { names: string[]; excluded: string }): PageRange[] {
  const names = arg.names;
  const real = (window as unknown as { __real?: { highlights?: HighlightRegistry; Range?: typeof Range } }).__real;
  const registry = real?.highlights ?? CSS.highlights;
  const RangeClass = real?.Range ?? Range;
  const out: PageRange[] = [];
  for (const name of names) {
    const highlight = registry.get(name);
    if (!highlight) continue;
    for (const stored of highlight as unknown as Iterable<AbstractRange>) {
      const range = new RangeClass();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      const start = stored.startContainer;
      const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
      const excluded = element?.closest(arg.excluded);
      let excludedBy = '';
      if (excluded) excludedBy = excluded.hasAttribute('contenteditable') ? 'contenteditable' : excluded.hasAttribute('hidden') ? 'hidden' : excluded.localName;
      if (!excludedBy && start.getRootNode() instanceof Document && start.ownerDocument?.designMode === 'on') excludedBy = 'designMode';
      out.push({ name, text: range.toString(), within: element?.closest('[id]')?.id ?? '', excludedBy, connected: start.isConnected && stored.endContainer.isConnected });
    }
  }
  return out;
}

/** How many ranges each highlight holds (0 for a missing highlight). */
export function highlightSizes(names: string[]): number {
  const real = (window as unknown as { __real?: { highlights?: HighlightRegistry } }).__real;
  const registry = real?.highlights ?? CSS.highlights;
  let total = 0;
  for (const name of names) total += registry.get(name)?.size ?? 0;
  return total;
}

export interface Point {
  x: number;
  y: number;
}

export interface MentionBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Scrolls the highlighted mention `text` inside #within into view (unless `scroll` is false) and
 * returns its first line box in viewport coordinates.
 */
export function mentionBox(arg: { names: string[]; text: string; within: string; scroll?: boolean }): MentionBox {
  const real = (window as unknown as { __real?: { highlights?: HighlightRegistry; Range?: typeof Range } }).__real;
  const registry = real?.highlights ?? CSS.highlights;
  const RangeClass = real?.Range ?? Range;
  const scope = document.getElementById(arg.within);
  if (!scope) throw new Error(`no #${arg.within} in the page`);
  for (const name of arg.names) {
    for (const stored of (registry.get(name) ?? []) as unknown as Iterable<AbstractRange>) {
      const range = new RangeClass();
      range.setStart(stored.startContainer, stored.startOffset);
      range.setEnd(stored.endContainer, stored.endOffset);
      if (range.toString() !== arg.text || !scope.contains(range.startContainer)) continue;
      if (arg.scroll !== false) {
        // The range itself to the middle of the viewport (its paragraph may be taller than the viewport).
        const first = range.getClientRects()[0] ?? range.getBoundingClientRect();
        window.scrollBy(0, first.top - innerHeight / 2);
      }
      const box = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    }
  }
  throw new Error(`"${arg.text}" is not highlighted inside #${arg.within}`);
}

/** What the page can see of the card: its host element, and what is painted at a point below the mention. */
export function cardFromPage(at: Point): {
  hosts: number;
  openShadowRoot: boolean;
  hostStyle: { display: string; visibility: string; opacity: string; position: string; zIndex: string };
  elementAt: string;
} {
  const hosts = document.querySelectorAll('chip-lens-card');
  const host = hosts[0] as HTMLElement | undefined;
  const style = host ? getComputedStyle(host) : undefined;
  const hit = document.elementFromPoint(at.x, at.y);
  return {
    hosts: hosts.length,
    openShadowRoot: host?.shadowRoot != null,
    hostStyle: {
      display: style?.display ?? '',
      visibility: style?.visibility ?? '',
      opacity: style?.opacity ?? '',
      position: style?.position ?? '',
      zIndex: style?.zIndex ?? '',
    },
    elementAt: hit ? hit.localName + (hit.id ? `#${hit.id}` : '') : '',
  };
}

/** The fixture's DOM fingerprint now and as it was when parsed (see the fixtures' last script). */
export function fingerprints(): { initial: string; now: string } {
  const page = window as unknown as { __initial?: string; __fingerprint?: () => string };
  if (page.__fingerprint === undefined || page.__initial === undefined) throw new Error('the fixture keeps no fingerprint');
  return { initial: page.__initial, now: page.__fingerprint() };
}

/** Waits for two idle periods: the article digest runs when the page is idle after the scan. */
export async function idle(): Promise<void> {
  for (let round = 0; round < 2; round++) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 }));
}

/** A value the fixture keeps on `window`, as JSON. */
export function pageValue(name: string): unknown {
  return JSON.parse(JSON.stringify((window as unknown as Record<string, unknown>)[name] ?? null));
}

/** Calls a function the fixture put on `window`. */
export function callPage(arg: { name: string; args?: unknown[] }): unknown {
  const fn = (window as unknown as Record<string, unknown>)[arg.name];
  if (typeof fn !== 'function') throw new Error(`the fixture has no window.${arg.name}()`);
  return (fn as (...args: unknown[]) => unknown)(...(arg.args ?? []));
}
