import type { Digest } from '../context/digest.js';
import type { Span } from '../context/text-spans.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import { COMPARABLE_FACTS, FACT_LABELS, type Entity, type EntityKind } from '../knowledge/schema.js';

/** A piece of a sentence, emphasised where it names the chip. */
export interface TextPart {
  text: string;
  emphasis: boolean;
}

export interface CardFact {
  label: string;
  value: string;
  asOf: string;
  source: string;
  /** The source's host name, shown as the link text. */
  sourceName: string;
}

/** Everything the card shows, as plain data: the view only turns it into DOM text. */
export interface CardModel {
  entityId: string;
  name: string;
  /** "Nvidia · GPU". */
  subtitle: string;
  summary: string;
  facts: CardFact[];
  /** The sentence under the pointer, when it names the chip. */
  here: TextPart[] | undefined;
  /** More sentences of the article naming the chip. */
  more: TextPart[][];
  /** "Mentioned 4 times in this article". */
  countLine: string;
  /** Other entities named in the same sentences, most shared first. */
  alongside: { entityId: string; name: string }[];
  /** Key figures of this chip beside the other chips of its kind in the article. */
  comparison: { columns: string[]; rows: { label: string; values: string[] }[] } | undefined;
  /** The reader's own link, for a term they added. */
  link: string | undefined;
}

const KIND_LABELS: Record<EntityKind, string> = {
  accelerator: 'AI accelerator',
  gpu: 'GPU',
  cpu: 'CPU',
  soc: 'system-on-chip',
  architecture: 'architecture',
  software: 'software stack',
  interconnect: 'interconnect',
  memory: 'memory',
  process: 'process and packaging',
  company: 'company',
  policy: 'policy',
};

/** Kinds whose figures make sense side by side. */
const COMPARISON_GROUP: Partial<Record<EntityKind, string>> = { accelerator: 'ai', gpu: 'ai', cpu: 'cpu', soc: 'soc' };

const MAX_FACTS = 5;
const MAX_MORE_SENTENCES = 2;
const MAX_ALONGSIDE = 6;
const MAX_COMPARED = 3;

/** Splits `text` (starting at `offset` in its source) into parts, emphasising `spans`. */
export function emphasise(text: string, offset: number, spans: readonly Span[]): TextPart[] {
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(cursor, span.start - offset);
    const end = Math.min(text.length, span.end - offset);
    if (end <= start) continue;
    if (start > cursor) parts.push({ text: text.slice(cursor, start), emphasis: false });
    parts.push({ text: text.slice(start, end), emphasis: true });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), emphasis: false });
  return parts;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function comparison(kb: KnowledgeBase, entity: Entity, article: Digest | undefined): CardModel['comparison'] {
  const group = COMPARISON_GROUP[entity.kind];
  if (group === undefined || article === undefined) return undefined;
  const hasFigures = (e: Entity): boolean => e.facts.some((f) => COMPARABLE_FACTS.includes(f.key));
  const peers = article.entities
    .map((entry) => kb.get(entry.entityId))
    .filter((e): e is Entity => e !== undefined && e.id !== entity.id && COMPARISON_GROUP[e.kind] === group && hasFigures(e))
    .slice(0, MAX_COMPARED - 1);
  if (peers.length === 0 || !hasFigures(entity)) return undefined;
  const columns = [entity, ...peers];
  const rows = COMPARABLE_FACTS.map((key) => ({
    label: FACT_LABELS[key],
    values: columns.map((e) => e.facts.find((f) => f.key === key)?.value ?? '—'),
  })).filter((row) => row.values.some((v) => v !== '—'));
  return rows.length === 0 ? undefined : { columns: columns.map((e) => e.name), rows };
}

export interface CardInput {
  kb: KnowledgeBase;
  entityId: string;
  /** The digest of the article body, when the page has been read. */
  article: Digest | undefined;
  /** The sentence under the pointer, and the spans in it that name the chip. */
  here?: { text: string; start: number; spans: readonly Span[] };
  /** How many times the whole page names the entity. */
  pageCount: number;
  /** The reader's own link for a term they added. */
  link?: string;
}

/** What the card says about one entity on one page. Undefined for an unknown id. */
export function buildCardModel({ kb, entityId, article, here, pageCount, link }: CardInput): CardModel | undefined {
  const entity = kb.get(entityId);
  if (entity === undefined) return undefined;
  const entry = article?.get(entityId);
  const hereText = here?.text.trim();
  const more = (entry?.sentences ?? [])
    .filter((s) => s.text.trim() !== hereText)
    .slice(0, MAX_MORE_SENTENCES)
    .map((s) => emphasise(s.text, s.start, entry?.mentions.filter((m) => m.start >= s.start && m.end <= s.end) ?? []));
  const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);
  const countLine =
    entry !== undefined
      ? `Mentioned ${times(entry.count)} in this article`
      : `Not in the article body; named ${times(Math.max(1, pageCount))} on this page`;
  return {
    entityId,
    name: entity.name,
    subtitle: [entity.vendor, KIND_LABELS[entity.kind]].filter((x) => x !== null && x !== '').join(' · '),
    summary: entity.summary,
    facts: entity.facts.slice(0, MAX_FACTS).map((f) => ({ label: FACT_LABELS[f.key], value: f.value, asOf: f.asOf, source: f.source, sourceName: hostOf(f.source) })),
    here: here === undefined ? undefined : emphasise(here.text, here.start, here.spans),
    more,
    countLine,
    alongside: (entry?.alongside ?? [])
      .slice(0, MAX_ALONGSIDE)
      .flatMap((a) => {
        const other = kb.get(a.entityId);
        return other === undefined ? [] : [{ entityId: other.id, name: other.name }];
      }),
    comparison: comparison(kb, entity, article),
    link: link !== undefined && /^https:\/\//.test(link) ? link : undefined,
  };
}
