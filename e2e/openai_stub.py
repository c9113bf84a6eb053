"""An OpenAI-compatible Chat Completions server on 127.0.0.1 for the e2e
scripts (standard library only; no model): `serve(answer, port_file)` binds a
free port, writes it to port_file and answers every POST with
`answer(request_body)` as the assistant's message."""
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(answer, port_file):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            out = json.dumps({
                "id": "x", "object": "chat.completion", "model": body.get("model", ""),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer(body)},
                             "finish_reason": "stop"}],
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
    with open(port_file, "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
