// The content script's knowledge data goes through the build's packing: built here for the
// real data files, it must give back exactly the matching fields of the source JSON.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingDataOnly } from '../../scripts/knowledge-packing.mjs';
import { KNOWLEDGE_FILES } from '../../src/core/knowledge/index.js';
import type { AmbiguousAlias, Entity, KnowledgeFile } from '../../src/core/knowledge/schema.js';

const root = join(import.meta.dirname, '..', '..');

/** What the packed form promises to keep of an entity, written out field by field. */
function matchingFields(entity: Entity): Entity {
  const ambiguous = (a: AmbiguousAlias): AmbiguousAlias => ({
    alias: a.alias,
    collidesWith: '',
    ...(a.weak === true ? { weak: true } : {}),
    ...(a.strict === true ? { strict: true } : {}),
    chipBefore: a.chipBefore ?? [],
    chipAfter: a.chipAfter ?? [],
    otherBefore: a.otherBefore ?? [],
    otherAfter: a.otherAfter ?? [],
  });
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    vendor: entity.vendor,
    ...(entity.family === undefined ? {} : { family: entity.family }),
    aliases: entity.aliases,
    ambiguous: entity.ambiguous.map(ambiguous),
    cues: entity.cues,
    related: entity.related,
    summary: '',
    facts: [],
  };
}

describe('packed knowledge data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chiplens-packing-'));
  let packed: Record<string, { entities: Entity[] }> = {};
  let code = '';

  beforeAll(async () => {
    const result = await build({
      stdin: { contents: "export { KNOWLEDGE_FILES } from './src/core/knowledge/index.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      minify: true,
      charset: 'utf8',
      write: false,
      logLevel: 'error',
      plugins: [matchingDataOnly],
    });
    code = result.outputFiles[0]?.text ?? '';
    const file = join(dir, 'knowledge.mjs');
    writeFileSync(file, code);
    packed = ((await import(pathToFileURL(file).href)) as { KNOWLEDGE_FILES: typeof packed }).KNOWLEDGE_FILES;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds every data file', () => {
    expect(Object.keys(packed)).toEqual(Object.keys(KNOWLEDGE_FILES));
  });

  it('decodes to exactly the matching fields of the source, entity by entity and in order', () => {
    for (const [name, source] of Object.entries(KNOWLEDGE_FILES)) {
      const expected = (source as KnowledgeFile).entities.map(matchingFields);
      expect(packed[name]?.entities.length, name).toBe(expected.length);
      packed[name]?.entities.forEach((entity, i) => expect(entity, `${name} ${expected[i]?.id}`).toStrictEqual(expected[i]));
    }
  });

  it('leaves out what only cards read', () => {
    for (const source of Object.values(KNOWLEDGE_FILES))
      for (const entity of (source as KnowledgeFile).entities) {
        expect(code).not.toContain(entity.summary);
        for (const fact of entity.facts) expect(code).not.toContain(fact.source);
      }
  });
});
