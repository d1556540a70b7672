"""Keeping the index in step with the database, through the change log.

The `changes` table is the durable outbox: every write adds a Change row (with the concept's
key) in the same transaction as the write itself. The index remembers, in the same SQLite
transaction as the rows it wrote, the last change id it applied, so applying the changes
after it is all a sync ever does, and doing it twice changes nothing.

A bulk import (more than SEARCH_REBUILD_AFTER changes waiting, default 5,000, and more than
half as many as there are concepts in the index) is applied by rebuilding, which is several
times faster, except inside a web request, which applies its changes one by one rather than
rebuild the whole index while a user waits.

When it runs:
- after every commit of an application session that added Change rows (a SQLAlchemy
  `after_commit` hook, installed by `init_app`): a committed write is searchable before the
  request or command that made it returns. If the index is busy for longer than
  SEARCH_SYNC_TIMEOUT, the write stays in the outbox and the next sync applies it;
- before every search, when the change log has moved on (another process wrote): cheap,
  one indexed query on each side;
- in a web request, only while at most SEARCH_INLINE_CHANGES (200) changes wait: a longer
  backlog (a bulk import by the command line or another host) is handed to a catch-up
  thread of the process (`in_background`), and the request goes on with the index as it
  is; the thread rebuilds or applies the backlog, and search follows once it is done;
- on `glossary init`, `glossary index`, and when a process finds no usable index (then the
  index is rebuilt from the database).

A process killed at any point leaves the index at its last commit, and the next sync (at the
next start, write or search) applies what is missing. The full-text index of the prose
(fulltext.py) is written in the same sync, under the same lock, and committed just before
the term index: killed in between, the next sync writes the same prose again. If the
full-text index is missing or cannot be written, the sync rebuilds the whole generation
from the database (as for a missing term index); a search in the meantime still answers
from the term index.

Change ids may become visible out of order on a database with concurrent writers (PostgreSQL
sequences): ids skipped over are remembered as gaps and looked for again for GAP_SECONDS.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from dataclasses import dataclass

from flask import Flask, has_request_context
from sqlalchemy import event, func, or_, select

from glossary.models import Change
from glossary.search import fulltext
from glossary.search.engine import Index, IndexBusy, get_meta, set_meta
from glossary.search.fulltext import TEXT_DIR, TextIndexBroken
from glossary.search.records import read_all, read_keys

log = logging.getLogger(__name__)

BATCH = 2000
#: Pending changes above which (and above half the index) a sync rebuilds instead.
REBUILD_AFTER = 5000
#: Changes waiting above which a web request leaves them to the catch-up thread.
INLINE_CHANGES = 200
GAP_SECONDS = 600
MAX_GAPS = 5000
_FLAG = "glossary.search.changed"
_BACKGROUND = "glossary.search.catch_up"
_background_lock = threading.Lock()


def index_for(app: Flask) -> Index:
    return app.extensions["glossary.search"]


def _last_change_in_db(db) -> int:
    return db.execute(select(func.max(Change.id))).scalar() or 0


def rebuild(app: Flask, *, timeout: float | None = None) -> int:
    """Build a fresh index from the database and swap it in; return how many concepts.
    Raises IndexBusy if another writer holds the index for longer than `timeout`."""
    index = index_for(app)
    engine = app.extensions["glossary.engine"]
    timeout = app.config.get("SEARCH_LOCK_TIMEOUT", 60) if timeout is None else timeout
    with engine.connect() as db:
        # Changes committed while we read are applied again afterwards: that is harmless.
        last = _last_change_in_db(db)
        count = index.rebuild(read_all(db), {"last_change": last, "gaps": "{}"},
                              timeout=timeout)
    sync(app, timeout=timeout)
    return count


def sync(app: Flask, *, timeout: float | None = None) -> int:
    """Apply every change the index has not seen; return how many concepts were updated.

    Builds the index first if there is no usable one. Raises IndexBusy after `timeout`.
    """
    index = index_for(app)
    timeout = app.config.get("SEARCH_LOCK_TIMEOUT", 60) if timeout is None else timeout
    # A backlog is rebuilt from the command line, never inside a web request.
    if not index.usable() or (not has_request_context() and _bulk_pending(app)):
        return rebuild(app, timeout=timeout)
    try:
        return _apply_changes(app, index, timeout)
    except TextIndexBroken:
        log.warning("the full-text index is broken; rebuilding the search index",
                    exc_info=True)
        return rebuild(app, timeout=timeout)


def _apply_changes(app: Flask, index: Index, timeout: float) -> int:
    engine = app.extensions["glossary.engine"]
    applied = 0
    while True:
        with index.writing(timeout) as writer, engine.connect() as db:
            conn = writer.conn
            last = int(get_meta(conn, "last_change", "0"))
            gaps = {int(k): v for k, v in json.loads(get_meta(conn, "gaps", "{}")).items()}
            wanted = Change.id > last
            if gaps:
                wanted = or_(wanted, Change.id.in_(list(gaps)))
            rows = db.execute(select(Change.id, Change.concept_key).where(wanted)
                              .order_by(Change.id).limit(BATCH)).all()
            keys = list(dict.fromkeys(key for _, key in rows))
            records = read_keys(db, keys)
            for key in keys:
                if key in records:
                    writer.put(records[key])
                else:
                    writer.remove_key(key)
            newest = max([last, *(i for i, _ in rows)])
            set_meta(conn, "last_change", newest)
            set_meta(conn, "gaps", json.dumps(_gaps(gaps, last, newest, {i for i, _ in rows})))
            applied += len(keys)
        if len(rows) < BATCH:
            return applied


def _bulk_pending(app: Flask) -> bool:
    """Whether so many changes wait (a bulk import) that rebuilding is quicker than
    applying them one concept at a time."""
    reader = index_for(app).reader()
    last = int(get_meta(reader, "last_change", "0"))
    indexed = reader.execute("SELECT count(*) FROM concepts").fetchone()[0]
    with app.extensions["glossary.engine"].connect() as db:
        pending = db.execute(select(func.count()).select_from(Change)
                             .where(Change.id > last)).scalar() or 0
    return pending > max(app.config.get("SEARCH_REBUILD_AFTER", REBUILD_AFTER), indexed // 2)


def _gaps(gaps: dict[int, float], last: int, newest: int, seen: set[int]) -> dict[int, float]:
    """Ids skipped in the log that may still appear, with when they were first missed."""
    now = time.time()
    kept = {i: t for i, t in gaps.items() if i not in seen and now - t < GAP_SECONDS}
    if newest - last <= MAX_GAPS:
        kept.update((i, now) for i in range(last + 1, newest) if i not in seen)
    return dict(sorted(kept.items())[-MAX_GAPS:])


def behind(app: Flask) -> bool:
    """Whether the database has changes the index has not applied, or the index must be
    rebuilt (cheap)."""
    index = index_for(app)
    if not index.usable():
        return True
    try:
        reader = index.reader()
        last = int(get_meta(reader, "last_change", "0"))
        waiting = get_meta(reader, "gaps", "{}") != "{}"
    except Exception:  # no index, or an unreadable one: a sync will rebuild it
        return True
    with app.extensions["glossary.engine"].connect() as db:
        return waiting or _last_change_in_db(db) > last


def backlog(app: Flask) -> int | None:
    """How many changes the index has not applied (None: it must be rebuilt). Cheap: one
    indexed count on each side."""
    index = index_for(app)
    if not index.usable():
        return None
    try:
        reader = index.reader()
        last = int(get_meta(reader, "last_change", "0"))
        gaps = len(json.loads(get_meta(reader, "gaps", "{}")))
    except Exception:  # no index, or an unreadable one: a sync will rebuild it
        return None
    with app.extensions["glossary.engine"].connect() as db:
        return gaps + (db.execute(select(func.count()).select_from(Change)
                                  .where(Change.id > last)).scalar() or 0)


def in_background(app: Flask) -> bool:
    """Inside a web request, hand a backlog of more than SEARCH_INLINE_CHANGES changes (a
    bulk import by another process) to this process's catch-up thread, and return True:
    the request goes on with the index as it is. False: sync here (a short backlog, or not
    in a request)."""
    if not has_request_context():
        return False
    waiting = backlog(app)
    if waiting is not None and waiting <= app.config.get("SEARCH_INLINE_CHANGES",
                                                          INLINE_CHANGES):
        return False
    if waiting is None and index_for(app).current() is None:
        return False  # no index at all yet: nothing to serve meanwhile (first start)
    start_background(app)
    return True


def start_background(app: Flask) -> threading.Thread:
    """Start this process's catch-up thread unless it runs already: it syncs (rebuilding
    when the backlog is a bulk import) until the index has applied the whole change log."""
    with _background_lock:
        thread = app.extensions.get(_BACKGROUND)
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=_catch_up_fully, args=(app,), daemon=True,
                                      name="glossary-index-catch-up")
            app.extensions[_BACKGROUND] = thread
            thread.start()
        return thread


def wait_background(app: Flask, timeout: float = 60.0) -> None:
    """Wait for this process's catch-up thread, if one runs (tests, benchmarks)."""
    thread = app.extensions.get(_BACKGROUND)
    if thread is not None:
        thread.join(timeout)


