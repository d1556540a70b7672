"""Jobs: work that takes seconds, queued by a request and done by a worker (glossary/worker.py).

A job is a row of the `jobs` table: its kind, its state (queued → running → done or
failed), its progress (0 to 1) and a message saying what it is doing or why it failed, its
result (what it made, e.g. a document's key), who queued it and when it started and ended.

Taking a job is a compare-and-set on its `attempts`: ``UPDATE jobs SET state='running',
attempts=attempts+1 ... WHERE id=? AND attempts=? AND (state='queued' OR the running job's
heartbeat is older than JOBS_STALE_AFTER)``. Of two workers (threads, processes or hosts)
that saw the same job, one changes a row and the other none, on SQLite and on PostgreSQL
alike. A job left running by a process that died is taken again once its heartbeat is stale,
at most JOBS_MAX_ATTEMPTS times. A job ends in the same transaction as its work, again only
if its `attempts` is still the one it was taken with: a worker that was presumed dead and
comes back cannot commit twice.

The kinds of job are registered with `@kind("name")`: a function (session, job, progress)
→ result dict, which does its database writes in `session` without committing (the caller
commits them together with the job's end) and calls `progress(fraction, message)` as it goes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, or_, select, update
from sqlalchemy.orm import Session

from glossary.messages import Message, message
from glossary.models import Job, utcnow

log = logging.getLogger(__name__)

#: Seconds after which a running job that has not moved was left by a dead worker.
STALE_AFTER = 300
#: How many times a job is taken before a worker that keeps dying is given up on.
MAX_ATTEMPTS = 3

Progress = Callable[[float, str | None], None]
Handler = Callable[[Session, Job, Progress], dict[str, Any]]
KINDS: dict[str, Handler] = {}
#: Modules that register job kinds (with `kind`) when imported. They are imported when a kind
#: is first looked up, not when the app is made: the extractor behind "import-document"
#: loads jieba's dictionaries (a second), which a process that never runs a job (a command,
#: a web process under GLOSSARY_JOBS=off) should not pay for. "import-tmx" and
#: "import-parallel" are the bilingual material's.
PROVIDERS = ("glossary.services.extraction", "glossary.services.bitexts")


class JobFailed(Exception):
    """The job cannot be done; its message (a glossary.messages.Message or text) says why,
    for the user."""


class JobLost(Exception):
    """Another worker took the job meanwhile (this one was presumed dead): its work is
    rolled back."""


def kind(name: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of jobs of kind `name`."""
    def register(handler: Handler) -> Handler:
        KINDS[name] = handler
        return handler
    return register


def handler(name: str) -> Handler:
    """The handler of jobs of kind `name`. :raises KeyError: no module registers it."""
    if name not in KINDS:
        for module in PROVIDERS:
            importlib.import_module(module)
    return KINDS[name]


# ---- queueing and reading -------------------------------------------------------------------

def enqueue(session: Session, job_kind: str, *, params: dict[str, Any] | None = None,
            payload: bytes | None = None, user: str | None = None) -> Job:
    """Add a queued job to the session (the caller commits)."""
    try:
        handler(job_kind)
    except KeyError:
        raise ValueError(f"no job kind {job_kind!r}") from None
    job = Job(kind=job_kind, state="queued", progress=0.0, params=params or {},
              payload=payload, user=user, attempts=0, result={},
              message=None, created_at=utcnow())
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)


def recent_jobs(session: Session, limit: int = 10) -> list[Job]:
    """The newest jobs, newest first."""
    return list(session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)))


def job_to_dict(job: Job) -> dict[str, Any]:
    """The job shape of `GET /api/v1/jobs/ID` and the documents page."""
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "progress": round(job.progress or 0.0, 3),
        "message": job.message,
        "params": job.params or {},
        "result": {k: v for k, v in (job.result or {}).items() if not k.startswith("_")},
        "user": job.user,
        "created": _iso(job.created_at),
        "started": _iso(job.started_at),
        "finished": _iso(job.finished_at),
    }


def message_of(job: Job) -> str | Message | None:
    """The job's message as a glossary Message when it was one (for translation)."""
    kept = (job.result or {}).get("_message")
    return _from_json(kept) if kept else job.message


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds") + "Z"


# ---- taking and doing -----------------------------------------------------------------------

def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:120]


