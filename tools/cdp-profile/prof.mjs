// CDP profiler for Coral: node --experimental-websocket prof.mjs DIST PORT [keys] [mode]
// mode: trace | cpu | both. Types `keys` keystrokes at the end of a 2,000-node document.
import { readFileSync, writeFileSync } from 'node:fs';
import { open, sleep } from './session.mjs';
const [dist, port, nkeys = '10', mode = 'both', textFile = '/tmp/cloud2000.mmd', kind = 'node'] = process.argv.slice(2);
const { cmd, ev, waitFor, events } = await open(dist, port);
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
