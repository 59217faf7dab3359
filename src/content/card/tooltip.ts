import { autoUpdate, computePosition, flip, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { CARD_CSS } from './card-style.js';

/** The tag of the element that hosts the card; the text index never scans inside it. */
export const CARD_HOST_TAG = 'chip-lens-card';

/**
 * A floating box in a closed shadow root, attached to the page only while shown. The page can
 * neither read it (closed root) nor restyle it (`all: initial`, `!important` host rules).
 */
export class Tooltip {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  #stopFollowing: (() => void) | undefined;

  constructor() {
    this.#host = document.createElement(CARD_HOST_TAG);
    this.#root = this.#host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CARD_CSS;
    this.#root.append(style);
  }

  get isShown(): boolean {
    return this.#host.isConnected;
  }

  /** True when an event happened on the card (its target is retargeted to the host). */
  owns(target: EventTarget | null): boolean {
    return target === this.#host;
  }

  /** Shows `content` next to `reference`, flipping and shifting to stay on screen. */
  show(content: HTMLElement, reference: VirtualElement): void {
    this.#stopFollowing?.();
    this.#root.querySelector('.card')?.remove();
    this.#root.append(content);
    if (!this.#host.isConnected) document.documentElement.append(this.#host);
    content.style.position = 'fixed';
    const place = (): void => {
      void computePosition(reference, content, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(6), flip(), shift({ padding: 8 })] }).then(
        ({ x, y }) => {
          content.style.left = `${Math.round(x)}px`;
          content.style.top = `${Math.round(y)}px`;
        },
      );
    };
    this.#stopFollowing = autoUpdate(reference, content, place, { animationFrame: false });
  }

  hide(): void {
    this.#stopFollowing?.();
    this.#stopFollowing = undefined;
    this.#root.querySelector('.card')?.remove();
    this.#host.remove();
  }

  /** The shown card's text, for the test build's signal. */
  text(): string {
    return this.#root.querySelector('.card')?.textContent ?? '';
  }
}
