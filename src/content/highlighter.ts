import type { Category } from '../core/knowledge/schema.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import { hasHighlightApi } from './capabilities.js';
import { CATEGORIES, fallbackCss, highlightCss, highlightName } from './highlight-style.js';
import type { PageMention } from './page-index.js';

/** Shows mentions on the page: Highlight API ranges where the browser has it, wrappers elsewhere. */
export interface Highlighter {
  add(mentions: Iterable<PageMention>): void;
  remove(mentions: Iterable<PageMention>): void;
  /** New colours, style or categories: restyle, and show only the enabled categories. */
  apply(settings: Settings, all: Iterable<PageMention>): void;
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

class RangeHighlighter implements Highlighter {
  readonly #highlights = new Map<Category, Highlight>();
  readonly #sheet = new LookSheet();
  #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.#sheet.show(settings);
    for (const category of CATEGORIES) {
      const highlight = new Highlight();
      this.#highlights.set(category, highlight);
      CSS.highlights.set(highlightName(category), highlight);
    }
  }

  add(mentions: Iterable<PageMention>): void {
    for (const item of mentions) {
      if (this.#settings.categories[item.mention.category]) this.#highlights.get(item.mention.category)?.add(item.range);
    }
  }

  remove(mentions: Iterable<PageMention>): void {
    for (const item of mentions) this.#highlights.get(item.mention.category)?.delete(item.range);
  }

  apply(settings: Settings, all: Iterable<PageMention>): void {
    this.#settings = settings;
    this.#sheet.show(settings);
    for (const highlight of this.#highlights.values()) highlight.clear();
    this.add(all);
  }

  destroy(): void {
    for (const category of CATEGORIES) {
      const name = highlightName(category);
      if (CSS.highlights.get(name) === this.#highlights.get(category)) CSS.highlights.delete(name);
    }
    this.#sheet.remove();
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
