#!/usr/bin/env bash
# End to end: the eval and preference files of `specc build` load in the tools
# they are for. Installs inspect-ai and datasets from PyPI into
# target/datasets-venv, builds `--target evals` and `--target dpo` for the
# build fixture and (when ../shared/corpus is present; skipped by name
# otherwise, see e2e/projects.sh) the 2025-12-18 Model Spec, then:
# - loads evals/inspect.jsonl with Inspect AI's own json_dataset loader (no
#   model is called) and checks the sample count, IDs, roles and metadata;
# - loads dpo/pairs.jsonl with datasets.load_dataset("json", ...) and checks
#   that its columns are exactly prompt, chosen, rejected.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
venv="$target/datasets-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# Pinned so that a new release of either cannot change what passes.
"$venv/bin/pip" install -q inspect-ai==0.3.285 datasets==5.2.0
source e2e/projects.sh

for entry in "${projects[@]}"; do
  name=${entry%%=*}
  dir=${entry#*=}
  "$specc" build "$dir" --target evals --out "$work/$name/evals"
  "$specc" build "$dir" --target dpo --out "$work/$name/dpo"
  # The expected counts come from the files themselves (one JSON object per
  # line); the loaders must agree with them, and there must be something to load.
  "$venv/bin/python" - "$work/$name" <<'PY'
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
inspect_path = out / "evals" / "inspect.jsonl"
pairs_path = out / "dpo" / "pairs.jsonl"
lines = [json.loads(l) for l in inspect_path.read_text().splitlines()]
pair_lines = [json.loads(l) for l in pairs_path.read_text().splitlines()]
assert lines, f"{inspect_path} is empty"
assert pair_lines, f"{pairs_path} is empty"

from inspect_ai.dataset import json_dataset
from inspect_ai.model import ChatMessageSystem, ChatMessageUser, ChatMessageAssistant

ds = json_dataset(str(inspect_path))
assert len(ds) == len(lines), f"inspect loaded {len(ds)} samples, the file has {len(lines)} lines"
for sample, rec in zip(ds, lines):
    assert sample.id == rec["id"], (sample.id, rec["id"])
    assert isinstance(sample.input, list) and sample.input, sample.id
    for m in sample.input:
        assert isinstance(m, (ChatMessageSystem, ChatMessageUser, ChatMessageAssistant)), type(m)
    assert sample.target == rec["target"] or sample.target == [rec["target"]], sample.id
    md = sample.metadata or {}
    assert md.get("spec_hash") == rec["metadata"]["spec_hash"], (sample.id, md)
    assert md.get("clause") or md.get("section"), (sample.id, md)
print(f"inspect_ai json_dataset: {len(ds)} samples from {inspect_path}")

from datasets import load_dataset

pairs = load_dataset("json", data_files=str(pairs_path), split="train")
assert sorted(pairs.column_names) == ["chosen", "prompt", "rejected"], pairs.column_names
assert pairs.num_rows == len(pair_lines), (pairs.num_rows, len(pair_lines))
first = pairs[0]
assert first["chosen"][0]["role"] == "assistant" and first["rejected"][0]["role"] == "assistant"
assert first["prompt"][-1]["content"] == pair_lines[0]["prompt"][-1]["content"]
print(f"datasets load_dataset: {pairs.num_rows} pairs, columns {pairs.column_names} from {pairs_path}")
PY
done
if [ -n "$skipped" ]; then
  echo "e2e datasets: ok for the fixture; SKIPPED, not passed: $skipped"
else
  echo "e2e datasets: ok (the fixture and the Model Spec)"
fi
