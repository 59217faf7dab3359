import { describe, expect } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { useBrowser } from './support/environment.js';
import { extensionChecks, MI300X_SENTENCE } from './support/extension-checks.js';

// The launch itself checks that the extension's service worker started from dist-test/.
describe('Chip Lens in Chromium', () => {
  const env = useBrowser(launchChromium);

  extensionChecks(env, {
    async whileCardShown(page, card) {
      const dom = await page.cardDom();
      expect(dom, 'DevTools sees a <chip-lens-card> host with a shadow root').not.toBeNull();
      expect(dom?.shadowRootType).toBe('closed');
      expect(dom?.role).toBe('tooltip');
      expect(dom?.text.replace(/\s+/g, ' ')).toContain(card.name);
      expect(dom?.text.replace(/\s+/g, ' ')).toContain(MI300X_SENTENCE);
    },
  });
});
