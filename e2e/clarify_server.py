"""An OpenAI-compatible stub on 127.0.0.1 for e2e/clarify.sh (standard library
only, no model). Usage: clarify_server.py PORT_FILE. The target ("target-m")
answers every prompt with a balance; the grader ("grader-m") finds every
answer unclear, so every clause of the run is a run-disagreement question."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if body.get("model") == "grader-m":
            text = json.dumps({"verdict": "unclear", "rationale": "the clause does not say when"})
        else:
            text = "Your balance is $120."
        out = json.dumps({
            "id": "x", "object": "chat.completion", "model": body.get("model", ""),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13},
        }).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
