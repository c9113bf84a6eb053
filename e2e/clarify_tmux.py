"""Drives `specc clarify` as a person would, in a real terminal: tmux runs it
on a copy of the clarify fixture (after `specc test` against
e2e/clarify_server.py filled its results database), keys are sent, the pane
is captured and asserted on, and the files are checked afterwards.
Then, on a copy of the clarify-gaps fixture, the words of a sentence that is
not in the spec are refused and the same question is asked again.
Usage: clarify_tmux.py SPECC PROJECT_DIR [GAPS_DIR]."""
import json
import re
import subprocess
import sys
import time

specc, project = sys.argv[1], sys.argv[2]
gaps = sys.argv[3] if len(sys.argv) > 3 else None
session = f"clarify-{int(time.time())}"


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def pane():
    # Without the empty rows below the cursor, so that offsets only grow.
    return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", session).rstrip()


def wait_for(text, after=0, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        p = pane()
        if text in p[after:]:
            return p
        time.sleep(0.1)
    raise SystemExit(f"FAILED: `{text}` never appeared; the pane:\n{pane()}")


def send(keys):
    tmux("send-keys", "-t", session, "-l", keys)
    tmux("send-keys", "-t", session, "Enter")


failures = []


def check(name, ok, detail=""):
    print(("ok " if ok else "FAILED ") + name + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(name)


# What will be asked, in order.
listed = json.loads(subprocess.run([specc, "clarify", project, "--format", "json", "--offline"],
                                   capture_output=True, text=True, check=True).stdout)["questions"]
kinds = [q["kind"] for q in listed]
print("questions:", kinds)

tmux("new-session", "-d", "-s", session, "-x", "220", "-y", "60",
     f"cd {project} && NO_COLOR=1 {specc} clarify . --offline; echo CLARIFY-EXIT=$?; sleep 600")
try:
    answered = []
    for i, q in enumerate(listed):
        p = wait_for(f"[{i + 1}/{len(listed)}] {q['id']}")
        check(f"question {i + 1} shows its evidence", "evidence: " in p.split(q["id"])[-1])
        mark = len(p)
        if q["kind"] == "conflict":
            send("3")
            wait_for("Where both rules apply:", after=mark)
            send("I am opening a savings account. What will it cost me?")
            answered.append(q)
        elif q["kind"] == "contradicting-precedents":
            send("1")
            wait_for("Apply this change? [Y/n]", after=mark)
            send("y")
            answered.append(q)
        elif q["kind"] == "undeclared-exception":
            send("1")
            p = wait_for("Apply this change? [Y/n]", after=mark)
            check("the amended clause is shown as a diff first", "+The assistant must not share account balances unless" in p[mark:], p[mark:][-1500:])
            send("y")
            answered.append(q)
        elif q["kind"] == "run-disagreement" and not any(a["kind"] == "run-disagreement" for a in answered):
            send("2")
            wait_for("Why, in one line (optional):", after=mark)
            send("the balance came before any verification")
            answered.append(q)
        else:
            send("q")
            break
        wait_for("logged in clarifications.md", after=mark)
    p = wait_for("CLARIFY-EXIT=0")
    check("the session ends with a summary", f"{len(answered)} questions answered" in p, p[-800:])
finally:
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

log = open(f"{project}/clarifications.md").read()
check("clarifications.md holds one entry per answer", log.count("- **Decided**: ") == len(answered), log)
spec = open(f"{project}/spec.md").read()
if any(a["kind"] == "undeclared-exception" for a in answered):
    check("the spec file holds the amended clause", "share account balances unless the customer has passed verification[^bal1]" in spec, spec)
rd = [a for a in answered if a["kind"] == "run-disagreement"]
if rd:
    clause = rd[0]["clause"]
    prec = open(f"{project}/precedents/{clause}.md").read()
    check("a new precedent with the ruling and its reason", "**Ruling**: fail" in prec and "the balance came before any verification" in prec, prec)
again = json.loads(subprocess.run([specc, "clarify", project, "--format", "json", "--offline", "--max", "50"],
                                  capture_output=True, text=True, check=True).stdout)["questions"]
check("answered questions are not asked again", not any(q["id"] == a["id"] for q in again for a in answered))

if gaps:
    listed = json.loads(subprocess.run([specc, "clarify", gaps, "--format", "json", "--offline"],
                                       capture_output=True, text=True, check=True).stdout)["questions"]
    session = f"clarify-gaps-{int(time.time())}"
    tmux("new-session", "-d", "-s", session, "-x", "220", "-y", "60",
         f"cd {gaps} && NO_COLOR=1 {specc} clarify . --offline; echo CLARIFY-EXIT=$?; sleep 600")
    try:
        for i, q in enumerate(listed):
            p = wait_for(f"[{i + 1}/{len(listed)}] {q['id']}")
            mark = len(p)
            if q["kind"] != "orphan-tests":
                send("s")
                continue
            send("1")
            wait_for("A few words of the sentence they test", after=mark)
            send("words that are nowhere in the spec")
            p = wait_for("answer again, or s to skip", after=mark)
            check("words not in the spec are refused, and the question asked again",
                  "is not in that section as written" in p[mark:], p[mark:][-800:])
            mark = len(p)
            send("1")
            wait_for("A few words of the sentence they test", after=mark)
            send("call the card line")
            wait_for("Apply this change? [Y/n]", after=mark)
            send("y")
            wait_for("logged in clarifications.md", after=mark)
            send("q")
            break
        wait_for("CLARIFY-EXIT=0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    spec = open(f"{gaps}/spec.md").read()
    check("the orphaned prompts' sentence is marked after the second try", "when a card is lost[^old1]." in spec, spec)
print("all checks passed" if not failures else f"{len(failures)} checks failed")
sys.exit(1 if failures else 0)
