"""An OpenAI-compatible Files + Batches server on 127.0.0.1 that completes
every batch at its second poll, answering each request with the same reply,
for benchmarking `specc test --batch` (not a model). Usage:
batch_server.py PORT_FILE. Writes the port it bound to PORT_FILE.

Implements what specc uses of the documented API: POST /v1/files (multipart,
purpose=batch), POST /v1/batches, GET /v1/batches/{id} (validating, then
completed with an output_file_id), GET /v1/files/{id}/content (JSONL)."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = {"id": "x", "object": "chat.completion", "model": "bench",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "The answer is 42."}, "finish_reason": "stop"}],
         "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}}
lock = threading.Lock()
files = {}    # file id -> bytes
batches = {}  # batch id -> {"input": file id, "polls": int, "output": file id or None}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def do_POST(self):
        if self.path == "/v1/files":
            boundary = self.headers["Content-Type"].split("boundary=")[1].strip('"').encode()
            body = self.body()
            for part in body.split(b"--" + boundary):
                if b'name="file"' in part:
                    content = part.split(b"\r\n\r\n", 1)[1].rsplit(b"\r\n", 1)[0]
                    with lock:
                        fid = f"file-{len(files) + 1}"
                        files[fid] = content
                    return self.reply(200, {"id": fid, "object": "file", "purpose": "batch", "bytes": len(content)})
            return self.reply(400, {"error": {"message": "no file part"}})
        if self.path == "/v1/batches":
            req = json.loads(self.body())
            with lock:
                bid = f"batch_{len(batches) + 1}"
                batches[bid] = {"input": req["input_file_id"], "polls": 0, "output": None}
            return self.reply(200, {"id": bid, "object": "batch", "status": "validating"})
        self.reply(404, {"error": {"message": self.path}})

    def do_GET(self):
        if self.path.startswith("/v1/batches/"):
            bid = self.path.rsplit("/", 1)[1]
            with lock:
                b = batches[bid]
                b["polls"] += 1
                if b["polls"] >= 2 and b["output"] is None:
                    out = []
                    for i, line in enumerate(files[b["input"]].splitlines()):
                        if line.strip():
                            custom_id = json.loads(line)["custom_id"]
                            out.append(json.dumps({"id": f"req_{i}", "custom_id": custom_id, "error": None,
                                                   "response": {"status_code": 200, "request_id": "r", "body": REPLY}}))
                    fid = f"file-{len(files) + 1}"
                    files[fid] = ("\n".join(out) + "\n").encode()
                    b["output"] = fid
                status = "completed" if b["output"] else "in_progress"
                return self.reply(200, {"id": bid, "object": "batch", "status": status, "output_file_id": b["output"]})
        if self.path.startswith("/v1/files/") and self.path.endswith("/content"):
            fid = self.path.split("/")[3]
            return self.reply(200, files[fid], "application/jsonl")
        self.reply(404, {"error": {"message": self.path}})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
