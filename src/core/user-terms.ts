import { ENTITY_KINDS, type Entity, type EntityKind } from './knowledge/schema.js';

/** A term the reader added: matched and carded like a built-in one. */
export interface UserTerm {
  /** Stable id, "user-" and a slug of the name. */
  id: string;
  name: string;
  /** Further names to match; the name itself always matches. */
  aliases: string[];
  kind: EntityKind;
  note: string;
  /** An https link shown on the card, or empty. */
  link: string;
}

export const TERM_LIMITS = { terms: 2000, aliases: 20, nameLength: 100, noteLength: 500, linkLength: 500 } as const;

/** A term's problems in words, each naming the field; empty when it is valid. */
export function termProblems(term: unknown, label = 'term'): string[] {
  if (typeof term !== 'object' || term === null || Array.isArray(term)) return [`${label}: must be an object`];
  const t = term as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof t.name !== 'string' || t.name.trim() === '') problems.push(`${label}.name: must be a non-empty text`);
  else if (t.name.length > TERM_LIMITS.nameLength) problems.push(`${label}.name: at most ${TERM_LIMITS.nameLength} characters`);
  if (!Array.isArray(t.aliases) || !t.aliases.every((a) => typeof a === 'string' && a.trim() !== '' && a.length <= TERM_LIMITS.nameLength))
    problems.push(`${label}.aliases: must be a list of non-empty texts of at most ${TERM_LIMITS.nameLength} characters`);
  else if (t.aliases.length > TERM_LIMITS.aliases) problems.push(`${label}.aliases: at most ${TERM_LIMITS.aliases} aliases`);
  if (typeof t.kind !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(t.kind)) problems.push(`${label}.kind: must be one of ${ENTITY_KINDS.join(', ')}`);
  if (typeof t.note !== 'string' || t.note.length > TERM_LIMITS.noteLength) problems.push(`${label}.note: must be a text of at most ${TERM_LIMITS.noteLength} characters`);
  if (typeof t.link !== 'string' || (t.link !== '' && !/^https:\/\/[^\s]+$/.test(t.link)) || t.link.length > TERM_LIMITS.linkLength)
    problems.push(`${label}.link: must be empty or an https address`);
  if (typeof t.id !== 'string' || !/^user-[a-z0-9-]{1,80}$/.test(t.id)) problems.push(`${label}.id: must be "user-" followed by lowercase letters, digits and dashes`);
  return problems;
}

/** The id for a new term's name, unique among `taken`. */
export function termId(name: string, taken: ReadonlySet<string>): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'term';
  let id = `user-${slug}`;
  for (let n = 2; taken.has(id); n++) id = `user-${slug}-${n}`;
  return id;
}

/**
 * Terms read from storage. A broken term is kept out of matching but reported, never
 * silently dropped from what the options page shows.
 */
export function readTerms(stored: unknown): { terms: UserTerm[]; problems: string[] } {
  if (stored === undefined || stored === null) return { terms: [], problems: [] };
  if (!Array.isArray(stored)) return { terms: [], problems: ['Your terms: the stored list is not a list; nothing was changed in storage, please re-import a saved file.'] };
  const terms: UserTerm[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  stored.forEach((term, i) => {
    const found = termProblems(term, `Your term ${i + 1}`);
    if (found.length > 0) problems.push(...found);
    else if (seen.has((term as UserTerm).id)) problems.push(`Your term ${i + 1}: the id ${(term as UserTerm).id} is used twice`);
    else {
      seen.add((term as UserTerm).id);
      terms.push(term as UserTerm);
    }
  });
  return { terms, problems };
}

/** A reader's term as a knowledge-base entity: every name is safe to match alone. */
export function termToEntity(term: UserTerm): Entity {
  return {
    id: term.id,
    name: term.name,
    kind: term.kind,
    vendor: null,
    aliases: [...new Set([term.name, ...term.aliases].map((a) => a.trim()))],
    ambiguous: [],
    cues: [],
    related: [],
    summary: term.note.trim() === '' ? 'A term you added to Chip Lens.' : term.note,
    facts: [],
  };
}