def _catch_up_fully(app: Flask) -> None:
    for _ in range(100):  # writes keep coming: stop after a while, the next request restarts
        try:
            if not behind(app):
                return
            sync(app)
        except IndexBusy:
            time.sleep(0.5)
        except Exception:
            log.exception("the index catch-up thread failed; the next search starts another")
            return


def catch_up(app: Flask, timeout: float | None = 0.25) -> None:
    """Sync if the index is behind, waiting at most `timeout` seconds for another writer
    (None: SEARCH_LOCK_TIMEOUT). Never fails: what it could not apply stays in the outbox.
    Inside a request, a long backlog is left to the catch-up thread (`in_background`)."""
    try:
        if behind(app) and not in_background(app):
            sync(app, timeout=timeout)
    except IndexBusy:
        log.info("search index busy; serving the last committed index")
    except Exception:
        log.exception("search index not brought up to date; the next sync will retry")


@dataclass(frozen=True)
class Difference:
    concept: str
    problem: str  # "missing" (not indexed), "stale" (indexed as it was), "extra" (deleted)
    part: str = "terms"  # the term index, or "text": the full-text index of the prose


def check(app: Flask) -> list[Difference]:
    """Every concept whose entry in the term index, or in the full-text index, differs from
    the database. Raises TextIndexBroken when the full-text index cannot be read."""
    index = index_for(app)
    reader = index.reader()
    path = index.current()
    assert path is not None  # reader() above has opened it
    indexed = {key: digest for key, digest in reader.execute("SELECT key, digest FROM concepts")}
    texts = fulltext.indexed(path.parent / TEXT_DIR)
    out = []
    with app.extensions["glossary.engine"].connect() as db:
        for record in read_all(db):
            digest = indexed.pop(record.key, None)
            if digest is None:
                out.append(Difference(record.key, "missing"))
            elif digest != bytes.fromhex(record.digest()):
                out.append(Difference(record.key, "stale"))
            prose = record.prose_digest()
            held = texts.pop(record.cid, None)
            if held is None:
                if prose is not None:
                    out.append(Difference(record.key, "missing", "text"))
            elif prose is None:
                out.append(Difference(record.key, "extra", "text"))
            elif held != (record.key, prose.hex()):
                out.append(Difference(record.key, "stale", "text"))
    out += [Difference(key, "extra") for key in sorted(indexed)]
    out += [Difference(key, "extra", "text") for key, _ in sorted(texts.values())]
    return out


