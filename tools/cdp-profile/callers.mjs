import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]));
const re = new RegExp(process.argv[3]); const depth = Number(process.argv[4] || 3);
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (p.timeDeltas[i] || 0)));
const agg = new Map();
const nm = id => (byId.get(id).callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}/, '').slice(0, 110);
for (const [sid, t] of counts) {
  let cur = sid; const chain = [];
  while (cur !== undefined && !re.test(nm(cur))) cur = parent.get(cur);
  if (cur === undefined) continue;
  let up = parent.get(cur); const path = [];
  while (up !== undefined && path.length < depth) { const n = nm(up); if (process.argv[5] || !/reactive_graph|closure|call_once|invoke|shim|Pin<|queue|closure_once|js-to-wasm|real|tachys/.test(n)) path.push(n); up = parent.get(up); }
  const k = path.join(' <- '); agg.set(k, (agg.get(k) || 0) + t);
}
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((t / 1000).toFixed(1).padStart(7), k);
