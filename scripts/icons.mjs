// Renders icons/icon.svg to the PNG sizes the manifest names, with headless Chromium, so the
// PNGs always come from the one drawing. Run after editing the SVG: `node scripts/icons.mjs`.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = [16, 32, 48, 128];
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`icons: no Chromium at ${executablePath}; install it (apt-get install chromium) or set CHROME_PATH`);
  process.exit(1);
}

const svg = readFileSync(join(root, 'icons', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    // The SVG keeps its viewBox; width/height on the <img> make Chromium rasterise it at this size
    // rather than scaling a 128 px bitmap down.
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const path = join(root, 'icons', `icon-${size}.png`);
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
