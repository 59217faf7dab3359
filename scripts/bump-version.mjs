// `npm run version:bump -- patch|minor|major|X.Y.Z [--dry-run]`: the start of a release.
//
// Sets the new version in package.json and package-lock.json (the one place it lives: the build
// copies it into dist/manifest.json), moves CHANGELOG.md's "Unreleased" entries under a heading
// for the new version with today's date, and prints the git commands that commit and tag it.
// It runs no git command that changes anything; `npm run package` on the tag makes the uploads.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run version:bump -- patch|minor|major|X.Y.Z [--dry-run]';

function fail(message) {
  console.error(`version:bump: ${message}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } } });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [step, ...extra] = parsed.positionals;
if (!step || extra.length) fail(USAGE);
const dryRun = parsed.values['dry-run'] === true;

/** True when git knows the tag; false outside a git checkout too. */
function tagExists(tag) {
  try {
    return execFileSync('git', ['tag', '--list', tag], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return false;
  }
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const packagePath = join(root, 'package.json');
const lockPath = join(root, 'package-lock.json');
const changelogPath = join(root, 'CHANGELOG.md');

const pkg = JSON.parse(readFileSync(packagePath, 'utf8'));
const current = SEMVER.exec(pkg.version ?? '');
if (!current) fail(`package.json's version "${pkg.version}" is not MAJOR.MINOR.PATCH`);
const [major, minor, patch] = current.slice(1).map(Number);

let next;
if (step === 'major') next = `${major + 1}.0.0`;
else if (step === 'minor') next = `${major}.${minor + 1}.0`;
else if (step === 'patch') next = `${major}.${minor}.${patch + 1}`;
else if (SEMVER.test(step)) next = step;
else fail(`"${step}" is neither patch, minor, major nor a version like 1.2.3\n${USAGE}`);

const order = (version) => version.split('.').map(Number).reduce((sum, part) => sum * 1e9 + part, 0);
if (order(next) <= order(pkg.version)) fail(`${next} is not after the current ${pkg.version}`);
// Chrome and Firefox read each part as an integer of at most 9 digits.
if (next.split('.').some((part) => part.length > 9)) fail(`${next} has a part longer than the stores allow`);

// ---- CHANGELOG.md: "Unreleased" becomes the new version ---------------------------------------

const today = (() => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
})();

const changelog = readFileSync(changelogPath, 'utf8');
const unreleased = /^## \[Unreleased\][^\n]*\n/m.exec(changelog);
if (!unreleased) fail('CHANGELOG.md has no "## [Unreleased]" section to release');
const bodyStart = unreleased.index + unreleased[0].length;
const nextHeading = changelog.slice(bodyStart).search(/^## \[/m);
const linksStart = changelog.slice(bodyStart).search(/^\[[^\]]+\]: /m);
const bodyEnd = bodyStart + Math.min(...[nextHeading, linksStart, changelog.length - bodyStart].filter((at) => at >= 0));
const body = changelog.slice(bodyStart, bodyEnd).trim();
if (!/^\s*[-*] /m.test(body)) {
  fail('CHANGELOG.md\'s "Unreleased" section lists no changes: add what this release changes (under ### Added, ### Changed, ### Fixed …) first');
}
if (tagExists(`v${next}`)) fail(`the tag v${next} already exists`);
if (new RegExp(`^## \\[${next.replace(/\./g, '\\.')}\\]`, 'm').test(changelog)) fail(`CHANGELOG.md already has a ${next} section`);

let updated = `${changelog.slice(0, bodyStart)}\n## [${next}] - ${today}\n\n${body}\n\n${changelog.slice(bodyEnd).replace(/^\n+/, '')}`;
// Compare links, when the changelog has them: [Unreleased]: URL/compare/vOLD...HEAD
const compare = /^\[Unreleased\]: (\S+)\/compare\/v(\S+?)\.\.\.HEAD$/m.exec(updated);
if (compare) {
  updated = updated.replace(compare[0], `[Unreleased]: ${compare[1]}/compare/v${next}...HEAD\n[${next}]: ${compare[1]}/compare/v${compare[2]}...v${next}`);
}

// ---- package.json and package-lock.json ---------------------------------------------------

const setVersion = (path, change) => {
  const text = readFileSync(path, 'utf8');
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  const json = JSON.parse(text);
  change(json);
  return `${JSON.stringify(json, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
};
const newPackage = setVersion(packagePath, (json) => {
  json.version = next;
});
const newLock = setVersion(lockPath, (json) => {
  json.version = next;
  if (json.packages?.['']) json.packages[''].version = next;
});

if (dryRun) {
  console.log(`version:bump: would set ${pkg.version} → ${next} in package.json and package-lock.json, and release CHANGELOG.md's Unreleased section as [${next}] - ${today}:\n\n${body}\n`);
  process.exit(0);
}
writeFileSync(packagePath, newPackage);
writeFileSync(lockPath, newLock);
writeFileSync(changelogPath, updated);

const manifestVersion = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).version;
let branch = 'main';
try {
  branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout: the commands below still say what to do
}

console.log(`version:bump: ${pkg.version} → ${next}
  package.json, package-lock.json: version ${next}
  CHANGELOG.md: the Unreleased entries are now "## [${next}] - ${today}"; Unreleased is empty
${manifestVersion !== undefined && manifestVersion !== '0.0.0' ? `  (manifest.json says ${manifestVersion}; it should stay 0.0.0: the build writes ${next} into dist/manifest.json)\n` : ''}
Review the changes (git diff), then commit, tag and package:

  git add package.json package-lock.json CHANGELOG.md
  git commit -m "Release ${next}"
  git tag -a v${next} -m "Chip Lens ${next}"
  npm run package
  git push origin ${branch} v${next}

npm run package refuses to run on uncommitted changes or failing tests, and writes
artifacts/chiplens-chrome-${next}.zip and artifacts/chiplens-firefox-${next}.zip for the stores.`);
