"""Waits until http://127.0.0.1:PORT/health answers, for at most SECONDS
(default 60); exit 1 if it never does. Python rather than curl, which a fresh
machine may lack.

Usage: wait_healthy.py PORT [SECONDS]
"""
import sys
import time
import urllib.request


def main() -> int:
    port = int(sys.argv[1])
    deadline = time.monotonic() + (float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
            return 0
        except Exception:
            time.sleep(0.1)
    return 1


if __name__ == "__main__":
    sys.exit(main())
