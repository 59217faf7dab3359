/**
 * The shape of the bundled knowledge base, and its validation.
 *
 * The data lives in `data/*.json`, one file per group of entities. Every file is checked
 * against this schema at build time (scripts/build.mjs) and in the unit tests, so a typo in
 * the data fails loudly instead of silently matching nothing.
 */

export const ENTITY_KINDS = [
  'accelerator',
  'gpu',
  'cpu',
  'soc',
  'architecture',
  'software',
  'interconnect',
  'memory',
  'process',
  'company',
  'policy',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The coarse category used by the CLI, the highlight styles and the settings. */
export type Category = 'chip' | 'arch' | 'tech' | 'org' | 'policy';

export const CATEGORY_OF_KIND: Record<EntityKind, Category> = {
  accelerator: 'chip',
  gpu: 'chip',
  cpu: 'chip',
  soc: 'chip',
  architecture: 'arch',
  software: 'tech',
  interconnect: 'tech',
  memory: 'tech',
  process: 'tech',
  company: 'org',
  policy: 'policy',
};

/**
 * Fact keys with their display labels. A fixed list, so the card can line up the same
 * figure of two chips side by side.
 */
export const FACT_LABELS = {
  announced: 'Announced',
  released: 'Shipping',
  architecture: 'Architecture',
  process: 'Process',
  transistors: 'Transistors',
  memory: 'Memory',
  memoryBandwidth: 'Memory bandwidth',
  bf16Tflops: 'BF16/FP16 dense',
  fp8Tflops: 'FP8 dense',
  fp4Pflops: 'FP4 dense',
  int8Tops: 'INT8',
  power: 'Power',
  interconnect: 'Interconnect',
  scale: 'Scale',
  exportStatus: 'Export status',
  founded: 'Founded',
  headquarters: 'Headquarters',
  effective: 'In force',
  scope: 'Scope',
} as const;
export type FactKey = keyof typeof FACT_LABELS;

/** Facts that are figures of the same unit across chips, so they line up in a comparison. */
export const COMPARABLE_FACTS: readonly FactKey[] = [
  'process',
  'memory',
  'memoryBandwidth',
  'bf16Tflops',
  'fp8Tflops',
  'power',
];

export interface Fact {
  key: FactKey;
  /** Display text, units included: "80 GB HBM3", "989 TFLOPS". */
  value: string;
  /** An https URL of the page that states the figure. */
  source: string;
  /** When the source stated it: YYYY, YYYY-MM or YYYY-MM-DD. */
  asOf: string;
}

/**
 * An alias that is also an everyday word or name. It is matched case-sensitively and kept
 * only where the context supports the chip sense. The phrase lists are checked against the
 * words right next to the hit (case-insensitive, whole words).
 */
export interface AmbiguousAlias {
  alias: string;
  /** What else the word means, for the debug view and for maintainers. */
  collidesWith: string;
  /**
   * Model numbers (H100, B200) collide only with stray codes (a road, a van); any chip
   * evidence in the document is enough for them. Words and names need closer evidence.
   */
  weak?: boolean;
  /**
   * For a word that nearly always means something else (Tesla the carmaker): kept only right
   * next to one of its chip phrases, whatever else the sentence says.
   */
  strict?: boolean;
  /** Phrases right before the alias that mean the chip ("Nvidia", "Huawei's"). */
  chipBefore?: string[];
  /** Phrases right after the alias that mean the chip ("GPU", "chips", "910C"). */
  chipAfter?: string[];
  /** Phrases right before the alias that mean the everyday sense ("Edward", "Admiral"). */
  otherBefore?: string[];
  /** Phrases right after the alias that mean the everyday sense ("Observatory", "the"). */
  otherAfter?: string[];
}

export interface Entity {
  /** kebab-case, unique: "nvidia-h100". */
  id: string;
  /** Display name: "Nvidia H100". */
  name: string;
  kind: EntityKind;
  /** Display name of the maker, or null for standards and policies. */
  vendor: string | null;
  /** Id of the entity this one is a variant or member of ("nvidia-hopper" for the H100). */
  family?: string;
  /** Names safe to match alone, matched case-insensitively. */
  aliases: string[];
  /** Names that are also everyday words or names; matched case-sensitively, need context. */
  ambiguous: AmbiguousAlias[];
  /** Words whose presence nearby supports this entity's chip sense (vendor names, product words). */
  cues: string[];
  /** Ids of entities often named alongside this one. */
  related: string[];
  /** One line in our own words. */
  summary: string;
  facts: Fact[];
}

export interface KnowledgeFile {
  /** What this file covers, for maintainers. */
  description: string;
  entities: Entity[];
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const AS_OF_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** A problem found in the data, with the path to the bad field. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`knowledge base is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'KnowledgeError';
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');
}

function checkPhraseList(value: unknown, path: string, problems: string[]): void {
  if (value !== undefined && !isStringArray(value)) problems.push(`${path}: must be a list of non-empty strings`);
}

function checkAmbiguous(value: unknown, path: string, problems: string[]): void {
  if (typeof value !== 'object' || value === null) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const entry = value as Record<string, unknown>;
  if (typeof entry.alias !== 'string' || entry.alias.trim() === '') problems.push(`${path}.alias: must be a non-empty string`);
  if (typeof entry.collidesWith !== 'string' || entry.collidesWith.trim() === '')
    problems.push(`${path}.collidesWith: must say what else the word means`);
  if (entry.weak !== undefined && typeof entry.weak !== 'boolean') problems.push(`${path}.weak: must be true or false`);
  if (entry.strict !== undefined && typeof entry.strict !== 'boolean') problems.push(`${path}.strict: must be true or false`);
  for (const key of ['chipBefore', 'chipAfter', 'otherBefore', 'otherAfter'])
    checkPhraseList(entry[key], `${path}.${key}`, problems);
  const known = new Set(['alias', 'collidesWith', 'weak', 'strict', 'chipBefore', 'chipAfter', 'otherBefore', 'otherAfter']);
  for (const key of Object.keys(entry)) if (!known.has(key)) problems.push(`${path}.${key}: unknown field`);
}

function checkFact(value: unknown, path: string, problems: string[]): void {
  if (typeof value !== 'object' || value === null) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const fact = value as Record<string, unknown>;
  if (typeof fact.key !== 'string' || !(fact.key in FACT_LABELS))
    problems.push(`${path}.key: must be one of ${Object.keys(FACT_LABELS).join(', ')}`);
  if (typeof fact.value !== 'string' || fact.value.trim() === '') problems.push(`${path}.value: must be a non-empty string`);
  if (typeof fact.source !== 'string' || !/^https:\/\/[^\s]+$/.test(fact.source))
    problems.push(`${path}.source: must be an https URL`);
  if (typeof fact.asOf !== 'string' || !AS_OF_PATTERN.test(fact.asOf)) problems.push(`${path}.asOf: must be YYYY, YYYY-MM or YYYY-MM-DD`);
  const known = new Set(['key', 'value', 'source', 'asOf']);
  for (const key of Object.keys(fact)) if (!known.has(key)) problems.push(`${path}.${key}: unknown field`);
}

function checkEntity(value: unknown, path: string, problems: string[]): void {
  if (typeof value !== 'object' || value === null) {
    problems.push(`${path}: must be an object`);
    return;
  }
  const entity = value as Record<string, unknown>;
  if (typeof entity.id !== 'string' || !ID_PATTERN.test(entity.id)) problems.push(`${path}.id: must be kebab-case`);
  if (typeof entity.name !== 'string' || entity.name.trim() === '') problems.push(`${path}.name: must be a non-empty string`);
  if (typeof entity.kind !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(entity.kind))
    problems.push(`${path}.kind: must be one of ${ENTITY_KINDS.join(', ')}`);
  if (entity.vendor !== null && (typeof entity.vendor !== 'string' || entity.vendor.trim() === ''))
    problems.push(`${path}.vendor: must be a name or null`);
  if (entity.family !== undefined && (typeof entity.family !== 'string' || !ID_PATTERN.test(entity.family)))
    problems.push(`${path}.family: must be an entity id`);
  if (!isStringArray(entity.aliases)) problems.push(`${path}.aliases: must be a list of non-empty strings`);
  if (!Array.isArray(entity.ambiguous)) problems.push(`${path}.ambiguous: must be a list`);
  else entity.ambiguous.forEach((item, i) => checkAmbiguous(item, `${path}.ambiguous[${i}]`, problems));
  if (!isStringArray(entity.cues)) problems.push(`${path}.cues: must be a list of non-empty strings`);
  if (!isStringArray(entity.related)) problems.push(`${path}.related: must be a list of entity ids`);
  if (typeof entity.summary !== 'string' || entity.summary.trim().length < 20)
    problems.push(`${path}.summary: must be a sentence`);
  if (!Array.isArray(entity.facts)) problems.push(`${path}.facts: must be a list`);
  else entity.facts.forEach((item, i) => checkFact(item, `${path}.facts[${i}]`, problems));
  const known = new Set(['id', 'name', 'kind', 'vendor', 'family', 'aliases', 'ambiguous', 'cues', 'related', 'summary', 'facts']);
  for (const key of Object.keys(entity)) if (!known.has(key)) problems.push(`${path}.${key}: unknown field`);
}

/**
 * Checks every file's shape, then what only the whole set can show: unique ids, links that
 * point at real entities, and no alias claimed by two entities.
 * `normaliseAlias` is passed in so the check uses the matcher's own idea of "the same alias".
 */
export function validateKnowledge(
  files: Record<string, unknown>,
  normaliseAlias: (alias: string) => string,
): Entity[] {
  const problems: string[] = [];
  const entities: Entity[] = [];
  for (const [fileName, file] of Object.entries(files)) {
    const data = file as Partial<KnowledgeFile> | null;
    if (typeof data !== 'object' || data === null || !Array.isArray(data.entities)) {
      problems.push(`${fileName}: must be an object with an "entities" list`);
      continue;
    }
    if (typeof data.description !== 'string') problems.push(`${fileName}.description: must say what the file covers`);
    data.entities.forEach((entity, i) => {
      const before = problems.length;
      checkEntity(entity, `${fileName}.entities[${i}]`, problems);
      if (problems.length === before) entities.push(entity);
    });
  }
  const ids = new Set<string>();
  for (const entity of entities) {
    if (ids.has(entity.id)) problems.push(`${entity.id}: id used twice`);
    ids.add(entity.id);
  }
  const owner = new Map<string, string>();
  for (const entity of entities) {
    if (entity.family !== undefined && !ids.has(entity.family)) problems.push(`${entity.id}.family: no entity "${entity.family}"`);
    for (const related of entity.related) if (!ids.has(related)) problems.push(`${entity.id}.related: no entity "${related}"`);
    const names = [...entity.aliases, ...entity.ambiguous.map((a) => a.alias)];
    for (const name of names) {
      const key = normaliseAlias(name);
      const previous = owner.get(key);
      if (previous !== undefined && previous !== entity.id) problems.push(`${entity.id}: alias "${name}" is also an alias of ${previous}`);
      else if (previous === entity.id && entity.aliases.includes(name) && entity.ambiguous.some((a) => normaliseAlias(a.alias) === key))
        problems.push(`${entity.id}: alias "${name}" is listed both as safe and as ambiguous`);
      owner.set(key, entity.id);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return entities;
}
