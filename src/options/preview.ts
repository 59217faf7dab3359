import { type ChipLensEngine } from '../core/index.js';
import type { Category } from '../core/knowledge/schema.js';
import type { Settings } from '../core/settings.js';
import { highlightCss, highlightName } from '../content/highlight-style.js';

/**
 * The preview paragraph, highlighted by the same engine and the same `::highlight()` rules as
 * pages are, so what the reader picks here is what they will see.
 */
export class Preview {
  readonly #sheet = new CSSStyleSheet();
  readonly #groups = new Map<Category, Highlight>();

  constructor(paragraph: HTMLElement, engine: ChipLensEngine) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#sheet];
    const text = paragraph.firstChild;
    if (!(text instanceof Text) || typeof Highlight !== 'function') return;
    for (const mention of engine.analyze(text.data).mentions) {
      const range = new Range();
      range.setStart(text, mention.start);
      range.setEnd(text, mention.end);
      const group = this.#groups.get(mention.category) ?? new Highlight();
      group.add(range);
      this.#groups.set(mention.category, group);
    }
  }

  /** The reader's look, and only the categories they keep on. */
  show(settings: Settings): void {
    this.#sheet.replaceSync(highlightCss(settings));
    for (const [category, group] of this.#groups) {
      if (settings.categories[category]) CSS.highlights.set(highlightName(category), group);
      else CSS.highlights.delete(highlightName(category));
    }
  }
}
