#!/usr/bin/env python3
"""Latency of `specc lsp`: the time from a `didChange` on model_spec.md to the
`publishDiagnostics` for that version, through a real client over stdio (this
script speaks JSON-RPC to the server's stdin and stdout as an editor does),
over N edits at random positions (typing a word, deleting it again). Prints
p50, p95 and max, and the server's peak memory (VmHWM). The anchor in the same
run is a bare `specc check` + `specc lint` of the same folder from the command
line, which re-reads everything from disk.

    cargo build --release -p specc
    bench/lsp-latency.py [--edits 200] [--specc target/release/specc] [RELEASE_DIR]
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("release", nargs="?", default=str(root.parent / "shared/corpus/openai-model-spec/2025-12-18"))
ap.add_argument("--edits", type=int, default=200)
ap.add_argument("--specc", default=str(root / "target/release/specc"))
args = ap.parse_args()
if not Path(args.release, "model_spec.md").is_file():
    print(f"skipped: {args.release} is absent (the Model Spec corpus)")
    sys.exit(0)

work = Path(tempfile.mkdtemp())
shutil.copytree(args.release, work / "spec")
for p in (work / "spec").rglob("*"):
    p.chmod(0o644 if p.is_file() else 0o755)
doc = work / "spec/model_spec.md"
uri = doc.as_uri()
text = doc.read_text()

server = subprocess.Popen([args.specc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

def send(msg):
    body = json.dumps(msg).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = 0
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))

def wait_for(pred):
    while True:
        m = receive()
        if pred(m):
            return m

send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": os.getpid(), "rootUri": (work / "spec").as_uri(), "capabilities": {}}})
wait_for(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
published = lambda v: (lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri and m["params"].get("version") == v)
wait_for(published(1))

lines = text.split("\n")
rng = random.Random(7)
times = []
version = 1
for i in range(args.edits):
    line = rng.randrange(len(lines))
    col = len(lines[line].encode("utf-16-le")) // 2
    version += 1
    word = " maybe" if i % 2 == 0 else ""
    if i % 2 == 0:
        change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": word}
        lines[line] += word
        last = (line, col)
    else:
        line, col = last
        change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 6}}, "text": ""}
        lines[line] = lines[line][: len(lines[line]) - 6]
    t0 = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
    wait_for(published(version))
    times.append((time.perf_counter() - t0) * 1000)

status = Path(f"/proc/{server.pid}/status").read_text()
hwm = next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
wait_for(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)

cli = []
for _ in range(5):
    t0 = time.perf_counter()
    subprocess.run([args.specc, "check", str(work / "spec")], capture_output=True)
    subprocess.run([args.specc, "lint", str(work / "spec")], capture_output=True)
    cli.append((time.perf_counter() - t0) * 1000)
shutil.rmtree(work)

times.sort()
q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(f"edits: {len(times)} on {Path(args.release).name}/model_spec.md ({len(text)} bytes)")
print(f"didChange -> publishDiagnostics: p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, max {times[-1]:.1f} ms")
print(f"server peak memory (VmHWM): {int(hwm) / 1024:.1f} MiB")
print(f"anchor, specc check + specc lint from the command line: median {statistics.median(cli):.1f} ms")
