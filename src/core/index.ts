export { ChipLensEngine, type Analysis } from './engine.js';
export { bundledKnowledge, KnowledgeBase, type GeneralCues } from './knowledge/index.js';
export { CATEGORY_OF_KIND, COMPARABLE_FACTS, FACT_LABELS, type Category, type Entity, type EntityKind, type Fact } from './knowledge/schema.js';
export { Matcher, type Hit } from './match/matcher.js';
export { PageEvidence, type Mention } from './context/disambiguate.js';
export { Digest, type EntityDigest, type Sentence } from './context/digest.js';
export { SentenceIndex, prepareSentenceRules } from './context/sentences.js';
