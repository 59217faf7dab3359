import { placeCard } from '../../core/card/placement.js';
import { CARD_CSS } from './card-style.js';
import { keepPlaced } from './keep-placed.js';

/** The tag of the element that hosts the card; the text index never scans inside it. */
export const CARD_HOST_TAG = 'chip-lens-card';

/**
 * The card's host and its closed shadow root. A page that defines `<chip-lens-card>` itself
 * gets its own constructor run and may have taken the shadow root: then a plain `div`, which
 * no page can redefine, hosts the card instead.
 */
function createHost(): { host: HTMLElement; root: ShadowRoot } {
  try {
    const host = document.createElement(CARD_HOST_TAG);
    if (host.shadowRoot === null && host.childNodes.length === 0 && host.attributes.length === 0) return { host, root: host.attachShadow({ mode: 'closed' }) };
  } catch {
    // Falls through to the plain host.
  }
  const host = document.createElement('div');
  host.setAttribute('data-chiplens-card', '');
  return { host, root: host.attachShadow({ mode: 'closed' }) };
}

/** What the card is placed against: a box read afresh at each placement, and the element that holds it. */
export interface CardAnchor {
  box(): DOMRect;
  element: Element | undefined;
}

/**
 * A floating box in a closed shadow root, attached to the page only while shown. The page can
 * neither read it (closed root) nor restyle it (`all: initial`, `!important` host rules).
 */
export class Tooltip {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  #shown = false;
  #following: AbortController | undefined;

  constructor() {
    const { host, root } = createHost();
    this.#host = host;
    this.#root = root;
    const style = document.createElement('style');
    style.textContent = CARD_CSS;
    this.#root.append(style);
  }

  get isShown(): boolean {
    return this.#shown;
  }

  /**
   * Attaches the still-empty host while the pointer rests on a mention: the page lays itself
   * out again for a new element (about 15 ms on a 2 MB page), and that now happens during the
   * dwell instead of in the frame the card is due. An empty host has no size and shows nothing.
   */
  prepare(): void {
    if (!this.#shown) this.#attach();
  }

  /** Takes away a prepared host whose card did not open. */
  unprepare(): void {
    if (!this.#shown) this.#host.remove();
  }

  #attach(): void {
    // Inside a fullscreen element, the card must be too, or the top layer hides it.
    const container = document.fullscreenElement ?? document.documentElement;
    if (this.#host.parentNode !== container) container.append(this.#host);
  }

  /** True when an event happened on the card (its target is retargeted to the host). */
  owns(target: EventTarget | null): boolean {
    return target === this.#host;
  }

  /** Shows `content` next to `anchor`, flipping and shifting to stay on screen, and keeps it there. */
  show(content: HTMLElement, anchor: CardAnchor): void {
    this.#following?.abort();
    this.#root.querySelector('.card')?.remove();
    this.#root.append(content);
    this.#attach();
    this.#shown = true;
    content.style.position = 'fixed';
    const place = (): void => {
      const { clientWidth, clientHeight } = document.documentElement;
      const { x, y } = placeCard(anchor.box(), { width: content.offsetWidth, height: content.offsetHeight }, { width: clientWidth, height: clientHeight });
      // The host sits at the origin of the card's containing block: the viewport's, unless the
      // page made an ancestor one (a transform on <html>).
      const origin = this.#host.getBoundingClientRect();
      content.style.left = `${Math.round(x - origin.left)}px`;
      content.style.top = `${Math.round(y - origin.top)}px`;
    };
    this.#following = new AbortController();
    keepPlaced(content, anchor.element, place, this.#following.signal);
  }

  hide(): void {
    this.#following?.abort();
    this.#following = undefined;
    this.#root.querySelector('.card')?.remove();
    this.#host.remove();
    this.#shown = false;
  }

  /** The shown card's text, for the test build's signal. */
  text(): string {
    return this.#root.querySelector('.card')?.textContent ?? '';
  }
}
