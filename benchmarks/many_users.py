"""Many users at once: gunicorn workers on one database, concurrent editors, mixed load.

    .venv/bin/python benchmarks/many_users.py concurrency [--database URL] [--seconds 30]
    .venv/bin/python benchmarks/many_users.py load [--database URL] [--synthetic 100000]

`concurrency`: --writers threads edit the same few concepts and concepts of their own
through the JSON API (GET for the ETag, PATCH with If-Match) for --seconds, against
`gunicorn -w --workers`. Then every concept is read back and checked: each accepted write
moved the version by exactly one (no two accepted writes got the same version, so none was
lost), the final state is the last accepted write, every refused write got 409 or 412, and
`glossary index --check` finds the search index in step with the database.

`load`: the same server on the shipped termbase plus --synthetic concepts; --clients
connections send a mix of searches, concept reads and edits for --seconds; reports
requests/s, p50/p99 per kind and the error count.

--database is a SQLAlchemy URL (default: a SQLite file in the work folder); on PostgreSQL the
benchmark works in a schema of its own and drops it afterwards. 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOST = "127.0.0.1"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# The database and the servers
# --------------------------------------------------------------------------------------------


@contextmanager
def database(url: str | None, work: Path):
    """A database URL for the run: a SQLite file, or a fresh schema on a PostgreSQL server."""
    if not url or url.startswith("sqlite"):
        yield url or f"sqlite:///{work / 'glossary.sqlite'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in url else "?"
    try:
        yield f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def environment(instance: Path, url: str, **settings: str) -> dict[str, str]:
    env = {**os.environ, "GLOSSARY_INSTANCE": str(instance), "GLOSSARY_DATABASE_URL": url,
           "GLOSSARY_SECRET_KEY": "many-users", "GLOSSARY_DATA_DIR": str(ROOT / "data"),
           # One address sends everything: the per-address limits would measure themselves.
           "GLOSSARY_API_READ_LIMIT": "1000000 per minute",
           "GLOSSARY_API_WRITE_LIMIT": "1000000 per minute"}
    env.update({f"GLOSSARY_{k}": v for k, v in settings.items()})
    return env


def glossary(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run the glossary command; return its standard output."""
    done = subprocess.run([str(BIN / "glossary"), *args], env=env, input=stdin, text=True,
                          capture_output=True, check=False, timeout=600)
    if done.returncode:
        raise RuntimeError(f"glossary {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def prepare(env: dict[str, str], synthetic: int = 0) -> str:
    """Load the shipped termbase (and synthetic concepts); return a write token."""
    glossary(env, "init")
    if synthetic:
        sys.path.insert(0, str(HERE))
        sys.path.insert(0, str(ROOT))
        import api_termbase

        from glossary import create_app
        from glossary.search import sync

        app = create_app({"INSTANCE_PATH": env["GLOSSARY_INSTANCE"],
                          "DATABASE_URL": env["GLOSSARY_DATABASE_URL"]})
        api_termbase._add_synthetic(app, synthetic, 5)
        with app.app_context():
            sync.rebuild(app)
        app.extensions["glossary.engine"].dispose()
    glossary(env, "user", "add", "bench", "--role", "editor", "--password-stdin",
             stdin="many-users-password\n")
    return glossary(env, "token", "create", "--user", "bench", "--scope", "write").strip()


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path
    log_file: object = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log_file is not None:
            self.log_file.close()

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True,
                             text=True, check=False).stdout
        return [int(pid) for pid in out.split()]


def start_server(env: dict[str, str], workers: int = 2, threads: int = 4,
                 log: Path | None = None) -> Server:
    """gunicorn serving create_app() on a free port of 127.0.0.1; waits until it answers."""
    port = free_port()
    log = log or Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
    log_file = log.open("wb")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--threads", str(threads),
         "--bind", f"{HOST}:{port}", "--graceful-timeout", "10", "--timeout", "120",
         "glossary:create_app()"],
        env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    server = Server(process, port, log, log_file)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            if call(port, "GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer: {log.read_text()[-2000:]}")


