// CDP profiler for Coral: node --experimental-websocket prof.mjs DIST PORT [keys] [mode]
// mode: trace | cpu | both. Types `keys` keystrokes at the end of a 2,000-node document.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
const [dist, port, nkeys = '10', mode = 'both', textFile = '/tmp/cloud2000.mmd', kind = 'node'] = process.argv.slice(2);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const server = spawn('python3', ['-m', 'http.server', port, '--bind', '127.0.0.1', '-d', dist], { stdio: 'ignore' });
const dport = 9300 + Math.floor(Math.random() * 500);
const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${dport}`,
  `--user-data-dir=${mkdtempSync('/tmp/coral-cdp-')}`, '--window-size=1400,900', 'about:blank'], { stdio: 'ignore' });
process.on('exit', () => { server.kill(); chrome.kill(); });
let list;
for (let i = 0; i < 100; i++) { try { list = await (await fetch(`http://127.0.0.1:${dport}/json/list`)).json(); break; } catch { await sleep(100); } }
const pageT = list.find(t => t.type === 'page');
const ws = new WebSocket(pageT.webSocketDebuggerUrl);
await new Promise(r => ws.onopen = r);
let id = 0; const pending = new Map(); const events = [];
ws.onmessage = m => { const d = JSON.parse(m.data); if (d.id && pending.has(d.id)) { pending.get(d.id)(d); pending.delete(d.id); } else events.push(d); };
const cmd = (method, params = {}) => new Promise(r => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const ev = async expr => { const r = await cmd('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true }); if (r.result.exceptionDetails) throw new Error(JSON.stringify(r.result.exceptionDetails)); return r.result.result.value; };
await cmd('Page.enable'); await cmd('Runtime.enable');
await cmd('Page.navigate', { url: `http://127.0.0.1:${port}/` });
const waitFor = async (expr, ms = 120000) => { const t = Date.now(); while (Date.now() - t < ms) { try { if (await ev(expr)) return; } catch {} await sleep(100); } throw new Error('timeout ' + expr); };
await waitFor("!!window.coral && !!document.querySelector('#preview svg')");
const text = readFileSync(textFile, 'utf8');
await ev(`window.coral.setText(${JSON.stringify(text)}); true`);
const last = (text.match(/N\d+/g) || ['N0']).pop();
await waitFor(`!!document.querySelector("#preview g.node[data-id='${last}']") || !!document.querySelector('#preview svg')`);
await sleep(3000);
if (process.env.CSS) await ev(`const st = document.createElement('style'); st.textContent = ${JSON.stringify(process.env.CSS)}; document.head.appendChild(st); true`);
await ev(`const e = document.querySelector('#editor'); e.focus(); e.setSelectionRange(e.value.length, e.value.length); true`);
await sleep(500);
const typeKey = async ch => {
  if (ch === '\n') {
    await cmd('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
    await cmd('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  } else {
    await cmd('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch });
    await cmd('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
  }
};
const keys = (kind === 'node' ? '\n  N0 --> Typed0[T]' : '\n  %% note here').slice(0, Number(nkeys));
// Latency probe: each keydown → the frame after the next rAF.
await ev(`window.__lat = []; document.addEventListener('keydown', () => { const t = performance.now(); requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => window.__lat.push(performance.now() - t); c.port2.postMessage(0); }); }, true); true`);
if (mode !== 'cpu') await cmd('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
if (mode !== 'trace') { await cmd('Profiler.enable'); await cmd('Profiler.setSamplingInterval', { interval: 100 }); await cmd('Profiler.start'); }
if (kind === 'line' || kind === 'comment') {
  for (let i = 0; i < Number(nkeys); i++) {
    const edit = kind === 'line' ? `\n  N${i} --> Typed${i}[Typed ${i}]` : `\n  %% note ${i}`;
    await ev(`(() => { const editor = document.querySelector('#editor'); if (document.activeElement !== editor) editor.focus();
      editor.setSelectionRange(editor.value.length, editor.value.length); const t = performance.now();
      document.execCommand('insertText', false, ${JSON.stringify(edit)});
      requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => window.__lat.push(performance.now() - t); c.port2.postMessage(0); }); return true; })()`);
    await sleep(150);
  }
} else for (const ch of keys) { await typeKey(ch); await sleep(200); }
await sleep(1500);
if (mode !== 'trace') {
  const { result } = await cmd('Profiler.stop');
  writeFileSync('cpu.json', JSON.stringify(result.profile));
}
if (mode !== 'cpu') {
  const done = new Promise(r => { const h = setInterval(() => { const e = events.find(e => e.method === 'Tracing.tracingComplete'); if (e) { clearInterval(h); r(e.params.stream); } }, 50); });
  await cmd('Tracing.end');
  const stream = await done;
  let data = '';
  for (;;) { const { result } = await cmd('IO.read', { handle: stream, size: 1 << 20 }); data += result.data; if (result.eof) break; }
  writeFileSync('trace.json', data);
}
console.log('latencies', JSON.stringify(await ev('window.__lat.map(x => Math.round(x))')));
process.exit(0);
