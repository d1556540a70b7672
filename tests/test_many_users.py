"""Many users on one database: gunicorn workers and hosts, concurrent editors, faults.

These tests start real servers (gunicorn, through benchmarks/many_users.py) on the test
database: a SQLite file, or a PostgreSQL schema in the second CI pass.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest

from glossary.config import PROJECT_ROOT
from tests.databases import SERVER_URL, fresh_database_url, on_postgresql

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import contextlib

import many_users


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The shipped termbase in the test database, a write token, and the settings to serve it."""
    folder = tmp_path_factory.mktemp("many")
    with fresh_database_url(folder / "db") as url:
        env = many_users.environment(folder / "host-a", url)
        token = many_users.prepare(env)
        yield {"url": url, "env": env, "token": token, "folder": folder}


@pytest.fixture(scope="module")
def server(site):
    """gunicorn with two workers, which share one index folder (one host)."""
    running = many_users.start_server(site["env"], workers=2)
    yield running
    running.stop()


def search(port: int, query: str) -> list[str]:
    status, _, body = many_users.call(port, "GET", f"/api/v1/search?q={quote(query)}")
    assert status == 200, body
    return [hit["concept"]["id"] for hit in body["hits"]]


def patch(port: int, token: str, key: str, change: dict) -> tuple[int, dict]:
    _, headers, _ = many_users.call(port, "GET", f"/api/v1/concepts/{key}")
    status, _, body = many_users.call(
        port, "PATCH", f"/api/v1/concepts/{key}", change,
        {"Authorization": f"Bearer {token}", "If-Match": headers["ETag"]})
    return status, body


