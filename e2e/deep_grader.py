"""A stand-in grader for e2e/embeddings.sh: an OpenAI-compatible
/v1/chat/completions on 127.0.0.1 that appends each request's user message
(the statement pair) as one JSON line to LOG and answers that the pair
conflicts. It judges nothing; the script checks which pairs specc sent.

usage: deep_grader.py PORT LOG
"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.end_headers()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        with open(LOG, "a") as f:
            f.write(json.dumps(user) + "\n")
        verdict = {"conflict": True, "rationale": "Keeping the system prompt secret rules out showing the instructions."}
        reply = {
            "choices": [{"message": {"role": "assistant", "content": json.dumps(verdict)}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
