# Sourced by the e2e scripts that compile spec projects (datasets.sh,
# browser.sh): finds or builds the debug specc (e2e/specc-bin.sh), makes a
# scratch folder removed on exit (kept with KEEP=1), and lists the projects as
# name=dir in `projects`: the build fixture, and the 2025-12-18 Model Spec.
#
# The Model Spec is never dropped silently. With the corpus present (and
# SPECC_NO_CORPUS unset, as for the cargo tests) it is in `projects` and
# `model_spec` is its folder; without it, `model_spec` is empty, `skipped`
# says why, and this prints a SKIPPED line naming the project on stderr, which
# the scripts repeat in their last line. SPECC_REQUIRE_CORPUS=1 makes its
# absence a failure.
source e2e/specc-bin.sh
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

projects=("fixture=$root/crates/specc/tests/fixtures/build")
corpus="$root/../shared/corpus/openai-model-spec/2025-12-18"
model_spec=""
skipped=""
if [ -n "${SPECC_NO_CORPUS:-}" ]; then
  skipped="the model-spec project (the 2025-12-18 Model Spec): SPECC_NO_CORPUS is set"
elif [ ! -f "$corpus/model_spec.md" ]; then
  skipped="the model-spec project (the 2025-12-18 Model Spec): $corpus/model_spec.md is absent"
else
  model_spec="$corpus"
  projects+=("model-spec=$model_spec")
fi
if [ -n "$skipped" ]; then
  if [ -n "${SPECC_REQUIRE_CORPUS:-}" ]; then
    echo "FAILED: SPECC_REQUIRE_CORPUS is set, but $skipped" >&2
    exit 1
  fi
  echo "SKIPPED: $skipped" >&2
fi
echo "projects: ${projects[*]%%=*}"
