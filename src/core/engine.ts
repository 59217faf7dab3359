import { bundledKnowledge, type KnowledgeBase } from './knowledge/index.js';
import { Matcher } from './match/matcher.js';
import { Judgement, type PageEvidence, disambiguate, type Mention } from './context/disambiguate.js';
import type { Hit } from './match/matcher.js';
import { buildDigest, type Digest } from './context/digest.js';
import { SentenceIndex } from './context/sentences.js';

/** Everything Chip Lens finds in one text. */
export interface Analysis {
  /** Kept mentions, in text order. */
  mentions: Mention[];
  digest: Digest;
}

/** The matcher compiled once over a knowledge base, with the context rules on top. */
export class ChipLensEngine {
  readonly kb: KnowledgeBase;
  readonly matcher: Matcher;

  constructor(kb: KnowledgeBase = bundledKnowledge()) {
    this.kb = kb;
    this.matcher = Matcher.compile(kb.entities);
  }

  /** Finds, disambiguates and digests the mentions in `text`. Never throws on any string. */
  analyze(text: string): Analysis {
    const sentences = new SentenceIndex(text);
    const mentions = disambiguate(text, this.matcher.scan(text), this.kb, sentences);
    return { mentions, digest: buildDigest(text, mentions, sentences) };
  }

  /**
   * Hits found separately (one block of a page at a time), ready to be judged in slices
   * against the whole `text` they were found in and what the rest of the page has shown.
   */
  prepare(text: string, hits: readonly Hit[], page: PageEvidence, sentences = new SentenceIndex(text)): Judgement {
    return new Judgement(text, hits, this.kb, sentences, page);
  }
}
