"""A termbase shared by the tests of one module that only read it (or roll back what they
write): the small termbase plus RICH, built once per module instead of once per test."""

from __future__ import annotations

import shutil

import pytest

from glossary import create_app, db
from tests.conftest import TEST_DATA
from tests.formats.termbase import add_rich


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exchange")
    shutil.copytree(TEST_DATA / "small", folder / "data")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder / "instance"),
                      "DATABASE_URL": f"sqlite:///{folder / 'termbase.sqlite'}",
                      "DATA_DIR": str(folder / "data"), "SECRET_KEY": "test"})
    from glossary.cli import initialise

    with app.app_context():
        initialise()
        add_rich(db.session())
    yield app
    app.extensions["glossary.engine"].dispose()


@pytest.fixture
def reader(shared_app):
    """A session on the shared termbase; whatever a test writes is rolled back."""
    with shared_app.app_context():
        session = db.session()
        yield session
        session.rollback()


@pytest.fixture(scope="module")
def blank_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("blank")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder / "instance"),
                      "DATABASE_URL": f"sqlite:///{folder / 'blank.sqlite'}",
                      "DATA_DIR": str(folder), "SECRET_KEY": "test"})
    with app.app_context():
        db.create_schema(db.engine())
    yield app
    app.extensions["glossary.engine"].dispose()


@pytest.fixture
def blank(blank_app):
    """A session on an empty termbase; whatever a test writes is rolled back."""
    with blank_app.app_context():
        session = db.session()
        yield session
        session.rollback()
