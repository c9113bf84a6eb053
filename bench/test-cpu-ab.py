#!/usr/bin/env python3
"""specc test, one build against another: strictly alternating runs of two
specc binaries on the same 2,000-case project (the shape of
bench/test-vs-promptfoo.sh) against bench/instant_server.py, with CPU read
from getrusage in microseconds (/usr/bin/time rounds to 10 ms ticks, a tenth
of one run). Usage, from the repository root:

    python3 bench/test-cpu-ab.py OLD_BINARY NEW_BINARY [RUNS]
"""
import os, resource, subprocess, sys, tempfile, time, statistics, json
if len(sys.argv) < 3:
    sys.exit(__doc__)
work = tempfile.mkdtemp()
n = 2000
srv = subprocess.Popen([sys.executable, "bench/instant_server.py", f"{work}/port"])
for _ in range(50):
    if os.path.exists(f"{work}/port") and open(f"{work}/port").read().strip(): break
    time.sleep(0.1)
port = open(f"{work}/port").read().strip()
os.makedirs(f"{work}/p/spec"); os.makedirs(f"{work}/p/examples")
open(f"{work}/p/spec/bench.md","w").write("# Bench {#bench}\n\n## Answer {#answer authority=user}\n\nThe assistant should answer the question[^b3nc].\n")
with open(f"{work}/p/examples/b3nc.md","w") as f:
    f.write("Examples for [^b3nc] in Answer:\n")
    for i in range(n):
        f.write(f"\n**Example**: question {i}\n\n~~~xml\n<user>\nWhat is {i} + 42 - {i}?\n</user>\n~~~\n\n**Expect**:\n- `contains: 42`\n")
open(f"{work}/p/specc.toml","w").write(f'[models.target]\nprovider = "openai"\nmodel = "bench"\nbase-url = "http://127.0.0.1:{port}/v1"\ntemperature = 0.0\n\n[test]\nsamples = 1\nconcurrency = 16\n')
res = {"old": [], "new": []}
binaries = {"old": sys.argv[1], "new": sys.argv[2]}
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
for k in range(runs):
    for label in (["old", "new"] if k % 2 == 0 else ["new", "old"]):
        db = f"{work}/{label}-{k}.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run([binaries[label], "test", f"{work}/p", "--no-cache", "--format", "json", "--db", db], capture_output=True, text=True)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert json.loads(out.stdout)["overall"]["pass"] == n, out.stderr[-500:]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        res[label].append((wall, cpu))
srv.kill()
for label in ("old", "new"):
    w = statistics.median(x[0] for x in res[label]); c = statistics.median(x[1] for x in res[label])
    print(f"{label}: median wall {w*1000:.1f} ms ({n/w:,.0f} tests/s), median CPU {c*1000:.1f} ms ({c*1e6/n:.1f} us/test), mean CPU {statistics.mean(x[1] for x in res[label])*1000:.1f} ms")
ow = statistics.median(x[0] for x in res['old']); nw = statistics.median(x[0] for x in res['new'])
oc = statistics.median(x[1] for x in res['old']); nc = statistics.median(x[1] for x in res['new'])
print(f"new/old: wall {100*(nw/ow-1):+.1f}%, CPU {100*(nc/oc-1):+.1f}%")
