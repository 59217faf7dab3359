// `npm run package`: the store uploads, from a committed tree whose tests pass.
//
//   1. refuses when `git status --porcelain` lists anything (the files are named);
//   2. runs `npm test` and refuses when it fails (`--skip-tests` skips it, loudly);
//   3. builds dist/ from nothing (rm -rf dist; npm run build);
//   4. takes from dist/ only what the manifest and its pages reference (so not cli.js, never a
//      test or a source file, and no source maps unless `--source-maps` is given);
//   5. writes artifacts/chiplens-chrome-VERSION.zip (a reproducible zip written here),
//      artifacts/chiplens-firefox-VERSION.zip (`web-ext build` on the same files),
//      artifacts/chiplens-source-VERSION.zip (`git archive HEAD`, for addons.mozilla.org's
//      source-code review of the minified bundles) and artifacts/chiplens-VERSION.sha256;
//   6. checks both packages hold the same files, byte for byte, and runs `web-ext lint` on the
//      Firefox package: any error fails the run;
//   7. prints each file's size and SHA-256.
//
// The version comes from package.json alone; the build writes it into dist/manifest.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const artifacts = join(root, 'artifacts');
const webExt = join(root, 'node_modules', 'web-ext', 'bin', 'web-ext.js');
// Windows runs npm through its .cmd shim, which Node only starts through a shell.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npmOptions = { shell: process.platform === 'win32' };

const HELP = `Usage: npm run package [-- --skip-tests] [-- --source-maps]

Builds the Chrome and Firefox packages of Chip Lens into artifacts/ from a clean build.
Refuses when the git tree has uncommitted changes or when \`npm test\` fails.

  --skip-tests   do not run \`npm test\` first (the output says so, loudly): for a quick look at
                 a package only, never for an upload
  --source-maps  also pack the *.map files of the packed scripts, if the build wrote any
                 (the production build writes none)
  --help         this text`;

function fail(message) {
  console.error(`\npackage: ${message}`);
  process.exit(1);
}

const say = (message) => console.log(`package: ${message}`);

