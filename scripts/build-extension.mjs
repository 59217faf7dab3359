// Builds the unpacked extension: dist/ (production) or, with CHIPLENS_TEST=1, dist-test/ with
// the test-only signals compiled in. One manifest serves Chrome and Firefox.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** PRIVACY.md as a page of the extension: headings, paragraphs, lists, bold and code only. */
function privacyPage(markdown) {
  const inline = (text) => escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`(.+?)`/g, '<code>$1</code>');
  const blocks = markdown.trim().split(/\n\s*\n/);
  const body = blocks
    .map((block) => {
      const heading = /^(#{1,3}) (.*)$/.exec(block);
      if (heading) return `<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`;
      if (/^- /.test(block)) return `<ul>${block.split(/\n(?=- )/).map((item) => `<li>${inline(item.replace(/^- /, '').replace(/\s*\n\s*/g, ' '))}</li>`).join('')}</ul>`;
      return `<p>${inline(block.replace(/\s*\n\s*/g, ' '))}</p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Chip Lens privacy</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}</style></head><body>\n${body}\n</body></html>\n`;
}

/**
 * Loads a knowledge data file without what only cards and maintainers read (summaries, facts,
 * notes), packed: each distinct string once in a table, each entity a row of indexes. The
 * module rebuilds the same entity objects on load, at a fraction of the bytes every page loads.
 */
function packMatchingData(file) {
  const strings = [];
  const indexOf = new Map();
  const ref = (text) => {
    if (!indexOf.has(text)) {
      indexOf.set(text, strings.length);
      strings.push(text);
    }
    return indexOf.get(text);
  };
  const refs = (list) => (list ?? []).map(ref);
  const rows = file.entities.map((e) => [
    ref(e.id), ref(e.name), ref(e.kind), e.vendor === null ? -1 : ref(e.vendor), e.family === undefined ? -1 : ref(e.family),
    refs(e.aliases), e.ambiguous.map((a) => [ref(a.alias), (a.weak === true ? 1 : 0) + (a.strict === true ? 2 : 0), refs(a.chipBefore), refs(a.chipAfter), refs(a.otherBefore), refs(a.otherAfter)]),
    refs(e.cues), refs(e.related),
  ]);
  return `const S = ${JSON.stringify(strings)};
const L = (list) => list.map((i) => S[i]);
export default { entities: ${JSON.stringify(rows)}.map((r) => ({
  id: S[r[0]], name: S[r[1]], kind: S[r[2]], vendor: r[3] < 0 ? null : S[r[3]], ...(r[4] < 0 ? {} : { family: S[r[4]] }),
  aliases: L(r[5]),
  ambiguous: r[6].map((a) => ({ alias: S[a[0]], collidesWith: '', ...(a[1] & 1 ? { weak: true } : {}), ...(a[1] & 2 ? { strict: true } : {}), chipBefore: L(a[2]), chipAfter: L(a[3]), otherBefore: L(a[4]), otherAfter: L(a[5]) })),
  cues: L(r[7]), related: L(r[8]), summary: '', facts: [],
})) };
`;
}

const matchingDataOnly = {
  name: 'matching-data-only',
  setup(esbuild) {
    esbuild.onLoad({ filter: /knowledge[\\/]data[\\/][^\\/]+\.json$/ }, (args) => ({
      contents: packMatchingData(JSON.parse(readFileSync(args.path, 'utf8'))),
      loader: 'js',
    }));
  },
};

export async function buildExtension({ root, dist, testBuild }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  manifest.version = pkg.version;
  for (const name of ['content.js', 'background.js', 'options.js', 'popup.js', 'highlights.css', 'icons']) rmSync(join(dist, name), { recursive: true, force: true });
  const common = {
    outdir: dist,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: !testBuild,
    sourcemap: false,
    legalComments: 'none',
    // Chinese names stay as UTF-8 rather than \\u escapes, at a third of the size.
    charset: 'utf8',
    define: { __CHIPLENS_TEST__: testBuild ? 'true' : 'false' },
    logLevel: 'error',
  };
  await build({
    ...common,
    entryPoints: {
      background: join(root, 'src/background/index.ts'),
      options: join(root, 'src/options/options.ts'),
      popup: join(root, 'src/popup/popup.ts'),
    },
  });
  // Every page loads the content script: it carries only what matching needs; the card's
  // summaries and facts come from the background when a page names the entity.
  await build({ ...common, entryPoints: { content: join(root, 'src/content/index.ts') }, plugins: [matchingDataOnly] });
  mkdirSync(join(dist, 'icons'), { recursive: true });
  cpSync(join(root, 'icons'), join(dist, 'icons'), { recursive: true, filter: (path) => !path.endsWith('.svg') || path.endsWith('icons') });
  for (const page of ['options', 'popup']) for (const ext of ['html', 'css']) cpSync(join(root, 'src', page, `${page}.${ext}`), join(dist, `${page}.${ext}`));
  cpSync(join(root, 'src/content/highlights.css'), join(dist, 'highlights.css'));
  writeFileSync(join(dist, 'privacy.html'), privacyPage(readFileSync(join(root, 'PRIVACY.md'), 'utf8')));
  writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
