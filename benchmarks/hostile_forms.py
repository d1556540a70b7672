"""What oversize form bodies cost the server: `glossary serve` on the shipped termbase, then
four anonymous url-encoded POSTs of 14.6 MiB each (`text=` and 1.7 million `%E4%B8%8A`) at
once, to /login, /annotate, the edit form and /login again.

    .venv/bin/python benchmarks/hostile_forms.py [--copies 1700000]

Prints each answer with its time, and the server's resident memory before and at its peak
(sampled every 5 ms from /proc). Issue 12's target: 413 at once, less than 50 MB moved by one
such request. 127.0.0.1 only; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from many_users import BIN, free_port  # noqa: E402


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def post(port: int, path: str, body: bytes, results: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    try:
        connection.request("POST", path, body=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        results.append((path, response.status, time.perf_counter() - start))
    except OSError as exc:  # the server may close the connection on a refused body
        results.append((path, repr(exc), time.perf_counter() - start))
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=1_700_000)
    args = parser.parse_args()
    body = b"text=" + b"%E4%B8%8A" * args.copies
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "GLOSSARY_INSTANCE": folder}
        port = free_port()
        server = subprocess.Popen([str(BIN / "glossary"), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in server.stdout:  # type: ignore[union-attr]
                if "serving on" in line:
                    break
            before = peak = rss_mb(server.pid)
            done = threading.Event()

            def watch() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, rss_mb(server.pid))
                    time.sleep(0.005)

            watcher = threading.Thread(target=watch)
            watcher.start()
            results: list = []
            posts = [threading.Thread(target=post, args=(port, path, body, results))
                     for path in ("/login", "/annotate", "/concepts/rats/edit", "/login")]
            for thread in posts:
                thread.start()
            for thread in posts:
                thread.join()
            time.sleep(0.3)
            done.set()
            watcher.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"body: {len(body) / 2**20:.1f} MiB, four at once")
    for path, status, seconds in results:
        print(f"  POST {path}: {status} in {seconds:.2f} s")
    print(f"server RSS: {before:.0f} MB before, {peak:.0f} MB at peak "
          f"(+{peak - before:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
