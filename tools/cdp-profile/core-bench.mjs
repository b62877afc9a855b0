// The core's own time in the browser, without the page: every example's text drawn N times
// by the layout worker (src/worker.rs, which times each job itself), median per example.
// node --experimental-websocket core-bench.mjs DIST PORT [N]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
const [dist, port, n = '25'] = process.argv.slice(2);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const server = spawn('python3', ['-m', 'http.server', port, '--bind', '127.0.0.1', '-d', dist], { stdio: 'ignore' });
const dport = 9300 + Math.floor(Math.random() * 500);
const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${dport}`,
  `--user-data-dir=${mkdtempSync('/tmp/coral-cdp-')}`, '--window-size=1400,900', 'about:blank'], { stdio: 'ignore' });
process.on('exit', () => { server.kill(); chrome.kill(); });
let list;
for (let i = 0; i < 100; i++) { try { list = await (await fetch(`http://127.0.0.1:${dport}/json/list`)).json(); break; } catch { await sleep(100); } }
const ws = new WebSocket(list.find(t => t.type === 'page').webSocketDebuggerUrl);
await new Promise(r => ws.onopen = r);
let id = 0; const pending = new Map();
ws.onmessage = m => { const d = JSON.parse(m.data); if (d.id && pending.has(d.id)) { pending.get(d.id)(d); pending.delete(d.id); } };
const cmd = (method, params = {}) => new Promise(r => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const ev = async expr => { const r = await cmd('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true }); if (r.result.exceptionDetails) throw new Error(JSON.stringify(r.result.exceptionDetails)); return r.result.result.value; };
await cmd('Page.enable'); await cmd('Runtime.enable');
await cmd('Page.navigate', { url: `http://127.0.0.1:${port}/` });
for (let t = Date.now(); Date.now() - t < 60000; await sleep(100)) { try { if (await ev("!!window.coral && !!document.querySelector('#preview svg')")) break; } catch {} }
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
