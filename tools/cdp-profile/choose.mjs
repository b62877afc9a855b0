// CDP profiler for example loads: node --experimental-websocket choose.mjs DIST PORT
// Chooses examples from the menu in ORDER (prefixes, comma-separated), 600 ms apart, and
// writes cpu.json / trace.json; prints each load's choose → new markup in #preview (ms).
import { writeFileSync } from 'node:fs';
import { open, sleep } from './session.mjs';
const [dist, port] = process.argv.slice(2);
const { cmd, ev, waitFor, events } = await open(dist, port);
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
