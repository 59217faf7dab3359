// Builds the CLI (dist/cli.js) and, when its sources exist, the extension (dist/).
// The knowledge base is validated first: a data error stops the build with the bad field named.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testBuild = process.env.CHIPLENS_TEST === '1';
// The test build (readiness and card signals compiled in) never overwrites the real one.
const dist = join(root, testBuild ? 'dist-test' : 'dist');

async function checkKnowledge() {
  const out = join(root, 'node_modules', '.cache', 'chiplens', 'check-knowledge.mjs');
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: {
      contents: `import { KNOWLEDGE_FILES } from './src/core/knowledge/index.ts';
        import { validateKnowledge } from './src/core/knowledge/schema.ts';
        import { normaliseAlias } from './src/core/match/normalise.ts';
        export const count = validateKnowledge(KNOWLEDGE_FILES, normaliseAlias).length;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  try {
    const { count } = await import(`${pathToFileURL(out).href}?t=${Date.now()}`);
    return count;
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

async function buildCli() {
  const outfile = join(dist, 'cli.js');
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
}

const entities = await checkKnowledge();
mkdirSync(dist, { recursive: true });
await buildCli();
const extension = await import('./build-extension.mjs').catch((error) => (error.code === 'ERR_MODULE_NOT_FOUND' ? undefined : Promise.reject(error)));
if (extension) await extension.buildExtension({ root, dist, testBuild });
console.log(`built ${testBuild ? 'dist-test' : 'dist'}/ (${entities} entities${testBuild ? ', test build' : ''})`);
