// Builds the unpacked extension: dist/ (production) or, with CHIPLENS_TEST=1, dist-test/ with
// the test-only signals compiled in. One manifest serves Chrome and Firefox.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function buildExtension({ root, dist, testBuild }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  manifest.version = pkg.version;
  for (const name of ['content.js', 'background.js', 'icons']) rmSync(join(dist, name), { recursive: true, force: true });
  await build({
    entryPoints: { content: join(root, 'src/content/index.ts'), background: join(root, 'src/background/index.ts') },
    outdir: dist,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: !testBuild,
    sourcemap: false,
    legalComments: 'none',
    define: { __CHIPLENS_TEST__: testBuild ? 'true' : 'false' },
    logLevel: 'error',
  });
  mkdirSync(join(dist, 'icons'), { recursive: true });
  cpSync(join(root, 'icons'), join(dist, 'icons'), { recursive: true, filter: (path) => !path.endsWith('.svg') || path.endsWith('icons') });
  writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
