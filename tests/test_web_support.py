"""Helpers shared by the web tests (this module holds no tests of its own)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from glossary import db
from glossary.models import Candidate, Document, User

PASSWORD = "password-123"


def csrf(client) -> str:
    """The session's CSRF token, as a page's forms carry it."""
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post(client, url: str, data: dict | None = None, **kwargs):
    """A form submission with the session's CSRF token."""
    return client.post(url, data={"csrf_token": csrf(client), **(data or {})}, **kwargs)


def login(client, name: str, password: str = PASSWORD):
    return post(client, "/login", {"name": name, "password": password})


def add_candidate(app, text: str = "禁毒部门", kind: str = "body", **fields) -> int:
    """A candidate in the review queue, from the small termbase's document."""
    with app.app_context(), db.transaction() as session:
        doc = session.scalar(select(Document))
        row = Candidate(text=text, original=text, kind=kind, score=fields.pop("score", 0.5),
                        frequency=2, pinyin=fields.pop("pinyin", None), links={},
                        contexts=[{"document": doc.key, "sentence": f"各方欢迎{text}合作。",
                                   "start": 0, "end": len(text)}],
                        document_id=doc.id, **fields)
        session.add(row)
        session.flush()
        return row.id


# Production hashes are deliberately slow (scrypt); the tests' accounts use a cheap hash,
# made once, so that signing in costs little. create_user is tested in test_accounts.py.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def make_users(app) -> None:
    with app.app_context(), db.transaction() as session:
        for role in ("reader", "editor", "admin"):
            session.add(User(name=role, password_hash=FAST_HASH, role=role))


@pytest.fixture
def users(app):
    """One account per role (named after it), each with PASSWORD."""
    make_users(app)


@pytest.fixture
def editor(client, users):
    """A test client signed in as an editor."""
    login(client, "editor")
    return client


@pytest.fixture
def reader(client, users):
    login(client, "reader")
    return client
