import type { PageIndex } from './page-index.js';
import type { PageScanner } from './page-scanner.js';
import { CARD_HOST_TAG } from './card/tooltip.js';
import { isInsideExcluded, type TextSegment } from './text-index.js';

/** Elements whose addition starts a block of its own: scanned alone, nothing around it changes. */
const BLOCK_LIKE = /^(?:p|div|li|ul|ol|section|article|aside|main|header|footer|nav|h[1-6]|blockquote|table|tbody|tr|td|th|figure|figcaption|dl|dt|dd|details|summary)$/;

function isBlockLike(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && BLOCK_LIKE.test((node as Element).localName);
}

function isCardHost(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && ((node as Element).localName === CARD_HOST_TAG || (node as Element).hasAttribute('data-chiplens-card'));
}

/** The nearest ancestor (or self) that starts a block: the unit whose text must be read again. */
function blockOf(node: Node): Node {
  for (let current: Node | null = node; current !== null; current = current.parentNode) {
    if (isBlockLike(current) || current.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return current;
    if (current.parentNode === null) return current;
  }
  return node;
}

/**
 * Follows text added, changed and removed after the first scan. Records are gathered and
 * handled once per animation frame; each batch re-reads only the blocks it touched, in slices.
 */
export class MutationFollower {
  readonly #index: PageIndex;
  readonly #scanner: PageScanner;
  readonly #observer: MutationObserver;
  readonly #onBatch: () => void;
  #records: MutationRecord[] = [];
  #frame = 0;

  constructor(index: PageIndex, scanner: PageScanner, onBatch: () => void, signal: AbortSignal) {
    this.#index = index;
    this.#scanner = scanner;
    this.#onBatch = onBatch;
    this.#observer = new MutationObserver((records) => {
      this.#records.push(...records);
      if (this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#flush());
    });
    signal.addEventListener('abort', () => {
      this.#observer.disconnect();
      cancelAnimationFrame(this.#frame);
    });
  }

  observe(root: Node): void {
    // Becoming editable or hidden takes a region out of the index; the reverse brings it back.
    this.#observer.observe(root, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'hidden'] });
  }

  #flush(): void {
    this.#frame = 0;
    const records = this.#records;
    this.#records = [];
    const dirty = new Set<Node>();
    const drop = new Set<TextSegment>();
    for (const record of records) {
      if (record.type === 'attributes') {
        this.#segmentsUnder(record.target, drop);
        dirty.add(record.target);
        continue;
      }
      if (record.type === 'characterData') {
        dirty.add(blockOf(record.target));
        continue;
      }
      for (const node of record.removedNodes) {
        // The card's own host coming and going changes no text of the page.
        if (isCardHost(node)) continue;
        this.#segmentsUnder(node, drop);
        // Inline text taken out of a paragraph changes what is left of it; a whole block leaves nothing behind.
        if (!isBlockLike(node)) dirty.add(blockOf(record.target));
      }
      for (const node of record.addedNodes) {
        if (isCardHost(node)) continue;
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.TEXT_NODE) continue;
        dirty.add(isBlockLike(node) ? node : blockOf(record.target));
      }
    }
    // A node under another dirty node is read with it; looking up the ancestors keeps this linear
    // in the batch (a feed appending a hundred paragraphs at once).
    const underAnother = (node: Node): boolean => {
      for (let parent = node.parentNode; parent !== null; parent = parent.parentNode) if (dirty.has(parent)) return true;
      return false;
    };
    // Everything indexed under a root is read again (the scanner drops it when the scan runs);
    // the cost follows the changed part, not the page.
    const roots = [...dirty].filter((node) => node.isConnected && !underAnother(node) && !isInsideExcluded(node));
    if (roots.length > 0 || drop.size > 0) void this.#scanner.scan(roots, [...drop]);
    this.#onBatch();
  }

  #segmentsUnder(root: Node, into: Set<TextSegment>): void {
    for (const segment of this.#index.segmentsUnder(root)) into.add(segment);
  }
}
