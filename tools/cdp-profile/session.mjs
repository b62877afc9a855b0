// What every script here starts with: serve DIST on 127.0.0.1:PORT, start headless
// Chromium with a DevTools port, open the app's page over the protocol and wait for the
// first drawing. `cmd` sends a protocol command, `ev` evaluates an expression in the page
// (by value), `events` collects the protocol events, `waitFor` polls an expression.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';

export const sleep = ms => new Promise(r => setTimeout(r, ms));

export async function open(dist, port) {
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
  let id = 0; const pending = new Map(); const events = [];
  ws.onmessage = m => { const d = JSON.parse(m.data); if (d.id && pending.has(d.id)) { pending.get(d.id)(d); pending.delete(d.id); } else events.push(d); };
  const cmd = (method, params = {}) => new Promise(r => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
  const ev = async expr => { const r = await cmd('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true }); if (r.result.exceptionDetails) throw new Error(JSON.stringify(r.result.exceptionDetails)); return r.result.result.value; };
  const waitFor = async (expr, ms = 120000) => { const t = Date.now(); while (Date.now() - t < ms) { try { if (await ev(expr)) return; } catch {} await sleep(100); } throw new Error('timeout ' + expr); };
  await cmd('Page.enable'); await cmd('Runtime.enable');
  await cmd('Page.navigate', { url: `http://127.0.0.1:${port}/` });
  await waitFor("!!window.coral && !!document.querySelector('#preview svg')");
  return { cmd, ev, waitFor, events };
}