def claim(engine: Engine, *, job_id: int | None = None, stale_after: float = STALE_AFTER,
          max_attempts: int = MAX_ATTEMPTS) -> tuple[int, int] | None:
    """Take the oldest job that is queued, or running with a stale heartbeat (or the job
    `job_id`, when it is one of those).

    :return: (job id, attempt) of the job taken, or None when there is none.
    """
    now = utcnow()
    stale = now - dt.timedelta(seconds=stale_after)
    takeable = or_(Job.state == "queued", (Job.state == "running") & (Job.heartbeat_at < stale))
    with engine.connect() as conn:
        query = select(Job.id, Job.attempts, Job.state).where(takeable).order_by(Job.id)
        if job_id is not None:
            query = query.where(Job.id == job_id)
        seen = conn.execute(query.limit(5)).all()
        conn.rollback()
        for found_id, attempts, state in seen:
            if state == "running" and attempts >= max_attempts:
                _give_up(conn, found_id, attempts)
                continue
            done = conn.execute(
                update(Job).where(Job.id == found_id, Job.attempts == attempts, takeable)
                .values(state="running", attempts=attempts + 1, worker=worker_name(),
                        started_at=now, heartbeat_at=now,
                        message=str(message("started") if state == "queued" else message(
                            "taken again after its worker stopped"))))
            conn.commit()
            if done.rowcount == 1:
                return found_id, attempts + 1
    return None


def _give_up(conn, job_id: int, attempts: int) -> None:
    text = message("its worker stopped %(n)d times during this job; given up", n=attempts)
    conn.execute(update(Job).where(Job.id == job_id, Job.attempts == attempts,
                                   Job.state == "running")
                 .values(state="failed", finished_at=utcnow(), message=str(text), payload=None,
                         result={"_message": _to_json(text)}))
    conn.commit()


def run(engine: Engine, session: Session, job_id: int, attempt: int) -> str:
    """Do a job taken with `claim`; return the state it ended in ("done" or "failed").

    The handler's writes and the job's end are one transaction. A JobFailed (or a
    ValueError, which the services raise for bad input) fails the job with its message;
    any other error fails it with a general message and is logged.
    """
    job = session.get(Job, job_id)
    assert job is not None
    reporter = _reporter(engine, job_id, attempt)
    try:
        result = handler(job.kind)(session, job, reporter)
        text = result.pop("message", None) or message("done")
        _end(session, job_id, attempt, state="done", progress=1.0,
             result={**result, "_message": _to_json(text)}, text=text)
        session.commit()
        return "done"
    except JobLost:
        session.rollback()
        log.warning("job %d was taken by another worker; its work here is rolled back", job_id)
        return "lost"
    except (JobFailed, ValueError) as exc:
        session.rollback()
        text = exc.args[0] if exc.args else message("failed")
        return _fail(engine, job_id, attempt, text)
    except Exception:
        session.rollback()
        log.exception("job %d (%s) failed", job_id, job.kind)
        return _fail(engine, job_id, attempt,
                     message("the job failed unexpectedly; the error is in the server log"))


def _end(session: Session, job_id: int, attempt: int, *, state: str, progress: float,
         result: dict[str, Any], text: str) -> None:
    done = cast(CursorResult[Any], session.execute(
        update(Job).where(Job.id == job_id, Job.attempts == attempt, Job.state == "running")
        .values(state=state, progress=progress, result=result, message=str(text),
                finished_at=utcnow(), heartbeat_at=utcnow(), payload=None)))
    if done.rowcount != 1:
        raise JobLost(job_id)


def _fail(engine: Engine, job_id: int, attempt: int, text: Any) -> str:
    with Session(engine) as session:
        try:
            _end(session, job_id, attempt, state="failed", progress=0.0,
                 result={"_message": _to_json(text)}, text=text)
            session.commit()
        except JobLost:
            return "lost"
    return "failed"


def _reporter(engine: Engine, job_id: int, attempt: int) -> Progress:
    """A progress callback: it writes the job's progress, message and heartbeat in a short
    transaction of its own (so that pages see it at once), and raises JobLost when another
    worker has taken the job meanwhile."""
    def report(fraction: float, text: str | None = None) -> None:
        values: dict[str, Any] = {"progress": min(max(fraction, 0.0), 1.0),
                                  "heartbeat_at": utcnow()}
        if text is not None:
            values["message"] = str(text)
        with engine.begin() as conn:
            done = conn.execute(update(Job).where(Job.id == job_id, Job.attempts == attempt,
                                                  Job.state == "running").values(**values))
        if done.rowcount != 1:
            raise JobLost(job_id)
    return report


# ---- messages kept for translation ----------------------------------------------------------

def _to_json(value: Any) -> Any:
    if isinstance(value, Message):
        return {"template": value.template,
                "params": {k: _to_json(v) for k, v in value.params.items()}}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and "template" in value:
        return Message(value["template"], **{k: _from_json(v)
                                             for k, v in value.get("params", {}).items()})
    return value
