#!/usr/bin/env bash
# Peak memory of a large `specc test` run: N cases (default 100,000) in one
# generated test file, each a user question with one `contains: 42` assertion
# (no grader), concurrency 16, against bench/instant_server.py in its own
# process. Test files are streamed into the run, so peak RSS should stay flat
# as N grows (target: under 50 MiB at 100,000). Reports wall, CPU and peak RSS
# of the specc process, at N and at N/10 for the growth.
# With --batch, the same run through the OpenAI Batch API
# (`specc test --batch`) against bench/batch_server.py, which completes each
# batch at its second poll: the requests are written to batch files and the
# results streamed back, so the bound must hold there too.
# Usage: bench/test-memory.sh [N] [--batch]
set -euo pipefail
cd "$(dirname "$0")/.."
n=100000
batch=""
for arg in "$@"; do
    case "$arg" in
        --batch) batch="--batch" ;;
        *) n=$arg ;;
    esac
done
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build -q --release -p specc
if [ -n "$batch" ]; then
    python3 bench/batch_server.py "$work/port" & server=$!
else
    python3 bench/instant_server.py "$work/port" & server=$!
fi
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

project() { # dir, cases
    mkdir -p "$1/spec" "$1/examples"
    printf '# Bench {#bench}\n\n## Answer {#answer authority=user}\n\nThe assistant should answer the question[^b3nc].\n' > "$1/spec/bench.md"
    python3 - "$1" "$2" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
with open(f"{d}/examples/b3nc.md", "w") as f:
    f.write("Examples for [^b3nc] in Answer:\n")
    for i in range(n):
        f.write(f"\n**Example**: question {i}\n\n~~~xml\n<user>\nWhat is {i} + 42 - {i}?\n</user>\n~~~\n\n**Expect**:\n- `contains: 42`\n")
PY
    printf '[models.target]\nprovider = "openai"\nmodel = "bench"\nbase-url = "http://127.0.0.1:%s/v1"\ntemperature = 0.0\ntimeout = "600s"\n\n[test]\nsamples = 1\nconcurrency = 16\nbatch-poll = "200ms"\n' "$port" > "$1/specc.toml"
}

for cases in $((n / 10)) "$n"; do
    project "$work/p$cases" "$cases"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" target/release/specc test "$work/p$cases" --no-cache $batch --format json > "$work/out" 2> "$work/err"
    python3 -c "import json,sys; v=json.load(open(sys.argv[1])); assert v['overall']['pass'] == $cases, v['overall']" "$work/out"
    read -r wall user sys rss < "$work/time"
    awk -v n="$cases" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v b="$(stat -c %s "$work/p$cases/examples/b3nc.md")" 'BEGIN {
        printf "%7d cases (%5.1f MB test file)  %6.2f s wall  %8.0f tests/s  %6.2f s CPU  %6.3f ms CPU/test  %6.1f MiB peak RSS\n", n, b / 1e6, w, n / w, u + s, 1000 * (u + s) / n, r / 1024 }'
done
