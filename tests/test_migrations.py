"""Schema migrations: from nothing, and from the previous schema with data in it."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from glossary import migrate as schema
from glossary.db import make_engine
from glossary.models import Base


def differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrations_from_an_empty_database_build_the_models_schema(database_url):
    engine = make_engine(database_url)
    schema.upgrade(engine, "0001")  # walk the migrations rather than create_all
    schema.upgrade(engine, "head")
    assert schema.current(engine) == schema.head()
    assert differences(engine) == []
    engine.dispose()


def test_a_new_database_is_created_at_the_newest_revision(database_url):
    engine = make_engine(database_url)
    assert schema.upgrade(engine).startswith("created the schema")
    assert schema.current(engine) == schema.head()
    assert differences(engine) == []
    engine.dispose()


def test_upgrading_the_previous_schema_keeps_its_data(database_url):
    engine = make_engine(database_url)
    schema.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (name, password_hash, role, created_at) "
            "VALUES ('anna', 'x', 'editor', '2024-01-01')"))
        conn.execute(text(
            "INSERT INTO concepts (key, kind, subject, definition, note, version, created_at,"
            " updated_at) VALUES ('sco', 'organization', 'politics', '{}', '{}', 3,"
            " '2024-01-01', '2024-01-01')"))
    assert not inspect(engine).has_table("tokens")
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT key, version FROM concepts")).all() == [("sco", 3)]
        assert conn.execute(text("SELECT name FROM users")).scalar() == "anna"
    assert inspect(engine).has_table("tokens")
    engine.dispose()


def test_db_upgrade_twice_is_harmless(empty_app):
    runner = empty_app.test_cli_runner()
    assert "created the schema" in runner.invoke(args=["db", "upgrade"]).output
    assert "already up to date" in runner.invoke(args=["db", "upgrade"]).output
    assert f"newest: {schema.head()}" in runner.invoke(args=["db", "current"]).output
