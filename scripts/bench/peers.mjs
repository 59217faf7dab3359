// What runs inside the benchmark pages. Every function here is passed to page.evaluate, so each
// is self-contained: no imports and no closures over this module.

/**
 * Installed before any page script, in both browsers: the load time, long tasks, the Chip Lens
 * test-build signals (with their arrival time and the painted frame after them), key-press delays
 * and frame gaps. Kept cheap: the 'scanned' detail (every mention's text) is stored unparsed.
 */
export const INIT_SCRIPT = `(() => {
  const bench = (window.__bench = { load: null, longtasks: [], signals: [], inputs: [], frames: null });
  // After the next frame has been rendered: a rAF callback runs just before style, layout and
  // paint of its frame; a message posted from it is handled after that frame's main-thread work.
  bench.afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const rafAt = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({ rafAt, paintedAt: performance.now() });
    channel.port2.postMessage(0);
  }));
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  // Registered before any other script can listen, so this runs first in the load event's task.
  addEventListener('load', () => { bench.load = performance.now(); performance.mark('bench:load'); }, { once: true });
  addEventListener('chiplens-test', (event) => {
    const at = performance.now();
    const entry = { at, raw: event.detail, rafAt: null, paintedAt: null };
    bench.signals.push(entry);
    bench.afterFrame().then(({ rafAt, paintedAt }) => {
      entry.rafAt = rafAt;
      entry.paintedAt = paintedAt;
      performance.mark('bench:painted');
      console.debug('__bench:signal');
    });
  });
  addEventListener('keydown', (event) => bench.inputs.push([event.timeStamp, performance.now()]), true);
})();`;

/**
 * Only in the browser without the extension: the stylesheet of the `regexp-highlight` peer,
 * adopted at document start (before any element exists, so it costs no style recalculation).
 */
export const PLAIN_INIT_SCRIPT = `(() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(bench-hit){background-color:rgba(232,89,12,.16);text-decoration:underline 2px rgb(232,89,12)}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
})();`;

/** Resolves after two idle periods and a pause: idle-time work queued before this call has run. */
export function afterIdle(pauseMs) {
  const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }));
  return idle()
    .then(idle)
    .then(() => new Promise((resolve) => setTimeout(resolve, pauseMs)))
    .then(() => performance.now());
}

/** Resolves once the page has rendered and gone idle (two frames, then an idle period). */
export function settle() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => resolve(performance.now()), { timeout: 3000 }))),
  );
}

/** Starts recording the gaps between animation frames (a frame callback each frame). */
export function watchFrames() {
  const bench = window.__bench;
  bench.frames = { last: performance.now(), longest: 0, longestAt: 0, count: 0, stop: false };
  const tick = (now) => {
    const frames = bench.frames;
    const gap = now - frames.last;
    if (gap > frames.longest) {
      frames.longest = gap;
      frames.longestAt = now;
    }
    frames.last = now;
    frames.count++;
    if (!frames.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Everything recorded in the page so far, the 'scanned' signals parsed without their mention texts. */
export function collect() {
  const bench = window.__bench;
  const signals = bench.signals.map(({ at, raw, rafAt, paintedAt }) => {
    const detail = JSON.parse(raw);
    if (Array.isArray(detail.texts)) {
      detail.textsCount = detail.texts.length;
      delete detail.texts;
    }
    return { ...detail, at, rafAt, paintedAt };
  });
  let highlighted = 0;
  if (typeof CSS !== 'undefined' && CSS.highlights) for (const [name, highlight] of CSS.highlights) if (name.startsWith('chiplens-')) highlighted += highlight.size;
  if (bench.frames) bench.frames.stop = true;
  return { load: bench.load, longtasks: bench.longtasks, signals, inputs: bench.inputs, frames: bench.frames, highlighted, now: performance.now() };
}

/**
 * One approach, timed in the page: `start` when its work begins, `workEnd` when its synchronous
 * work returns, `paintedAt` after the next rendered frame (so the relayout and paint that
 * wrapping causes are counted). Runs as one task, as these approaches do.
 */
export async function runPeer({ approach, aliases, markOptions }) {
  const afterFrame = window.__bench.afterFrame;
  // The regular expression the two RegExp peers share: every alias, longest first, on word edges.
  const bigRegExp = (list) => {
    const escaped = [...list].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`(?<![A-Za-z0-9])(?:${escaped.join('|')})(?![A-Za-z0-9])`, 'gi');
  };
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE', 'HEAD']);
  let matches = 0;
  let extra = {};
  const start = performance.now();
  if (approach === 'floor') {
    // Only reads every text node: the least any text highlighter must do.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    let nodes = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      chars += node.data.length;
      nodes++;
    }
    extra = { chars, nodes };
  } else if (approach === 'regexp-wrap') {
    // One big alternation per text node; each match wrapped in <mark>, last first so offsets hold.
    const re = bigRegExp(aliases);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const data = node.data;
      re.lastIndex = 0;
      let spans = null;
      for (let m = re.exec(data); m !== null; m = re.exec(data)) (spans ??= []).push(m.index, m.index + m[0].length);
      if (spans !== null) found.push(node, spans);
    }
    for (let i = 0; i < found.length; i += 2) {
      const node = found[i];
      // Only nodes with a hit have their parent looked at.
      if (node.parentNode === null || SKIP.has(node.parentNode.nodeName)) continue;
      const spans = found[i + 1];
      for (let j = spans.length - 2; j >= 0; j -= 2) {
        const middle = node.splitText(spans[j]);
        middle.splitText(spans[j + 1] - spans[j]);
        const mark = document.createElement('mark');
        middle.parentNode.replaceChild(mark, middle);
        mark.appendChild(middle);
        matches++;
      }
    }
  } else if (approach === 'regexp-highlight') {
    // The same RegExp, but the matches become Ranges in CSS.highlights (the page's DOM is untouched).
    const re = bigRegExp(aliases);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const highlight = new Highlight();
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const data = node.data;
      re.lastIndex = 0;
      let skipChecked = false;
      for (let m = re.exec(data); m !== null; m = re.exec(data)) {
        if (!skipChecked) {
          if (SKIP.has(node.parentNode.nodeName)) break;
          skipChecked = true;
        }
        const range = new Range();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        highlight.add(range);
        matches++;
      }
    }
    CSS.highlights.set('bench-hit', highlight);
  } else if (approach === 'markjs-regexp') {
    const re = bigRegExp(aliases);
    new window.Mark(document.body).markRegExp(re, { each: () => matches++ });
  } else if (approach === 'markjs-array') {
    new window.Mark(document.body).mark(aliases, { ...markOptions, each: () => matches++ });
  } else throw new Error(`unknown approach ${approach}`);
  const workEnd = performance.now();
  const { paintedAt } = await afterFrame();
  if (approach !== 'floor') extra.marks = document.getElementsByTagName('mark').length;
  return { start, workEnd, paintedAt, matches, ...extra };
}

