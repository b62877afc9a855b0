#!/usr/bin/env python3
"""compare.py CORAL_DIR MERMAID_DIR -> per-diagram crossings/cuts/overlaps, totals."""
import json, subprocess, sys, os
cd, md = sys.argv[1], sys.argv[2]
keys = ['nodes', 'junctions', 'edges', 'clusters', 'edge_crossings', 'edge_cluster_cuts', 'node_overlaps', 'edge_node_crossings']
def metrics(files):
    out = {}
    for i in range(0, len(files), 40):
        chunk = files[i:i+40]
        r = subprocess.run(['python3', os.environ.get('SVG_METRICS', 'svg-metrics.py'), *chunk], capture_output=True, text=True)
        try: out.update(json.loads(r.stdout))
        except Exception as e: print('metrics failed', chunk[0], r.stderr[:300], file=sys.stderr)
    return out
names = sorted(set(f[:-4] for f in os.listdir(cd) if f.endswith('.svg')) & set(f[:-4] for f in os.listdir(md) if f.endswith('.svg')))
cm = metrics([os.path.join(cd, n + '.svg') for n in names])
mm = metrics([os.path.join(md, n + '.svg') for n in names])
def get(m, d, n, k):
    v = m.get(os.path.join(d, n + '.svg'), {})
    return v.get(k, 0) if isinstance(v, dict) else 0
tot = {k: [0, 0] for k in keys}
worse = better = 0; cut_new = 0; rows = []
for n in names:
    c = {k: get(cm, cd, n, k) for k in keys}; m = {k: get(mm, md, n, k) for k in keys}
    for k in keys: tot[k][0] += c[k]; tot[k][1] += m[k]
    if c['edge_crossings'] > m['edge_crossings']: worse += 1
    if c['edge_crossings'] < m['edge_crossings']: better += 1
    if c['edge_cluster_cuts'] > 0 and m['edge_cluster_cuts'] == 0: cut_new += 1
    flag = ''
    if c['edge_crossings'] > m['edge_crossings'] or (c['edge_cluster_cuts'] and not m['edge_cluster_cuts']) or \
            c['node_overlaps'] > m['node_overlaps'] or c['edge_node_crossings'] > m['edge_node_crossings']: flag = ' <-- WORSE'
    # Junctions count too: an architecture junction is neither a node nor a cluster.
    counted = ('nodes', 'junctions', 'edges', 'clusters')
    if any(c[k] != m[k] for k in counted): flag += ' [counts differ]'
    counts = lambda v: '/'.join(str(v[k]) for k in counted)
    rows.append(f"{n:50s} X {c['edge_crossings']:4d}/{m['edge_crossings']:4d}  cuts {c['edge_cluster_cuts']:3d}/{m['edge_cluster_cuts']:3d}  ov {c['node_overlaps']}/{m['node_overlaps']}  thru {c['edge_node_crossings']}/{m['edge_node_crossings']}  n/j/e/c {counts(c)} vs {counts(m)}{flag}")
if '-v' in sys.argv or '--worse' in sys.argv:
    for r in rows:
        if '-v' in sys.argv or 'WORSE' in r or 'differ' in r: print(r)
print(f"{len(names)} diagrams; coral/mermaid totals:", {k: tuple(v) for k, v in tot.items()})
print(f"worse crossings on {worse}, better on {better}; cuts where mermaid has none: {cut_new}")
