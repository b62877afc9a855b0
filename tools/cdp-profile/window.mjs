// Aggregate CPU-profile samples that fall inside trace tasks containing a given event name.
import { readFileSync } from 'node:fs';
const [cpuF, traceF, evName = 'FireAnimationFrame', top = '40', minTask = '5'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(cpuF)); const t = JSON.parse(readFileSync(traceF)); const evs = t.traceEvents || t;
const tn = evs.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const main = evs.filter(e => e.pid === tn.pid && e.tid === tn.tid && e.ph === 'X');
const tasks = main.filter(e => e.name === 'RunTask' && e.dur > Number(minTask) * 1000);
const marks = main.filter(e => e.name === evName);
const wins = tasks.filter(tk => marks.some(m => m.ts >= tk.ts && m.ts <= tk.ts + tk.dur)).map(tk => [tk.ts, tk.ts + tk.dur]);
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
let ts = p.startTime; const incl = new Map(); let total = 0;
const nm = id => { const n = byId.get(id); return (n.callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}/, '').slice(0, 120); };
p.samples.forEach((s, i) => { ts += p.timeDeltas[i]; const dt = p.timeDeltas[i + 1] || 0;
  if (!wins.some(([a, b]) => ts >= a && ts <= b)) return; total += dt;
  const seen = new Set(); let cur = s; while (cur !== undefined) { const n = nm(cur); if (!seen.has(n)) { seen.add(n); incl.set(n, (incl.get(n) || 0) + dt); } cur = parent.get(cur); } });
console.log('windows', wins.length, 'sampled ms', (total / 1000).toFixed(1));
for (const [k, v] of [...incl].filter(([k]) => !/reactive_graph|closure|call_once|invoke|shim|Pin<|queue|js-to-wasm|^real|tachys|\(root\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log((v / 1000).toFixed(1).padStart(7), k);