/**
 * Appends `paragraphs` (HTML strings) one by one to the last story, as an endless feed does,
 * and returns the time right after the last append (the page's own work ends there).
 */
export function appendParagraphs(paragraphs) {
  const target = document.querySelector('main article:last-of-type') ?? document.body;
  const template = document.createElement('template');
  template.innerHTML = paragraphs.join('');
  const nodes = [...template.content.children];
  performance.mark('bench:append');
  const start = performance.now();
  for (const node of nodes) target.appendChild(node);
  return { start, appended: performance.now(), count: nodes.length };
}

/**
 * A highlighted chip mention in the top part of the viewport, scrolled into view: the centre of
 * its first line box, where the pointer goes, and its text.
 */
export function visibleMention() {
  for (const name of ['chiplens-chip', 'chiplens-org', 'chiplens-tech', 'chiplens-arch', 'chiplens-policy']) {
    for (const range of CSS.highlights.get(name) ?? []) {
      const box = range.getClientRects()[0];
      if (box === undefined || box.width < 12 || box.top < 80 || box.bottom > innerHeight - 320 || box.left < 20 || box.right > innerWidth / 2) continue;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, text: range.toString() };
    }
  }
  return null;
}

/**
 * Records, for the next mousemove that lands at (x, y), the animation frame that follows it: the
 * content script reads the pointer in that frame and starts its dwell there.
 */
export function watchPointer({ x, y }) {
  const bench = window.__bench;
  bench.pointer = { moveAt: null, frameAt: null };
  addEventListener(
    'mousemove',
    (event) => {
      if (Math.abs(event.clientX - x) > 1 || Math.abs(event.clientY - y) > 1 || bench.pointer.moveAt !== null) return;
      bench.pointer.moveAt = event.timeStamp;
      requestAnimationFrame(() => {
        bench.pointer.frameAt = performance.now();
      });
    },
    { passive: true },
  );
}

export function pointerTimes() {
  return window.__bench.pointer;
}

/** The same append in a page without Chip Lens, up to the painted frame after it: the page's own cost. */
export async function appendAndPaint(paragraphs) {
  const target = document.querySelector('main article:last-of-type') ?? document.body;
  const template = document.createElement('template');
  template.innerHTML = paragraphs.join('');
  const nodes = [...template.content.children];
  performance.mark('bench:append');
  const start = performance.now();
  for (const node of nodes) target.appendChild(node);
  const appended = performance.now();
  const { paintedAt } = await window.__bench.afterFrame();
  performance.mark('bench:append-painted');
  return { start, appended, paintedAt, count: nodes.length };
}