def call(port: int, method: str, path: str, body: dict | None = None,
         headers: dict[str, str] | None = None,
         connection: HTTPConnection | None = None) -> tuple[int, dict, dict]:
    """One request; returns (status, headers, JSON body or {})."""
    conn = connection or HTTPConnection(HOST, port, timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    all_headers = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=all_headers)
    response = conn.getresponse()
    raw = response.read()
    if connection is None:
        conn.close()
    try:
        parsed = json.loads(raw) if raw else {}
    except ValueError:
        parsed = {"raw": raw[:200].decode("utf-8", "replace")}
    return response.status, dict(response.getheaders()), parsed


# --------------------------------------------------------------------------------------------
# Concurrent editors
# --------------------------------------------------------------------------------------------


@dataclass
class Edits:
    """What the writers saw: accepted edits (key, marker, version it was based on, version it
    made) and refusals."""

    accepted: list[tuple[str, str, int, int]] = field(default_factory=list)
    refused: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _writer(port: int, token: str, keys: list[str], deadline: float, edits: Edits,
            name: str, seed: int) -> None:
    rng = random.Random(seed)
    conn = HTTPConnection(HOST, port, timeout=60)
    auth = {"Authorization": f"Bearer {token}"}
    n = 0
    while time.monotonic() < deadline:
        key = rng.choice(keys)
        n += 1
        marker = f"{name}-{n}"
        try:
            status, headers_before, _ = call(port, "GET", f"/api/v1/concepts/{key}",
                                             connection=conn)
            if status != 200:
                edits.errors.append(f"GET {key}: {status}")
                continue
            status, _, body = call(
                port, "PATCH", f"/api/v1/concepts/{key}", {"note": {"en": marker}},
                {**auth, "If-Match": headers_before["ETag"]}, connection=conn)
        except OSError as exc:
            edits.errors.append(f"{key}: {exc}")
            conn.close()
            conn = HTTPConnection(HOST, port, timeout=60)
            continue
        with edits.lock:
            if status == 200:
                base = int(headers_before["ETag"].strip('W/"'))
                edits.accepted.append((key, marker, base, body["version"]))
            elif status in (409, 412):
                edits.refused[status] += 1
            else:
                edits.errors.append(f"PATCH {key}: {status} {body.get('detail', body)}")
    conn.close()


