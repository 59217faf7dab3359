import type { ChipLensEngine } from '../core/index.js';
import type { PageSummary } from '../core/messages.js';
import type { Settings } from '../core/settings.js';
import { ArticleContext } from './article-context.js';
import { hasHighlightApi, yieldToPage } from './capabilities.js';
import { CardController } from './card/card-controller.js';
import { EntityDetailsCache } from './entity-details.js';
import { FLASH_HIGHLIGHT } from './highlight-style.js';
import { createHighlighter } from './highlighter.js';
import { followPointer } from './hover.js';
import { MutationFollower } from './mutation-follow.js';
import { PageIndex, type PageMention } from './page-index.js';
import { PageScanner } from './page-scanner.js';
import { scrollToRange } from './scroll-to.js';

const FLASH_MS = 1400;

/**
 * Chip Lens running on one page with one engine and one settings snapshot: the index, the
 * highlights, the card and the followers. `stop()` aborts every listener and observer and
 * removes every highlight, so a settings change can start a fresh session cleanly.
 */
export class PageSession {
  readonly #controller = new AbortController();
  readonly #index: PageIndex;
  readonly #highlighter;
  readonly #cards: CardController;
  readonly #scanner: PageScanner;
  readonly #article: ArticleContext;
  readonly #cursor = new Map<string, number>();
  #settings: Settings;
  /** Called after each scan with the page's mentions (the badge counts them). */
  onScanned: (summary: PageSummary) => void = () => {};

  constructor(engine: ChipLensEngine, settings: Settings, links: ReadonlyMap<string, string>) {
    this.#settings = settings;
    const signal = this.#controller.signal;
    this.#index = new PageIndex(engine);
    this.#highlighter = createHighlighter(settings);
    this.#article = new ArticleContext(engine, this.#index);
    const details = new EntityDetailsCache();
    this.#cards = new CardController(engine, this.#index, this.#article, () => this.#settings, links, details);
    this.#scanner = new PageScanner(this.#index, this.#highlighter, signal);
    let address = location.href;
    const follower = new MutationFollower(
      this.#index,
      this.#scanner,
      () => {
        // A single-page app changed its address: the article is another one now.
        if (location.href !== address) {
          address = location.href;
          this.#article.refresh();
        }
      },
      signal,
    );
    this.#scanner.onShadowRoot = (root) => follower.observe(root);
    this.#scanner.onScanned = () => {
      this.onScanned(this.summary());
      const named = this.#index.takeNewEntities();
      if (named.length > 0) void details.fetch(named);
    };
    follower.observe(document);
    followPointer(this.#index, this.#cards, () => this.#settings, signal);
    signal.addEventListener('abort', () => this.#highlighter.destroy());
  }

  async start(): Promise<void> {
    // Not inside the load event: on a big page the browser renders its first frame after load
    // in the same task (90 ms at 8 MB of text), and a slice of ours there would make it longer.
    await yieldToPage();
    await this.#scanner.scan([document.body ?? document.documentElement]);
    this.#article.refresh();
  }

  stop(): void {
    this.#controller.abort();
  }

  /** New looks, categories or card options, without a rescan. */
  applySettings(settings: Settings): void {
    this.#settings = settings;
    this.#highlighter.apply(settings, this.#index.all());
  }

  /** The mentions of the page grouped by entity, as the popup lists them. */
  summary(): PageSummary {
    const entities: PageSummary['entities'] = [];
    for (const [id, { category, count }] of this.#index.entityCounts()) {
      if (this.#settings.categories[category]) entities.push({ id, name: this.#cards.nameOf(id), category, count });
    }
    return { host: location.hostname, running: true, entities: entities.sort((a, b) => b.count - a.count) };
  }

  nextMention(): void {
    this.#cards.next();
  }

  /** Scrolls to the entity's next mention (the first, then each following one on repeated calls) and flashes it. */
  revealEntity(entityId: string): boolean {
    const mentions = this.#index.ordered().filter((m) => m.mention.entityId === entityId && m.range.startContainer.isConnected);
    if (mentions.length === 0) return false;
    const at = ((this.#cursor.get(entityId) ?? -1) + 1) % mentions.length;
    this.#cursor.set(entityId, at);
    const target = mentions[at] as PageMention;
    scrollToRange(target.range);
    if (hasHighlightApi()) {
      const flash = new Highlight(target.range);
      flash.priority = 10;
      CSS.highlights.set(FLASH_HIGHLIGHT, flash);
      setTimeout(() => {
        if (CSS.highlights.get(FLASH_HIGHLIGHT) === flash) CSS.highlights.delete(FLASH_HIGHLIGHT);
      }, FLASH_MS);
    }
    return true;
  }
}
