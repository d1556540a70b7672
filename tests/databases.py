"""Which database the tests run on: SQLite files by default, PostgreSQL when
GLOSSARY_TEST_DATABASE_URL names a server (each test then gets a schema of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

SERVER_URL = os.environ.get("GLOSSARY_TEST_DATABASE_URL", "")


def on_postgresql() -> bool:
    return SERVER_URL.startswith("postgresql")


@contextmanager
def fresh_database_url(folder: Path) -> Iterator[str]:
    """A URL of an empty database that disappears after use."""
    if not on_postgresql():
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / 'test.sqlite'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in SERVER_URL else "?"
    try:
        yield f"{SERVER_URL}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            # A connection left in a transaction (a streamed response never closed) would
            # make the drop wait for ever: fail instead, and say so.
            conn.execute(text("SET lock_timeout = '20s'"))
            try:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            except OperationalError as exc:
                raise RuntimeError(f"test schema {schema} is still in use: a connection was "
                                   "left in a transaction (close streamed responses)") from exc
        admin.dispose()
