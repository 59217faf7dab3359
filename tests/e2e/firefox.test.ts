import { describe } from 'vitest';
import { useBrowser } from './support/environment.js';
import { extensionChecks } from './support/extension-checks.js';
import { launchFirefox } from './support/firefox.js';

// The launch itself checks that Firefox installed the add-on under the manifest's gecko id.
// BiDi cannot reach into the closed shadow root, so the card is checked through its signal.
describe('Chip Lens in Firefox', () => {
  extensionChecks(useBrowser(launchFirefox));
});
