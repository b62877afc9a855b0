#!/usr/bin/env python3
"""crossing-kinds.py FILE.mmd CORAL.svg MERMAID.svg [-n TOP]

Which edges cross, in each of two drawings of one flowchart: svg-metrics' --debug
crossing points (pairs of edge ids, `L_A_B_k` in both renderers), each edge classed by
the text — how far apart its ends sit in the subgraph tree (`same cluster`; `nested`: one
end's cluster holds the other's; `siblings`: two clusters under one parent; `far (k up)`:
the common cluster is k levels above the deeper end), whether it is
labelled, and whether it comes from an `&` statement (fan-out) — and the crossings
counted per pair of classes, then the edges with the most crossings in each drawing.
A reading aid for generated.sh's Coral-loses cases; not part of the build.
"""
import json, os, re, subprocess, sys
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
metrics = os.environ.get('SVG_METRICS', os.path.join(here, '../../../shared/tools/svg-metrics.py'))
args = [a for a in sys.argv[1:] if not a.startswith('-')]
top = int(sys.argv[sys.argv.index('-n') + 1]) if '-n' in sys.argv else 8
mmd, svgs = args[0], args[1:3]

# Subgraph tree and each node's chain of clusters, from the text.
chain, stack, edges = {}, [], {}
node_re = r'([A-Za-z_][\w]*)'
for line in open(mmd):
    s = line.strip()
    if s.startswith('subgraph '):
        stack.append(re.match(r'subgraph\s+' + node_re, s).group(1))
    elif s == 'end':
        stack.pop()
    elif '-->' in s:
        left, right = s.split('-->', 1)
        label = right.startswith('|')
        if label:
            right = right.split('|', 2)[2]
        srcs = [x.strip() for x in left.split('&')]
        dsts = [x.strip() for x in right.split('&')]
        fan = len(srcs) * len(dsts) > 1
        for a in srcs:
            for b in dsts:
                edges[f'L_{a}_{b}'] = (a, b, label, fan)
    else:
        m = re.match(node_re + r'\[', s)
        if m:
            chain[m.group(1)] = list(stack)


def kind(e):
    # Mermaid prefixes the render's id (`m0-L_A_B_0`); the count that ends the id differs
    # between the two for repeated pairs (`a --> b & c & b`), and the class does not need it.
    a, b, label, fan = edges.get(re.sub(r'^.*?(?=L_)|_\d+$', '', e), (None, None, False, False))
    if a is None:
        return '?'
    ca, cb = chain.get(a, []), chain.get(b, [])
    common = 0
    while common < min(len(ca), len(cb)) and ca[common] == cb[common]:
        common += 1
    up = max(len(ca), len(cb)) - common
    if up == 0:
        reach = 'same cluster'
    elif min(len(ca), len(cb)) == common:
        reach = f'nested ({up} down)'  # one end's cluster holds the other's
    elif up == 1:
        reach = 'siblings'
    else:
        reach = f'far ({up} up)'
    return reach + (' +label' if label else '') + (' &' if fan else '')


for svg in svgs:
    out = json.loads(subprocess.run(['python3', metrics, '--debug', svg], capture_output=True, text=True, check=True).stdout)
    d = out.get(svg, out)['debug']
    pts = d['crossing_points']
    pairs = Counter(' × '.join(sorted((kind(a), kind(b)))) for a, b, _ in pts)
    per_edge = Counter()
    for a, b, _ in pts:
        per_edge[a] += 1
        per_edge[b] += 1
    print(f'\n{svg}: {len(pts)} crossings')
    for p, c in pairs.most_common(top):
        print(f'  {c:5d}  {p}')
    print('  edges with most crossings:', ', '.join(f'{e} ({kind(e)}) {c}' for e, c in per_edge.most_common(top)))
    by_kind = Counter()
    for e, c in per_edge.items():
        by_kind[kind(e)] += c
    count = Counter(kind(e) for e in edges)  # pairs, so repeated edges count once
    print('  crossings per edge, by class:',
          '; '.join(f'{k} {by_kind[k] / count[k]:.1f} ({count[k]})' for k in sorted(count, key=lambda k: -by_kind[k])))
