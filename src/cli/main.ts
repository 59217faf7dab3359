import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ChipLensEngine } from '../core/index.js';
import { visibleText } from './html-text.js';
import { toJson, toSummary } from './scan-report.js';

const USAGE = `Usage: chiplens scan FILE [--json] [--explain]

Finds AI chip names and chip terms in FILE (.txt, or .html whose visible text is used).
  --json     print one JSON object: {"mentions": [...], "entities": [...]}
  --explain  add each mention's confidence and the reason it was kept
`;

/** A failure the user can act on: printed as one line, exit status 1 or 2. */
class CliError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

function readInput(path: string): string {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`no such file: ${path}`, 1);
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, 1);
  }
  if (stats.isDirectory()) throw new CliError(`${path} is a directory, not a file`, 1);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EACCES' ? `permission denied: ${path}` : `cannot read ${path}: ${(error as Error).message}`, 1);
  }
  return /^\.(?:html?|xhtml)$/i.test(extname(path)) ? visibleText(raw) : raw;
}

function run(args: string[]): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, ...rest] = args;
  if (command !== 'scan') throw new CliError(command === undefined ? 'missing command; try: chiplens scan FILE' : `unknown command "${command}"; try: chiplens scan FILE`, 2);
  const unknown = rest.find((arg) => arg.startsWith('-') && arg !== '--json' && arg !== '--explain');
  if (unknown !== undefined) throw new CliError(`unknown option ${unknown}`, 2);
  const files = rest.filter((arg) => !arg.startsWith('-'));
  if (files.length !== 1) throw new CliError(files.length === 0 ? 'missing FILE; try: chiplens scan FILE' : 'give exactly one FILE', 2);
  const path = files[0] as string;
  const text = readInput(path);
  const engine = new ChipLensEngine();
  const analysis = engine.analyze(text);
  const explain = rest.includes('--explain');
  if (rest.includes('--json')) process.stdout.write(`${JSON.stringify(toJson(analysis, engine.kb, explain))}\n`);
  else process.stdout.write(toSummary(basename(path), analysis, engine.kb, explain));
}

try {
  run(process.argv.slice(2));
} catch (error) {
  const status = error instanceof CliError ? error.status : 1;
  process.stderr.write(`chiplens: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = status;
}