def test_eight_concurrent_editors_lose_no_update(site, server):
    edits, start = many_users.run_writers(server.port, site["token"], seconds=4, writers=8)
    assert many_users.verify(server.port, edits, start) == []
    assert len(edits.accepted) > 20
    check = subprocess.run([str(many_users.BIN / "glossary"), "index", "--check"],
                           env=site["env"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def _edit_one_concept_for(port: int, token: str, key: str, seconds: float, writer: int,
                          log: dict) -> None:
    """GET the concept, PATCH it with If-Match, again and again, as the hostile test did."""
    auth = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        _, headers, _ = many_users.call(port, "GET", f"/api/v1/concepts/{key}")
        status, answer_headers, body = many_users.call(
            port, "PATCH", f"/api/v1/concepts/{key}", {"note": {"en": f"w{writer}-{n}"}},
            {**auth, "If-Match": headers["ETag"]})
        with log["lock"]:
            if status == 200:
                log["accepted"].append(time.monotonic())
            elif status == 412:
                log["refused"] += 1
                if answer_headers.get("ETag") != f'"{body["current"]["version"]}"':
                    log["errors"].append(f"412 without the current ETag: {answer_headers}")
            else:
                log["errors"].append(f"PATCH: {status} {body}")


def test_eight_writers_on_one_concept_keep_going_and_readers_stay_current(site, server):
    seconds = 20.0
    log: dict = {"lock": threading.Lock(), "accepted": [], "refused": 0, "errors": []}
    start = time.monotonic()
    writers = [threading.Thread(target=_edit_one_concept_for, args=(
        server.port, site["token"], "rats", seconds, i, log)) for i in range(8)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    assert log["errors"] == []
    # A steady rate: edits are accepted in every quarter of the run, not just at its start.
    quarters = [sum(1 for at in log["accepted"] if q * seconds / 4 <= at - start
                    < (q + 1) * seconds / 4) for q in range(4)]
    assert min(quarters) > 0, quarters
    stored = _stored_version(site["env"], "rats")
    for _ in range(6):  # every worker answers with what the database holds
        assert many_users.call(server.port, "GET", "/api/v1/concepts/rats")[2]["version"] \
            == stored


def _stored_version(env: dict, key: str) -> int:
    out = subprocess.run([str(many_users.BIN / "glossary"), "concepts", "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return next(c["version"] for c in json.loads(out) if c["id"] == key)


def test_a_write_through_one_worker_is_found_by_every_worker(site, server):
    status, _ = patch(server.port, site["token"], "rats", {
        "terms": {"en": [{"text": "Regional Anti-Terrorist Structure", "status": "preferred"},
                         {"text": "RATS", "type": "abbreviation", "status": "preferred"},
                         {"text": "Tashkent counter-terror hub", "status": "proposed"}]}})
    assert status == 200
    # Each request may land on either worker; both must find the new term at once.
    for _ in range(6):
        assert search(server.port, "Tashkent counter-terror hub")[:1] == ["rats"]


def test_another_host_with_its_own_index_finds_a_write_at_once(site, server):
    other_env = many_users.environment(site["folder"] / "host-b", site["url"])
    other = many_users.start_server(other_env, workers=1)  # builds its index from the database
    try:
        status, _ = patch(server.port, site["token"], "sco",
                          {"note": {"en": "written on host A"}, "terms": {"en": [
                              {"text": "Shanghai Cooperation Organisation",
                               "status": "preferred"},
                              {"text": "Shanghai Six", "status": "deprecated"}]}})
        assert status == 200
        assert search(other.port, "Shanghai Six")[:1] == ["sco"]
        _, _, concept = many_users.call(other.port, "GET", "/api/v1/concepts/sco")
        assert concept["note"]["en"] == "written on host A"
    finally:
        other.stop()


def _concept_count(env: dict) -> int:
    out = subprocess.run([str(many_users.BIN / "glossary"), "concepts", "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return len(json.loads(out))


def test_kill_9_during_a_bulk_import_leaves_nothing_half_written(site, tmp_path):
    env = site["env"]
    export = tmp_path / "all.tbx"
    many_users.glossary(env, "export", "--format", "tbx", "-o", str(export))
    before = _concept_count(env)
    importer = subprocess.Popen(
        [str(many_users.BIN / "glossary"), "import-termbase", str(export), "--on-conflict",
         "new"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3.5)  # well into the import (it takes several seconds), far from its end
    assert importer.poll() is None, "the import finished before it could be killed"
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert _concept_count(env) == before
    check = subprocess.run([str(many_users.BIN / "glossary"), "index", "--check"], env=env,
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


class Proxy:
    """A TCP proxy to the database server that a test can cut and restore."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = many_users.free_port()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        for s in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


@pytest.mark.skipif(not on_postgresql(), reason="a database server that can go away "
                                                "(the PostgreSQL pass runs it)")
def test_requests_get_503_while_the_database_is_away_and_recover_after(site):
    from sqlalchemy.engine import make_url

    server_url = make_url(SERVER_URL)
    proxy = Proxy((server_url.host or "127.0.0.1", server_url.port or 5432))
    proxy.start()
    via_proxy = site["url"].replace(f"{server_url.host}:{server_url.port or 5432}",
                                    f"127.0.0.1:{proxy.port}")
    assert via_proxy != site["url"]
    env = many_users.environment(site["folder"] / "host-c", via_proxy)
    served = many_users.start_server(env, workers=1)
    try:
        assert many_users.call(served.port, "GET", "/api/v1/concepts/rats")[0] == 200
        proxy.stop()
        status, headers, body = many_users.call(served.port, "GET", "/api/v1/concepts/rats")
        assert status == 503
        assert headers["Content-Type"].startswith("application/problem+json")
        assert body["status"] == 503 and "Retry-After" in headers
        page = many_users.call(served.port, "GET", "/concepts/rats",
                               headers={"Accept": "text/html"})
        assert page[0] == 503
        proxy.start()
        assert many_users.call(served.port, "GET", "/api/v1/concepts/rats")[0] == 200
    finally:
        served.stop()
        proxy.stop()


def test_the_load_script_runs_without_errors(site, server):
    report = many_users.run_load(server.port, site["token"], seconds=2, clients=4)
    assert report["errors"] == 0, report["error_samples"]
    assert {"search", "concept"} <= set(report["kinds"])

