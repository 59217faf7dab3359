import { describe, expect, it } from 'vitest';
import { bundledKnowledge, KNOWLEDGE_FILES } from '../../src/core/knowledge/index.js';
import { KnowledgeError, validateKnowledge, CATEGORY_OF_KIND } from '../../src/core/knowledge/schema.js';
import { normaliseAlias } from '../../src/core/match/normalise.js';

describe('bundled knowledge base', () => {
  const kb = bundledKnowledge();

  it('passes the schema, with unique ids, resolvable links and no alias shared by two entities', () => {
    expect(() => validateKnowledge(KNOWLEDGE_FILES, normaliseAlias)).not.toThrow();
  });

  it('covers at least 120 entities across every kind', () => {
    expect(kb.entities.length).toBeGreaterThanOrEqual(120);
    const kinds = new Set(kb.entities.map((e) => e.kind));
    for (const kind of Object.keys(CATEGORY_OF_KIND)) expect(kinds, kind).toContain(kind);
  });

  it('names a source for every fact', () => {
    for (const entity of kb.entities)
      for (const fact of entity.facts) expect(fact.source, `${entity.id}.${fact.key}`).toMatch(/^https:\/\//);
  });

  it('links variants to an existing family', () => {
    for (const entity of kb.entities) if (entity.family) expect(kb.get(entity.family), entity.id).toBeDefined();
  });

  it('has Chinese names for the Chinese chip lines and the big vendors', () => {
    const allNames = kb.entities.flatMap((e) => [...e.aliases, ...e.ambiguous.map((a) => a.alias)]);
    for (const name of ['英伟达', '华为', '昇腾', '寒武纪', '中芯国际']) expect(allNames).toContain(name);
  });

  it('treats every everyday word as ambiguous, never as a safe alias', () => {
    const everyday = ['ascend', 'blackwell', 'hopper', 'grace', 'gaudi', 'rubin', 'vera', 'thor', 'volta', 'turing', 'ampere', 'pascal', 'kirin', 'trillium', 'tpu', 'a100'];
    const safe = new Set(kb.entities.flatMap((e) => e.aliases.map(normaliseAlias)));
    for (const word of everyday) expect(safe.has(word), word).toBe(false);
  });
});

describe('knowledge validation', () => {
  const valid = {
    id: 'test-chip',
    name: 'Test Chip',
    kind: 'gpu',
    vendor: 'Test',
    aliases: ['TC1'],
    ambiguous: [],
    cues: [],
    related: [],
    summary: 'A chip that exists only in this test.',
    facts: [{ key: 'memory', value: '1 GB', source: 'https://example.com/spec', asOf: '2025-01' }],
  };

  it('accepts a well-formed file', () => {
    expect(validateKnowledge({ 'x.json': { description: 'x', entities: [valid] } }, normaliseAlias)).toHaveLength(1);
  });

  it.each([
    ['a kind outside the list', { ...valid, kind: 'toaster' }, 'kind'],
    ['a fact without a source', { ...valid, facts: [{ key: 'memory', value: '1 GB', asOf: '2025' }] }, 'source'],
    ['an unknown fact key', { ...valid, facts: [{ key: 'colour', value: 'red', source: 'https://a.b', asOf: '2025' }] }, 'key'],
    ['a bad as-of date', { ...valid, facts: [{ key: 'memory', value: '1 GB', source: 'https://a.b', asOf: 'May' }] }, 'asOf'],
    ['a link to a missing entity', { ...valid, related: ['nowhere'] }, 'nowhere'],
    ['an unknown field', { ...valid, colour: 'red' }, 'colour'],
  ])('rejects %s, naming the field', (_, entity, field) => {
    try {
      validateKnowledge({ 'x.json': { description: 'x', entities: [entity] } }, normaliseAlias);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      expect((error as Error).message).toContain(field);
    }
  });

  it('rejects one alias claimed by two entities', () => {
    const twin = { ...valid, id: 'twin', aliases: ['tc1'] };
    expect(() => validateKnowledge({ 'x.json': { description: 'x', entities: [valid, twin] } }, normaliseAlias)).toThrow(/also an alias/);
  });
});
