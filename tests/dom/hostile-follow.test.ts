// @vitest-environment happy-dom
// Random changes to random trees, followed by the content script's own scanner and mutation
// follower: whatever the page does, what is highlighted stays a set of live ranges over chip
// names, never inside editable regions, code or hidden elements, and matches the index.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipLensEngine } from '../../src/core/engine.js';
import type { Highlighter } from '../../src/content/highlighter.js';
import { MutationFollower } from '../../src/content/mutation-follow.js';
import { PageIndex, type PageMention } from '../../src/content/page-index.js';
import { PageScanner } from '../../src/content/page-scanner.js';
import { ALIASES_BY_ENTITY, build, EXCLUDED_SELECTOR, foldsToOneOf, fuzzText, fuzzTree, type FuzzNode } from '../e2e/support/hostile-fuzz.js';

const engine = new ChipLensEngine();

/** A highlighter that only remembers what it was asked to show. */
class RecordingHighlighter implements Highlighter {
  readonly shown = new Set<PageMention>();
  add(mentions: Iterable<PageMention>): void {
    for (const m of mentions) this.shown.add(m);
  }
  remove(mentions: Iterable<PageMention>): void {
    for (const m of mentions) this.shown.delete(m);
  }
  apply(): void {}
  settled(): Promise<void> {
    return Promise.resolve();
  }
  destroy(): void {
    this.shown.clear();
  }
}

type Change =
  | { kind: 'append'; target: number; tree: FuzzNode[] }
  | { kind: 'text'; target: number; text: string }
  | { kind: 'remove'; target: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), target: fc.nat(), tree: fuzzTree({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('text' as const), target: fc.nat(), text: fuzzText }),
  fc.record({ kind: fc.constant('remove' as const), target: fc.nat() }),
);

function apply(step: Change, root: HTMLElement): void {
  const elements = [root, ...root.querySelectorAll('*')].filter((e) => !['br', 'img', 'wbr'].includes(e.localName));
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node as Text);
  const element = elements[step.target % elements.length] as HTMLElement;
  switch (step.kind) {
    case 'append':
      build(step.tree, element, document);
      break;
    case 'text':
      if (texts.length > 0) (texts[step.target % texts.length] as Text).data = step.text;
      else element.append(step.text);
      break;
    case 'remove':
      if (element !== root) element.remove();
  }
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function settle(scanner: PageScanner): Promise<void> {
  // The follower batches a frame's records, then queues a scan; wait for both, twice over.
  for (let i = 0; i < 3; i++) {
    await nextFrame();
    await scanner.scan([]);
  }
}

describe('following random changes (happy-dom)', () => {
  it('keeps every highlight a live range over an alias of its entity, outside editable, hidden and skipped elements', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzTree({ maxDepth: 3 }), fc.array(change, { minLength: 1, maxLength: 4 }), async (tree, changes) => {
        document.body.replaceChildren();
        const root = document.createElement('main');
        document.body.append(root);
        build(tree, root, document);
        const controller = new AbortController();
        const index = new PageIndex(engine);
        const highlighter = new RecordingHighlighter();
        const scanner = new PageScanner(index, highlighter, controller.signal);
        const follower = new MutationFollower(index, scanner, () => {}, controller.signal);
        follower.observe(document);
        try {
          await scanner.scan([document.body]);
          for (const step of changes) {
            apply(step, root);
            await settle(scanner);
          }
          const indexed = new Set(index.all());
          for (const item of highlighter.shown) {
            const text = item.range.toString();
            expect(indexed.has(item), `"${text}" is shown but no longer indexed`).toBe(true);
            expect(item.range.startContainer.isConnected, `"${text}" is shown on a detached node`).toBe(true);
            expect(foldsToOneOf(text, ALIASES_BY_ENTITY.get(item.mention.entityId)), `"${text}" as ${item.mention.entityId}`).toBe(true);
            const element = item.range.startContainer.parentElement;
            const excluded = element?.closest(EXCLUDED_SELECTOR);
            expect(excluded ?? null, `"${text}" is highlighted inside ${excluded?.outerHTML.slice(0, 120)}`).toBeNull();
          }
        } finally {
          controller.abort();
        }
      }),
      { numRuns: 150 },
    );
  });
});
