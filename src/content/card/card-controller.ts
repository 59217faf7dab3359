import { buildCardModel } from '../../core/card/card-model.js';
import { KnowledgeBase, SentenceIndex, type ChipLensEngine } from '../../core/index.js';
import type { Settings } from '../../core/settings.js';
import type { ArticleContext } from '../article-context.js';
import type { EntityDetailsCache } from '../entity-details.js';
import type { PageIndex, PageMention } from '../page-index.js';
import { signal } from '../test-signal.js';
import { scrollToRange } from '../scroll-to.js';
import { renderCard } from './card-view.js';
import { Tooltip, type CardAnchor } from './tooltip.js';

/** What the card is placed against: the line box of the mention under the pointer. */
function anchorFor(mention: PageMention, pointer?: { x: number; y: number }): CardAnchor {
  const box = (): DOMRect => {
    const rects = [...mention.range.getClientRects()];
    const under = pointer === undefined ? undefined : rects.find((r) => pointer.x >= r.left - 1 && pointer.x <= r.right + 1 && pointer.y >= r.top - 1 && pointer.y <= r.bottom + 1);
    return under ?? rects[0] ?? mention.range.getBoundingClientRect();
  };
  return { box, element: mention.range.startContainer.parentElement ?? undefined };
}

/** Opens, fills and closes the card for mentions on the page. */
export class CardController {
  readonly #tooltip = new Tooltip();
  readonly #engine: ChipLensEngine;
  readonly #index: PageIndex;
  readonly #article: ArticleContext;
  #current: PageMention | undefined;
  /** A card opened from the keyboard or a jump stays until Escape or a click elsewhere. */
  pinned = false;

  readonly #settings: () => Settings;
  readonly #links: ReadonlyMap<string, string>;
  readonly #details: EntityDetailsCache;
  /** The mention whose card was last asked for, while its details are on their way. */
  #wanted: PageMention | undefined;

  /** `links`: the reader's own link per term id, shown on that term's card. */
  constructor(
    engine: ChipLensEngine,
    index: PageIndex,
    article: ArticleContext,
    settings: () => Settings,
    links: ReadonlyMap<string, string>,
    details: EntityDetailsCache,
  ) {
    this.#engine = engine;
    this.#index = index;
    this.#article = article;
    this.#settings = settings;
    this.#links = links;
    this.#details = details;
  }

  get current(): PageMention | undefined {
    return this.#tooltip.isShown ? this.#current : undefined;
  }

  /** The display name of an entity, for lists. */
  nameOf(entityId: string): string {
    return this.#engine.kb.get(entityId)?.name ?? entityId;
  }

  owns(target: EventTarget | null): boolean {
    return this.#tooltip.owns(target);
  }

  open(mention: PageMention, pointer?: { x: number; y: number }, pinned = false): void {
    this.#wanted = mention;
    if (!this.#details.has(mention.mention.entityId)) {
      // Details are fetched after each scan; this waits only when the pointer beat that.
      void this.#details.fetch([mention.mention.entityId]).then(() => {
        if (this.#wanted === mention) this.#show(mention, pointer, pinned);
      });
      return;
    }
    this.#show(mention, pointer, pinned);
  }

  #show(mention: PageMention, pointer: { x: number; y: number } | undefined, pinned: boolean): void {
    const { segment, start, end } = mention;
    const sentences = new SentenceIndex(segment.text);
    const sentence = sentences.sentenceAt(start);
    const sameEntity = this.#index.mentionsIn(segment).filter((m) => m.mention.entityId === mention.mention.entityId);
    const pageCount = this.#index.entityCounts().get(mention.mention.entityId)?.count ?? 1;
    const kb = this.#engine.kb;
    const model = buildCardModel({
      kb: new KnowledgeBase(kb.entities.map((entity) => this.#details.complete(entity)), kb.generalCues),
      entityId: mention.mention.entityId,
      article: this.#article.get().digest,
      here: {
        text: segment.text.slice(sentence.start, sentence.end),
        start: sentence.start,
        spans: sameEntity.length > 0 ? sameEntity.map((m) => ({ start: m.start, end: m.end })) : [{ start, end }],
      },
      pageCount,
      link: this.#links.get(mention.mention.entityId),
    });
    if (model === undefined) return;
    this.#current = mention;
    this.pinned = pinned;
    this.#tooltip.show(renderCard(model, { jumpTo: (id) => this.jumpTo(id) }, this.#settings().cards.sections), anchorFor(mention, pointer));
    signal({ type: 'card', entityId: model.entityId, name: model.name, text: this.#tooltip.text() });
  }

  /** Gets the card's host ready while the pointer rests on a mention (see Tooltip.prepare). */
  prepare(): void {
    this.#tooltip.prepare();
  }

  /** The dwell ended without a card: nothing of ours stays in the page. */
  unprepare(): void {
    this.#tooltip.unprepare();
  }

  close(): void {
    this.#wanted = undefined;
    if (!this.#tooltip.isShown) {
      this.#tooltip.unprepare();
      return;
    }
    this.#tooltip.hide();
    this.#current = undefined;
    this.pinned = false;
    signal({ type: 'card-hidden' });
  }

  /** Scrolls to a mention and opens its card, pinned. */
  reveal(mention: PageMention): void {
    scrollToRange(mention.range);
    // Open once the scroll has moved the mention; the tooltip follows it from there.
    requestAnimationFrame(() => this.open(mention, undefined, true));
  }

  /** The first mention of another entity, revealed. */
  jumpTo(entityId: string): void {
    const target = this.#index.ordered().find((m) => m.mention.entityId === entityId);
    if (target !== undefined) this.reveal(target);
  }

  /** The mention after the current one (or the first), revealed. */
  next(): void {
    const ordered = this.#index.ordered();
    if (ordered.length === 0) return;
    const at = this.#current === undefined ? -1 : ordered.indexOf(this.#current);
    this.reveal(ordered[(at + 1) % ordered.length] as PageMention);
  }
}
