"""Throughput of the JSON API under gunicorn: mixed search and concept reads, bounded in time.

    .venv/bin/pip install -e '.[serve]'        # gunicorn
    .venv/bin/python benchmarks/api_throughput.py [--seconds 30] [--workers 2] [--clients 4]

Serves the benchmark termbase (the shipped SCO termbase plus --synthetic concepts, built once
by benchmarks/api_termbase.py) with `gunicorn -w 2 --threads 2` (gthread workers, which keep
connections alive; --threads 1 gives sync workers) on 127.0.0.1 only, warms each worker up,
then keeps --clients connections busy for --seconds with a mix of requests: --search-share
of them GET /api/v1/search (every query kind of benchmarks/search_synth.py: Chinese
fragments, traditional script, pinyin, initials, inflected Russian, English, abbreviations,
Palladius, prefixes, typos), the rest GET /api/v1/concepts/{id} of random concepts and a few
GET /api/v1/concepts pages. The load generator runs in its own process, so its cost is not
counted against the workers but shares the machine's cores with them (as a real client
on the same host would).

Reports requests/s (all, and search alone), p50/p99 latency per kind, errors (anything but
200/304, and failed connections), RSS per worker at the end, and the CPU time the workers
spent per request (which, unlike requests/s, does not depend on what else the machine runs).
The rate limits are raised for the run (one address sends everything). Target: ≥ 400 search
requests/s, p99 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request_plan(synthetic: int, search_share: float, seed: int = 3) -> list[tuple[str, str]]:
    """(kind, path) pairs to cycle through, in a shuffled order fixed by the seed."""
    import search_synth

    concepts = search_synth.generate(synthetic, 5)
    rng = random.Random(seed)
    searches = [("search", "/api/v1/search?" + urllib.parse.urlencode(
        {"q": q["q"], **({"prefix": "true"} if q.get("prefix") else {})}))
        for q in search_synth.make_queries(concepts, 40)]
    keys = [f"synthetic-{c.key}" for c in rng.sample(concepts, 2000)]
    reads = [("concept", f"/api/v1/concepts/{key}") for key in keys]
    reads += [("list", "/api/v1/concepts?limit=20")] * 20
    plan = []
    for _ in range(20_000):
        plan.append(rng.choice(searches) if rng.random() < search_share else rng.choice(reads))
    return plan


def _client(port: int, plan: list[tuple[str, str]], offset: int, until: float,
            out: multiprocessing.Queue) -> None:
    """One connection's loop (a thread): request after request until `until`."""
    samples: list[tuple[str, float, int]] = []
    conn = HTTPConnection(HOST, port, timeout=10)
    i = offset
    while time.perf_counter() < until:
        kind, path = plan[i % len(plan)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except OSError:
            status = 0
            conn.close()
        samples.append((kind, time.perf_counter() - started, status))
    out.put(samples)


def load(port: int, plan: list, clients: int, seconds: float) -> list[tuple[str, float, int]]:
    """Run `clients` connections for `seconds` in a process of their own; all samples."""
    def run(out):
        until = time.perf_counter() + seconds
        threads = [threading.Thread(target=_client, args=(port, plan, i * 997, until, out))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    out: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=run, args=(out,))
    process.start()
    samples = []
    for _ in range(clients):
        samples += out.get(timeout=seconds + 60)
    process.join()
    return samples


def workers(master: int) -> list[str]:
    return Path(f"/proc/{master}/task/{master}/children").read_text().split()


def workers_cpu_seconds(master: int) -> float:
    """User + system CPU time the workers have used so far."""
    ticks = 0
    for pid in workers(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: int) -> list[float]:
    out = []
    for pid in workers(master):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out.append(int(line.split()[1]) / 1024)
    return out


def start_gunicorn(instance: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ,
           "GLOSSARY_INSTANCE": str(instance),
           "GLOSSARY_DATABASE_URL": f"sqlite:///{instance / 'glossary.sqlite'}",
           "GLOSSARY_API_READ_LIMIT": "10000000 per minute"}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"{HOST}:{port}",
         # gthread workers keep connections alive (sync workers close each one).
         *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
         "--log-level", "warning", "glossary:create_app()"],
        env=env, cwd=str(HERE.parent), start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start within 60 s")


def summarise(samples: list[tuple[str, float, int]], seconds: float) -> dict:
    def stats(rows):
        times = sorted(t for _, t, _ in rows)
        return {"requests": len(rows), "per_second": len(rows) / seconds,
                "p50_ms": 1000 * statistics.median(times) if times else 0,
                "p99_ms": 1000 * times[int(0.99 * (len(times) - 1))] if times else 0,
                "errors": sum(1 for *_, s in rows if s not in (200, 304))}
    report = {"all": stats(samples)}
    for kind in sorted({k for k, _, _ in samples}):
        report[kind] = stats([s for s in samples if s[0] == kind])
    return report


def main() -> None:
    import api_termbase

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2,
                        help="gunicorn threads per worker (more than 1: gthread workers)")
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--search-share", type=float, default=0.8)
    parser.add_argument("--work", type=Path, default=api_termbase.DEFAULT_WORK)
    parser.add_argument("--json", type=Path, help="Also write the report here.")
    args = parser.parse_args()

    instance = api_termbase.build(args.work, args.synthetic)
    plan = request_plan(args.synthetic, args.search_share)
    port = free_port()
    server = start_gunicorn(instance, port, args.workers, args.threads)
    try:
        load(port, plan, args.clients, min(10.0, args.seconds / 3))  # warm every worker
        cpu = workers_cpu_seconds(server.pid)
        samples = load(port, plan, args.clients, args.seconds)
        cpu = workers_cpu_seconds(server.pid) - cpu
        rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report = {"seconds": args.seconds, "workers": args.workers, "threads": args.threads,
              "clients": args.clients, "load_average": os.getloadavg(),
              "synthetic": args.synthetic, "rss_mb_per_worker": rss,
              "worker_cpu_ms_per_request": 1000 * cpu / max(len(samples), 1),
              **summarise(samples, args.seconds)}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    print(table(report))


def table(report: dict) -> str:
    threads = f" --threads {report['threads']}" if report["threads"] > 1 else ""
    load = ", ".join(f"{x:.1f}" for x in report["load_average"])
    lines = [f"gunicorn -w {report['workers']}{threads}, {report['clients']} clients, "
             f"{report['seconds']:.0f} s, shipped termbase + {report['synthetic']:,} "
             f"synthetic concepts (load average after the run: {load})", "",
             "| requests | count | per second | p50 | p99 | errors |", "|---|---|---|---|---|---|"]
    for kind in ("all", "search", "concept", "list"):
        if kind in report:
            r = report[kind]
            lines.append(f"| {kind} | {r['requests']:,} | {r['per_second']:.0f} | "
                         f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['errors']} |")
    rss = ", ".join(f"{mb:.0f} MB" for mb in report["rss_mb_per_worker"])
    cpu = report["worker_cpu_ms_per_request"]
    lines += ["", f"RSS per worker at the end: {rss}. Worker CPU per request: {cpu:.1f} ms "
                  f"(so two idle cores would serve about {2000 / cpu:.0f} requests/s)."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
