import type { Category } from '../core/knowledge/schema.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import { hasHighlightApi } from './capabilities.js';
import { CATEGORIES, fallbackCss, highlightCss, highlightName } from './highlight-style.js';
import { NearViewport } from './near-viewport.js';
import type { PageMention } from './page-index.js';

/** Shows mentions on the page: Highlight API ranges where the browser has it, wrappers elsewhere. */
export interface Highlighter {
  /** `measureNow`: read at once where the mentions are (the first scan; see NearViewport.add). */
  add(mentions: Iterable<PageMention>, measureNow?: boolean): void;
  remove(mentions: Iterable<PageMention>): void;
  /** New colours, style or categories: restyle, and show only the enabled categories. */
  apply(settings: Settings, all: Iterable<PageMention>): void;
  /** Resolves once the mentions added so far are registered where the reader can see them. */
  settled(): Promise<void>;
  destroy(): void;
}

/** A stylesheet adopted by the document: styles the page without a `<style>` element in its DOM. */
function adoptSheet(css: string): { update(css: string): void; remove(): void } {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return {
    update: (next) => sheet.replaceSync(next),
    remove: () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}

/**
 * The manifest injects the default look before the page is laid out. Adopting a stylesheet
 * later restyles the whole document (over a second on a page of 200,000 elements), so it
 * happens only for a reader who changed the look.
 */
class LookSheet {
  #sheet: ReturnType<typeof adoptSheet> | undefined;
  readonly #defaultCss = highlightCss(DEFAULT_SETTINGS);

  show(settings: Settings): void {
    const css = highlightCss(settings);
    if (css === this.#defaultCss) this.remove();
    else if (this.#sheet === undefined) this.#sheet = adoptSheet(css);
    else this.#sheet.update(css);
  }

  remove(): void {
    this.#sheet?.remove();
    this.#sheet = undefined;
  }
}

/**
 * How far beyond the viewport mentions get their ranges registered: two screens above and
 * below (and half a screen to the sides), so scrolling finds them painted already.
 */
const SCREENS_AROUND = { vertical: 2, horizontal: 0.5 };
/** How long a scan's signal waits for the observer's report on new elements (the test build only). */
const SETTLE_TIMEOUT_MS = 250;

/** The element whose box says where a mention is: its block, or the element holding its text. */
function placeOf(item: PageMention): Element | null {
  const block = item.segment.block;
  return block.nodeType === Node.ELEMENT_NODE ? (block as Element) : (item.segment.nodes[0]?.parentElement ?? null);
}

/**
 * Highlight API ranges, one Highlight per category, registered only for mentions near the
 * viewport (see NearViewport): the page's DOM is never touched.
 */
class RangeHighlighter implements Highlighter {
  readonly #highlights = new Map<Category, Highlight>();
  readonly #sheet = new LookSheet();
  readonly #near: NearViewport<PageMention>;
  /** Mentions whose text has no element to watch (a text node right under a shadow root): always registered. */
  readonly #unplaced = new Set<PageMention>();
  #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.#sheet.show(settings);
    for (const category of CATEGORIES) {
      const highlight = new Highlight();
      this.#highlights.set(category, highlight);
      CSS.highlights.set(highlightName(category), highlight);
    }
    this.#near = new NearViewport<PageMention>(
      (items) => this.#register(items),
      (items) => this.#unregister(items),
      SCREENS_AROUND,
    );
  }

  add(mentions: Iterable<PageMention>, measureNow = false): void {
    const placed: { item: PageMention; place: Element }[] = [];
    for (const item of mentions) {
      const place = placeOf(item);
      if (place !== null) placed.push({ item, place });
      else {
        this.#unplaced.add(item);
        this.#register([item]);
      }
    }
    this.#near.add(placed, measureNow);
  }

  settled(): Promise<void> {
    return this.#near.settled(SETTLE_TIMEOUT_MS);
  }

  remove(mentions: Iterable<PageMention>): void {
    const list = [...mentions];
    // Only registered ranges are taken out: asking a far mention for its range would make one.
    for (const item of list) if (this.#unplaced.delete(item)) this.#unregister([item]);
    this.#near.remove(list);
  }

  apply(settings: Settings): void {
    this.#settings = settings;
    this.#sheet.show(settings);
    for (const highlight of this.#highlights.values()) highlight.clear();
    this.#register(this.#near.nearItems());
    this.#register(this.#unplaced);
  }

  destroy(): void {
    this.#near.disconnect();
    for (const category of CATEGORIES) {
      const name = highlightName(category);
      if (CSS.highlights.get(name) === this.#highlights.get(category)) CSS.highlights.delete(name);
    }
    this.#sheet.remove();
  }

  #register(items: Iterable<PageMention>): void {
    for (const item of items) {
      if (this.#settings.categories[item.mention.category]) this.#highlights.get(item.mention.category)?.add(item.range);
    }
  }

  #unregister(items: Iterable<PageMention>): void {
    for (const item of items) this.#highlights.get(item.mention.category)?.delete(item.range);
  }
}

/**
 * Wraps each mention's text in a `<chip-lens-mark>` element. Only for browsers without the
 * Highlight API: it changes the page's DOM, which the range highlighter never does.
 */
class WrappingHighlighter implements Highlighter {
  readonly #wrappers = new Map<PageMention, Element[]>();
  readonly #sheet;
  #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.#sheet = adoptSheet(fallbackCss(settings));
  }

  add(mentions: Iterable<PageMention>): void {
    for (const item of mentions) {
      if (!this.#settings.categories[item.mention.category] || this.#wrappers.has(item)) continue;
      this.#wrappers.set(item, wrapRange(item.range, item.mention.category));
    }
  }

  remove(mentions: Iterable<PageMention>): void {
    for (const item of mentions) {
      for (const wrapper of this.#wrappers.get(item) ?? []) wrapper.replaceWith(...wrapper.childNodes);
      this.#wrappers.delete(item);
    }
  }

  apply(settings: Settings, all: Iterable<PageMention>): void {
    this.#settings = settings;
    this.#sheet.update(fallbackCss(settings));
    this.remove([...this.#wrappers.keys()]);
    this.add(all);
  }

  settled(): Promise<void> {
    return Promise.resolve();
  }

  destroy(): void {
    this.remove([...this.#wrappers.keys()]);
    this.#sheet.remove();
  }
}

/** Wraps the text of a range, one wrapper per text node it touches. */
function wrapRange(range: Range, category: Category): Element[] {
  const wrappers: Element[] = [];
  const start = range.startContainer;
  const end = range.endContainer;
  if (!(start instanceof Text) || !(end instanceof Text)) return wrappers;
  const pieces: Text[] = [];
  const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  walker.currentNode = start;
  for (let node: Node | null = start; node !== null; node = walker.nextNode()) {
    pieces.push(node as Text);
    if (node === end) break;
  }
  const startOffset = range.startOffset;
  const endOffset = range.endOffset;
  pieces.forEach((piece, i) => {
    let text = piece;
    if (i === pieces.length - 1 && endOffset < text.length) text.splitText(endOffset);
    if (i === 0 && startOffset > 0) text = text.splitText(startOffset);
    const wrapper = document.createElement('chip-lens-mark');
    wrapper.setAttribute('data-category', category);
    text.replaceWith(wrapper);
    wrapper.append(text);
    wrappers.push(wrapper);
  });
  return wrappers;
}

/** The highlighter this browser supports. */
export function createHighlighter(settings: Settings): Highlighter {
  return hasHighlightApi() ? new RangeHighlighter(settings) : new WrappingHighlighter(settings);
}
