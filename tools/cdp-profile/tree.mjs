// Callee tree of one function: node tree.mjs cpu.json NAME [DEPTH] [MIN_MS]
// Inclusive time of what NAME (a function name without its hash, exactly) calls, merged
// by name, down to DEPTH levels, leaving out entries under MIN_MS.
import { readFileSync } from 'node:fs';
const [file, pat, depth = '3', min = '3'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file));
const dt = {}; for (let i = 0; i < p.samples.length; i++) dt[p.samples[i]] = (dt[p.samples[i]] || 0) + (p.timeDeltas[i] || 0) / 1000;
const byId = new Map(p.nodes.map(n => [n.id, n]));
const incl = n => (dt[n.id] || 0) + (n.children || []).reduce((s, c) => s + incl(byId.get(c)), 0);
const name = n => n.callFrame.functionName.replace(/::h[0-9a-f]{16}/, '').slice(0, 140);
// merge by name along paths under matches
const agg = new Map();
function walk(n, path, inside) {
  const nm = name(n);
  let here = inside;
  if (!inside && nm === pat) here = [];
  if (here) {
    { const hh = [...here, nm].slice(0, Number(depth) + 1);
      const key = hh.join(' > ');
      agg.set(key, (agg.get(key) || 0) + (dt[n.id] || 0));
    }
  }
  for (const c of n.children || []) walk(byId.get(c), path, here ? [...here, nm] : null);
}
walk(byId.get(p.nodes[0].id), [], null);
// inclusive from self aggregates
const inc = new Map();
for (const [k, v] of agg) { const parts = k.split(' > '); for (let i = 1; i <= parts.length; i++) { const kk = parts.slice(0, i).join(' > '); inc.set(kk, (inc.get(kk) || 0) + v); } }
[...inc].filter(([k, v]) => v >= Number(min)).sort((a, b) => a[0] < b[0] ? -1 : 1).forEach(([k, v]) => { const d = k.split(' > ').length - 1; console.log('  '.repeat(d) + v.toFixed(1) + ' ' + k.split(' > ').pop()); });
