"""Kept for glossary/cli.py (being moved into a cli package): the Alembic runner is
`glossary.migrate` now; "schema" named three different things."""

from glossary.migrate import alembic_config, current, head, upgrade

__all__ = ["alembic_config", "current", "head", "upgrade"]
