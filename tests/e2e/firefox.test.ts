import { describe } from 'vitest';
import { useBrowser } from './support/environment.js';
import { extensionChecks, navigationChecks } from './support/extension-checks.js';
import { launchFirefox } from './support/firefox.js';

// The launch itself checks that Firefox installed the add-on under the manifest's gecko id.
// BiDi cannot reach into the closed shadow root, so the card is checked through its signal.
// Checked in Chromium only (see chromium.test.ts):
// - the "next mention" command: it arrives as a message from the background, and BiDi gives a
//   test no way to evaluate in the add-on's background page (nor do synthetic key presses reach
//   the browser's command shortcuts);
// - the "Named alongside" buttons and the card's links: they are inside the closed shadow root,
//   and BiDi can neither find them nor tell where they are on the page;
// - dark mode: the card's colours are read through CDP.
describe('Chip Lens in Firefox', () => {
  const env = useBrowser(launchFirefox);
  extensionChecks(env);
  navigationChecks(env);
});
