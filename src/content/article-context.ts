import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { Analysis, ChipLensEngine } from '../core/index.js';
import { whenIdle } from './capabilities.js';
import type { PageIndex } from './page-index.js';
import { walkText } from './text-index.js';

/**
 * Readability clones and walks the whole document in one idle-time task that cannot be sliced:
 * about 90 ms at 500 KB of page text on a 2-core machine. Up to this much text it stays under
 * 50 ms; a longer page is a feed, an archive or an article under a long thread of comments,
 * whose `<article>` or `<main>` serves instead.
 */
const READABILITY_TEXT_LIMIT = 250_000;

/**
 * The most article text analysed in the one idle-time task the digest takes (about 40 ms per MB
 * here): a longer article or page is quoted from its first part.
 */
const ANALYSED_TEXT_LIMIT = 500_000;

/** `text` cut at the last line break within `limit` characters, or whole if it is shorter. */
function atMost(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const lineEnd = text.lastIndexOf('\n', limit);
  return text.slice(0, lineEnd > 0 ? lineEnd : limit);
}

function tidy(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0]*\n\s*/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .trim();
}

/**
 * "In this article": the article body's text, analysed. Found with Readability on a clone of
 * the document, else the page's `<article>` or `<main>`, else all of the page's text. Worked
 * out when the page is idle, after the highlights are up, since only cards need it.
 */
export class ArticleContext {
  readonly #engine: ChipLensEngine;
  readonly #index: PageIndex;
  #analysis: Analysis | undefined;
  /** Where the article text came from, for the debug view and the tests. */
  source: 'readability' | 'element' | 'page' | undefined;

  constructor(engine: ChipLensEngine, index: PageIndex) {
    this.#engine = engine;
    this.#index = index;
  }

  /** Forgets the article (the page navigated or changed a lot) and reads it again when idle. */
  refresh(): void {
    this.#analysis = undefined;
    whenIdle(() => void this.get());
  }

  /** The article's analysis, worked out now if the idle time has not come yet. */
  get(): Analysis {
    this.#analysis ??= this.#engine.analyze(this.#articleText());
    return this.#analysis;
  }

  #articleText(): string {
    return atMost(this.#fullArticleText(), ANALYSED_TEXT_LIMIT);
  }

  #fullArticleText(): string {
    if (this.#index.textLength() <= READABILITY_TEXT_LIMIT) {
      try {
        if (isProbablyReaderable(document)) {
          const article = new Readability(document.cloneNode(true) as Document).parse();
          const text = tidy(article?.textContent ?? '');
          if (text.length > 200) {
            this.source = 'readability';
            return text;
          }
        }
      } catch {
        // A page Readability cannot read falls back to its semantic elements.
      }
    }
    const root = document.querySelector('article') ?? document.querySelector('main');
    if (root !== null) {
      // The element's own text, read afresh: filtering every segment of a long page for it cost more.
      const parts: string[] = [];
      const walk = walkText(root, (segment) => parts.push(segment.text), () => undefined);
      while (walk.next().done !== true);
      const text = parts.join('\n');
      if (text.trim() !== '') {
        this.source = 'element';
        return text;
      }
    }
    this.source = 'page';
    return this.#index.pageText();
  }
}
