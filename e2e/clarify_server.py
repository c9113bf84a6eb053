"""The stub for e2e/clarify.sh and e2e/ci-action.sh (see openai_stub.py).
Usage: clarify_server.py PORT_FILE. The target ("target-m") answers every
prompt with a balance; the grader ("grader-m") finds every answer unclear, so
every clause of the run is a run-disagreement question."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from openai_stub import serve  # noqa: E402


def answer(body):
    if body.get("model") == "grader-m":
        return json.dumps({"verdict": "unclear", "rationale": "the clause does not say when"})
    return "Your balance is $120."


serve(answer, sys.argv[1])
