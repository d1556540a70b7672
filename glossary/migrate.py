"""The database schema over time: Alembic migrations, run from the application.

A new, empty database gets the current schema in one step (create_all) and is stamped with
the newest revision; an existing one is brought forward by the migrations in
glossary/migrations/versions. `glossary db upgrade` does either.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from glossary.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Bring the database to `revision`; return what was done, for the user."""
    with engine.begin() as conn:
        empty = not inspect(conn).has_table("concepts")
        versioned = inspect(conn).has_table("alembic_version")
        config = alembic_config(conn)
        if empty and not versioned and revision == "head":
            Base.metadata.create_all(conn)
            command.stamp(config, "head")
            return f"created the schema at revision {head()}"
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(config, revision)
        after = MigrationContext.configure(conn).get_current_revision()
    return "already up to date" if before == after else f"upgraded {before} → {after}"
