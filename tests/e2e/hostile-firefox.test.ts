// Hostile pages and bad input in Firefox ESR: the checks both browsers share. Checked in Chromium
// only (see hostile-chromium.test.ts), because WebDriver BiDi gives a test no way to:
// - read inside the card's closed shadow root (its links, its computed style);
// - evaluate in another add-on's background, to send Chip Lens messages from a second extension;
// - profile the page's scripts by origin or read its JS heap (CPU under churn is the whole
//   browser's here, from /proc).
// Firefox's storage.local has no quota, so the "terms do not fit" case is Chromium's alone; the
// storage.sync item quota, which Firefox enforces too, is checked here.
import { describe } from 'vitest';
import { hostileChecks } from './support/hostile-checks.js';
import { launchHostileFirefox, useHostileBrowser, type HostileFirefox } from './support/hostile-env.js';

describe('Chip Lens on hostile pages in Firefox', () => {
  hostileChecks(useHostileBrowser<HostileFirefox>(() => launchHostileFirefox()));
});
