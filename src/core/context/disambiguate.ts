import type { KnowledgeBase } from '../knowledge/index.js';
import type { AmbiguousAlias, Category, Entity } from '../knowledge/schema.js';
import type { Hit } from '../match/matcher.js';
import { PhraseSet, endsWithPhrase, foldForPhrases, startsWithPhrase } from './phrases.js';
import type { SentenceIndex } from './sentences.js';
import { isWhitespaceCode, type Span } from './text-spans.js';

/** A hit kept as a mention of its entity, with how sure we are and why. */
export interface Mention {
  start: number;
  end: number;
  entityId: string;
  /** The mention as written on the page. */
  text: string;
  category: Category;
  /** 1 for a safe alias; below 1 for an ambiguous alias kept on context. */
  confidence: number;
  /** What decided it, for the debug view. */
  reason: string;
}

/**
 * What the rest of a page has shown so far: the entities named there by safe aliases, and the
 * ambiguous aliases used there clearly as chips. A page scanned in parts (new paragraphs of an
 * endless feed) judges each part with what the earlier parts showed, and adds to it.
 */
export class PageEvidence {
  readonly safeIds = new Set<string>();
  readonly strongAliases = new Set<string>();
}

/** Points an ambiguous hit needs to be kept; weak aliases (bare model numbers) need less. */
const THRESHOLD = 3;
const WEAK_THRESHOLD = 2;
/** A score this high in one place lends the same word's other uses in the text the chip sense. */
const STRONG = 4;
const DISCOURSE_BONUS = 2.5;
/** A score no penalty can bring under the threshold: the rest of the evidence need not be read. */
const SURE = THRESHOLD + 4;
const HOW_FAR_TO_LOOK = 48;
/** Cues past two in a stretch add no points: own cues give at most 1 + 2, chip words at most 2. */
const CUES_THAT_COUNT = 2;

interface Evidence {
  score: number;
  reasons: string[];
  /** An everyday-sense pattern matched: nothing can bring the hit back. */
  vetoed: boolean;
}

/** Cue sets compiled once per knowledge base: building a RegExp per call would dominate. */
class CueBook {
  readonly general: PhraseSet;
  readonly figures: RegExp;
  readonly #byEntity = new Map<string, PhraseSet>();
  readonly #kin = new Map<string, Set<string>>();
  readonly #vendorIds = new Map<string, string>();

  constructor(readonly kb: KnowledgeBase) {
    this.general = new PhraseSet(kb.generalCues.words);
    this.figures = kb.generalCues.patterns.length === 0 ? /(?!)/ : new RegExp(kb.generalCues.patterns.join('|'));
    for (const entity of kb.entities) if (entity.kind === 'company') this.#vendorIds.set(entity.name.toLowerCase(), entity.id);
  }

  /** The entity's own cues and its vendor's name. */
  cuesOf(entity: Entity): PhraseSet {
    let set = this.#byEntity.get(entity.id);
    if (set === undefined) {
      set = new PhraseSet(entity.vendor === null ? entity.cues : [...entity.cues, entity.vendor]);
      this.#byEntity.set(entity.id, set);
    }
    return set;
  }

  /** Ids whose unambiguous mention anywhere in the text supports this entity. */
  kinOf(entity: Entity): Set<string> {
    const known = this.#kin.get(entity.id);
    if (known !== undefined) return known;
    const kin = new Set([...entity.related]);
    if (entity.family !== undefined) kin.add(entity.family);
    const vendorId = entity.vendor === null ? undefined : this.#vendorIds.get(entity.vendor.toLowerCase());
    if (vendorId !== undefined) kin.add(vendorId);
    for (const other of this.kb.entities) if (other.family === entity.id) kin.add(other.id);
    this.#kin.set(entity.id, kin);
    return kin;
  }
}

const cueBooks = new WeakMap<KnowledgeBase, CueBook>();

function cueBookFor(kb: KnowledgeBase): CueBook {
  let book = cueBooks.get(kb);
  if (book === undefined) {
    book = new CueBook(kb);
    cueBooks.set(kb, book);
  }
  return book;
}

