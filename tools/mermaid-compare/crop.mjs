// node crop.mjs IN.svg OUT.png X Y W H: the region (X, Y, W, H) of an SVG in its own
// coordinates, drawn by headless Chromium at one pixel a unit (Mermaid's SVGs need a
// browser: their labels are HTML in foreignObjects and their fills come from CSS).
import { chromium } from 'playwright-core';
import fs from 'fs';
const [inp, out, x, y, w, h] = process.argv.slice(2);
let svg = fs.readFileSync(inp, 'utf8');
svg = svg.replace(/<svg[^>]*>/, s => s.replace(/viewBox="[^"]*"/, `viewBox="${x} ${y} ${w} ${h}"`).replace(/style="max-width:[^"]*"/, '').replace(/ width="[^"]*"/, ` width="${w}" height="${h}"`));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
await page.setContent(`<html><body style="margin:0;background:white">${svg}</body></html>`);
await page.screenshot({ path: out, clip: { x: 0, y: 0, width: +w, height: +h } });
await browser.close();
