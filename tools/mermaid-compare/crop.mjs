// node crop.mjs IN.svg OUT.png X Y W H [SCALE]: the region (X, Y, W, H) of an SVG in its
// own coordinates, drawn by headless Chromium at SCALE pixels a unit (default 1). Mermaid's
// SVGs need a browser: their labels are HTML in foreignObjects, their fills come from CSS.
import { chromium } from 'playwright-core';
import fs from 'fs';
const [inp, out, x, y, w, h, scale = 1] = process.argv.slice(2);
const [pw, ph] = [Math.round(w * scale), Math.round(h * scale)];
const svg = fs.readFileSync(inp, 'utf8').replace(/<svg[^>]*>/, s => s
  .replace(/viewBox="[^"]*"/, `viewBox="${x} ${y} ${w} ${h}"`)
  .replace(/style="max-width:[^"]*"/, '')
  .replace(/ width="[^"]*"/, ` width="${pw}" height="${ph}"`));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: pw, height: ph } });
await page.setContent(`<html><body style="margin:0;background:white">${svg}</body></html>`);
await page.screenshot({ path: out, clip: { x: 0, y: 0, width: pw, height: ph } });
await browser.close();
