/**
 * The most items one watched element may stand for. Each watched element and each registered
 * range costs the browser a few µs in every frame in which the page changes, so a page with
 * thousands of mentions watches a few hundred elements, each holding up to this many.
 */
const ITEMS_PER_WATCHED = 40;

/**
 * Which items sit near the viewport: each item lies in an element (its place), places are
 * watched through an ancestor that holds at most ITEMS_PER_WATCHED items, one
 * IntersectionObserver watches those, and items are handed over as their watched element comes
 * within a few screens of the viewport or leaves that band. Chromium prepares every registered
 * highlight range again for each frame in which the page changes, so a page with thousands of
 * mentions registers only the ones a reader can scroll to soon.
 */
export class NearViewport<Item> {
  readonly #observer: IntersectionObserver;
  readonly #items = new Map<Element, Set<Item>>();
  readonly #watchedOf = new Map<Item, Element>();
  /** Items placed under each element, counted until the count passes ITEMS_PER_WATCHED. */
  readonly #counts = new WeakMap<Element, number>();
  readonly #near = new Set<Element>();
  /** Elements observed whose first report has not come yet. */
  readonly #unseen = new Set<Element>();
  #waiting: (() => void)[] = [];
  readonly #enter: (items: Iterable<Item>) => void;
  readonly #leave: (items: Iterable<Item>) => void;

  /** `margin` is how far beyond the viewport counts as near, as a CSS margin (`200% 50%`: two screens above and below). */
  constructor(enter: (items: Iterable<Item>) => void, leave: (items: Iterable<Item>) => void, margin: string) {
    this.#enter = enter;
    this.#leave = leave;
    this.#observer = new IntersectionObserver((entries) => this.#report(entries), { rootMargin: margin });
  }

  /** Watches each item through an ancestor of its place; items whose watched element is already near enter now. */
  add(placed: Iterable<{ item: Item; place: Element }>): void {
    const list = [...placed];
    for (const { place } of list) this.#count(place);
    for (const { item, place } of list) {
      const element = this.#watchedFor(place);
      this.#watchedOf.set(item, element);
      let items = this.#items.get(element);
      if (items === undefined) {
        items = new Set();
        this.#items.set(element, items);
        this.#unseen.add(element);
        this.#observer.observe(element);
      }
      items.add(item);
      if (this.#near.has(element)) this.#enter([item]);
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
      this.#forgetUnseen(element);
      this.#observer.unobserve(element);
    }
  }

  /**
   * Counts one more item under `place` and its ancestors. Once an element's count is past the
   * limit, so are all its ancestors' counts, so the climb stops at the first such element.
   */
  #count(place: Element): void {
    for (let element: Element | null = place; element !== null; element = element.parentElement) {
      const count = this.#counts.get(element) ?? 0;
      if (count > ITEMS_PER_WATCHED) return;
      this.#counts.set(element, count + 1);
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
   * Resolves once every element watched so far has had its first report, so the items near the
   * viewport have entered; or after `timeoutMs`, since a hidden tab renders no frames and so
   * gets no reports until it is shown.
   */
  settled(timeoutMs: number): Promise<void> {
    if (this.#unseen.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#waiting.push(done);
    });
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#items.clear();
    this.#watchedOf.clear();
    this.#near.clear();
    this.#unseen.clear();
    this.#release();
  }

  #report(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const element = entry.target;
      const items = this.#items.get(element);
      if (items === undefined) continue;
      this.#forgetUnseen(element);
      // An element without a box of its own (display: contents) never intersects, yet its
      // text shows: its items count as near for good. A hidden one costs nothing to paint.
      const boxless = !entry.isIntersecting && entry.boundingClientRect.width === 0 && entry.boundingClientRect.height === 0;
      const near = entry.isIntersecting || boxless;
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

  #forgetUnseen(element: Element): void {
    if (this.#unseen.delete(element) && this.#unseen.size === 0) this.#release();
  }

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const done of waiting) done();
  }
}
