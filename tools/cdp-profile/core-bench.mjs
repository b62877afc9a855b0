// The core's own time in the browser, without the page: every example's text drawn N times
// by the layout worker (src/worker.rs, which times each job itself), median per example.
// node --experimental-websocket core-bench.mjs DIST PORT [N]
import { open, sleep } from './session.mjs';
const [dist, port, n = '25'] = process.argv.slice(2);
const { cmd, ev, waitFor, events } = await open(dist, port);
const out = await ev(`(async () => {
  const s = document.querySelector('select#examples');
  const texts = [];
  for (const o of [...s.options].filter(o => o.value)) {
    s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise(r => setTimeout(r, 300));
    texts.push([o.value.slice(0, 3), window.coral.getText()]);
  }
  const w = new Worker('coral-worker-loader.js');
  let resolve; w.onmessage = e => resolve && resolve(e.data);
  const next = () => new Promise(r => resolve = r);
  await next();
  const res = {}; let g = 0;
  for (let round = 0; round < ${Number(n)}; round++) for (const [k, text] of texts) {
    w.postMessage(JSON.stringify({ generation: ++g, text, theme: null, site: '', icons: [], previous: null }));
    let m; do { m = await next(); } while (!m || m.ms === undefined); // src/wire.rs: ms on a drawing
    (res[k] ||= []).push(m.ms);
  }
  w.terminate();
  const med = v => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
  return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, +med(v).toFixed(2)]));
})()`);
console.log(JSON.stringify(out));
process.exit(0);
