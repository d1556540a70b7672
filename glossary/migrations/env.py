"""Alembic environment: the schema is glossary.models; the connection comes from the caller
(glossary.migrate passes it in), so migrations always run against the configured database."""

from alembic import context

from glossary.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through 'glossary db upgrade'")
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
