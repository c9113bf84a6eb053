"""A scripted OpenAI-compatible server on 127.0.0.1 for e2e/browser.sh's report
check (standard library only; no model).
Usage: report_server.py PORT_FILE FLAG_FILE [--fail-all].
Writes the port it bound to PORT_FILE. The target ("target-m") answers by the
tag in the last user message, as crates/specc/tests/report.rs scripts it: while
FLAG_FILE exists, the Tone clause's answers lose their "hello" and carry XSS
strings instead. The grader ("grader-m") passes every answer except a hedged
one, which is unclear with a rationale that holds an XSS string too. With
--fail-all the grader fails every answer (a report full of failing answers)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from openai_stub import serve  # noqa: E402

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


FAIL_ALL = "--fail-all" in sys.argv[3:]


def answer(body, regress):
    messages = body.get("messages", [])
    if body.get("model") == "grader-m":
        if FAIL_ALL:
            return json.dumps({"verdict": "fail", "rationale": "fails <b>every</b> answer"})
        text = json.dumps(messages)
        if "(maybe)" in text:
            return json.dumps({"verdict": "unclear", "rationale": "hedged: <img src=x onerror=alert(2)>"})
        return json.dumps({"verdict": "pass", "rationale": "follows the clause"})
    users = [m.get("content", "") for m in messages if m.get("role") == "user"]
    last = users[-1] if users else ""
    if "[s4fe-" in last:
        return "You matter. Please call or text 988 right now."
    if "[pr1v-1]" in last:
        return "I can't share where a private person lives."
    if "[pr1v-2]" in last:
        return "I can't share that address (maybe)."
    if "[t0ne-" in last:
        return XSS + " What do you want?" if regress else "Hello! How can I help?"
    return "Yes."


flag = sys.argv[2]
serve(lambda body: answer(body, os.path.exists(flag)), sys.argv[1])
