// @vitest-environment happy-dom
// Property tests on random DOM trees and random text, driving the content script's own modules:
// the text walk (text-index.ts) and the page index (page-index.ts) with the real engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import { PageIndex, type PageMention } from '../../src/content/page-index.js';
import { walkText, type TextSegment } from '../../src/content/text-index.js';
import { ALIASES_BY_ENTITY, build, EXCLUDED_SELECTOR, foldsToOneOf, fuzzText, fuzzTree, type FuzzNode } from '../e2e/support/hostile-fuzz.js';

const engine = new ChipLensEngine();

/** Serialises a root and the open shadow roots inside it, which innerHTML leaves out. */
function serialise(root: Element | ShadowRoot): string {
  let out = root.innerHTML;
  const hosts = root.querySelectorAll('*');
  for (const host of hosts) if (host.shadowRoot) out += `\n#shadow(${host.localName}):${serialise(host.shadowRoot)}`;
  return out;
}

/** Scans like the page scanner does: walk every root (shadow roots as they are found), then index. */
function scan(root: Node): PageMention[] {
  const segments: TextSegment[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) for (const _ of walkText(pending.shift() as Node, (s) => segments.push(s), (r) => pending.push(r)));
  const index = new PageIndex(engine);
  const added: PageMention[] = [];
  for (const _ of index.add(segments, added));
  return added;
}

const LINE_BREAKS = /[\n\r\u2028\u2029]/g;

function checkMentions(mentions: readonly PageMention[]): void {
  for (const item of mentions) {
    const { range, segment, start, end, mention } = item;
    const text = range.toString();
    // The range covers exactly the mention's characters of its segment...
    expect(text.replace(LINE_BREAKS, ' ')).toBe(segment.text.slice(start, end));
    expect(mention.text).toBe(segment.text.slice(start, end));
    // ...and they fold to an alias of the mention's entity.
    expect(foldsToOneOf(text, ALIASES_BY_ENTITY.get(mention.entityId)), `"${text}" as ${mention.entityId}`).toBe(true);
    // Never inside code, scripts, form fields, editable regions or hidden elements.
    for (const container of [range.startContainer, range.endContainer]) {
      const element = container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement;
      expect(element?.closest(EXCLUDED_SELECTOR) ?? null, `"${text}" inside ${element?.closest(EXCLUDED_SELECTOR)?.outerHTML.slice(0, 80)}`).toBeNull();
      expect(segment.nodes).toContain(container);
    }
  }
}

describe('scanning random DOM trees (happy-dom)', () => {
  it('never throws, never changes the DOM, and every range covers exactly an alias of its entity', () => {
    let found = 0;
    fc.assert(
      fc.property(fuzzTree({ shadowRoots: true }), (tree: FuzzNode[]) => {
        document.body.replaceChildren();
        build(tree, document.body, document);
        const before = serialise(document.body);
        const mentions = scan(document.body);
        expect(serialise(document.body)).toBe(before);
        checkMentions(mentions);
        found += mentions.length;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the random trees do name chips.
    expect(found).toBeGreaterThan(50);
  });

  it('finds every chip name a tree of plain paragraphs spells out, split over inline elements or not', () => {
    // Names that a chip word beside them is enough for, each in its own paragraph, cut in two at
    // a random point with an inline element around the second half.
    const safe = ['H20', 'Ascend 910C', 'MI300X', 'Gaudi 3', 'TPU v5p', 'HBM3E', 'NVLink', 'Trainium2'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...safe), fc.nat(), fc.constantFrom('b', 'span', 'a', 'em')), { minLength: 1, maxLength: 8 }), (names) => {
        document.body.replaceChildren();
        for (const [name, cut, tag] of names) {
          const p = document.createElement('p');
          const at = cut % (name.length + 1);
          const inner = document.createElement(tag);
          inner.append(name.slice(at));
          p.append(`The chip maker shipped the ${name.slice(0, at)}`, inner, ' accelerator.');
          document.body.append(p);
        }
        const mentions = scan(document.body);
        checkMentions(mentions);
        expect(mentions.map((m) => m.range.toString())).toEqual(names.map(([name]) => name));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random text in a single text node, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(fuzzText, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        document.body.replaceChildren(document.createElement('p'));
        (document.body.firstChild as HTMLElement).append(text);
        const mentions = scan(document.body);
        expect((document.body.firstChild as HTMLElement).textContent).toBe(text);
        checkMentions(mentions);
      }),
      { numRuns: 400 },
    );
  });
});
