#!/usr/bin/env bash
# CPU time of `specc lint` against textlint with an equivalent term list, on the
# 2025-12-18 Model Spec release's model_spec.md. Prints the ratio
# textlint_cpu / specc_cpu (means of user+sys CPU seconds of whole processes,
# start-up included, from the child's rusage by bench/cpu.py; runs alternate).
# Target: at least 50x.
#
# - specc: the release build (`cargo build --release -p specc`), default rules
#   (every phrase, sentence and project rule that is on by default).
# - textlint 15.x with textlint-rule-terminology, installed with npm into
#   target/textlint-bench/ (ignored, never committed), given one term: a
#   case-insensitive, word-bounded alternation of every phrase of specc's
#   default-on phrase rules, taken from the `phrases: &[...]` literals in
#   crates/specc_lint/src/rules/**/*.rs. terminology reports every match
#   (each one "should be" replaced by a marker), in every text node of the
#   Markdown AST, block quotes included, as specc lints block quotes too.
#
# Both read the same single file from a temporary folder. Needs node >= 20,
# npm (the npm registry), perl. Usage: bench/lint-vs-textlint.sh [RUNS]
# (default 30). Exits 2 when the corpus is absent. It reports; it does not enforce.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-30}

TEXTLINT_VERSION=15.8.0
TERMINOLOGY_VERSION=5.2.16

spec_src=../shared/corpus/openai-model-spec/2025-12-18/model_spec.md
if [[ ! -f $spec_src ]]; then
    echo "lint-vs-textlint: SKIPPED: corpus not found at $spec_src" >&2
    exit 2
fi

node_major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
if ((node_major < 20)); then
    echo "lint-vs-textlint: textlint 15 needs node >= 20, found $(node --version)" >&2
    exit 2
fi

cargo build --release -p specc >&2
specc=$root/target/release/specc

cache=$root/target/textlint-bench
mkdir -p "$cache"
if [[ ! -x $cache/node_modules/.bin/textlint ]] ||
    ! grep -q "\"version\": \"$TEXTLINT_VERSION\"" "$cache/node_modules/textlint/package.json"; then
    echo '{"private": true}' >"$cache/package.json"
    npm install --prefix "$cache" --no-audit --no-fund --save-exact \
        "textlint@$TEXTLINT_VERSION" "textlint-rule-terminology@$TERMINOLOGY_VERSION" >&2
fi
textlint=$cache/node_modules/.bin/textlint

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/spec"
cp "$spec_src" "$work/spec/model_spec.md"

# The phrases of every default-on phrase rule, one per line, lower-case, unique.
perl -0777 -ne '
    next unless /default:\s*true/;
    while (/phrases:\s*&\[(.*?)\]/sg) {
        my $list = $1;
        while ($list =~ /"((?:[^"\\]|\\.)*)"/g) { print lc($1), "\n" }
    }' $(find crates/specc_lint/src/rules -name '*.rs' | sort) | sort -u >"$work/terms.txt"
terms=$(wc -l <"$work/terms.txt")

# One alternation, longest first, regex-escaped; word-bounded on both sides.
pattern=$(awk '{ print length($0) "\t" $0 }' "$work/terms.txt" | sort -rn | cut -f2- |
    perl -ne 'chomp; push @t, quotemeta($_); END { print join("|", @t) }')
jq -n --arg p "(?<![\\w-])(?:$pattern)(?![\\w])" '{
    rules: { terminology: { defaultTerms: false, skip: [], terms: [[$p, "<vague>"]] } }
}' >"$work/textlintrc.json"

# Each prints its CPU seconds (user + sys of the whole process, from rusage).
run_specc() { "$root/bench/cpu.py" --out "$work/specc.out" "$specc" lint "$work/spec" --format json; }
run_textlint() {
    "$root/bench/cpu.py" --out "$work/textlint.out" \
        "$textlint" --config "$work/textlintrc.json" --format json "$work/spec/model_spec.md"
}

mean() { awk '{ s += $1; n++ } END { printf "%.4f\n", s / n }'; }

# One warm-up run each (page cache, node's compile cache), then the timed runs.
run_specc >/dev/null
run_textlint >/dev/null
specc_found=$(grep -c '"type":"diagnostic"' "$work/specc.out" || true)
textlint_found=$(jq '[.[].messages | length] | add' "$work/textlint.out")

: >"$work/specc.times"
: >"$work/textlint.times"
for ((i = 1; i <= runs; i++)); do
    run_specc >>"$work/specc.times"
    run_textlint >>"$work/textlint.times"
done

s=$(mean <"$work/specc.times")
t=$(mean <"$work/textlint.times")
echo "input:            $(wc -c <"$spec_src") bytes, model_spec.md of 2025-12-18"
echo "term list:        $terms phrases from specc's default-on phrase rules"
echo "specc:            $("$specc" --version 2>/dev/null || echo specc), default rules; $specc_found findings"
echo "textlint:         $TEXTLINT_VERSION + textlint-rule-terminology $TERMINOLOGY_VERSION; $textlint_found findings"
echo "runs:             $runs of each, alternating"
echo "specc CPU (s):    mean $s (min $(sort -n "$work/specc.times" | head -1), max $(sort -n "$work/specc.times" | tail -1))"
echo "textlint CPU (s): mean $t (min $(sort -n "$work/textlint.times" | head -1), max $(sort -n "$work/textlint.times" | tail -1))"
awk -v s="$s" -v t="$t" 'BEGIN {
    if (s <= 0) s = 0.001
    printf "ratio textlint_cpu / specc_cpu: %.1fx (target: >= 50x)\n", t / s
}'
