import { describe } from 'vitest';
import { settingsChecks } from './support/settings-checks.js';
import { chromiumSettingsDriver, useSettingsBrowser } from './support/settings-env.js';

// Options page, popup, badge and stored settings against open tabs. The extension's APIs are
// reached through its service worker.
describe('Chip Lens settings in Chromium', () => {
  settingsChecks(useSettingsBrowser(chromiumSettingsDriver));
});
