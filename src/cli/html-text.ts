import { parseHTML } from 'linkedom';

/** Elements whose content a reader never sees as text. */
const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'IFRAME', 'OBJECT', 'CANVAS', 'TEXTAREA', 'SELECT']);

/** Elements that start a new line of text: their content is its own paragraph. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<NodeLike>;
  getAttribute?: (name: string) => string | null;
  hasAttribute?: (name: string) => boolean;
}

function isHidden(element: NodeLike): boolean {
  if (element.hasAttribute?.('hidden')) return true;
  const style = element.getAttribute?.('style') ?? '';
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * The text a reader sees in an HTML document: scripts, styles and hidden elements left out,
 * white space collapsed as a browser does, and each block on a line of its own, so that
 * sentences and paragraphs come out as on the page.
 */
export function visibleText(html: string): string {
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`);
  const lines: string[] = [];
  let line = '';
  const endLine = (): void => {
    const trimmed = line.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (trimmed !== '') lines.push(trimmed);
    line = '';
  };
  const walk = (node: NodeLike): void => {
    if (node.nodeType === 3) {
      line += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    if (INVISIBLE.has(node.nodeName.toUpperCase()) || (node.nodeType === 1 && isHidden(node))) return;
    const block = BLOCKS.has(node.nodeName.toUpperCase());
    if (block) endLine();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i] as NodeLike);
    if (block) endLine();
  };
  walk(document.body ?? document.documentElement);
  endLine();
  return lines.join('\n');
}
