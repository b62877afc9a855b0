#!/usr/bin/env bash
# tools/mermaid-compare/generated.sh OUT [SIZES] [GENERATORS]
#
# Coral against Mermaid 12.3 with ELK on our own generated flowcharts (issue 13,
# docs/PERFORMANCE.md "Generated diagrams against Mermaid + ELK"). For each generator
# (default: cloud and the five shapes of crates/core/benches/support/shapes.rs) and each
# size (default 100,200,500,1000,2000 nodes), sizes outermost:
#
#   1. prints the flowchart with `examples/layout_report --print-cloud N` or
#      `--print-shape NAME N`, behind the frontmatter `config: layout: elk`, to
#      OUT/mmd/NAME-N.mmd (Coral reads the key and does not change its layout for it);
#   2. draws it with Coral's CLI to OUT/coral/NAME-N.svg (wall time, CLI included);
#   3. draws it with mermaid.js + @mermaid-js/layout-elk in headless Chromium (render.mjs,
#      one browser per diagram so that a hang costs only that diagram) to
#      OUT/mermaid/NAME-N.svg, given at most $TIMEOUT seconds (default 300);
#   4. measures both SVGs with ../shared/tools/svg-metrics.py and appends one
#      tab-separated row to OUT/results.tsv (see the header line it writes).
#
# Next to this script: `report.py OUT/results.tsv` turns the rows into the markdown tables;
# `crossing-kinds.py OUT/mmd/X.mmd OUT/coral/X.svg OUT/mermaid/X.svg` says which kinds of
# edge cross in each drawing; `node crop.mjs SVG PNG X Y W H` draws a region to look at.
# Binaries: $CORAL and $LAYOUT_REPORT, else built into ${CARGO_TARGET_DIR:-target}
# (release). npm packages are installed by name on first use, as run.sh does; Chromium is
# Debian's. A measuring tool, not part of the build or CI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
metrics=${SVG_METRICS:-$root/../shared/tools/svg-metrics.py}
out=$1
sizes=${2:-100,200,500,1000,2000}
generators=${3:-cloud,deep,cross-cluster,hubs,chains,labelled}
timeout=${TIMEOUT:-300}
target=${CARGO_TARGET_DIR:-$root/target}
coral=${CORAL:-$target/release/coral}
report=${LAYOUT_REPORT:-$target/release/examples/layout_report}
[ -d "$here/node_modules/mermaid" ] || (cd "$here" && npm install --no-audit --no-fund --legacy-peer-deps)
[ -x "$coral" ] || (cd "$root" && nice -n 10 cargo build --release -p coral-cli)
[ -x "$report" ] || (cd "$root" && nice -n 10 cargo build --release -p coral-core --example layout_report)
mkdir -p "$out/mmd" "$out/coral" "$out/mermaid"
results=$out/results.tsv
[ -s "$results" ] || printf 'generator\tnodes\twho\tms\tcrossings\tcuts\toverlaps\tthrough\twidth\theight\tedges\tclusters\n' > "$results"

export PORT=${PORT:-8765}
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$here" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1

now() { date +%s%N; }
# row GENERATOR N WHO MS SVG: one results line from svg-metrics' figures for SVG.
row() {
    python3 - "$metrics" "$@" >> "$results" <<'EOF'
import json, subprocess, sys
metrics, gen, n, who, ms, svg = sys.argv[1:]
m = json.loads(subprocess.run(['python3', metrics, svg], capture_output=True, text=True, check=True).stdout)
m = m.get(svg, m)  # one file: the figures themselves, not keyed by file
keys = ['edge_crossings', 'edge_cluster_cuts', 'node_overlaps', 'edge_node_crossings', 'width', 'height', 'edges', 'clusters']
print('\t'.join([gen, n, who, ms] + [str(round(m[k])) for k in keys]))
EOF
}

# Mermaid 12.3's default layout is already "elk" once the ELK loader is registered
# (index.html does), so the frontmatter only makes the choice explicit. That ELK really
# runs is checked once: the first diagram is also drawn with `layout: dagre`, which must
# come out different (OUT/dagre-check.txt).
check_elk() {
    local mmd=$1 dir=$out/dagre-check
    mkdir -p "$dir"
    sed '3s/layout: elk/layout: dagre/' "$mmd" > "$dir/dagre.mmd"
    timeout --kill-after=20 "$timeout" node "$here/render.mjs" "$dir" "$dir/dagre.mmd" > /dev/null || true
    if [ -s "$dir/dagre.svg" ] && ! cmp -s "$dir/dagre.svg" "$2"; then
        echo "ELK check: $mmd drawn with layout: dagre differs from the ELK drawing" > "$out/dagre-check.txt"
    else
        echo "ELK check FAILED: $mmd drawn with layout: dagre is the same as (or no) drawing" > "$out/dagre-check.txt"
    fi
    cat "$out/dagre-check.txt"
}

for n in ${sizes//,/ }; do
    for gen in ${generators//,/ }; do
        name=$gen-$n
        mmd=$out/mmd/$name.mmd
        if [ "$gen" = cloud ]; then body=$("$report" --print-cloud "$n"); else body=$("$report" --print-shape "$gen" "$n"); fi
        [ -n "$body" ] || { echo "no generator named $gen" >&2; exit 1; }
        printf -- '---\nconfig:\n  layout: elk\n---\n%s\n' "$body" > "$mmd"

        t0=$(now)
        if "$coral" render "$mmd" -o "$out/coral/$name.svg" 2>/dev/null; then
            ms=$(( ($(now) - t0) / 1000000 ))
            row "$gen" "$n" coral "$ms" "$out/coral/$name.svg" || printf '%s\t%s\tcoral\tunmeasured\n' "$gen" "$n" >> "$results"
        else
            printf '%s\t%s\tcoral\tfailed\n' "$gen" "$n" >> "$results"
        fi

        rm -f "$out/mermaid/$name.svg"
        log=$(timeout --kill-after=20 "$timeout" node "$here/render.mjs" "$out/mermaid" "$mmd" 2>&1) || true
        echo "$log" >> "$out/mermaid.log"
        ms=$(printf '%s\n' "$log" | awk -F'\t' '$2 == "ok" { print $3 + 0 }')
        if [ -n "$ms" ] && [ -s "$out/mermaid/$name.svg" ]; then
            row "$gen" "$n" mermaid-elk "$ms" "$out/mermaid/$name.svg" ||
                printf '%s\t%s\tmermaid-elk\tunmeasured\n' "$gen" "$n" >> "$results"
        elif printf '%s\n' "$log" | grep -q $'\tERROR\t'; then
            printf '%s\t%s\tmermaid-elk\terror\n' "$gen" "$n" >> "$results"
        else
            printf '%s\t%s\tmermaid-elk\ttimeout>%ss\n' "$gen" "$n" "$timeout" >> "$results"
        fi
        [ -e "$out/dagre-check.txt" ] || [ ! -s "$out/mermaid/$name.svg" ] || check_elk "$mmd" "$out/mermaid/$name.svg"
        tail -n 2 "$results"
    done
done
