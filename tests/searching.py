"""Helpers for the search tests: a termbase loaded from a folder of tests/data, searched
through the service the web pages and the API use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask

from glossary import create_app, db
from glossary.cli import initialise
from glossary.services.search import search

DATA = Path(__file__).parent / "data"


def loaded_app(root: Path, data: Path) -> Flask:
    """An app on a new SQLite database in `root`, loaded from the termbase in `data`."""
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(root / "instance"),
                      "DATABASE_URL": f"sqlite:///{root / 'instance' / 'search.sqlite'}",
                      "DATA_DIR": str(data), "SECRET_KEY": "test"})
    with app.app_context():
        initialise()
    return app


def finder(app: Flask) -> Callable[..., dict[str, Any]]:
    """find(query, **options): the search service's answer on `app`."""
    def find(query: str, **options: Any) -> dict[str, Any]:
        with app.app_context():
            return search(db.session(), query, **options)
    return find


def ids(result: dict[str, Any]) -> list[str]:
    return [hit["concept"]["id"] for hit in result["hits"]]
