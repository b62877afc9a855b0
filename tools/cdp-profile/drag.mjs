// A drag timed and traced: node --experimental-websocket drag.mjs DIST PORT EXAMPLE ID [STEPS] [ROUNDS]
// Chooses EXAMPLE (a menu prefix) and drags the element with data-id ID in STEPS pointer
// moves, one per animation frame (as the e2e timing harness does), ROUNDS times with a
// trace of the page's threads. For every frame interval over 17 ms it prints what ran on
// the renderer's main thread and the compositor between the two frame callbacks, so a
// missed frame can be put down to the step, the catch-up, style, paint or something else.
import { writeFileSync } from 'node:fs';
import { open, sleep } from './session.mjs';
const [dist, port, example, id, steps = '60', rounds = '3'] = process.argv.slice(2);
const { cmd, ev, events } = await open(dist, port);
await sleep(1500);
if (process.env.CSS) await ev(`const st = document.createElement('style'); st.textContent = ${JSON.stringify(process.env.CSS)}; document.head.appendChild(st); true`);
const choose = v => ev(`new Promise(done => {
  const s = document.querySelector('select#examples'); const opt = [...s.options].find(o => o.value.startsWith('${v}'));
  s.value = opt.value; s.dispatchEvent(new Event('change', { bubbles: true })); setTimeout(done, 1200);
})`);
const drag = () => ev(`new Promise(done => {
  const pane = document.querySelector('#preview');
  const el = [...pane.querySelectorAll('svg [data-id]')].find(e => e.dataset.id === ${JSON.stringify(id)});
  const r = el.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 12), y = r.top + Math.min(r.height / 2, 8);
  const pe = (type, cx, cy) => new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse',
    isPrimary: true, button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, clientX: cx, clientY: cy });
  el.dispatchEvent(pe('pointerdown', x, y)); pane.dispatchEvent(pe('pointermove', x + 6, y + 6));
  const frames = []; let i = 0, last = 0;
  const at = k => [x + 6 + 3 * k, y + 6 + 2 * Math.sin(k / 4) * 20];
  const tick = now => {
    console.timeStamp('coral-tick');
    const vb = pane.querySelector('svg').getAttribute('viewBox');
    if (last) frames.push([i, now - last, vb !== tick.vb]);
    tick.vb = vb;
    last = now;
    if (i >= ${Number(steps)}) { const [cx, cy] = at(i); pane.dispatchEvent(pe('pointerup', cx, cy)); done(frames); return; }
    const [cx, cy] = at(i); pane.dispatchEvent(pe('pointermove', cx, cy)); i++; requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`);
await cmd('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,cc,viz,gpu,benchmark', transferMode: 'ReturnAsStream' });
const all = [];
for (let r = 0; r < Number(rounds); r++) {
  await choose('003'); await choose(example);
  all.push(await drag());
}
const done = new Promise(r => { const h = setInterval(() => { const e = events.find(e => e.method === 'Tracing.tracingComplete'); if (e) { clearInterval(h); r(e.params.stream); } }, 50); });
await cmd('Tracing.end');
const stream = await done;
let data = '';
for (;;) { const { result } = await cmd('IO.read', { handle: stream, size: 1 << 20 }); data += result.data; if (result.eof) break; }
writeFileSync('trace-drag.json', data);
const evs = JSON.parse(data).traceEvents;
const tn = evs.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const threads = new Map(evs.filter(e => e.name === 'thread_name').map(e => [`${e.pid}:${e.tid}`, e.args.name]));
const ticks = evs.filter(e => e.name === 'TimeStamp' && e.args?.data?.message === 'coral-tick').map(e => e.ts).sort((a, b) => a - b);
const long = [];
const busy = { main: [], raster: [], viz: [] };
const sum = (es, pred) => es.filter(pred).reduce((t, e) => t + e.dur / 1000, 0);
const isMain = e => `${e.pid}:${e.tid}` === `${tn.pid}:${tn.tid}`;
const threadIs = (e, name) => (threads.get(`${e.pid}:${e.tid}`) || '').startsWith(name);
const xs = evs.filter(e => e.ph === 'X');
for (let k = 1; k < ticks.length; k++) {
  const [a, b] = [ticks[k - 1], ticks[k]];
  if (b - a > 1000000) continue;
  const inside = xs.filter(e => e.ts >= a && e.ts < b);
  busy.main.push(sum(inside, e => isMain(e) && e.name === 'RunTask'));
  busy.raster.push(sum(inside, e => e.name === 'RasterTask'));
  busy.viz.push(sum(inside, e => threadIs(e, 'VizCompositor') && e.name === 'RunTask'));
  if (b - a > 25000) long.push([a, b]);
  if (process.env.EARLY) {
    const first = k === 1 || ticks[k - 1] - ticks[k - 2] > 1000000;
    if (first) console.log('round');
    const dur = name => inside.filter(e => isMain(e) && e.name === name).map(e => (e.dur / 1000).toFixed(1)).join('+');
    console.log(`  ${((b - a) / 1000).toFixed(1).padStart(5)} ms · main ${busy.main.at(-1).toFixed(1)} · raster ${busy.raster.at(-1).toFixed(1)} · viz ${busy.viz.at(-1).toFixed(1)} · event ${dur('EventDispatch')} · rAF ${dur('FireAnimationFrame')} · style+layout ${dur('LocalFrameView::RunStyleAndLayoutLifecyclePhases')} · paint ${dur('LocalFrameView::RunPaintLifecyclePhase')} · gc ${dur('MinorGC')}${dur('MajorGC')}`);
  }
}
const med = v => v.slice().sort((x, y) => x - y)[Math.floor(v.length / 2)];
const p95 = v => v.slice().sort((x, y) => x - y)[Math.floor(v.length * 0.95)];
console.log('frames per round', all.map(f => f.length).join(' '), '· over 17 ms:', all.map(f => f.filter(([, d]) => d > 17).map(([i, d]) => `${Math.round(d)}@${i}`).join(',') || 'none').join(' | '));
console.log('view box grown before frame:', all.map(f => f.filter(([, , g]) => g).map(([i]) => i).join(',') || 'never').join(' | '));
for (const [k, v] of Object.entries(busy)) console.log(`per frame, ${k}: median ${med(v).toFixed(1)} ms, p95 ${p95(v).toFixed(1)} ms`);
for (const [a, b] of long) {
  console.log(`\n— frame ${((b - a) / 1000).toFixed(1)} ms`);
  const inside = xs.filter(e => e.ts >= a && e.ts < b && e.dur > 500);
  const byThread = new Map();
  for (const e of inside) { const t = threads.get(`${e.pid}:${e.tid}`) || `${e.pid}:${e.tid}`; (byThread.get(t) || byThread.set(t, []).get(t)).push(e); }
  for (const [t, es] of byThread) console.log(`  ${t}: ` + es.sort((x, y) => x.ts - y.ts).slice(0, 30).map(e => `${e.name}@${((e.ts - a) / 1000).toFixed(1)}+${(e.dur / 1000).toFixed(1)}`).join(' '));
}
process.exit(0);
