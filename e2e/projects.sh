# Sourced by the e2e scripts that compile spec projects (datasets.sh,
# browser.sh): builds the debug specc, makes a scratch folder removed on exit
# (kept with KEEP=1), and lists the projects as name=dir in `projects`: the
# build fixture, and the 2025-12-18 Model Spec when the corpus is present.
cargo build -q -p specc
specc="$root/target/debug/specc"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

projects=("fixture=$root/crates/specc/tests/fixtures/build")
corpus="$root/../shared/corpus/openai-model-spec/2025-12-18"
if [ -f "$corpus/model_spec.md" ]; then
  projects+=("model-spec=$corpus")
else
  echo "SKIPPED (corpus part): $corpus is absent"
fi
