import { readFileSync } from 'node:fs';
const t = JSON.parse(readFileSync(process.argv[2] || 'trace.json'));
const evs = t.traceEvents || t;
const tn = evs.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const main = evs.filter(e => e.pid === tn.pid && e.tid === tn.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
const keys = main.filter(e => e.name === 'EventDispatch' && e.args?.data?.type === (process.argv[4] || 'keydown'));
const tasks = main.filter(e => e.name === 'RunTask');
const frames = evs.filter(e => e.name === 'DrawFrame' || (e.name === 'Commit' && e.pid === tn.pid)).map(e => e.ts).sort((a,b)=>a-b);
const limit = Number(process.argv[3] || 6);
keys.slice(0, limit).forEach((k, i) => {
  const next = keys[i + 1] ? keys[i + 1].ts : k.ts + 400000;
  console.log(`--- key ${i} at ${(k.ts / 1000).toFixed(0)}`);
  for (const task of tasks.filter(x => x.ts + x.dur >= k.ts && x.ts < next && x.dur > 1500)) {
    const inner = main.filter(e => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
    const agg = {};
    for (const e of inner) if (['FunctionCall','EventDispatch','TimerFire','FireAnimationFrame','RunMicrotasks','Layout','UpdateLayoutTree','Paint','Layerize','Commit','PrePaint','HandlePostMessage','ParseHTML','V8.GC_MC_INCREMENTAL', 'MajorGC','MinorGC','HitTest'].includes(e.name)) {
      const n = e.name === 'EventDispatch' ? 'Event:' + e.args.data.type : e.name; agg[n] = (agg[n] || 0) + e.dur / 1000; }
    console.log(`  +${((task.ts - k.ts) / 1000).toFixed(1).padStart(6)} ms task ${(task.dur / 1000).toFixed(1).padStart(6)} ms: ` + Object.entries(agg).sort((a,b)=>b[1]-a[1]).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(', '));
  }
});