def status(app: Flask) -> dict:
    """What the index holds: concepts, terms, the last change applied, size on disk."""
    index = index_for(app)
    path = index.current()
    if path is None:
        return {"built": False}
    reader = index.reader()
    size = _size(path.parent)
    return {
        "built": True,
        "concepts": reader.execute("SELECT count(*) FROM concepts").fetchone()[0],
        "terms": reader.execute("SELECT count(*) FROM terms").fetchone()[0],
        "texts": reader.execute("SELECT count(*) FROM prose").fetchone()[0],
        "last_change": int(get_meta(reader, "last_change", "0")),
        "dead_terms": int(get_meta(reader, "dead_terms", "0")),
        "bytes": size,
        "path": str(path.parent),
    }


def _size(folder) -> int:
    total = 0
    for p in folder.rglob("*"):
        with contextlib.suppress(OSError):  # a file a writer just replaced
            total += p.stat().st_size if p.is_file() else 0
    return total


# ---- the after-commit hook -----------------------------------------------------------------

def _note_changes(session, _context) -> None:
    if any(isinstance(obj, Change) for obj in session.new):
        session.info[_FLAG] = True


def _forget(session, *_args) -> None:
    session.info.pop(_FLAG, None)


def install_hooks(app: Flask) -> None:
    """Sync after every commit that wrote to the change log (see the module docstring)."""
    sessions = app.extensions["glossary.sessions"]

    def after_commit(session) -> None:
        # Also called when a savepoint is released (an import writes one per concept): the
        # changes are not visible to other connections until the outermost commit.
        if session.in_nested_transaction() or not session.info.pop(_FLAG, False):
            return
        try:
            if not in_background(app):
                sync(app, timeout=app.config.get("SEARCH_SYNC_TIMEOUT", 10))
        except Exception:  # the write is committed; the outbox keeps what we could not apply
            log.exception("search index not updated after a write; the next sync will")

    event.listen(sessions, "after_flush", _note_changes)
    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_rollback", _forget)
