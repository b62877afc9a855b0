import { readFileSync } from 'node:fs';
const t = JSON.parse(readFileSync(process.argv[2] || 'trace.json'));
const evs = t.traceEvents || t;
const tn = evs.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const main = evs.filter(e => e.pid === tn.pid && e.tid === tn.tid && e.ph === 'X');
const agg = new Map();
for (const e of main) agg.set(e.name, (agg.get(e.name) || [0, 0]).map((v, i) => v + (i ? 1 : e.dur / 1000)));
console.log([...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).map(([n, [d, c]]) => `${d.toFixed(1).padStart(8)} ms ${String(c).padStart(5)}x ${n}`).join('\n'));
// Tasks over 16 ms
const tasks = main.filter(e => e.name === 'RunTask' && e.dur > 16000);
console.log('tasks > 16ms:', tasks.map(e => Math.round(e.dur / 1000)).join(', '));
