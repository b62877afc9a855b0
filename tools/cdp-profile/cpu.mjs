import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2] || 'cpu.json'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const counts = new Map();
p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (dt[i] || 0)));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const name = n => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
const incl = new Map();
for (const [sid, t] of counts) {
  const n = byId.get(sid); total += t;
  self.set(name(n), (self.get(name(n)) || 0) + t);
  const seen = new Set(); let cur = sid;
  while (cur !== undefined) { const nm = name(byId.get(cur)); if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) || 0) + t); } cur = parent.get(cur); }
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${(t / 1000).toFixed(1).padStart(8)} ms  ${n}`).join('\n');
console.log('total', (total / 1000).toFixed(1), 'ms\n--- self'); console.log(top(self, Number(process.argv[3] || 40)));
console.log('--- inclusive'); console.log(top(incl, Number(process.argv[4] || 60)));
