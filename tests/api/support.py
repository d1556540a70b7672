"""Helpers shared by the API tests (this module holds no tests).

Building a termbase costs a few tenths of a second, so an API test module builds one
`Template` (database, search index and tokens) and each test works on a copy of its files.
On PostgreSQL (GLOSSARY_TEST_DATABASE_URL) files cannot be copied: each test builds its own.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from glossary import create_app, db, worker
from glossary.services import accounts
from tests.conftest import TEST_DATA
from tests.databases import fresh_database_url, on_postgresql

API = "/api/v1"
#: The tokens every template has: (user, role, scope).
TOKENS = {"editor": ("editor", "editor", "write"), "reader": ("reader", "reader", "read"),
          "editor-read": ("editor", "editor", "read"),
          "reader-write": ("reader", "reader", "write")}


@dataclass
class Template:
    folder: Path
    overrides: dict
    tokens: dict[str, str] = field(default_factory=dict)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def issue_token(app: Flask, name: str = "bot", *, role: str = "editor",
                scope: str = "write") -> str:
    """A token for `name` (made with `role` if new)."""
    with app.app_context(), db.transaction() as session:
        if accounts.identity_of(session, name) is None:
            accounts.create_user(session, name, "long enough", role)
        return accounts.create_token(session, name, scope)[1]


def _config(folder: Path, url: str, overrides: dict) -> dict:
    return {"TESTING": True, "INSTANCE_PATH": str(folder / "instance"), "DATABASE_URL": url,
            "DATA_DIR": str(folder / "data"), "SECRET_KEY": "test", "JOBS": "inline",
            **overrides}


def _build(folder: Path, url: str, overrides: dict) -> tuple[Flask, dict[str, str]]:
    from glossary.cli import initialise

    if not (folder / "data").exists():
        shutil.copytree(TEST_DATA / "small", folder / "data")
    app = create_app(_config(folder, url, overrides))
    with app.app_context():
        initialise()
    tokens = {name: issue_token(app, user, role=role, scope=scope)
              for name, (user, role, scope) in TOKENS.items()}
    return app, tokens


def build_template(folder: Path, **overrides) -> Template:
    """The small test termbase with its tokens, built once in `folder`."""
    template = Template(folder, overrides)
    if not on_postgresql():
        app, template.tokens = _build(folder, f"sqlite:///{folder / 'instance/test.sqlite'}",
                                      overrides)
        app.extensions["glossary.engine"].dispose()
    return template


@contextmanager
def app_from(template: Template, tmp_path: Path, **overrides) -> Iterator[Flask]:
    """An app of its own on a copy of the template's termbase."""
    settings = {**template.overrides, **overrides}
    if on_postgresql():
        with fresh_database_url(tmp_path / "db") as url:
            app, template.tokens = _build(tmp_path, url, settings)
            yield app
            worker.stop(app)
            app.extensions["glossary.engine"].dispose()
        return
    shutil.copytree(template.folder / "instance", tmp_path / "instance")
    shutil.copytree(template.folder / "data", tmp_path / "data")
    app = create_app(_config(tmp_path, f"sqlite:///{tmp_path / 'instance/test.sqlite'}",
                             settings))
    yield app
    worker.stop(app)
    app.extensions["glossary.engine"].dispose()
