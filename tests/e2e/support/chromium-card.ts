import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Box } from './page-probes.js';

// Page scripts cannot enter the card's closed shadow root, but DevTools can: DOM.getDocument with
// pierce returns its nodes, with node ids the other DOM and CSS commands of the same session take.

const TEXT_NODE = 3;

export interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
}

export function findNode(node: DomNode, test: (node: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}

export function findAll(node: DomNode, test: (node: DomNode) => boolean, into: DomNode[] = []): DomNode[] {
  if (test(node)) into.push(node);
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) findAll(child, test, into);
  return into;
}

export function attribute(node: DomNode, name: string): string | undefined {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

export function textOf(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue;
  if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
  return (node.children ?? []).map(textOf).join('');
}

/** An element of the shown card, as DevTools sees it. */
export interface CardElement {
  nodeId: number;
  /** Lower-case tag name. */
  tag: string;
  attributes: Record<string, string>;
  text: string;
}

/** The card inside its closed shadow root, read through one CDP session; close it when done. */
export interface CardProbe {
  /** The `.card` element itself. */
  card: CardElement;
  /** The card's elements with this tag name, in document order. */
  elements(tag: string): CardElement[];
  /** The element's border box in viewport coordinates (CSS pixels). */
  box(element: CardElement): Promise<Box>;
  /** A computed style property of the element, e.g. `background-color`. */
  computed(element: CardElement, property: string): Promise<string>;
  close(): Promise<void>;
}

/** A pierced DOM node as the element the tests read: tag, attributes and text. */
export function toElement(node: DomNode): CardElement {
  const attributes: Record<string, string> = {};
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) attributes[list[i] as string] = list[i + 1] as string;
  return { nodeId: node.nodeId, tag: node.nodeName.toLowerCase(), attributes, text: textOf(node) };
}

/** Reads the shown card; fails when no card host with a shadow root and a `.card` is in the page. */
export async function probeCard(context: BrowserContext, page: Page): Promise<CardProbe> {
  const cdp: CDPSession = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = findNode(root, (node) => node.nodeName === 'CHIP-LENS-CARD');
    const shadow = host?.shadowRoots?.[0];
    const card = shadow && findNode(shadow, (node) => (attribute(node, 'class') ?? '').split(/\s+/).includes('card'));
    if (!shadow || !card) throw new Error('no card in the page: DevTools sees no <chip-lens-card> with a .card in its shadow root');
    let cssEnabled = false;
    return {
      card: toElement(card),
      elements: (tag) => findAll(card, (node) => node.nodeName.toLowerCase() === tag).map(toElement),
      async box(element) {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: element.nodeId })) as { model: { border: number[] } };
        const xs = model.border.filter((_, i) => i % 2 === 0);
        const ys = model.border.filter((_, i) => i % 2 === 1);
        return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
      },
      async computed(element, property) {
        if (!cssEnabled) {
          await cdp.send('DOM.enable');
          await cdp.send('CSS.enable');
          cssEnabled = true;
        }
        const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: element.nodeId })) as {
          computedStyle: { name: string; value: string }[];
        };
        const found = computedStyle.find((entry) => entry.name === property);
        if (!found) throw new Error(`no computed ${property} for <${element.tag}>`);
        return found.value;
      },
      close: () => cdp.detach(),
    };
  } catch (error) {
    await cdp.detach();
    throw error;
  }
}

/** Relative luminance (WCAG) of a CSS `rgb()`/`rgba()` colour: 0 is black, 1 is white. */
export function luminance(colour: string): number {
  const parts = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(colour);
  if (!parts) throw new Error(`not an rgb() colour: ${colour}`);
  const [r, g, b] = parts.slice(1, 4).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
