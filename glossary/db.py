"""The database: engine, sessions, schema creation, and their wiring into Flask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs to keep the termbase's rules."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers go on during a write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_savepoint(connection, _name) -> None:
    # The sqlite3 module opens a transaction lazily, before the first write. A SAVEPOINT sent
    # before that would open the transaction itself, and its RELEASE would then commit all of
    # the caller's work. Reads stay outside transactions (so an edit based on an old read
    # fails the version check instead of the database lock), writes and savepoints inside.
    dbapi_connection = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


def create_schema(engine: Engine) -> str:
    """Create or migrate the schema to the newest revision (see glossary.migrate)."""
    from glossary import migrate

    return migrate.upgrade(engine)


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("concepts")


def init_app(app: Flask) -> None:
    """Bind an engine and a session factory to the app; close the request's session after it."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["glossary.engine"] = engine
    app.extensions["glossary.sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["glossary.engine"]


def session() -> Session:
    """The session of the current app context (request or CLI command), made on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["glossary.sessions"]()
    return g.db_session


@contextmanager
def transaction() -> Iterator[Session]:
    """A unit of work: commit on success, roll back everything on any error."""
    s = session()
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise


def _close_session(_exc: BaseException | None) -> None:
    s = g.pop("db_session", None)
    if s is not None:
        s.close()


def streamed(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks of a streamed response that reads the database through this request's
    session, which ends with the last chunk (or when the client goes away).

    The request's teardown has closed the session before the first chunk is sent; a closed
    session used again opens a new transaction that no teardown would end, and on
    PostgreSQL it would hold its locks (a DROP or a migration waits) until garbage
    collection. Wrap with `stream_with_context` as usual."""
    owner = session()

    def chunks_then_close() -> Iterator[bytes]:
        try:
            yield from chunks
        finally:
            owner.close()
    return chunks_then_close()

