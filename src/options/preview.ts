import { ChipLensEngine } from '../core/index.js';
import type { Settings } from '../core/settings.js';
import { highlightCss, highlightName } from '../content/highlight-style.js';

/**
 * The preview paragraph, highlighted by the same engine and the same `::highlight()` rules as
 * pages are, so what the reader picks here is what they will see.
 */
export class Preview {
  readonly #sheet = new CSSStyleSheet();

  constructor(paragraph: HTMLElement, engine: ChipLensEngine) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#sheet];
    const text = paragraph.firstChild;
    if (!(text instanceof Text) || typeof Highlight !== 'function') return;
    const groups = new Map<string, Range[]>();
    for (const mention of engine.analyze(text.data).mentions) {
      const range = new Range();
      range.setStart(text, mention.start);
      range.setEnd(text, mention.end);
      groups.set(mention.category, [...(groups.get(mention.category) ?? []), range]);
    }
    for (const [category, ranges] of groups) CSS.highlights.set(highlightName(category as Parameters<typeof highlightName>[0]), new Highlight(...ranges));
  }

  show(settings: Settings): void {
    const hidden = Object.entries(settings.categories).filter(([, on]) => !on).map(([category]) => `::highlight(chiplens-${category}) { text-decoration: none; background-color: transparent; }`);
    this.#sheet.replaceSync(`${highlightCss(settings)}\n${hidden.join('\n')}`);
  }
}