const { values: flags } = (() => {
  try {
    return parseArgs({ options: { 'skip-tests': { type: 'boolean' }, 'source-maps': { type: 'boolean' }, help: { type: 'boolean' } } });
  } catch (error) {
    console.error(`package: ${error.message}\n\n${HELP}`);
    process.exit(2);
  }
})();
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function git(...args) {
  const result = run('git', args);
  if (result.error) fail(`git did not run (${result.error.message}): packaging needs git to prove the tree is committed`);
  if (result.status !== 0) fail(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Refuses when anything is uncommitted (untracked files included; ignored ones, like dist/, not). */
function requireCleanTree(when) {
  const status = git('status', '--porcelain', '--untracked-files=all').trimEnd();
  if (status === '') return;
  const lines = status.split('\n');
  const shown = lines.slice(0, 40).map((line) => `  ${line}`);
  if (lines.length > 40) shown.push(`  … and ${lines.length - 40} more`);
  fail(`${when}: the working tree has uncommitted changes, so a package would not match any commit:\n${shown.join('\n')}\n` +
    'Commit or stash them (git stash --include-untracked), then run npm run package again.');
}

function loudWarning(lines) {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = '!'.repeat(width);
  console.error(['', bar, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), bar, ''].join('\n'));
}

// ---- 0. the version, from package.json only ------------------------------------------------

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = pkg.version;
// Chrome and Firefox both take 1 to 4 dot-separated integers; a prerelease tag would be refused.
if (!/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.test(version ?? '')) {
  fail(`package.json's version "${version}" is not MAJOR.MINOR.PATCH, which both stores need`);
}

// ---- 1. a committed tree --------------------------------------------------------------------

requireCleanTree('before packaging');
const commit = git('rev-parse', 'HEAD').trim();
const commitTime = Number(git('log', '-1', '--format=%ct', 'HEAD').trim());
const tags = git('tag', '--points-at', 'HEAD').split('\n').filter(Boolean);
say(`Chip Lens ${version} from commit ${commit.slice(0, 12)}${tags.length ? ` (tagged ${tags.join(', ')})` : ''}`);

// This version's packages from an earlier run go first: a failed run leaves none behind.
const chromeZip = join(artifacts, `chiplens-chrome-${version}.zip`);
const firefoxZip = join(artifacts, `chiplens-firefox-${version}.zip`);
const sourceZip = join(artifacts, `chiplens-source-${version}.zip`);
const sums = join(artifacts, `chiplens-${version}.sha256`);
for (const file of [chromeZip, firefoxZip, sourceZip, sums]) rmSync(file, { force: true });

// ---- 2. the tests ---------------------------------------------------------------------------

if (flags['skip-tests']) {
  loudWarning([
    'TESTS SKIPPED (--skip-tests): these packages have NOT been tested.',
    'Do not upload them to a store. Run `npm run package` without --skip-tests for that.',
  ]);
} else {
  say('running npm test (all layers: unit, DOM, web-ext lint, Chromium, Firefox) …');
  const tested = run(npm, ['test'], { stdio: 'inherit', ...npmOptions });
  if (tested.error) fail(`npm test did not run: ${tested.error.message}`);
  if (tested.status !== 0) fail(`npm test failed (exit ${tested.status ?? tested.signal}): no packages were written. Fix the tests, or see --help.`);
  say('npm test passed');
}

// ---- 3. a clean build -----------------------------------------------------------------------

rmSync(dist, { recursive: true, force: true });
const built = run(npm, ['run', 'build'], { stdio: 'inherit', ...npmOptions });
if (built.error || built.status !== 0) fail('npm run build failed (see above)');
// Neither the tests nor the build may change a tracked file: the packages must match the commit.
requireCleanTree('after the tests and the build');

const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
if (manifest.version !== version) fail(`dist/manifest.json has version ${manifest.version}, package.json ${version}: the build should copy it`);

// ---- 4. what goes in ------------------------------------------------------------------------

/** Every file under `dir`, as posix paths relative to it. */
function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

/** The files the manifest names, then whatever those pages, styles and scripts name in turn. */
function referencedFiles(manifest) {
  const wanted = new Map(); // path -> what referenced it
  const problems = [];
  const add = (path, from) => {
    if (typeof path !== 'string' || path === '') return;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
      problems.push(`${from} refers to ${path}: a package may not load anything from outside itself`);
      return;
    }
    if (/[*?[\]]/.test(path)) {
      problems.push(`${from} uses the pattern ${path}: teach scripts/package.mjs to expand it`);
      return;
    }
    const clean = posix.normalize(path.replace(/^\//, '')).replace(/[?#].*$/, '');
    if (clean.startsWith('..')) problems.push(`${from} refers to ${path}, outside the extension`);
    else if (!wanted.has(clean)) wanted.set(clean, from);
  };
  const values = (value) => (value === undefined ? [] : typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value));

  add('manifest.json', 'the package');
  for (const icon of values(manifest.icons)) add(icon, 'manifest icons');
  for (const key of ['action', 'browser_action', 'page_action']) {
    for (const icon of values(manifest[key]?.default_icon)) add(icon, `manifest ${key}.default_icon`);
    add(manifest[key]?.default_popup, `manifest ${key}.default_popup`);
  }
  add(manifest.background?.service_worker, 'manifest background.service_worker');
  for (const script of values(manifest.background?.scripts)) add(script, 'manifest background.scripts');
  add(manifest.background?.page, 'manifest background.page');
  for (const [i, entry] of (manifest.content_scripts ?? []).entries()) {
    for (const file of [...values(entry.js), ...values(entry.css)]) add(file, `manifest content_scripts[${i}]`);
  }
  add(manifest.options_ui?.page, 'manifest options_ui.page');
  add(manifest.options_page, 'manifest options_page');
  add(manifest.devtools_page, 'manifest devtools_page');
  add(manifest.side_panel?.default_path, 'manifest side_panel.default_path');
  add(manifest.sidebar_action?.default_panel, 'manifest sidebar_action.default_panel');
  for (const page of values(manifest.chrome_url_overrides)) add(page, 'manifest chrome_url_overrides');
  for (const page of values(manifest.sandbox?.pages)) add(page, 'manifest sandbox.pages');
  for (const entry of manifest.web_accessible_resources ?? []) for (const file of values(entry.resources ?? entry)) add(file, 'manifest web_accessible_resources');
  for (const rules of manifest.declarative_net_request?.rule_resources ?? []) add(rules.path, 'manifest declarative_net_request');
  if (manifest.default_locale) {
    for (const file of listFiles(join(dist, '_locales'))) add(`_locales/${file}`, 'manifest default_locale');
  }

  // Follow pages, styles and scripts until nothing new turns up.
  const followed = new Set();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [path] of wanted) {
      if (followed.has(path)) continue;
      followed.add(path);
      changed = true;
      const full = join(dist, path);
      if (!existsSync(full)) {
        problems.push(`${wanted.get(path)} refers to ${path}, which the build did not write`);
        continue;
      }
      const dir = posix.dirname(path);
      const local = (ref) => (ref.startsWith('/') ? ref : posix.join(dir, ref));
      const text = /\.(html?|css|js)$/.test(path) ? readFileSync(full, 'utf8') : '';
      if (/\.html?$/.test(path)) {
        for (const [, tag, attr, ref] of text.matchAll(/<(script|link|img|source|iframe|a)\b[^>]*?\s(src|href)\s*=\s*["']([^"']*)["']/gi)) {
          if (ref === '' || ref.startsWith('#')) continue;
          // A link out of the extension is followed by the reader, not loaded by the page.
          if (tag.toLowerCase() === 'a' && /^(https?:|mailto:)/i.test(ref)) continue;
          add(/^[a-z][a-z0-9+.-]*:/i.test(ref) ? ref : local(ref), `${path} <${tag} ${attr}>`);
        }
      } else if (path.endsWith('.css')) {
        for (const [, ref] of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/g)) if (ref && !ref.startsWith('data:')) add(local(ref), path);
      } else if (path.endsWith('.js')) {
        for (const [, ref] of text.matchAll(/\.getURL\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) add(ref.replace(/[?#].*$/, ''), `${path} runtime.getURL`);
        if (flags['source-maps'] && existsSync(`${full}.map`)) add(`${path}.map`, `${path} (--source-maps)`);
      }
    }
  }
  if (problems.length) fail(`the manifest and the built files do not add up:\n  ${problems.join('\n  ')}`);
  return [...wanted.keys()].sort();
}

const files = referencedFiles(manifest);
const leftOut = listFiles(dist).filter((file) => !files.includes(file)).sort();
const forbidden = files.filter((file) => /(^|\/)(tests?|__tests__|fixtures|node_modules|src)\//.test(file) || /\.(ts|map|test\.\w+)$/.test(file) && !(flags['source-maps'] && file.endsWith('.map')));
if (forbidden.length) fail(`these files must never ship: ${forbidden.join(', ')}`);
say(`packing ${files.length} files: ${files.join(', ')}`);
if (leftOut.length) say(`left out of the packages (nothing the manifest or its pages load): ${leftOut.join(', ')}`);

// ---- 5. the packages ------------------------------------------------------------------------

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(bytes) {
  let crc = -1;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** MS-DOS time and date (the zip format's), in UTC so the zip is the same wherever it is built. */
function dosDateTime(seconds) {
  const d = new Date(Math.max(seconds * 1000, Date.UTC(1980, 0, 1)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/**
 * A plain zip (deflate, UTF-8 names, no zip64, no directory entries) of `entries`, in the given
 * order, every file dated `seconds` (the commit's time): the same commit gives the same bytes.
 */
function writeZip(entries, seconds) {
  const { time, date } = dosDateTime(seconds);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the mode below is read)
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(((0o100644 << 16) >>> 0), 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  if (offset + directory.length > 0xffffffff || entries.length > 0xffff) fail('the package is too large for a plain zip');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files of a zip (stored or deflated, no zip64), each checked against its CRC. */
function readZip(buffer, what) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) fail(`${what} is not a zip file`);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) fail(`${what}: broken central directory`);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name.endsWith('/')) continue; // a directory entry
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(start, start + size);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : fail(`${what}: ${name} uses zip method ${method}`);
    if (crc32(data) !== crc) fail(`${what}: ${name} fails its CRC check`);
    files.set(name, data);
  }
  return files;
}

mkdirSync(artifacts, { recursive: true });

// Chrome: the manifest first (some tools peek at the first entry), then the rest in name order.
const entries = ['manifest.json', ...files.filter((file) => file !== 'manifest.json')].map((name) => ({ name, data: readFileSync(join(dist, name)) }));
writeFileSync(chromeZip, writeZip(entries, commitTime));

// Firefox: web-ext build over a copy holding exactly the same files.
const stage = mkdtempSync(join(tmpdir(), 'chiplens-package-'));
try {
  for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    cpSync(join(dist, file), join(stage, file));
  }
  if (!existsSync(webExt)) fail(`no web-ext at ${webExt}: run npm ci`);
  const webExtBuild = run(process.execPath, [webExt, 'build', '--source-dir', stage, '--artifacts-dir', artifacts, '--filename', `chiplens-firefox-${version}.zip`, '--overwrite-dest', '--no-config-discovery'], { stdio: 'inherit' });
  if (webExtBuild.error || webExtBuild.status !== 0) fail('web-ext build failed (see above)');
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (!existsSync(firefoxZip)) fail(`web-ext build did not write ${firefoxZip}`);

// The source code addons.mozilla.org asks for when a package holds minified or bundled code.
// The screenshots are for people, not for rebuilding: they stay out.
git('archive', '--format=zip', `--prefix=chiplens-${version}/`, '-o', sourceZip, 'HEAD', '--', '.', ':(exclude)docs/screenshots');

// ---- 6. checks on what was written ----------------------------------------------------------

const chromeFiles = readZip(readFileSync(chromeZip), 'the Chrome package');
const firefoxFiles = readZip(readFileSync(firefoxZip), 'the Firefox package');
const expected = [...files].sort().join('\n');
for (const [what, packed] of [['Chrome', chromeFiles], ['Firefox', firefoxFiles]]) {
  const names = [...packed.keys()].sort().join('\n');
  if (names !== expected) fail(`the ${what} package holds other files than were chosen:\n  chosen: ${expected.replace(/\n/g, ', ')}\n  packed: ${names.replace(/\n/g, ', ')}`);
  for (const [name, data] of packed) if (!data.equals(readFileSync(join(dist, name)))) fail(`${name} in the ${what} package differs from dist/${name}`);
}
const packedManifest = JSON.parse(chromeFiles.get('manifest.json').toString('utf8'));
if (packedManifest.version !== version) fail(`the packed manifest says ${packedManifest.version}, package.json ${version}`);

say(`web-ext lint ${relative(root, firefoxZip)} …`);
const lint = run(process.execPath, [webExt, 'lint', '--source-dir', firefoxZip, '--output', 'json', '--no-config-discovery']);
let report;
try {
  report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
} catch {
  fail(`web-ext lint gave no report (exit ${lint.status}):\n${lint.stdout}\n${lint.stderr}`);
}
const { errors, warnings, notices } = report.summary;
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const item of report[kind] ?? []) console.log(`  ${kind.slice(0, -1)}: ${item.code}: ${item.message}${item.file ? ` (${item.file}${item.line ? `:${item.line}` : ''})` : ''}`);
}
say(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
if (errors > 0 || lint.status !== 0) fail('web-ext lint found errors in the Firefox package: it would be refused');

// ---- 7. sizes and hashes --------------------------------------------------------------------

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const written = [chromeZip, firefoxZip, sourceZip];
writeFileSync(sums, written.map((path) => `${sha256(path)}  ${relative(artifacts, path)}\n`).join(''));
console.log('');
for (const path of written) console.log(`  ${relative(root, path).padEnd(40)} ${kb(statSync(path).size).padStart(10)}  sha256 ${sha256(path)}`);
console.log(`  ${relative(root, sums)} (sha256sum -c, from artifacts/)`);
console.log('');
if (flags['skip-tests']) {
  loudWarning(['TESTS SKIPPED (--skip-tests): do not upload these packages.']);
} else {
  say(`ready: upload ${relative(root, chromeZip)} to the Chrome Web Store and ${relative(root, firefoxZip)} (with ${relative(root, sourceZip)} as its source code) to addons.mozilla.org; listing texts are in store/`);
}
if (!tags.includes(`v${version}`)) say(`note: HEAD is not tagged v${version}; \`npm run version:bump\` prints the commands that tag a release`);
