// Renders the extension icon (images/icon.svg -> images/icon.png, 256×256) with Debian's Chromium
// through playwright-core, so the PNG the marketplace shows is made from the committed SVG source.
// Usage: node scripts/render-icon.mjs [source.svg] [target.png]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? path.join(repoRoot, 'images', 'icon.svg');
const target = process.argv[3] ?? path.join(repoRoot, 'images', 'icon.png');

// The same headless Chromium, with the same offline flags, as the real-VS-Code tests use.
const { browser, stop } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
  const svg = readFileSync(source, 'utf8');
  await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
  await page.locator('svg').screenshot({ path: target, omitBackground: true });
  console.log(`${path.relative(repoRoot, target)} written from ${path.relative(repoRoot, source)}`);
} finally {
  stop();
}
