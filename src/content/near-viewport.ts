/**
 * The most items one watched element may stand for: a page with thousands of mentions
 * watches a few hundred elements, each holding up to this many, so that neither the observer's
 * work nor the ranges registered for one near element grow with the page.
 */
const ITEMS_PER_WATCHED = 40;

/**
 * Which items sit near the viewport: each item lies in an element (its place), places are
 * watched through an ancestor that holds at most ITEMS_PER_WATCHED items, one
 * IntersectionObserver watches those, and items are handed over as their watched element comes
 * within a few screens of the viewport or leaves that band. The browser paints each registered
 * highlight range again whenever the text around it changes, and registering thousands at once
 * is one long frame (66 ms for 3,583 ranges on a 2 MB page), so only the ones a reader can
 * scroll to soon are registered.
 */
export class NearViewport<Item> {
  readonly #observer: IntersectionObserver;
  readonly #items = new Map<Element, Set<Item>>();
  readonly #watchedOf = new Map<Item, Element>();
  /** Items placed under each element, counted until the count passes ITEMS_PER_WATCHED. */
  readonly #counts = new WeakMap<Element, number>();
  readonly #near = new Set<Element>();
  /** Watched elements not measured yet, waiting for the observer's first report. */
  readonly #unreported = new Set<Element>();
  #waiting: (() => void)[] = [];
  readonly #enter: (items: Iterable<Item>) => void;
  readonly #leave: (items: Iterable<Item>) => void;
  readonly #screensAround: { vertical: number; horizontal: number };

  /**
   * `screensAround`: how far beyond the viewport counts as near, in viewport heights above and
   * below and viewport widths to each side.
   */
  constructor(enter: (items: Iterable<Item>) => void, leave: (items: Iterable<Item>) => void, screensAround: { vertical: number; horizontal: number }) {
    this.#enter = enter;
    this.#leave = leave;
    this.#screensAround = screensAround;
    const margin = `${screensAround.vertical * 100}% ${screensAround.horizontal * 100}%`;
    this.#observer = new IntersectionObserver((entries) => this.#report(entries), { rootMargin: margin });
  }

  /**
   * Watches each item through an ancestor of its place; items whose watched element is near
   * enter now. With `measureNow` a newly watched element's nearness is read from its box at once
   * (right for the first scan: the page is laid out, so this costs little, and the highlights
   * come a frame sooner); otherwise it comes with the observer's first report in the next frame,
   * so that a scan after the page changed does not force the page's relayout early.
   */
  add(placed: Iterable<{ item: Item; place: Element }>, measureNow: boolean): void {
    const list = [...placed];
    // Each place is counted and climbed from once, however many items it holds.
    const perPlace = new Map<Element, number>();
    for (const { place } of list) perPlace.set(place, (perPlace.get(place) ?? 0) + 1);
    for (const [place, count] of perPlace) this.#count(place, count);
    const watchedOfPlace = new Map<Element, Element>();
    for (const place of perPlace.keys()) watchedOfPlace.set(place, this.#watchedFor(place));
    const added: Element[] = [];
    for (const { item, place } of list) {
      const element = watchedOfPlace.get(place) ?? place;
      this.#watchedOf.set(item, element);
      let items = this.#items.get(element);
      if (items === undefined) {
        items = new Set();
        this.#items.set(element, items);
        added.push(element);
        this.#observer.observe(element);
      }
      items.add(item);
      if (this.#near.has(element)) this.#enter([item]);
    }
    if (added.length === 0) return;
    if (!measureNow) {
      for (const element of added) this.#unreported.add(element);
      return;
    }
    const { innerWidth: width, innerHeight: height } = window;
    const { vertical, horizontal } = this.#screensAround;
    for (const element of added) {
      const box = element.getBoundingClientRect();
      const near = isBoxless(box) || (box.bottom >= -vertical * height && box.top <= (1 + vertical) * height && box.right >= -horizontal * width && box.left <= (1 + horizontal) * width);
      if (!near) continue;
      this.#near.add(element);
      this.#enter(this.#items.get(element) ?? []);
    }
  }

  /** Stops watching the items; those that were near leave now. */
  remove(items: Iterable<Item>): void {
    for (const item of items) {
      const element = this.#watchedOf.get(item);
      if (element === undefined) continue;
      this.#watchedOf.delete(item);
      const siblings = this.#items.get(element);
      if (siblings === undefined || !siblings.delete(item)) continue;
      if (this.#near.has(element)) this.#leave([item]);
      if (siblings.size > 0) continue;
      this.#items.delete(element);
      this.#near.delete(element);
      this.#reported(element);
      this.#observer.unobserve(element);
    }
  }

  /**
   * Counts `items` more under `place` and its ancestors. Once an element's count is past the
   * limit, so are all its ancestors' counts, so the climb stops at the first such element.
   */
  #count(place: Element, items: number): void {
    for (let element: Element | null = place; element !== null; element = element.parentElement) {
      const count = this.#counts.get(element) ?? 0;
      if (count > ITEMS_PER_WATCHED) return;
      this.#counts.set(element, count + items);
    }
  }

  /** The highest ancestor of `place` (or itself) holding no more than ITEMS_PER_WATCHED items. */
  #watchedFor(place: Element): Element {
    let watched = place;
    for (let parent = place.parentElement; parent !== null && (this.#counts.get(parent) ?? 0) <= ITEMS_PER_WATCHED; parent = parent.parentElement) watched = parent;
    return watched;
  }

  /** Every item whose element is near now. */
  *nearItems(): Iterable<Item> {
    for (const element of this.#near) yield* this.#items.get(element) ?? [];
  }

  /**
   * Resolves once every watched element has been measured or reported on, or after
   * `timeoutMs`: a hidden tab renders no frames, so its observer reports only once it is shown.
   */
  settled(timeoutMs: number): Promise<void> {
    if (this.#unreported.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#waiting.push(done);
    });
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#items.clear();
    this.#watchedOf.clear();
    this.#near.clear();
    this.#unreported.clear();
    this.#release();
  }

  #report(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const element = entry.target;
      const items = this.#items.get(element);
      if (items === undefined) continue;
      this.#reported(element);
      const near = entry.isIntersecting || isBoxless(entry.boundingClientRect);
      if (near === this.#near.has(element)) continue;
      if (near) {
        this.#near.add(element);
        this.#enter(items);
      } else {
        this.#near.delete(element);
        this.#leave(items);
      }
    }
  }

  #reported(element: Element): void {
    if (this.#unreported.delete(element) && this.#unreported.size === 0) this.#release();
  }

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const done of waiting) done();
  }
}

/**
 * An element without a box of its own (display: contents) never intersects, yet its text
 * shows: its items count as near for good. A hidden one costs nothing to paint.
 */
function isBoxless(box: DOMRectReadOnly): boolean {
  return box.width === 0 && box.height === 0;
}
