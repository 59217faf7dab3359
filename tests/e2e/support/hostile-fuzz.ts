// Random DOM trees and random text for the fuzz tests, shared by the DOM-environment test
// (tests/dom/hostile-fuzz.test.ts) and the real-browser run (hostile-checks.ts).
import fc from 'fast-check';
import { bundledKnowledge } from '../../../src/core/knowledge/index.js';
import { CATEGORY_OF_KIND, type Category } from '../../../src/core/knowledge/schema.js';
import { normaliseAlias } from '../../../src/core/match/normalise.js';

export type FuzzNode =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'element'; tag: string; attributes: [string, string][]; children: FuzzNode[]; shadow?: FuzzNode[] };

const kb = bundledKnowledge();

/** Every alias of every entity, folded as the matcher folds, by entity and by category. */
export const ALIASES_BY_ENTITY = new Map(kb.entities.map((e) => [e.id, new Set([...e.aliases, ...e.ambiguous.map((a) => a.alias)].map(normaliseAlias))]));
export const ALIASES_BY_CATEGORY = new Map<Category, Set<string>>();
for (const entity of kb.entities) {
  const category = CATEGORY_OF_KIND[entity.kind];
  const set = ALIASES_BY_CATEGORY.get(category) ?? new Set<string>();
  for (const alias of ALIASES_BY_ENTITY.get(entity.id) ?? []) set.add(alias);
  ALIASES_BY_CATEGORY.set(category, set);
}

/** True when `text` folds to one of the aliases (a plural s allowed, as the matcher allows). */
export function foldsToOneOf(text: string, aliases: ReadonlySet<string> | undefined): boolean {
  if (aliases === undefined) return false;
  const key = normaliseAlias(text.replace(/[\n\r\u2028\u2029]/g, ' '));
  return aliases.has(key) || (key.endsWith('s') && aliases.has(key.slice(0, -1)));
}

const someAliases = kb.entities.flatMap((e) => [...e.aliases.slice(0, 2), ...e.ambiguous.slice(0, 1).map((a) => a.alias)]);

/** Text of chip names, chip words, everyday words, markup-like strings and odd characters. */
export const fuzzText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...someAliases) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'the', 'chip', 'GPU', 'Nvidia', 'Huawei', "'s", 's', '-', '—', '\u00a0', '\n', '. ', '芯片', '英伟达', '(', ')', '3nm', 'TFLOPS',
          '<img src=x>', '&amp;', '\u200d', '\u202e', '\ufeff', 'ascend the ridge', 'Edward Hopper',
        ),
      },
      { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    ),
    { maxLength: 12 },
  )
  .chain((parts) => fc.tuple(fc.constant(parts), fc.array(fc.constantFrom(' ', '', '\u2009', '\n'), { minLength: parts.length, maxLength: parts.length })))
  .map(([parts, gaps]) => parts.map((part, i) => part + (gaps[i] ?? '')).join(''));

/** Tags the text index treats differently: blocks, inline elements, skipped ones. */
const TAGS = [
  'p', 'div', 'span', 'b', 'i', 'em', 'a', 'li', 'ul', 'section', 'article', 'h2', 'blockquote', 'td', 'table', 'br', 'img',
  'code', 'pre', 'kbd', 'script', 'textarea', 'button', 'template', 'svg', 'label', 'small', 'sup', 'ruby', 'rt', 'wbr', 'mark', 'details', 'summary',
];
const ATTRIBUTES: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.constant<[string, string]>(['contenteditable', 'true']),
  fc.constant<[string, string]>(['contenteditable', 'false']),
  fc.constant<[string, string]>(['contenteditable', 'plaintext-only']),
  fc.constant<[string, string]>(['contenteditable', '']),
  fc.constant<[string, string]>(['hidden', '']),
  fc.constant<[string, string]>(['dir', 'rtl']),
  fc.constant<[string, string]>(['lang', 'zh']),
  fc.constant<[string, string]>(['class', 'x']),
  fc.constant<[string, string]>(['title', 'H20 <b>']),
  fc.constant<[string, string]>(['style', 'display:none']),
);

/** Trees up to a few levels deep; with `shadowRoots`, some elements carry an open shadow root (DOM only). */
export function fuzzTree(options: { shadowRoots?: boolean; maxDepth?: number } = {}): fc.Arbitrary<FuzzNode[]> {
  const { tree } = fc.letrec<{ tree: FuzzNode[]; node: FuzzNode }>((tie) => ({
    tree: fc.array(tie('node'), { maxLength: 5 }),
    node: fc.oneof(
      { depthSize: 'small', maxDepth: options.maxDepth ?? 4, withCrossShrink: true },
      { weight: 4, arbitrary: fuzzText.map((text): FuzzNode => ({ kind: 'text', text })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 5 }).map((text): FuzzNode => ({ kind: 'comment', text: text.replace(/-/g, '') })) },
      {
        weight: 3,
        arbitrary: fc
          .record({
            tag: fc.constantFrom(...TAGS),
            attributes: fc.uniqueArray(ATTRIBUTES, { maxLength: 2, selector: ([name]) => name }),
            children: tie('tree') as fc.Arbitrary<FuzzNode[]>,
            shadow: options.shadowRoots === true ? fc.option(tie('tree') as fc.Arbitrary<FuzzNode[]>, { nil: undefined, freq: 6 }) : fc.constant(undefined),
          })
          .map((e): FuzzNode => ({ kind: 'element', tag: e.tag, attributes: e.attributes, children: e.children, ...(e.shadow !== undefined ? { shadow: e.shadow } : {}) })),
      },
    ),
  }));
  return tree;
}

const VOID = new Set(['br', 'img', 'wbr']);
const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The tree as HTML (shadow roots left out: HTML has no markup for them outside templates). */
export function toHtml(nodes: readonly FuzzNode[]): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return escapeText(node.text);
      if (node.kind === 'comment') return `<!--${node.text}-->`;
      const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
      if (VOID.has(node.tag)) return `<${node.tag}${attributes}>`;
      // Script text must not end the element early: keep it to letters.
      const children = node.tag === 'script' ? node.children.filter((c) => c.kind === 'text').map((c) => (c as { text: string }).text.replace(/[^a-z0-9 ]/gi, '')).join('') : toHtml(node.children);
      return `<${node.tag}${attributes}>${children}</${node.tag}>`;
    })
    .join('');
}

/** Builds the tree with DOM calls (adjacent and empty text nodes included, which HTML cannot express). */
export function build(nodes: readonly FuzzNode[], parent: Node, document: Document): void {
  for (const node of nodes) {
    if (node.kind === 'text') parent.appendChild(document.createTextNode(node.text));
    else if (node.kind === 'comment') parent.appendChild(document.createComment(node.text));
    else {
      const element = document.createElement(node.tag);
      for (const [name, value] of node.attributes) element.setAttribute(name, value);
      if (!VOID.has(node.tag)) build(node.children, element, document);
      if (node.shadow !== undefined && ['div', 'span', 'section', 'article', 'p', 'blockquote', 'h2'].includes(node.tag)) {
        build(node.shadow, element.attachShadow({ mode: 'open' }), document);
      }
      parent.appendChild(element);
    }
  }
}

/** The elements whose text the index must never read (text-index.ts SKIPPED, editable, hidden). */
export const EXCLUDED_SELECTOR =
  'script, style, noscript, template, code, pre, kbd, samp, textarea, input, select, option, button, svg, math, iframe, object, embed, canvas, video, audio, head, title, chip-lens-card, [contenteditable]:not([contenteditable="false"]), [hidden]';
