#!/usr/bin/env bash
# tools/mermaid-compare/run.sh OUT FILE...
#
# Draws each FILE with Coral's CLI (OUT/coral/NAME.svg) and with mermaid.js in headless
# Chromium (OUT/mermaid/NAME.svg), then compares the two with ../shared/tools/svg-metrics.py
# (compare.py: crossings, cuts, overlaps, edges through nodes, element counts; per diagram
# with -v or where Coral is worse with --worse; set COMPARE_FLAGS). A measuring tool, not
# part of the build or CI: it installs mermaid, its ELK layout and playwright-core from
# the npm registry by package name (package.json pins the versions) on first use, and
# uses Debian's chromium (`cargo xtask setup` installs it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
metrics=${SVG_METRICS:-$root/../shared/tools/svg-metrics.py}
out=$1
shift
[ -d "$here/node_modules/mermaid" ] || (cd "$here" && npm install --no-audit --no-fund --legacy-peer-deps)
coral=${CORAL:-$root/target/release/coral}
[ -x "$coral" ] || (cd "$root" && cargo build --release -p coral-cli)
mkdir -p "$out/coral" "$out/mermaid"
for f in "$@"; do
    name=$(basename "$f")
    name=${name%.*}
    "$coral" render "$f" -o "$out/coral/$name.svg" 2>/dev/null || echo "coral: $name not drawn"
done
export PORT=${PORT:-8765}
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$here" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
node "$here/render.mjs" "$out/mermaid" "$@" > "$out/mermaid.log"
grep -v $'\tok\t' "$out/mermaid.log" || true
SVG_METRICS=$metrics python3 "$here/compare.py" "$out/coral" "$out/mermaid" ${COMPARE_FLAGS:-}
