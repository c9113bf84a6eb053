#!/usr/bin/env python3
"""Runs a command and prints the CPU seconds (user + system) it used, from
the kernel's rusage of the child (microsecond resolution; the 10 ms ticks of
/usr/bin/time are too coarse for a 15 ms process). Its output goes to
/dev/null unless --out FILE is given.

    bench/cpu.py [--out FILE] COMMAND [ARG...]
"""

import os
import subprocess
import sys


def main() -> int:
    args = sys.argv[1:]
    out = os.devnull
    if args[:1] == ["--out"]:
        out, args = args[1], args[2:]
    with open(out, "wb") as sink, open(os.devnull, "wb") as null:
        p = subprocess.Popen(args, stdout=sink, stderr=null)
        _, _, usage = os.wait4(p.pid, 0)
    print(f"{usage.ru_utime + usage.ru_stime:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
