// What only Chromium's DevTools protocol can see: the card inside its closed shadow root, CPU
// time by script, and the JS heap.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { findAll, toElement, type CardElement, type DomNode } from './chromium-card.js';

export interface CardInside {
  shadowRootType: string;
  /** Every element inside the shadow root, in document order. */
  elements: CardElement[];
  /** The `.card` element. */
  card: CardElement;
  box(element: CardElement): Promise<{ left: number; top: number; right: number; bottom: number }>;
  computed(element: CardElement, properties: string[]): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The shown card, read through DevTools (which sees into closed shadow roots). */
export async function cardInside(context: BrowserContext, page: Page): Promise<CardInside> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const hosts = findAll(root, (node) => node.nodeName === 'CHIP-LENS-CARD');
    const shadow = hosts.map((host) => host.shadowRoots?.[0]).find((s) => s !== undefined);
    if (!shadow) throw new Error(`no card shadow root in the page (${hosts.length} <chip-lens-card> hosts)`);
    const elements = findAll(shadow, (node) => node.nodeType === 1);
    const card = elements.find((node) => toElement(node).attributes.class?.split(/\s+/).includes('card'));
    if (!card) throw new Error('no .card in the shadow root');
    return {
      shadowRootType: shadow.shadowRootType ?? '',
      elements: elements.map(toElement),
      card: toElement(card),
      async box(element) {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: element.nodeId })) as { model: { border: number[] } };
        const xs = model.border.filter((_, i) => i % 2 === 0);
        const ys = model.border.filter((_, i) => i % 2 === 1);
        return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
      },
      async computed(element, properties) {
        const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: element.nodeId })) as { computedStyle: { name: string; value: string }[] };
        return Object.fromEntries(properties.map((p) => [p, computedStyle.find((entry) => entry.name === p)?.value ?? '']));
      },
      close: () => cdp.detach(),
    };
  } catch (error) {
    await cdp.detach();
    throw error;
  }
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

export interface CpuProbe {
  /** Stops: the page's metrics over the period and the CPU time by where the script came from. */
  stop(): Promise<CpuFigures>;
}

export interface CpuFigures {
  /** Wall time of the period, ms. */
  wallMs: number;
  /** Renderer main-thread task time (Performance.getMetrics TaskDuration delta), ms. */
  taskMs: number;
  /** Script time of every world (ScriptDuration delta), ms. */
  scriptMs: number;
  /** Sampled CPU time with an extension script (`chrome-extension://`) on the stack, ms. */
  extensionMs: number;
  /** Sampled CPU time with the page's own scripts on the stack and no extension frame, ms. */
  pageMs: number;
  /**
   * The longest run of consecutive samples all inside extension scripts, ms: an upper bound on
   * the longest stretch the extension held the main thread (slices that follow each other with
   * nothing else waiting merge into one run).
   */
  longestExtensionRunMs: number;
  /** Where that run spent its time: the extension functions most often on top of the stack. */
  longestRunTop: string[];
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Starts the sampling profiler and the page metrics. */
export async function startCpuProbe(context: BrowserContext, page: Page): Promise<CpuProbe> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  const before = await metrics(cdp);
  const started = Date.now();
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const after = await metrics(cdp);
      const wallMs = Date.now() - started;
      await cdp.detach();
      const parent = new Map<number, number>();
      const byId = new Map<number, ProfileNode>();
      for (const node of profile.nodes) {
        byId.set(node.id, node);
        for (const child of node.children ?? []) parent.set(child, node.id);
      }
      const origin = new Map<number, 'extension' | 'page' | 'other'>();
      const originOf = (id: number): 'extension' | 'page' | 'other' => {
        const known = origin.get(id);
        if (known !== undefined) return known;
        let found: 'extension' | 'page' | 'other' = 'other';
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
          const url = byId.get(at)?.callFrame.url ?? '';
          if (url.startsWith('chrome-extension://')) {
            found = 'extension';
            break;
          }
          if (url.startsWith('http')) found = 'page';
        }
        origin.set(id, found);
        return found;
      };
      let extensionUs = 0;
      let pageUs = 0;
      let runUs = 0;
      let runStart = 0;
      let longest = { us: 0, from: 0, to: 0 };
      profile.samples.forEach((id, i) => {
        const name = byId.get(id)?.callFrame.functionName;
        const delta = profile.timeDeltas[i + 1] ?? 0;
        const where = name === '(idle)' || name === '(program)' ? 'other' : originOf(id);
        if (where === 'extension') {
          if (runUs === 0) runStart = i;
          runUs += delta;
          extensionUs += delta;
          if (runUs > longest.us) longest = { us: runUs, from: runStart, to: i };
        } else {
          runUs = 0;
          if (where === 'page') pageUs += delta;
        }
      });
      const topCounts = new Map<string, number>();
      for (let i = longest.from; i <= longest.to && longest.us > 0; i++) {
        // The innermost extension frame of the sample.
        for (let at: number | undefined = profile.samples[i]; at !== undefined; at = parent.get(at)) {
          const frame = byId.get(at)?.callFrame;
          if (frame?.url.startsWith('chrome-extension://')) {
            const key = frame.functionName || '(anonymous)';
            topCounts.set(key, (topCounts.get(key) ?? 0) + 1);
            break;
          }
        }
      }
      const longestRunTop = [...topCounts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([fn, n]) => `${fn} ×${n}`);
      return {
        wallMs,
        taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
        scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
        extensionMs: extensionUs / 1000,
        pageMs: pageUs / 1000,
        longestExtensionRunMs: longest.us / 1000,
        longestRunTop,
      };
    },
  };
}

/** The JS heap of the page's renderer (all worlds) after a full garbage collection, bytes. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    return (await metrics(cdp)).JSHeapUsedSize ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}