def run_writers(port: int, token: str, seconds: float, writers: int) -> tuple[Edits, dict]:
    """`writers` threads: half their edits on 3 shared concepts, half on their own."""
    status, _, page = call(port, "GET", "/api/v1/concepts?limit=200")
    assert status == 200, page
    keys = [c["id"] for c in page["concepts"]]
    shared, rest = keys[:3], keys[3:]
    start = {}
    for key in keys:
        start[key] = call(port, "GET", f"/api/v1/concepts/{key}")[2]["version"]
    edits = Edits()
    deadline = time.monotonic() + seconds
    threads = []
    for i in range(writers):
        own = rest[i::writers][:3]
        pool = shared * max(len(own), 1) + own  # about half on the shared concepts
        threads.append(threading.Thread(target=_writer, args=(
            port, token, pool, deadline, edits, f"w{i}", i)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return edits, start


def verify(port: int, edits: Edits, start: dict[str, int]) -> list[str]:
    """Every accepted write is in the final state; return the problems found."""
    problems = list(edits.errors)
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, marker, base, version in edits.accepted:
        by_key[key].append((version, marker))
        if version != base + 1:
            problems.append(f"{key}: an edit based on version {base} was saved as {version}: "
                            "it overwrote edits it had not seen")
    for key, accepted in by_key.items():
        versions = sorted(v for v, _ in accepted)
        if len(set(versions)) != len(versions):
            problems.append(f"{key}: two accepted edits got the same version (a lost update)")
        final = call(port, "GET", f"/api/v1/concepts/{key}")[2]
        if final["version"] != start[key] + len(accepted):
            problems.append(f"{key}: version {final['version']} after {len(accepted)} "
                            f"accepted edits from {start[key]}")
        last = max(accepted)[1]
        if final["note"].get("en") != last:
            problems.append(f"{key}: final note {final['note'].get('en')!r}, last accepted "
                            f"edit {last!r}")
    return problems


# --------------------------------------------------------------------------------------------
# Mixed load
# --------------------------------------------------------------------------------------------

QUERIES = ["反恐", "地区反恐怖机构", "三股勢力", "sangushili", "sgsl", "shanghai hezuo",
           "Шанхайской организации", "антитеррористической", "RATS", "ШОС", "Astana",
           "Nazarbaev", "three evil forces", "Си Цзиньпин", "上合", "council of heads"]


def run_load(port: int, token: str, seconds: float, clients: int,
             write_share: float = 0.05) -> dict:
    _, _, page = call(port, "GET", "/api/v1/concepts?limit=200")
    keys = [c["id"] for c in page["concepts"]]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = HTTPConnection(HOST, port, timeout=60)
        while time.monotonic() < deadline:
            roll = rng.random()
            started = time.perf_counter()
            try:
                if roll < write_share:
                    kind = "edit"
                    key = rng.choice(keys)
                    got = call(port, "GET", f"/api/v1/concepts/{key}", connection=conn)
                    status = call(port, "PATCH", f"/api/v1/concepts/{key}",
                                  {"note": {"en": f"load {seed} {started}"}},
                                  {"Authorization": f"Bearer {token}",
                                   "If-Match": got[1]["ETag"]}, connection=conn)[0]
                    ok = status in (200, 412)
                elif roll < 0.75:
                    kind = "search"
                    q = quote(rng.choice(QUERIES))
                    status = call(port, "GET", f"/api/v1/search?q={q}", connection=conn)[0]
                    ok = status == 200
                else:
                    kind = "concept"
                    key = rng.choice(keys)
                    status = call(port, "GET", f"/api/v1/concepts/{key}", connection=conn)[0]
                    ok = status == 200
            except OSError as exc:
                kind, ok, status = "connection", False, str(exc)
                conn.close()
                conn = HTTPConnection(HOST, port, timeout=60)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies[kind].append(elapsed)
                if not ok:
                    errors.append(f"{kind}: {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    return {"seconds": round(elapsed, 1), "clients": clients,
            "requests_per_s": round(sum(len(v) for v in latencies.values()) / elapsed, 1),
            "kinds": {k: {"n": len(v), "p50_ms": round(statistics.median(v), 1),
                          "p99_ms": round(_percentile(v, 0.99), 1)}
                      for k, v in sorted(latencies.items())},
            "errors": len(errors), "error_samples": errors[:5]}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_mb(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out.append(round(int(line.split()[1]) / 1024, 1))
        except OSError:
            pass
    return out


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("concurrency", "load"))
    parser.add_argument("--database", help="SQLAlchemy URL (default: SQLite in --work)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--synthetic", type=int, default=0)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="many-users-"))
    work.mkdir(parents=True, exist_ok=True)
    with database(args.database, work) as url:
        env = environment(work / "instance", url)
        token = prepare(env, args.synthetic)
        server = start_server(env, args.workers, log=work / "gunicorn.log")
        try:
            backend = url.split(":", 1)[0]
            if args.mode == "concurrency":
                edits, start = run_writers(server.port, token, args.seconds, args.writers)
                problems = verify(server.port, edits, start)
                check = subprocess.run([str(BIN / "glossary"), "index", "--check"], env=env,
                                       capture_output=True, text=True, check=False)
                report = {"database": backend, "seconds": args.seconds,
                          "writers": args.writers, "accepted": len(edits.accepted),
                          "refused": dict(edits.refused), "problems": problems,
                          "index_check": check.returncode}
            else:
                report = {"database": backend, "synthetic": args.synthetic,
                          **run_load(server.port, token, args.seconds, args.clients),
                          "rss_mb_per_worker": rss_mb(server.worker_pids())}
        finally:
            server.stop()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    failed = report.get("problems") or report.get("index_check") or report.get("errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
