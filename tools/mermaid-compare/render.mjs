// node render.mjs OUTDIR FILE...: each FILE (.mmd, or .md with a ```mermaid block) drawn by
// mermaid.js (12.3, ELK registered) in headless Chromium, written to OUTDIR/NAME.svg; the page
// (index.html) is served on 127.0.0.1:$PORT by run.sh.
import { chromium } from 'playwright-core';
import fs from 'fs'; import path from 'path';
const [out, ...files] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${process.env.PORT || 8765}/index.html`);
await page.waitForFunction(() => window.ready === true);
let i = 0;
for (const f of files) {
  let text = fs.readFileSync(f, 'utf8');
  const m = text.match(/```mermaid\n([\s\S]*?)```/); if (m) text = m[1];
  const name = path.basename(f).replace(/\.(mmd|md)$/, '');
  const r = await page.evaluate(async ([t, id]) => {
    const t0 = performance.now();
    try {
      const { svg } = await window.mermaid.render(id, t);
      const ms = performance.now() - t0;
      // mermaid's string is HTML (unclosed <br> in labels, xlink: without its namespace):
      // read it as HTML and write it out as XML, which svg-metrics parses.
      const box = document.getElementById('c');
      box.innerHTML = svg;
      const xml = new XMLSerializer().serializeToString(box.querySelector('svg'));
      box.innerHTML = '';
      return { svg: xml, ms };
    }
    catch (e) { document.querySelectorAll('[id^=dm]').forEach(n => n.remove()); return { err: String(e && e.message || e) }; }
  }, [text, 'm' + (i++)]);
  if (r.err) { console.log(`${name}\tERROR\t${r.err.split('\n')[0].slice(0, 120)}`); continue; }
  fs.writeFileSync(path.join(out, name + '.svg'), r.svg);
  console.log(`${name}\tok\t${r.ms.toFixed(0)} ms`);
}
await browser.close();
