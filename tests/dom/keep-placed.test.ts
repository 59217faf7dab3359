// @vitest-environment happy-dom
// The open card is placed again whenever the page scrolls, resizes or moves its mention, and
// no longer once it is closed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepPlaced } from '../../src/content/card/keep-placed.js';

/** An IntersectionObserver that the test drives by hand. */
class ManualIntersections {
  static made: ManualIntersections[] = [];
  disconnected = false;
  constructor(
    readonly callback: (entries: { intersectionRatio: number }[]) => void,
    readonly options: IntersectionObserverInit,
  ) {
    ManualIntersections.made.push(this);
  }
  observe(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  report(intersectionRatio: number): void {
    this.callback([{ intersectionRatio }]);
  }
}

describe('keeping the card placed', () => {
  let card: HTMLElement;
  let paragraph: HTMLElement;
  let scroller: HTMLElement;

  beforeEach(() => {
    ManualIntersections.made = [];
    vi.stubGlobal('IntersectionObserver', ManualIntersections);
    document.body.innerHTML = '<div id="scroller"><p>The H100 ships.</p></div><div id="card"></div>';
    card = document.getElementById('card') as HTMLElement;
    scroller = document.getElementById('scroller') as HTMLElement;
    paragraph = scroller.querySelector('p') as HTMLElement;
    paragraph.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 200, width: 300, height: 40 });
    Object.defineProperty(document.documentElement, 'clientWidth', { value: 1000, configurable: true });
    Object.defineProperty(document.documentElement, 'clientHeight', { value: 800, configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('places at once, then on a scroll of any scroller and on a resize of the window', () => {
    const place = vi.fn();
    const following = new AbortController();
    keepPlaced(card, paragraph, place, following.signal);
    expect(place).toHaveBeenCalledTimes(1);
    scroller.dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new Event('scroll', { bubbles: true }));
    window.dispatchEvent(new Event('resize'));
    expect(place).toHaveBeenCalledTimes(4);

    following.abort();
    scroller.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    expect(place).toHaveBeenCalledTimes(4);
  });

  it('watches the box of the element holding the mention, and places again when it moves', () => {
    const place = vi.fn();
    const following = new AbortController();
    keepPlaced(card, paragraph, place, following.signal);
    const first = ManualIntersections.made[0];
    // The 1000 × 800 viewport shrunk to the paragraph's box.
    expect(first?.options).toMatchObject({ root: document, threshold: 1, rootMargin: '-200px -600px -560px -100px' });
    first?.report(1);
    expect(place).toHaveBeenCalledTimes(1);

    // Content loaded above pushes the paragraph down: the share inside the old box drops.
    paragraph.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 260, width: 300, height: 40 });
    first?.report(0.5);
    expect(place).toHaveBeenCalledTimes(2);
    expect(first?.disconnected).toBe(true);
    const second = ManualIntersections.made[1];
    expect(second?.options.rootMargin).toBe('-260px -600px -500px -100px');

    following.abort();
    expect(second?.disconnected).toBe(true);
  });

  it('starts from the share a scroller leaves visible, without placing again for it', () => {
    const place = vi.fn();
    keepPlaced(card, paragraph, place, new AbortController().signal);
    ManualIntersections.made[0]?.report(0.25);
    expect(place).toHaveBeenCalledTimes(1);
    expect(ManualIntersections.made[1]?.options.threshold).toBe(0.25);
  });
});
