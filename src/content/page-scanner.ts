import type { Highlighter } from './highlighter.js';
import type { PageIndex, PageMention } from './page-index.js';
import { walkText, type TextSegment } from './text-index.js';
import { runSliced } from './time-slicer.js';
import { yieldToPage } from './capabilities.js';
import { IS_TEST_BUILD, signal as testSignal } from './test-signal.js';

/** How many mentions one step hands to the highlighter: a few ms each. */
const MENTIONS_PER_HANDOVER = 1500;

/**
 * Scans parts of the page (the whole document first, then whatever changes) in time slices:
 * walk the text, match and judge it, register the highlights. Scans run one after another,
 * so two never interleave their steps.
 */
export class PageScanner {
  readonly #index: PageIndex;
  readonly #highlighter: Highlighter;
  readonly #signal: AbortSignal;
  readonly #shadowRoots = new Set<ShadowRoot>();
  #queue: Promise<unknown> = Promise.resolve();
  #generation = 0;
  /** Called with every open shadow root found, so changes inside it are followed too. */
  onShadowRoot: (root: ShadowRoot) => void = () => {};
  /** Called after every scan, once its highlights are registered. */
  onScanned: () => void = () => {};

  constructor(index: PageIndex, highlighter: Highlighter, signal: AbortSignal) {
    this.#index = index;
    this.#highlighter = highlighter;
    this.#signal = signal;
  }

  /** Scans `roots` (and open shadow roots inside them) after any scan already queued. */
  scan(roots: readonly Node[], drop: readonly TextSegment[] = []): Promise<void> {
    const run = this.#queue.then(() => this.#scanNow(roots, drop));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #scanNow(roots: readonly Node[], drop: readonly TextSegment[]): Promise<void> {
    const started = performance.now();
    // What is indexed under the roots now is read again. A scan queued behind another sees the
    // segments that one added: computed when the change was noticed, the list would miss them
    // and leave their text indexed twice.
    const dropped = new Set(drop);
    for (const root of roots) for (const segment of this.#index.segmentsUnder(root)) dropped.add(segment);
    const removed: PageMention[] = [];
    for (const segment of dropped) removed.push(...this.#index.remove(segment));
    this.#highlighter.remove(removed);

    const segments: TextSegment[] = [];
    const pending = [...roots];
    const found = (root: ShadowRoot): void => {
      if (this.#shadowRoots.has(root)) return;
      this.#shadowRoots.add(root);
      pending.push(root);
      this.onShadowRoot(root);
    };
    const index = this.#index;
    const added: PageMention[] = [];
    const steps = function* (): Generator<unknown> {
      while (pending.length > 0) yield* walkText(pending.shift() as Node, (segment) => segments.push(segment), found);
      yield* index.add(segments, added);
    };
    if (!(await runSliced(steps(), this.#signal))) return;
    // The mentions go to the highlighter in slices too: at once, a big page's took a task of
    // their own of 30 ms and more (8 MB of text). The first scan reads where they are at once.
    const firstScan = this.#generation === 0;
    const highlighter = this.#highlighter;
    const handOver = function* (): Generator<unknown> {
      for (let from = 0; from < added.length; from += MENTIONS_PER_HANDOVER) {
        highlighter.add(added.slice(from, from + MENTIONS_PER_HANDOVER), firstScan);
        yield;
      }
    };
    await yieldToPage();
    if (!(await runSliced(handOver(), this.#signal))) return;
    const generation = ++this.#generation;
    this.onScanned();
    // The tests and the benchmark hear of the scan once its highlights near the viewport are
    // registered. Listing every mention in page order costs work: only the test build does it.
    if (IS_TEST_BUILD) {
      const report = (): void => {
        const ordered = this.#index.ordered();
        testSignal({ type: 'scanned', generation, mentions: ordered.length, texts: ordered.map((m) => m.mention.text), ms: Math.round(performance.now() - started) });
      };
      // In a task of its own: listing a big page's mentions is work of its own.
      void this.#highlighter.settled().then(yieldToPage).then(report);
    }
  }
}
