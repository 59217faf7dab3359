// Packs the knowledge data for the content script: only what matching needs, in the form that
// src/core/knowledge/packed-data.ts reads (the format is described there). Every page loads the
// content script, so the bytes count; the reader rebuilds the same entity objects in a few ms.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Base 85: '(' to '~' without '\' and '`', so nothing needs escaping inside a string literal.
const DIGITS = Array.from({ length: 87 }, (_, i) => String.fromCharCode(40 + i))
  .filter((c) => c !== '\\' && c !== '`')
  .join('');
const BASE = DIGITS.length;
const SEPARATOR = '!';
const STRINGS_MODULE = 'chiplens:knowledge-strings';

/** Every string that matching reads from an entity, once per use. */
function* matchingStrings(entity) {
  yield entity.id;
  yield entity.name;
  yield entity.kind;
  if (entity.vendor !== null) yield entity.vendor;
  if (entity.family !== undefined) yield entity.family;
  yield* entity.aliases;
  for (const a of entity.ambiguous) {
    yield a.alias;
    for (const key of ['chipBefore', 'chipAfter', 'otherBefore', 'otherAfter']) yield* a[key] ?? [];
  }
  yield* entity.cues;
  yield* entity.related;
}

/**
 * The string table of a set of data files. The most used strings come first, so their codes
 * take one digit; within each group the strings are sorted, so neighbours share prefixes.
 */
export function buildStringTable(files) {
  const uses = new Map();
  for (const file of files) for (const entity of file.entities) for (const text of matchingStrings(entity)) uses.set(text, (uses.get(text) ?? 0) + 1);
  for (const text of uses.keys()) if (text.includes(SEPARATOR)) throw new Error(`knowledge packing: "${text}" holds the separator ${SEPARATOR}`);
  // Code 0 means "none"; one digit holds codes below `oneDigitCodes`, two digits the rest.
  let oneDigitCodes = BASE;
  while (oneDigitCodes + (BASE - oneDigitCodes) * BASE <= uses.size) oneDigitCodes--;
  if (oneDigitCodes < 1) throw new Error(`knowledge packing: ${uses.size} strings need codes of three digits`);
  const byUse = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([text]) => text);
  const order = [...byUse.slice(0, oneDigitCodes - 1).sort(), ...byUse.slice(oneDigitCodes - 1).sort()];
  return { order, oneDigitCodes, codeOf: new Map(order.map((text, i) => [text, i + 1])) };
}

/** The table as one front-coded string. */
export function packStringTable({ order }) {
  let previous = '';
  return order
    .map((text) => {
      let shared = 0;
      while (shared < BASE - 1 && shared < previous.length && previous[shared] === text[shared]) shared++;
      // Never split a surrogate pair: each half alone would be escaped in the source.
      if (shared > 0 && /[\uD800-\uDBFF]/.test(text[shared - 1])) shared--;
      previous = text;
      return DIGITS[shared] + text.slice(shared);
    })
    .join(SEPARATOR);
}

/** One data file's entities as a stream of digits. */
export function packEntities(file, { codeOf, oneDigitCodes }) {
  const out = [];
  const count = (n) => {
    if (n >= BASE) throw new Error(`knowledge packing: a list of ${n} items is longer than one digit holds`);
    out.push(DIGITS[n]);
  };
  const code = (n) => {
    if (n < oneDigitCodes) out.push(DIGITS[n]);
    else out.push(DIGITS[oneDigitCodes + Math.floor((n - oneDigitCodes) / BASE)], DIGITS[(n - oneDigitCodes) % BASE]);
  };
  const text = (value) => code(codeOf.get(value));
  const optional = (value) => (value === null || value === undefined ? code(0) : text(value));
  const list = (values = []) => {
    count(values.length);
    values.forEach(text);
  };
  for (const e of file.entities) {
    text(e.id);
    text(e.name);
    text(e.kind);
    optional(e.vendor);
    optional(e.family);
    list(e.aliases);
    count(e.ambiguous.length);
    for (const a of e.ambiguous) {
      text(a.alias);
      count((a.weak === true ? 1 : 0) + (a.strict === true ? 2 : 0));
      list(a.chipBefore);
      list(a.chipAfter);
      list(a.otherBefore);
      list(a.otherAfter);
    }
    list(e.cues);
    list(e.related);
  }
  return out.join('');
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Loads each knowledge data file as its packed entities, without what only cards and
 * maintainers read (summaries, facts, notes). One string table, emitted once as its own module,
 * serves every data file of the folder.
 */
export const matchingDataOnly = {
  name: 'matching-data-only',
  setup(esbuild) {
    const tables = new Map();
    const tableFor = (dir) => {
      if (!tables.has(dir)) {
        const files = readdirSync(dir)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => readJson(join(dir, name)));
        tables.set(dir, buildStringTable(files));
      }
      return tables.get(dir);
    };
    esbuild.onLoad({ filter: /knowledge[\\/]data[\\/][^\\/]+\.json$/ }, (args) => {
      const dir = dirname(args.path);
      return {
        contents: `import table from ${JSON.stringify(STRINGS_MODULE)};
import { unpackEntities } from '../packed-data.ts';
export default { entities: unpackEntities(table, ${JSON.stringify(packEntities(readJson(args.path), tableFor(dir)))}) };
`,
        loader: 'js',
        resolveDir: dir,
      };
    });
    esbuild.onResolve({ filter: new RegExp(`^${STRINGS_MODULE}$`) }, (args) => ({ path: args.resolveDir, namespace: STRINGS_MODULE }));
    esbuild.onLoad({ filter: /.*/, namespace: STRINGS_MODULE }, (args) => {
      const table = tableFor(args.path);
      return {
        contents: `import { unpackStrings } from '../packed-data.ts';
export default unpackStrings(${JSON.stringify(packStringTable(table))}, ${table.oneDigitCodes});
`,
        loader: 'js',
        resolveDir: args.path,
      };
    });
  },
};
