// Builds the unpacked extension: dist/ (production) or, with CHIPLENS_TEST=1, dist-test/ with
// the test-only signals compiled in. One manifest serves Chrome and Firefox.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchingDataOnly } from './knowledge-packing.mjs';

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
