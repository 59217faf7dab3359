/**
 * The page's visible text as blocks of plain strings, each with a map back to its text nodes,
 * so that a name split over inline elements (`Ascend <b>910C</b>`) is one string to the matcher
 * and one Range on the page.
 */

/** The text of one block (a paragraph, a list item, a table cell) and where it came from. */
export interface TextSegment {
  /** The block element (or root) that holds the text nodes. */
  readonly block: Node;
  readonly nodes: readonly Text[];
  /** Offset of each node's first character in `text`. */
  readonly starts: readonly number[];
  /** The nodes' data joined, line breaks turned into spaces (length kept). */
  readonly text: string;
}

/** Elements whose text is code, input, chrome or not text at all: never scanned. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'samp', 'textarea', 'input', 'select', 'option', 'button',
  'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'chip-lens-card',
]);

/** Elements that begin a new line of text; a name never runs across their edges. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav',
  'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'br', 'img', 'label', 'legend',
]);

const NON_SPACE = /\S/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;

/** Elements the page must never see highlighted in: its own code, inputs, editors, and our card. */
function isExcluded(element: Element): boolean {
  if (SKIPPED.has(element.localName) || element.hasAttribute('data-chiplens-card')) return true;
  // Editable regions belong to the user's typing: skip the whole subtree.
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return element.hasAttribute('hidden');
}

/**
 * True when `node` lies in a region the index skips (an editor, code, a hidden subtree): a
 * change there is never scanned, however it is reported. Crosses shadow roots to their hosts.
 */
export function isInsideExcluded(node: Node): boolean {
  // The contenteditable attributes are read on the way up; `isContentEditable` would force a
  // style recalculation of the page each time a change is checked.
  if (node.ownerDocument?.designMode === 'on') return true;
  for (let current: Node | null = node; current !== null; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
    if (current.nodeType === Node.ELEMENT_NODE && isExcluded(current as Element)) return true;
  }
  return false;
}

/**
 * Gathers one block's text nodes. The text grows by concatenation (V8 joins the pieces once,
 * when the matcher first reads it), which costs less than an array of parts and a join.
 */
class SegmentBuilder {
  nodes: Text[] = [];
  starts: number[] = [];
  text = '';
  hasText = false;

  add(node: Text, data: string): void {
    if (!this.hasText) {
      // Blank nodes before a block's first word (the source's indentation) hold nothing to match.
      if (!NON_SPACE.test(data)) return;
      this.hasText = true;
    }
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += data;
  }

  take(block: Node): TextSegment | undefined {
    if (!this.hasText) return undefined;
    const text = this.text;
    const segment = { block, nodes: this.nodes, starts: this.starts, text: LINE_BREAK.test(text) ? text.replace(LINE_BREAKS, ' ') : text };
    this.nodes = [];
    this.starts = [];
    this.text = '';
    this.hasText = false;
    return segment;
  }
}

/** How many nodes to visit between checks of the time budget. */
const NODES_PER_STEP = 48;

/**
 * Walks `root` (an element, a document or a shadow root) and calls `emit` with each block of
 * text in document order. Open shadow roots found on the way are handed to `onShadowRoot`.
 * A generator of small steps, so the caller can slice the walk across tasks.
 */
export function* walkText(root: Node, emit: (segment: TextSegment) => void, onShadowRoot: (root: ShadowRoot) => void): Generator<void> {
  // The walk skips excluded elements below the root; the root itself, and what holds it, are checked here.
  if (isInsideExcluded(root)) return;
  // firstChild/nextSibling with a stack of parents, not a TreeWalker: no filter callback and no
  // contains() per node (a third of the scan on big pages); a block ends when the walk climbs
  // out of it. A change between slices may cut the walk short; the mutation follower rescans it.
  const builder = new SegmentBuilder();
  const blocks: Node[] = [root];
  const parents: Node[] = [];
  const flush = (): void => {
    const segment = builder.take(blocks[blocks.length - 1] as Node);
    if (segment !== undefined) emit(segment);
  };
  let visited = 0;
  let node: Node | null = root.firstChild;
  for (;;) {
    if (node === null) {
      const parent = parents.pop();
      if (parent === undefined) break;
      if (blocks[blocks.length - 1] === parent) {
        flush();
        blocks.pop();
      }
      node = parent.nextSibling;
      continue;
    }
    const type = node.nodeType;
    if (type === 3) {
      builder.add(node as Text, (node as Text).data);
      node = node.nextSibling;
    } else if (type === 1) {
      const element = node as Element;
      const name = element.localName;
      if (element.hasAttributes() ? isExcluded(element) : SKIPPED.has(name)) {
        node = node.nextSibling;
      } else {
        if (element.shadowRoot !== null) onShadowRoot(element.shadowRoot);
        const block = BLOCKS.has(name);
        if (block) flush();
        const first = element.firstChild;
        if (first === null) node = node.nextSibling;
        else {
          parents.push(element);
          if (block) blocks.push(element);
          node = first;
        }
      }
    } else node = node.nextSibling;
    if (++visited % NODES_PER_STEP === 0) yield;
  }
  flush();
}

/** The index of the node in `segment` that holds text offset `offset` (the last node starting at or before it). */
export function nodeIndexAt(segment: TextSegment, offset: number): number {
  const { starts } = segment;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A live Range over `[start, end)` of a segment's text. */
export function rangeFor(segment: TextSegment, start: number, end: number): Range {
  const first = nodeIndexAt(segment, start);
  // The end belongs to the node holding its last character, not to an empty node after it.
  const last = nodeIndexAt(segment, end - 1);
  const range = new Range();
  const startNode = segment.nodes[first] as Text;
  const endNode = segment.nodes[last] as Text;
  // A node may have shrunk since it was read (its change is rescanned in the next frame): stay inside it.
  range.setStart(startNode, Math.min(start - (segment.starts[first] as number), startNode.length));
  range.setEnd(endNode, Math.min(end - (segment.starts[last] as number), endNode.length));
  return range;
}
