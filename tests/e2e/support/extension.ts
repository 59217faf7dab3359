import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

// The test build carries the 'chiplens-test' signals; CHIPLENS_E2E_DIST points the suites at
// another unpacked build when one needs checking by hand.
export const EXTENSION_DIR = process.env.CHIPLENS_E2E_DIST ?? join(ROOT, 'dist-test');

/** Fails with the command to run when the test build is missing, rather than a browser error. */
export function requireTestBuild(): { geckoId: string } {
  for (const file of ['manifest.json', 'content.js', 'background.js']) {
    if (!existsSync(join(EXTENSION_DIR, file))) {
      throw new Error(`${join(EXTENSION_DIR, file)} is missing: run \`npm run build:test\` first`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  return { geckoId: manifest.browser_specific_settings.gecko.id };
}

/** A missing browser fails the run by name; these suites never skip. */
export function requireBrowser(path: string, what: string, variable: string): string {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}: install it (apt-get install -y ${what}) or set ${variable} to its path`);
  }
  return path;
}
