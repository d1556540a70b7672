"""Alembic migrations of the database schema (`glossary db upgrade`)."""
