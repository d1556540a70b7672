"""The worker: a daemon thread per process that does the queued jobs (glossary.services.jobs).

`glossary serve` starts it as it starts, and so does the first request a process serves
(which is how it runs under gunicorn: one thread in each worker process, all taking jobs
from the same table, each job taken by exactly one). It sleeps until a request of its own
process queues a job, or for JOBS_POLL_SECONDS, then takes the oldest job there is.

Settings: JOBS — "thread" (default: the worker thread), "inline" (a job is done inside the
request that queues it, before it answers: for tests and scripts; the default when TESTING
is set) or "off" (jobs wait for another process's worker); JOBS_POLL_SECONDS (default 2),
JOBS_STALE_AFTER (seconds after which a running job that has not moved is taken again,
default 300), JOBS_MAX_ATTEMPTS (default 3).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from glossary.models import Job
from glossary.services import jobs

log = logging.getLogger(__name__)

_STARTED = "glossary.worker"
_WAKE = "glossary.worker.wake"
_STOP = "glossary.worker.stop"


def init_app(app: Flask) -> None:
    """Settings, and the worker started by the first request (the job kinds are loaded
    when a job is queued or taken: glossary.services.jobs.PROVIDERS)."""
    # Under TESTING (the test suite), jobs are done inline unless a test asks for the thread.
    app.config.setdefault("JOBS", "inline" if app.testing else "thread")
    app.config.setdefault("JOBS_POLL_SECONDS", 2.0)
    app.config.setdefault("JOBS_STALE_AFTER", jobs.STALE_AFTER)
    app.config.setdefault("JOBS_MAX_ATTEMPTS", jobs.MAX_ATTEMPTS)
    app.extensions[_WAKE] = threading.Event()
    app.extensions[_STOP] = threading.Event()
    app.extensions[_STARTED] = None
    def start_with_first_request() -> None:
        start(app)

    app.before_request(start_with_first_request)


def start(app: Flask) -> threading.Thread | None:
    """Start this process's worker thread, once (when JOBS is "thread")."""
    if app.config["JOBS"] != "thread" or app.extensions[_STOP].is_set():
        return None
    thread = app.extensions[_STARTED]
    if thread is not None and thread.is_alive():
        return thread
    with _lock:
        thread = app.extensions[_STARTED]
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=_loop, args=(app,), name="glossary-worker",
                                      daemon=True)
            app.extensions[_STARTED] = thread
            thread.start()
    return thread


_lock = threading.Lock()


def stop(app: Flask, timeout: float = 30.0) -> None:
    """Stop this process's worker thread after the job it is doing (tests, shutdown)."""
    app.extensions[_STOP].set()
    app.extensions[_WAKE].set()
    thread = app.extensions[_STARTED]
    if thread is not None:
        thread.join(timeout)


def submit(session: Session, kind: str, **fields: Any) -> Job:
    """Queue a job, commit, and see that it gets done: at once when JOBS is "inline",
    else by waking this process's worker. The caller reads its state from the row."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    job = jobs.enqueue(session, kind, **fields)
    session.commit()
    if app.config["JOBS"] == "inline":
        run_next(app, job_id=job.id)
        session.refresh(job)
    elif app.config["JOBS"] == "thread":
        start(app)
        app.extensions[_WAKE].set()
    return job


def run_next(app: Flask, job_id: int | None = None) -> str | None:
    """Take one job (the oldest, or `job_id`) and do it; return the state it ended in, or
    None when there was nothing to take."""
    engine = app.extensions["glossary.engine"]
    taken = jobs.claim(engine, job_id=job_id,
                       stale_after=float(app.config["JOBS_STALE_AFTER"]),
                       max_attempts=int(app.config["JOBS_MAX_ATTEMPTS"]))
    if taken is None:
        return None
    with app.app_context():
        session = app.extensions["glossary.sessions"]()
        try:
            return jobs.run(engine, session, *taken)
        finally:
            session.close()


def wait(app: Flask, job_id: int, timeout: float = 60.0) -> Job:
    """The job once it is done or failed (polling its row), for tests and scripts.

    :raises TimeoutError: it is still queued or running after `timeout` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        with Session(app.extensions["glossary.engine"]) as session:
            job = session.get(Job, job_id)
            if job is not None and job.state in ("done", "failed"):
                session.expunge(job)
                return job
        if time.monotonic() > deadline:
            raise TimeoutError(f"job {job_id} is still {job.state if job else 'missing'}")
        time.sleep(0.05)


def _loop(app: Flask) -> None:
    wake: threading.Event = app.extensions[_WAKE]
    stopping: threading.Event = app.extensions[_STOP]
    failures = 0
    while not stopping.is_set():
        try:
            state = run_next(app)
            failures = 0
        except Exception:  # the database is away: try again after a growing pause
            failures += 1
            log.exception("the job worker could not take a job (%d times)", failures)
            state = None
        if state is None:
            pause = float(app.config["JOBS_POLL_SECONDS"]) * 2 ** min(failures, 5)
            wake.wait(pause)
            wake.clear()
