#!/usr/bin/env python3
"""How `specc check` scales: time and peak memory on generated projects of
1x, 4x and 16x a size, for the inputs that were once quadratic (#13).

    bench/scaling.py [--binary target/release/specc] [--runs 3] [--base N]

Shapes:
  paragraph   one paragraph of comma-separated obligations (statement extraction)
  conflicts   one paragraph alternating "must" and "must not" on one action
  diagnostics many sections with the same ID (C101), each with its labels
  dangling    many references to IDs that do not exist (did-you-mean)
  testfile    one test file with many examples

Each run is `specc check` with human output (the default) into /dev/null;
time is wall-clock seconds (median of --runs), memory is the child's peak
resident set from wait4. Growth is linear when the 16x input costs at most
20x the 1x one, in time and in memory; the script exits 1 otherwise.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def paragraph(d: Path, n: int) -> None:
    rules = [f"the assistant must disclose fee number {i} to the customer" for i in range(n)]
    (d / "spec.md").write_text("# Fees {#fees authority=system}\n\n" + ", ".join(rules) + ".\n")


def conflicts(d: Path, n: int) -> None:
    rules = [f"the assistant must {'not ' if i % 2 else ''}disclose the fees" for i in range(n)]
    (d / "spec.md").write_text("# Fees {#fees authority=system}\n\n" + ", ".join(rules) + ".\n")


def diagnostics(d: Path, n: int) -> None:
    parts = []
    for i in range(n):
        parts.append(f"## Rule {i} {{#same authority=user}}\n\nThe assistant should answer question {i} briefly.\n")
    (d / "spec.md").write_text("# Spec {#spec}\n\n" + "\n".join(parts))


def dangling(d: Path, n: int) -> None:
    parts = []
    for i in range(n):
        parts.append(
            f"## Topic {i} {{#topic_{i} authority=user}}\n\nSee [the rule](#tpoic_{i}_missing) before answering.\n"
        )
    (d / "spec.md").write_text("# Spec {#spec}\n\n" + "\n".join(parts))


def testfile(d: Path, n: int) -> None:
    (d / "spec.md").write_text("# Help {#help authority=user}\n\nThe assistant must answer politely[^hp01].\n")
    (d / "examples").mkdir()
    examples = []
    for i in range(n):
        examples.append(
            f"**Example**: question {i}\n\n~~~xml\n<user>\nCan you help me with problem number {i}?\n</user>\n~~~\n"
        )
    (d / "examples" / "hp01.md").write_text("Examples for [^hp01]:\n\n" + "\n".join(examples))


SHAPES = {
    "paragraph": (paragraph, 1000),
    "conflicts": (conflicts, 1000),
    "diagnostics": (diagnostics, 500),
    "dangling": (dangling, 500),
    "testfile": (testfile, 2000),
}


def measure(binary: str, project: Path, runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        with open(os.devnull, "wb") as null:
            p = subprocess.Popen([binary, "check", "--color", "never", str(project)], stdout=null, stderr=null)
            _, _, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss)  # KiB on Linux
    return statistics.median(times), max(peaks)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/specc")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every base size")
    ap.add_argument("shapes", nargs="*", default=list(SHAPES))
    args = ap.parse_args()
    if not Path(args.binary).is_file():
        print(f"no binary at {args.binary}: run `cargo build --release -p specc` first", file=sys.stderr)
        return 2
    ok = True
    print(f"{'shape':<12} {'size':>8} {'bytes':>10} {'time s':>8} {'peak MiB':>9} {'x time':>7} {'x mem':>7}")
    for name in args.shapes:
        make, base = SHAPES[name]
        base = max(1, int(base * args.scale))
        first = None
        for factor in (1, 4, 16):
            with tempfile.TemporaryDirectory() as tmp:
                d = Path(tmp)
                make(d, base * factor)
                size = sum(f.stat().st_size for f in d.rglob("*") if f.is_file())
                t, kib = measure(args.binary, d, args.runs)
            if first is None:
                first = (t, kib)
            rt, rm = t / first[0], kib / first[1]
            print(f"{name:<12} {str(factor) + 'x':>8} {size:>10} {t:>8.3f} {kib / 1024:>9.1f} {rt:>7.1f} {rm:>7.1f}")
            if factor == 16 and (rt > 20 or rm > 20):
                ok = False
                print(f"  {name}: 16x the input cost {rt:.1f}x the time and {rm:.1f}x the memory (limit 20x)")
    print("growth: linear" if ok else "growth: SUPERLINEAR")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
