#!/usr/bin/env python3
"""Re-measures the reviewed lint findings of docs/lint-model-spec.md against
the linter as it is now (issue 15): for every reviewed row (line, flagged
text, verdict) under a rule's heading, whether the rule still reports it on
the 2025-12-18 release, and each rule's precision over the rows that remain.
The linter only loses findings when the normative-sentence classifier skips
explanation, so a rule's remaining rows are a subset of its reviewed ones.

    cargo build -p specc && bench/lint-remeasure.py [SPECC] [RELEASE_DIR]
"""
import collections, json, re, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
specc = sys.argv[1] if len(sys.argv) > 1 else str(root / "target/debug/specc")
release = sys.argv[2] if len(sys.argv) > 2 else str(root.parent / "shared/corpus/openai-model-spec/2025-12-18")
if not Path(release, "model_spec.md").is_file():
    print(f"skipped: {release} is absent (the Model Spec corpus)")
    sys.exit(0)

doc = (root / "docs/lint-model-spec.md").read_text()
rows = collections.defaultdict(list)
off = set()
code = None
for line in doc.splitlines():
    m = re.match(r"^#{3,4} ([A-Z]\d{3}) ", line)
    if m:
        code = m.group(1)
        if "off by default" in line:
            off.add(code)
        continue
    m = re.match(r"^\| *(\d+) *\| *([^|]+?) *\|.*\| *(TP|FP) *\|", line)
    if m and code:
        rows[code].append((int(m.group(1)), m.group(2).strip().strip("`").lower(), m.group(3)))

found = collections.defaultdict(list)
codes = ",".join(sorted(rows))
out = subprocess.run([specc, "lint", release, "--select", codes, "--format", "json"], capture_output=True, text=True).stdout
src = Path(release, "model_spec.md").read_bytes()
for l in out.splitlines():
    v = json.loads(l)
    if "code" not in v:
        continue
    loc = v["location"]
    flagged = src[loc["byte_start"]:loc["byte_end"]].decode(errors="replace").lower()
    found[v["code"]].append((loc["line"], flagged))

print(f"{'code':<6} {'findings':>8} {'reviewed':>8} {'kept':>5} {'dropped TP':>10} {'dropped FP':>10} {'precision now':>14}")
worst = 1.0
for c in sorted(rows):
    # A701, S001 and S002 name a length, a section or a whole sentence: the line decides.
    by_line = c in ("A701", "S001", "S002")
    kept = [(ln, f, v) for (ln, f, v) in rows[c]
            if any(ln == fl and (by_line or f in ff or ff in f) for (fl, ff) in found[c])]
    dropped = [r for r in rows[c] if r not in kept]
    tp = sum(1 for r in kept if r[2] == "TP")
    prec = tp / len(kept) if kept else None
    if prec is not None and c not in off:
        worst = min(worst, prec)
    print(f"{c:<6} {len(found[c]):>8} {len(rows[c]):>8} {len(kept):>5} {sum(1 for r in dropped if r[2]=='TP'):>10} "
          f"{sum(1 for r in dropped if r[2]=='FP'):>10} {('%d/%d' % (tp, len(kept))) if kept else '-':>14}")
    for r in dropped:
        print(f"       no longer reported: line {r[0]} `{r[1]}` ({r[2]})")
print(f"lowest precision of a default-on rule over its kept reviewed findings: {worst:.2f}"
      f" (off by default: {', '.join(sorted(off)) or 'none'})")
