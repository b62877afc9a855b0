// The first loads of one example in a fresh page: node --experimental-websocket first.mjs DIST PORT [EXAMPLE] [WARM.mmd]
// Opens the app, optionally types WARM.mmd twice first (to see what warms the code), then
// chooses EXAMPLE (a menu prefix, 004 by default) four times, with 003 between, and prints
// each load's time to the first change of the preview in the page (ms): the first is the
// one a new user waits for.
import { readFileSync } from 'node:fs';
import { open, sleep } from './session.mjs';
const [dist, port, example = '004', warm] = process.argv.slice(2);
const { ev } = await open(dist, port);
await sleep(1500);
if (warm) {
  const t = readFileSync(warm, 'utf8');
  for (let i = 0; i < 2; i++) { await ev(`window.coral.setText(${JSON.stringify(t)}); true`); await sleep(600); await ev(`window.coral.setText('flowchart LR\\n a --> b'); true`); await sleep(400); }
}
const choose = async v => ev(`new Promise(done => {
  const s = document.querySelector('select#examples'); const opt = [...s.options].find(o => o.value.startsWith('${v}'));
  const pane = document.querySelector('#preview'); let dom = 0; const t = performance.now();
  const mo = new MutationObserver(() => { if (!dom) { dom = performance.now() - t; mo.disconnect(); done(dom); } });
  mo.observe(pane, { childList: true, subtree: true, attributes: true, characterData: true });
  document.querySelector('#editor').focus(); s.value = opt.value; s.dispatchEvent(new Event('change', { bubbles: true }));
  setTimeout(() => done(-1), 3000);
})`);
const out = [];
for (let i = 0; i < 4; i++) { out.push(Math.round(await choose(example))); await sleep(300); out.push('|'); await choose('003'); await sleep(300); }
console.log(example, warm ? `after ${warm}:` : 'in a fresh page:', out.join(' '));
process.exit(0);
