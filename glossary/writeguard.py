"""Writes the search index could not follow are refused before they are committed.

The database is the source of truth and the index follows it through the change log, so a
write can always be applied to the index later. But an index folder that cannot be written
(a read-only or detached volume, a full disk) would leave search silently behind, for every
process on this host, until someone noticed. So before a transaction that wrote to the change
log commits, the index folder is probed (a small file written, synced and removed, and the
free space checked); if that fails the commit is refused, the transaction rolls back, and the
user is told why (503, or an error message on the command line). Nothing is half-written.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from glossary.models import Change

#: Default free space the index folder must keep, in bytes (GLOSSARY_SEARCH_MIN_FREE_BYTES).
MIN_FREE_BYTES = 64 * 1024 * 1024
_PROBE = b"glossary index write probe\n" * 160  # about 4 KiB: one filesystem block or more


class IndexUnwritable(RuntimeError):
    """The search index folder cannot take writes; the message says why, for the user."""


def probe(index_dir: str | os.PathLike[str], min_free: int = MIN_FREE_BYTES) -> None:
    """Raise IndexUnwritable unless a file can be written in `index_dir` and space is left."""
    folder = Path(index_dir)
    target = folder / f".write-probe-{os.getpid()}-{threading.get_ident()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            f.write(_PROBE)
            f.flush()
            os.fsync(f.fileno())
        target.unlink()
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise IndexUnwritable(
            f"the search index folder {folder} cannot be written ({exc.strerror or exc}); "
            "the change was not saved") from exc
    if free < min_free:
        raise IndexUnwritable(
            f"the disk of the search index folder {folder} is full ({free // 1024 // 1024} MiB "
            f"free, {min_free // 1024 // 1024} MiB needed); the change was not saved")


def _writes_change_log(session: Session) -> bool:
    return bool(session.info.get("glossary.search.changed")) or any(
        isinstance(obj, Change) for obj in session.new)


def init_app(app: Flask) -> None:
    """Probe the index folder before every commit that wrote to the change log."""
    min_free = int(app.config.get("SEARCH_MIN_FREE_BYTES", MIN_FREE_BYTES))

    def before_commit(session: Session) -> None:
        if not session.in_nested_transaction() and _writes_change_log(session):
            probe(app.config["INDEX_DIR"], min_free)

    event.listen(app.extensions["glossary.sessions"], "before_commit", before_commit)
