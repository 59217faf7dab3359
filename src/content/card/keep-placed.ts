/**
 * Runs `place` now and again whenever the card or its mention may have moved on screen, until
 * `signal` aborts: a scroll anywhere, a resize of the window, of the card or of the element
 * holding the mention, and a move of that element for any other reason (content loaded above).
 */
export function keepPlaced(card: HTMLElement, anchor: Element | undefined, place: () => void, signal: AbortSignal): void {
  place();
  // Scroll events do not bubble, but a capturing listener on the window sees every scroller's.
  addEventListener('scroll', place, { capture: true, passive: true, signal });
  addEventListener('resize', place, { passive: true, signal });
  const resizes = new ResizeObserver(place);
  resizes.observe(card);
  if (anchor !== undefined) resizes.observe(anchor);
  signal.addEventListener('abort', () => resizes.disconnect(), { once: true });
  if (anchor !== undefined) watchMoves(anchor, place, signal);
}

/**
 * Calls `moved` when `element` moves on screen. An IntersectionObserver whose root is shrunk
 * to the element's own box tells when the share of the box inside that root changes, which
 * any move does; it then watches again from the new box.
 */
function watchMoves(element: Element, moved: () => void, signal: AbortSignal): void {
  let observer: IntersectionObserver | undefined;
  signal.addEventListener('abort', () => observer?.disconnect(), { once: true });
  const watch = (threshold: number): void => {
    observer?.disconnect();
    const box = element.getBoundingClientRect();
    // A box with no area has no share to watch; scrolls and resizes still re-place the card.
    if (signal.aborted || box.width === 0 || box.height === 0) return;
    const { clientWidth, clientHeight } = document.documentElement;
    const rootMargin = [box.top, clientWidth - box.right, clientHeight - box.bottom, box.left].map((inset) => `${-Math.floor(inset)}px`).join(' ');
    let first = true;
    observer = new IntersectionObserver(
      ([entry]) => {
        const ratio = entry?.intersectionRatio ?? 0;
        if (first) {
          first = false;
          // Clipped by a scroller, the box starts with less than all of it inside: watch that share.
          if (ratio !== threshold && ratio > 0) watch(ratio);
          return;
        }
        moved();
        watch(1);
      },
      // The document as root: in a frame, the frame's own viewport rather than the top page's.
      { root: document, rootMargin, threshold },
    );
    observer.observe(element);
  };
  watch(1);
}
