// CDP profiler for example loads: node --experimental-websocket choose.mjs DIST PORT
// Chooses examples from the menu in ORDER (prefixes, comma-separated), 600 ms apart, and
// writes cpu.json / trace.json; prints each load's choose → new markup in #preview (ms).
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
const [dist, port] = process.argv.slice(2);
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
await sleep(1500);
await ev(`window.__lat = []; true`);
await cmd('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
await cmd('Profiler.enable'); await cmd('Profiler.setSamplingInterval', { interval: 100 }); await cmd('Profiler.start');
const order = (process.env.ORDER || '003,000,003,001,003,004,003,000,003,001,003,004').split(',');
for (const v of order) {
  await ev(`(() => { const s = document.querySelector('select#examples'); const opt = [...s.options].find(o => o.value.startsWith('${v}'));
    const before = document.querySelector('#preview').innerHTML.length; const t = performance.now();
    document.querySelector('#editor').focus(); s.value = opt.value; s.dispatchEvent(new Event('change', { bubbles: true }));
    const poll = () => { if (document.querySelector('#preview').innerHTML.length !== before) window.__lat.push(['${v}', Math.round(performance.now() - t)]); else setTimeout(poll, 1); }; setTimeout(poll, 0);
    return true; })()`);
  await sleep(600);
}
const { result } = await cmd('Profiler.stop');
writeFileSync('cpu.json', JSON.stringify(result.profile));
const done = new Promise(r => { const h = setInterval(() => { const e = events.find(e => e.method === 'Tracing.tracingComplete'); if (e) { clearInterval(h); r(e.params.stream); } }, 50); });
await cmd('Tracing.end');
const stream = await done;
let data = '';
for (;;) { const { result } = await cmd('IO.read', { handle: stream, size: 1 << 20 }); data += result.data; if (result.eof) break; }
writeFileSync('trace.json', data);
console.log('latencies', JSON.stringify(await ev('window.__lat')));
process.exit(0);
