import amd from './data/amd.json';
import china from './data/china.json';
import cloud from './data/cloud.json';
import designers from './data/designers.json';
import devices from './data/devices.json';
import industry from './data/industry.json';
import intel from './data/intel.json';
import nvidia from './data/nvidia.json';
import policy from './data/policy.json';
import startups from './data/startups.json';
import technology from './data/technology.json';
import generalCues from './general-cues.json';
import { CATEGORY_OF_KIND, type Category, type Entity, type KnowledgeFile } from './schema.js';

/** Every data file by name; the build and the tests validate exactly this set. */
export const KNOWLEDGE_FILES: Record<string, unknown> = {
  'amd.json': amd,
  'china.json': china,
  'cloud.json': cloud,
  'designers.json': designers,
  'devices.json': devices,
  'industry.json': industry,
  'intel.json': intel,
  'nvidia.json': nvidia,
  'policy.json': policy,
  'startups.json': startups,
  'technology.json': technology,
};

/** Chip words that support any chip sense, whatever the entity. */
export interface GeneralCues {
  /** Words and phrases: "GPU", "chipmaker", "芯片". */
  words: string[];
  /** Regular expressions for figures and units: "\\d+\\s?nm", "TFLOPS". */
  patterns: string[];
  /** Words right before any everyday-word alias that make it a person or a place ("named after", "Dr."). */
  everydayBefore: string[];
  /** Words right after any everyday-word alias that make it a person ("who", "was born"). */
  everydayAfter: string[];
}

/** The validated knowledge base with the lookups every part needs. */
export class KnowledgeBase {
  readonly entities: readonly Entity[];
  readonly generalCues: GeneralCues;
  readonly #byId: Map<string, Entity>;

  constructor(entities: readonly Entity[], cues: GeneralCues) {
    this.entities = entities;
    this.generalCues = cues;
    this.#byId = new Map(entities.map((entity) => [entity.id, entity]));
  }

  /** The entity with this id, or undefined. */
  get(id: string): Entity | undefined {
    return this.#byId.get(id);
  }

  /** The coarse category (chip, arch, tech, org, policy) of an entity. */
  categoryOf(id: string): Category {
    const entity = this.#byId.get(id);
    return entity ? CATEGORY_OF_KIND[entity.kind] : 'chip';
  }

  /** A new base with extra entities (the user's own terms) added after the bundled ones. */
  with(extra: readonly Entity[]): KnowledgeBase {
    return new KnowledgeBase([...this.entities, ...extra], this.generalCues);
  }
}

let bundled: KnowledgeBase | undefined;

/**
 * The knowledge base shipped with Chip Lens. The build and the tests validate the data
 * (schema.ts), so pages do not pay for checking it again on every load.
 */
export function bundledKnowledge(): KnowledgeBase {
  bundled ??= new KnowledgeBase(
    Object.values(KNOWLEDGE_FILES).flatMap((file) => (file as KnowledgeFile).entities),
    generalCues,
  );
  return bundled;
}
