// Example loads timed in the page: node --experimental-websocket loads.mjs DIST PORT [ROUNDS]
// Per round, chooses 003 and then each of 000, 001, 002, 004 from the examples menu (and
// 003 from 000), stamping, as the e2e timing harness does, the first change to the
// preview (a MutationObserver) and the frame that shows it, painted (a frame callback,
// then a message). Prints the first load of each and the medians of the rest (ms). Run two
// builds alternately to compare them: the shared machine moves page times by a third.
import { open, sleep } from './session.mjs';
const [dist, port, rounds = '7'] = process.argv.slice(2);
const { ev } = await open(dist, port);
await sleep(1500);
const choose = async v => ev(`new Promise(done => {
  const s = document.querySelector('select#examples'); const opt = [...s.options].find(o => o.value.startsWith('${v}'));
  const pane = document.querySelector('#preview'); let dom = 0; const t = performance.now();
  const mo = new MutationObserver(() => { if (!dom) { dom = performance.now() - t; mo.disconnect();
      requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done([dom, performance.now() - t]); c.port2.postMessage(0); }); } });
  mo.observe(pane, { childList: true, subtree: true, attributes: true, characterData: true });
  document.querySelector('#editor').focus(); s.value = opt.value; s.dispatchEvent(new Event('change', { bubbles: true }));
  setTimeout(() => done([-1, -1]), 3000);
})`);
const res = {};
for (let r = 0; r < +rounds; r++) for (const v of ['000', '001', '002', '004']) {
  await choose('003'); await sleep(300);
  (res[v] ??= []).push(await choose(v)); await sleep(300);
  if (v === '004') { await choose('000'); await sleep(300); (res['003'] ??= []).push(await choose('003')); await sleep(300); }
}
const med = a => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [v, xs] of Object.entries(res)) {
  const rest = xs.slice(1);
  console.log(v, 'first', xs[0].map(Math.round).join(' / '), '· median in the page', med(rest.map(x => x[0])).toFixed(1), 'painted', med(rest.map(x => x[1])).toFixed(1));
}
process.exit(0);
