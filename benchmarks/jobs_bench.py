"""Long work off the request path (issue 12, item 11): how long the request that starts an
import takes, how much memory the import takes, and how long the first requests take after
a bulk import by another process.

    .venv/bin/python benchmarks/jobs_bench.py [--work /tmp/glossary-jobs-bench] [--mib 4]

Each part runs in a fresh process (so that its peak memory is its own), on SQLite, with the
shipped termbase, through the Flask test client (server time, no network):

- upload: a MIB-MiB Chinese document (the sentences of the shipped communique and of the
  declaration fixture in a seeded random order) sent to `POST /api/v1/documents` and to the
  web upload; the worker thread imports it. Reported: the time of each request (the first
  with an idle worker; the second while the worker imports the first document), how long
  the job took, and the process's resident memory before, at its peak while the job ran
  (sampled every 20 ms, and ru_maxrss), and after.
- whole: the same import with the extractor taking the whole text at once (PIECE_CHARS
  larger than the text: what every import did before pieces), for comparison.
- worker-process: the same import done by a worker process of its own (`glossary jobs
  work`, the web processes running with GLOSSARY_JOBS=off): that process's memory.
- catch-up: 20,000 concepts written to the database by another process (bulk inserts with
  their change-log rows, the index not told), then the first `PATCH /api/v1/concepts/rats`
  and the first search, then how long the catch-up thread takes; and the same with
  SEARCH_INLINE_CHANGES so large that the request applies the backlog itself (before).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

SHIPPED = ROOT / "data/documents/sco-astana-2017-press-communique.zh.txt"
FIXTURE = ROOT / "tests/data/extract/declaration.zh.txt"
MIB = 1024 * 1024


def chinese_text(size: int, seed: int = 2017) -> bytes:
    """About `size` bytes of SCO-style Chinese in UTF-8: real sentences, shuffled."""
    sentences = [s for path in (SHIPPED, FIXTURE)
                 for s in re.findall(r"[^。\n]+。?", path.read_text(encoding="utf-8"))
                 if len(s) > 5]
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        paragraph = "".join(rng.sample(sentences, 5)) + "\n\n"
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8"))
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler:
    """The highest resident set size seen while it runs (every 20 ms)."""

    def __init__(self) -> None:
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


def make_app(instance: Path, *, init: bool = True, **overrides):
    from glossary import create_app

    app = create_app({"INSTANCE_PATH": str(instance),
                      "DATABASE_URL": f"sqlite:///{instance / 'glossary.sqlite'}",
                      "API_WRITE_LIMIT": "100000 per minute",
                      "API_READ_LIMIT": "100000 per minute", **overrides})
    if init:
        with app.app_context():
            from glossary.cli import initialise

            initialise()
    return app


def part_setup(work: Path, name: str) -> dict:
    """The instance of an upload part, built by a process of its own, so that the measured
    process starts as a server does: the database and index there, nothing loaded yet."""
    instance = work / name
    shutil.rmtree(instance, ignore_errors=True)
    app = make_app(instance)
    (instance / "token").write_text(token(app), encoding="ascii")
    return {"part": "setup", "instance": str(instance)}


def token(app) -> str:
    from glossary import db
    from glossary.services import accounts

    with app.app_context(), db.transaction() as session:
        if accounts.identity_of(session, "bench") is None:
            accounts.create_user(session, "bench", "long enough password", "editor")
        return accounts.create_token(session, "bench", "write")[1]


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


# ---- the parts, each in its own process ----------------------------------------------------

def part_upload(work: Path, mib: float, piece: int | None) -> dict:
    from glossary import worker
    from glossary.services import extraction

    if piece:
        extraction.PIECE_CHARS = piece
    instance = work / f"upload-{piece or 'pieces'}"
    app = make_app(instance, init=False, JOBS="thread", JOBS_POLL_SECONDS=0.2)
    client = app.test_client()
    secret = (instance / "token").read_text(encoding="ascii")
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "text/plain"}
    client.get("/api/v1/search?q=sco")  # warm: the index, the worker thread
    first, second = chinese_text(int(mib * MIB)), chinese_text(int(mib * MIB), seed=2019)
    before = rss_mb()
    with Sampler() as sampler:
        started = time.perf_counter()
        ms_first, response = timed(lambda: client.post(
            "/api/v1/documents?name=first.txt", data=first, headers=headers))
        assert response.status_code == 202, response.get_data(as_text=True)
        job = response.get_json()["id"]
        time.sleep(2.0)  # the worker is well into the first import
        ms_second, response2 = timed(lambda: client.post(
            "/api/v1/documents?name=second.txt", data=second, headers=headers))
        ms_status, _ = timed(lambda: client.get(f"/api/v1/jobs/{job}"))
        done = worker.wait(app, job, timeout=3600)
        job_seconds = time.perf_counter() - started
        second_done = worker.wait(app, response2.get_json()["id"], timeout=3600)
    return {
        "part": "upload" if not piece else "whole", "mib": mib, "bytes": len(first),
        "piece_chars": extraction.PIECE_CHARS,
        "request_ms_idle_worker": round(ms_first, 1),
        "request_ms_busy_worker": round(ms_second, 1),
        "job_status_ms_busy_worker": round(ms_status, 1),
        "job_state": done.state, "job_message": done.message, "second_state": second_done.state,
        "job_seconds": round(job_seconds, 1),
        "rss_before_mb": round(before), "rss_peak_mb": round(sampler.peak),
        "rss_after_mb": round(rss_mb()),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def part_worker_process(work: Path, mib: float) -> dict:
    """A worker process of its own (`glossary jobs work`), as a deployment that keeps the web
    processes small runs it: the same import, the memory of that process."""
    from glossary import db, worker
    from glossary.services import jobs

    instance = work / "worker-process"
    app = make_app(instance, init=False, JOBS="off")
    raw = chinese_text(int(mib * MIB))
    with app.app_context(), db.transaction() as session:
        job_id = jobs.enqueue(session, "import-document", params={"name": "first.txt"},
                              payload=raw, user="bench").id
    del raw
    before = rss_mb()
    with Sampler() as sampler:
        started = time.perf_counter()
        state = worker.run_next(app)
        seconds = time.perf_counter() - started
    return {"part": "worker-process", "mib": mib, "job_state": state,
            "job_seconds": round(seconds, 1), "rss_before_mb": round(before),
            "rss_peak_mb": round(sampler.peak), "rss_after_mb": round(rss_mb()),
            "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "job": job_id}


def part_catch_up(work: Path, concepts: int, inline_changes: int | None) -> dict:
    import api_termbase

    from glossary.search import sync

    instance = work / f"catch-up-{inline_changes or 'thread'}"
    shutil.rmtree(instance, ignore_errors=True)
    settings = {"SEARCH_INLINE_CHANGES": inline_changes} if inline_changes else {}
    app = make_app(instance, **settings)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token(app)}"}
    client.get("/api/v1/search?q=sco")
    api_termbase._add_synthetic(app, concepts, 5)  # another process: the index not told
    version = client.get("/api/v1/concepts/rats").get_json()["version"]
    ms_patch, response = timed(lambda: client.patch(
        "/api/v1/concepts/rats", json={"subject": "politics"},
        headers={**headers, "If-Match": f'"{version}"'}))
    assert response.status_code == 200, response.get_data(as_text=True)
    ms_search, _ = timed(lambda: client.get("/api/v1/search?q=RATS"))
    started = time.perf_counter()
    sync.wait_background(app, timeout=3600)
    caught_up = time.perf_counter() - started
    with app.app_context():
        left = sync.backlog(app)
    return {"part": "catch-up" + (" (inline, before)" if inline_changes else ""),
            "concepts": concepts, "first_patch_ms": round(ms_patch, 1),
            "first_search_ms": round(ms_search, 1),
            "catch_up_after_seconds": round(caught_up, 1), "backlog_left": left}


def run_part(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/glossary-jobs-bench"))
    parser.add_argument("--mib", type=float, default=4.0)
    parser.add_argument("--concepts", type=int, default=20_000)
    parser.add_argument("--parts",
                        default="upload,whole,worker-process,catch-up,catch-up-inline")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.child:
        name = args.child
        result = {"setup-upload": lambda: part_setup(args.work, "upload-pieces"),
                  "setup-whole": lambda: part_setup(args.work, "upload-1000000000"),
                  "setup-worker-process": lambda: part_setup(args.work, "worker-process"),
                  "worker-process": lambda: part_worker_process(args.work, args.mib),
                  "upload": lambda: part_upload(args.work, args.mib, None),
                  "whole": lambda: part_upload(args.work, args.mib, 10**9),
                  "catch-up": lambda: part_catch_up(args.work, args.concepts, None),
                  "catch-up-inline": lambda: part_catch_up(args.work, args.concepts, 10**9),
                  }[name]()
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name in args.parts.split(","):
        extra = ["--work", str(args.work), "--mib", str(args.mib),
                 "--concepts", str(args.concepts)]
        if name in ("upload", "whole", "worker-process"):
            run_part([f"setup-{name}", *extra])
        print(json.dumps(run_part([name, *extra]), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