/** How many of the sorted `starts` fall inside `span`. */
function countWithin(starts: readonly number[], span: Span): number {
  return lowerBound(starts, span.end) - lowerBound(starts, span.start);
}

function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

const CAPITALISED_WORD = /(?:^|[\s(])((?:\p{Lu}\p{Ll}+|\p{Lu}\.))$/u;
const NEXT_CAPITALISED_WORD = /^[\s]+(\p{Lu}\p{Ll}+)/u;

/**
 * Keeps each hit on a safe alias, and each hit on an ambiguous alias whose context supports
 * the chip sense: the alias's own before/after patterns, cues in its sentence and paragraph,
 * unambiguous chip mentions elsewhere in the text, and capitalisation that looks like a
 * person's or place's name. Returns mentions in text order.
 */
/**
 * One text and its hits, ready to be judged in slices: what depends on the whole text (where
 * the safe mentions are, cue counts per stretch) is worked out once, not once per slice.
 */
export class Judgement {
  readonly #text: string;
  readonly #hits: readonly Hit[];
  readonly #kb: KnowledgeBase;
  readonly #page: PageEvidence;
  readonly #context: WeighContext;

  constructor(text: string, hits: readonly Hit[], kb: KnowledgeBase, sentences: SentenceIndex, page: PageEvidence = new PageEvidence()) {
    this.#text = text;
    this.#hits = hits;
    this.#kb = kb;
    this.#page = page;
    const safe = hits.filter((hit) => hit.record.ambiguousIndex < 0 && kb.categoryOf(hit.entityId) !== 'policy');
    for (const hit of safe) page.safeIds.add(hit.entityId);
    this.#context = {
      stretches: new Map(),
      book: cueBookFor(kb),
      sentences,
      safeStarts: safe.map((hit) => hit.start),
      safeIds: page.safeIds,
      hitStarts: hits.map((hit) => hit.start),
    };
  }

  /** The kept mentions among hits[from, to), each judged against the whole text. */
  judge(from = 0, to = this.#hits.length): Mention[] {
    const text = this.#text;
    const kb = this.#kb;
    const evidence = new Map<Hit, Evidence>();
    const judged = this.#hits.slice(from, to);
    for (const hit of judged) {
      if (hit.record.ambiguousIndex < 0) continue;
      const entity = kb.get(hit.entityId);
      const ambiguous = entity?.ambiguous[hit.record.ambiguousIndex];
      if (entity === undefined || ambiguous === undefined) continue;
      evidence.set(hit, weigh(text, hit, entity, ambiguous, this.#context));
    }

    // One sense per text: where one use of a word is clearly the chip, so are its other uses.
    const strongAliases = this.#page.strongAliases;
    for (const [hit, found] of evidence) if (!found.vetoed && found.score >= STRONG) strongAliases.add(aliasKey(hit));
    for (const [hit, found] of evidence) {
      if (found.vetoed || found.score >= STRONG || !strongAliases.has(aliasKey(hit))) continue;
      found.score += DISCOURSE_BONUS;
      found.reasons.push(`clear chip use elsewhere in the text +${DISCOURSE_BONUS}`);
    }

    const mentions: Mention[] = [];
    for (const hit of judged) {
      const found = evidence.get(hit);
      let confidence: number;
      let reason: string;
      if (found === undefined) {
        if (hit.record.ambiguousIndex >= 0) continue;
        confidence = 1;
        reason = `unambiguous alias "${hit.record.alias}"`;
      } else {
        const weak = kb.get(hit.entityId)?.ambiguous[hit.record.ambiguousIndex]?.weak === true;
        if (found.vetoed || found.score < (weak ? WEAK_THRESHOLD : THRESHOLD)) continue;
        confidence = Math.round(Math.min(0.99, 0.5 + found.score / 10) * 100) / 100;
        reason = `"${hit.record.alias}" is also a word or name; ${found.reasons.join('; ')}; score ${found.score.toFixed(1)}`;
      }
      // One literal, not a spread of a shared base: a page makes thousands of these.
      const category = kb.categoryOf(hit.entityId);
      mentions.push({ start: hit.start, end: hit.end, entityId: hit.entityId, text: text.slice(hit.start, hit.end), category, confidence, reason });
    }
    return mentions;
  }
}

/** Keeps the hits of `text` whose context supports the chip sense (see Judgement), in text order. */
export function disambiguate(text: string, hits: readonly Hit[], kb: KnowledgeBase, sentences: SentenceIndex, page: PageEvidence = new PageEvidence()): Mention[] {
  return new Judgement(text, hits, kb, sentences, page).judge();
}

function aliasKey(hit: Hit): string {
  return `${hit.entityId}#${hit.record.ambiguousIndex}`;
}

/** A sentence or paragraph read for cues, once: neighbouring hits share them. */
interface Stretch {
  readonly end: number;
  readonly text: string;
  folded: string | undefined;
  /** Cue counts by entity id, and 'general' for the chip words and figures. */
  readonly counts: Map<string, number>;
  /** Another stretch with the same start (a paragraph and its first sentence). */
  next: Stretch | undefined;
}

interface WeighContext {
  /** Stretches read so far, by start. */
  stretches: Map<number, Stretch>;
  book: CueBook;
  sentences: SentenceIndex;
  safeStarts: readonly number[];
  safeIds: ReadonlySet<string>;
  hitStarts: readonly number[];
}

function weigh(text: string, hit: Hit, entity: Entity, ambiguous: AmbiguousAlias, context: WeighContext): Evidence {
  const { book, sentences, safeStarts, safeIds } = context;
  const paragraph = sentences.lines.contextAround(hit.start);
  const before = text.slice(Math.max(paragraph.start, hit.start - HOW_FAR_TO_LOOK), hit.start);
  const after = text.slice(hit.end, Math.min(paragraph.end, hit.end + HOW_FAR_TO_LOOK));

  // The words right next to the alias decide first; a chip phrase there ("the Kirin 9030")
  // outweighs an everyday one ("the Kirin").
  const chipPattern = endsWithPhrase(before, ambiguous.chipBefore) ?? startsWithPhrase(after, ambiguous.chipAfter);
  if (chipPattern === undefined) {
    const otherPattern =
      endsWithPhrase(before, ambiguous.otherBefore) ??
      startsWithPhrase(after, ambiguous.otherAfter) ??
      (ambiguous.weak === true ? undefined : (endsWithPhrase(before, book.kb.generalCues.everydayBefore) ?? startsWithPhrase(after, book.kb.generalCues.everydayAfter, true)));
    if (otherPattern !== undefined) return { score: 0, reasons: [`everyday sense next to "${otherPattern}"`], vetoed: true };
    if (ambiguous.strict === true) return { score: 0, reasons: ['kept only next to its chip phrases'], vetoed: true };
  }

  // Found only now: an everyday sense next to the alias settles it without the sentence.
  const sentence = sentences.sentenceAt(hit.start);
  const found: Evidence = { score: 0, reasons: [], vetoed: false };
  const add = (points: number, why: string): void => {
    found.score += points;
    found.reasons.push(`${why} ${points > 0 ? '+' : ''}${points}`);
  };
  if (chipPattern !== undefined) add(STRONG, `chip sense next to "${chipPattern}"`);

  const cues = book.cuesOf(entity);
  // Counts below are read only up to where the points stop growing (see the rules under them),
  // so they stop there too: a stretch with two cues need not be read to its end.
  const ownCues = (span: Span): number => {
    const stretch = stretchOf(text, span, context);
    let value = stretch.counts.get(entity.id);
    if (value === undefined) {
      value = cues.isEmpty ? 0 : cues.countInFolded((stretch.folded ??= foldForPhrases(stretch.text)), CUES_THAT_COUNT);
      stretch.counts.set(entity.id, value);
    }
    return value;
  };
  const generalCues = (span: Span): number => {
    const stretch = stretchOf(text, span, context);
    let value = stretch.counts.get('general');
    if (value === undefined) {
      value = book.general.countInFolded((stretch.folded ??= foldForPhrases(stretch.text)), CUES_THAT_COUNT);
      if (value < CUES_THAT_COUNT && book.figures.test(stretch.text)) value++;
      stretch.counts.set('general', value);
    }
    return value;
  };

  if (countWithin(safeStarts, sentence) > 0) add(3, 'chip, maker or technology named in the sentence');
  const ownInSentence = ownCues(sentence);
  if (ownInSentence > 0) add(Math.min(3, 1 + ownInSentence), 'its own cues in the sentence');
  const generalInSentence = generalCues(sentence);
  if (generalInSentence > 0) add(Math.min(2, generalInSentence), 'chip words or figures in the sentence');

  // The paragraph only matters while the sentence leaves the case open: past this score no
  // penalty below can undo it, and reading a long paragraph per hit is the costly part.
  if (found.score < SURE) {
    if (countWithin(safeStarts, sentence) === 0 && countWithin(safeStarts, paragraph) > 0) add(1.5, 'chip, maker or technology named in the paragraph');
    if (ownInSentence === 0 && ownCues(paragraph) > 0) add(1, 'its own cues in the paragraph');
    if (generalInSentence === 0 && generalCues(paragraph) > 0) add(0.5, 'chip words or figures in the paragraph');
  }

  if (anyIn(book.kinOf(entity), safeIds)) add(1, 'its maker, family or kin named in the text');
  else if (safeIds.size > 0) add(0.5, 'other chips or makers named in the text');

  const atSentenceStart = onlyOpeningMarks(text, sentence.start, hit.start);
  if (atSentenceStart) add(-0.5, 'capital may only mark the sentence start');
  else if (looksLikeName(text, hit, sentence, context)) add(-2, 'reads as part of a name');
  const following = NEXT_CAPITALISED_WORD.exec(text.slice(hit.end, Math.min(sentence.end, hit.end + HOW_FAR_TO_LOOK)));
  if (following?.[1] !== undefined && !isKnownWord(following[1], hit.end + (following.index ?? 0), cues, book, context))
    add(-1, `followed by the name-like "${following[1]}"`);
  return found;
}

/** The stretch of text over `span`, made once per Judgement. */
function stretchOf(text: string, span: Span, context: WeighContext): Stretch {
  const first = context.stretches.get(span.start);
  for (let stretch = first; stretch !== undefined; stretch = stretch.next) if (stretch.end === span.end) return stretch;
  const made: Stretch = { end: span.end, text: text.slice(span.start, span.end), folded: undefined, counts: new Map(), next: first };
  context.stretches.set(span.start, made);
  return made;
}

function anyIn(ids: ReadonlySet<string>, named: ReadonlySet<string>): boolean {
  for (const id of ids) if (named.has(id)) return true;
  return false;
}

/** Whether text[start, end) holds only spaces, quotes and opening brackets: the hit opens its sentence. */
function onlyOpeningMarks(text: string, start: number, end: number): boolean {
  for (let i = Math.max(0, start); i < Math.min(end, text.length); i++) {
    const code = text.charCodeAt(i);
    if (!(code === 0x22 || code === 0x201c || code === 0x27 || code === 0x2018 || code === 0x28 || isWhitespaceCode(code))) return false;
  }
  return true;
}

/** "Elizabeth Blackwell", "Vera C. Rubin": a capitalised word right before that is not a known name. */
function looksLikeName(text: string, hit: Hit, sentence: Span, context: WeighContext): boolean {
  const before = text.slice(Math.max(sentence.start, hit.start - HOW_FAR_TO_LOOK), hit.start);
  if (!/\s$/.test(before)) return false;
  const match = CAPITALISED_WORD.exec(before.trimEnd());
  const word = match?.[1];
  if (word === undefined) return false;
  const wordStart = hit.start - (before.length - before.trimEnd().length) - word.length;
  if (wordStart <= sentence.start) return false;
  const entity = context.book.kb.get(hit.entityId);
  return entity === undefined || !isKnownWord(word, wordStart, context.book.cuesOf(entity), context.book, context);
}

function isKnownWord(word: string, start: number, cues: PhraseSet, book: CueBook, context: WeighContext): boolean {
  const hitHere = context.hitStarts[lowerBound(context.hitStarts, start)] === start;
  return hitHere || cues.countIn(word) > 0 || book.general.countIn(word) > 0;
}
