#!/usr/bin/env python3
"""report.py OUT/results.tsv -> one markdown table per generator (generated.sh's rows).

Columns: size, Coral crossings / cuts / W x H, Mermaid + ELK crossings / cuts / W x H,
Mermaid's render time; overlaps and edges through nodes where either side has any.
Where a render failed or timed out, the row says so instead of figures.
"""
import csv, sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
by = {}
for r in rows:
    by.setdefault(r['generator'], {}).setdefault(int(r['nodes']), {})[r['who']] = r


def figures(r):
    if r is None:
        return 'not run', ''
    if not r.get('crossings'):
        return r['ms'], ''
    extra = ''
    if int(r['overlaps']) or int(r['through']):
        extra = f" (overlaps {r['overlaps']}, through nodes {r['through']})"
    return f"{int(r['crossings']):,} / {int(r['cuts']):,} / {int(r['width']):,} × {int(r['height']):,}{extra}", r['ms']


for gen, sizes in by.items():
    print(f'\n**{gen}**\n')
    print('| nodes | Coral: crossings / cuts / W × H | Mermaid + ELK: crossings / cuts / W × H | Mermaid time | Coral CLI time |')
    print('|---|---|---|---|---|')
    for n in sorted(sizes):
        c, cms = figures(sizes[n].get('coral'))
        m, mms = figures(sizes[n].get('mermaid-elk'))
        cr = sizes[n].get('coral', {}).get('crossings')
        mr = sizes[n].get('mermaid-elk', {}).get('crossings')
        if cr and mr and int(cr) > int(mr):
            c = f'**{c}** (more)'
        mt = f'{int(mms) / 1000:.1f} s' if mms.isdigit() else mms
        ct = f'{int(cms) / 1000:.2f} s' if cms.isdigit() else cms
        print(f'| {n:,} | {c} | {m} | {mt} | {ct} |')
