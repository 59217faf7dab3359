import { readSettings, settingsToStore, type Settings } from './settings.js';
import { TERM_LIMITS, termProblems, type UserTerm } from './user-terms.js';

/** The format tag of an exported file: a file without it is not ours. */
export const FILE_FORMAT = 'chiplens-settings';
/** Larger files are refused before parsing: 2,000 terms with notes take well under this. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface SettingsFile {
  format: typeof FILE_FORMAT;
  version: number;
  exportedAt: string;
  settings: Record<string, unknown>;
  terms: UserTerm[];
}

/** All settings and terms as one JSON text. */
export function exportFile(settings: Settings, terms: readonly UserTerm[], now = new Date()): string {
  const file: SettingsFile = { format: FILE_FORMAT, version: 1, exportedAt: now.toISOString(), settings: settingsToStore(settings), terms: [...terms] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ImportResult = { ok: true; settings: Settings; terms: UserTerm[] } | { ok: false; error: string };

/**
 * Reads an exported file strictly: anything wrong rejects the whole file with a message that
 * names the bad field, so an import either applies completely or changes nothing.
 */
export function parseImport(text: string, byteLength = new TextEncoder().encode(text).length): ImportResult {
  if (byteLength > MAX_FILE_BYTES) return { ok: false, error: `The file is ${(byteLength / 1048576).toFixed(1)} MB; Chip Lens reads settings files of at most ${MAX_FILE_BYTES / 1048576} MB.` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${(error as Error).message}). Was it cut short?` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'The file does not hold a Chip Lens settings object.' };
  const file = data as Record<string, unknown>;
  if (file.format !== FILE_FORMAT) return { ok: false, error: `format: expected "${FILE_FORMAT}"; this is not a Chip Lens settings file.` };
  if (file.version !== 1) return { ok: false, error: `version: ${JSON.stringify(file.version)} is not a version this Chip Lens reads.` };
  const { settings, problems } = readSettings(file.settings ?? {});
  if (problems.length > 0) return { ok: false, error: `settings: ${problems[0]}` };
  if (!Array.isArray(file.terms)) return { ok: false, error: 'terms: must be a list.' };
  if (file.terms.length > TERM_LIMITS.terms) return { ok: false, error: `terms: the file has ${file.terms.length} terms; Chip Lens keeps at most ${TERM_LIMITS.terms}.` };
  const ids = new Set<string>();
  for (let i = 0; i < file.terms.length; i++) {
    const found = termProblems(file.terms[i], `terms[${i}]`);
    if (found.length > 0) return { ok: false, error: found[0] as string };
    const id = (file.terms[i] as UserTerm).id;
    if (ids.has(id)) return { ok: false, error: `terms[${i}].id: "${id}" is used twice.` };
    ids.add(id);
  }
  return { ok: true, settings, terms: file.terms as UserTerm[] };
}
