"""Jobs (glossary/services/jobs.py) and the worker thread (glossary/worker.py): a job is
taken by exactly one worker, a job left by a dead worker is taken again, a worker presumed
dead cannot commit twice, and the real thread does what uploads queue."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from glossary import db, worker
from glossary.models import Document, Job, utcnow
from glossary.services import jobs
from tests.test_web_support import make_users, post

pytest_plugins = ["tests.test_web_support"]

TEXT = "上海合作组织成员国外交部长理事会会议在北京举行。中亚区域经济合作学院将加强合作。"


def queue(app, payload: bytes = TEXT.encode(), kind: str = "import-document") -> int:
    with app.app_context(), db.transaction() as session:
        return jobs.enqueue(session, kind, params={"name": "外长会议.txt"},
                            payload=payload, user="editor").id


def set_job(app, job_id: int, **values) -> None:
    with app.extensions["glossary.engine"].begin() as conn:
        conn.execute(update(Job).where(Job.id == job_id).values(**values))


def job_row(app, job_id: int) -> Job:
    with app.app_context():
        return db.session().get(Job, job_id, options=[undefer(Job.payload)])


def documents(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(Document.title)))


@pytest.fixture
def quiet_app(make_app, app):
    """The small termbase, with no worker in this process: jobs wait to be taken."""
    return make_app(JOBS="off")


def test_a_job_is_taken_by_exactly_one_of_many_workers(quiet_app):
    job_id = queue(quiet_app)
    engine = quiet_app.extensions["glossary.engine"]
    start = threading.Barrier(6)
    taken = []

    def take():
        start.wait()
        taken.append(jobs.claim(engine))

    threads = [threading.Thread(target=take) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [t for t in taken if t] == [(job_id, 1)] and taken.count(None) == 5
    row = job_row(quiet_app, job_id)
    assert (row.state, row.attempts) == ("running", 1) and row.worker


def test_jobs_are_taken_oldest_first_and_a_running_one_is_left_alone(quiet_app):
    first, second = queue(quiet_app), queue(quiet_app, b"x")
    engine = quiet_app.extensions["glossary.engine"]
    assert jobs.claim(engine) == (first, 1)
    assert jobs.claim(engine) == (second, 1)
    assert jobs.claim(engine) is None


def test_a_job_left_running_by_a_dead_worker_is_taken_again_and_done(quiet_app):
    job_id = queue(quiet_app)
    engine = quiet_app.extensions["glossary.engine"]
    assert jobs.claim(engine) == (job_id, 1)  # ... and the process is killed here
    assert worker.run_next(quiet_app) is None  # its heartbeat is fresh: not taken yet
    set_job(quiet_app, job_id, heartbeat_at=utcnow() - dt.timedelta(seconds=301))
    assert worker.run_next(quiet_app) == "done"
    row = job_row(quiet_app, job_id)
    assert (row.state, row.attempts, row.progress) == ("done", 2, 1.0)
    assert row.result["imported"] and documents(quiet_app).count("外长会议") == 1


def test_a_job_whose_worker_keeps_dying_is_given_up(make_app, app):
    quiet = make_app(JOBS="off", JOBS_MAX_ATTEMPTS=2)
    job_id = queue(quiet)
    set_job(quiet, job_id, state="running", attempts=2,
            heartbeat_at=utcnow() - dt.timedelta(hours=1))
    assert worker.run_next(quiet) is None
    row = job_row(quiet, job_id)
    assert row.state == "failed" and "stopped 2 times" in row.message
    assert row.payload is None


def test_a_worker_presumed_dead_cannot_commit_its_work(quiet_app):
    job_id = queue(quiet_app)
    engine = quiet_app.extensions["glossary.engine"]
    slow = jobs.claim(engine)
    set_job(quiet_app, job_id, heartbeat_at=utcnow() - dt.timedelta(seconds=301))
    assert jobs.claim(engine) == (job_id, 2)  # another worker took it meanwhile
    with quiet_app.app_context():
        assert jobs.run(engine, db.session(), *slow) == "lost"
    assert documents(quiet_app) == ["小公报"]  # nothing of the first worker's import
    assert job_row(quiet_app, job_id).state == "running"  # still the second worker's


def test_a_job_that_cannot_be_done_fails_with_the_reason(quiet_app, client):
    job_id = queue(quiet_app, "καλημέρα κόσμε ".encode() * 20)
    assert worker.run_next(quiet_app) == "failed"
    row = job_row(quiet_app, job_id)
    assert row.state == "failed" and "neither Chinese, Russian nor English" in row.message
    assert row.payload is None and row.finished_at is not None
    zh = client.get(f"/jobs/{job_id}.json", headers={"Accept-Language": "zh"}).get_json()
    assert "英文" in zh["job"]["message"]  # kept as a message, shown in the page's language


def test_an_unexpected_error_fails_the_job_and_is_logged(quiet_app, monkeypatch, caplog):
    def broken(session, job, progress):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(jobs.KINDS, "broken", broken)
    job_id = queue(quiet_app, kind="broken")
    assert worker.run_next(quiet_app) == "failed"
    assert "the error is in the server log" in job_row(quiet_app, job_id).message
    assert "disk on fire" in caplog.text


def test_progress_is_visible_while_the_job_runs(quiet_app, client, monkeypatch):
    halfway, finish = threading.Event(), threading.Event()

    def slow(session, job, progress):
        progress(0.5, "half done")
        halfway.set()
        finish.wait(30)
        return {"answer": 42}

    monkeypatch.setitem(jobs.KINDS, "slow", slow)
    job_id = queue(quiet_app, kind="slow")
    thread = threading.Thread(target=worker.run_next, args=(quiet_app,))
    thread.start()
    assert halfway.wait(30)
    seen = client.get(f"/api/v1/jobs/{job_id}").get_json()
    assert (seen["state"], seen["progress"], seen["message"]) == ("running", 0.5, "half done")
    finish.set()
    thread.join(30)
    done = client.get(f"/api/v1/jobs/{job_id}").get_json()
    assert (done["state"], done["progress"], done["result"]) == ("done", 1.0, {"answer": 42})
    assert done["finished"] >= done["started"] >= done["created"]


# ---- the real worker thread ---------------------------------------------------------------

def test_the_worker_thread_does_an_uploaded_import(make_app, app):
    threaded = make_app(JOBS="thread", JOBS_POLL_SECONDS=0.1)
    make_users(threaded)
    editor = threaded.test_client()
    post(editor, "/login", {"name": "editor", "password": "password-123"})
    response = post(editor, "/documents", {"file": (io.BytesIO(TEXT.encode()), "外长会议.txt")},
                    content_type="multipart/form-data")
    assert response.status_code == 302
    job_id = int(response.headers["Location"].rsplit("-", 1)[1])
    done = worker.wait(threaded, job_id, timeout=120)
    assert done.state == "done" and done.result["imported"], done.message
    assert threaded.extensions["glossary.worker"].name == "glossary-worker"
    assert "外长会议" in documents(threaded)


def test_the_worker_thread_takes_jobs_queued_by_another_process(make_app, app):
    job_id = queue(make_app(JOBS="off"))  # queued elsewhere: nobody here woke the worker
    threaded = make_app(JOBS="thread", JOBS_POLL_SECONDS=0.1)
    worker.start(threaded)
    assert worker.wait(threaded, job_id, timeout=120).state == "done"


def test_there_is_no_worker_thread_unless_asked_for(quiet_app, client):
    client.get("/documents")
    assert worker.start(quiet_app) is None
    assert quiet_app.extensions["glossary.worker"] is None


def test_the_documents_page_follows_a_job_until_it_ends(quiet_app, client):
    job_id = queue(quiet_app)
    page = client.get("/documents", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    row = page[page.index(f'id="job-{job_id}"'):]
    assert f'data-job-json="/jobs/{job_id}.json"' in row[:300]  # app.js polls it
    assert "в очереди" in row[:500]
    worker.run_next(quiet_app)
    page = client.get("/documents").get_data(as_text=True)
    row = page[page.index(f'id="job-{job_id}"'):]
    assert "data-job-json" not in row[:300] and "Open the document" in row[:800]


# ---- the command line -----------------------------------------------------------------------

def test_a_worker_process_of_its_own_does_the_waiting_jobs(quiet_app):
    job_id = queue(quiet_app)
    runner = quiet_app.test_cli_runner()
    result = runner.invoke(args=["jobs", "work", "--once"])
    assert result.exit_code == 0 and "1 job(s) done." in result.output
    assert job_row(quiet_app, job_id).state == "done"
    listed = runner.invoke(args=["jobs", "list"]).output.splitlines()
    assert listed[0].startswith(f"{job_id}\tdone\t100%\timport-document\teditor\t")


def test_the_job_commands_need_a_database(empty_app):
    for args in (["jobs", "list"], ["jobs", "work", "--once"]):
        result = empty_app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 1 and "run 'glossary init' first" in result.output
