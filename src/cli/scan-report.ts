import type { Analysis, KnowledgeBase } from '../core/index.js';

/** The `--json` shape the design document promises to scripts. */
export function toJson(analysis: Analysis, kb: KnowledgeBase, explain: boolean): unknown {
  return {
    mentions: analysis.mentions.map((m) => ({
      start: m.start,
      end: m.end,
      text: m.text,
      id: m.entityId,
      name: kb.get(m.entityId)?.name ?? m.entityId,
      kind: m.category,
      ...(explain ? { confidence: m.confidence, reason: m.reason } : {}),
    })),
    entities: analysis.digest.entities.map((entry) => ({
      id: entry.entityId,
      name: kb.get(entry.entityId)?.name ?? entry.entityId,
      kind: kb.categoryOf(entry.entityId),
      count: entry.count,
      sentences: entry.sentences.map(({ start, end, text }) => ({ start, end, text })),
      ...(explain ? { alongside: entry.alongside.map((a) => a.entityId) } : {}),
    })),
  };
}

const SENTENCE_WIDTH = 110;

function shorten(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** A summary for people: each entity with its count and the first sentence that names it. */
export function toSummary(fileName: string, analysis: Analysis, kb: KnowledgeBase, explain: boolean): string {
  const { mentions, digest } = analysis;
  if (mentions.length === 0) return `${fileName}: no chips or chip terms found\n`;
  const lines = [`${fileName}: ${digest.entities.length} chips and terms, ${mentions.length} mentions`];
  const nameWidth = Math.min(32, Math.max(...digest.entities.map((e) => (kb.get(e.entityId)?.name ?? e.entityId).length)));
  for (const entry of digest.entities) {
    const name = (kb.get(entry.entityId)?.name ?? entry.entityId).padEnd(nameWidth);
    const kind = kb.categoryOf(entry.entityId).padEnd(6);
    const first = entry.sentences[0]?.text ?? '';
    lines.push(`  ${name}  ${kind} ×${String(entry.count).padEnd(3)} ${shorten(first, SENTENCE_WIDTH)}`);
    if (explain)
      for (const mention of entry.mentions)
        lines.push(`      @${mention.start} "${mention.text}" ${mention.confidence.toFixed(2)}: ${mention.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
