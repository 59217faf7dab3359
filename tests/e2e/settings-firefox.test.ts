import { describe } from 'vitest';
import { settingsChecks } from './support/settings-checks.js';
import { firefoxSettingsDriver, useSettingsBrowser } from './support/settings-env.js';

// Options page, popup, badge and stored settings against open tabs. moz-extension:// pages are
// opened over BiDi (--remote-allow-system-access, a fixed add-on UUID); the extension's APIs
// are reached through one of its pages kept open.
describe('Chip Lens settings in Firefox', () => {
  settingsChecks(useSettingsBrowser(firefoxSettingsDriver));
});
