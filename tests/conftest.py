"""Fixtures: every test gets its own instance folder with a small termbase built in it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from glossary import create_app, db, worker
from tests.databases import fresh_database_url

TEST_DATA = Path(__file__).parent / "data"

# In CI (.ci/run sets CI=1) every property test draws the same examples, so that a red run
# is a defect that the next run shows again, not a draw; run locally, each run explores anew.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of tests/data/small (termbase + one document) that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA / "small", target)
    return target


@pytest.fixture
def database_url(tmp_path: Path):
    """An empty database for this test (SQLite, or a PostgreSQL schema: see databases.py)."""
    with fresh_database_url(tmp_path / "instance") as url:
        yield url


@pytest.fixture
def make_app(tmp_path: Path, data_dir: Path, database_url: str):
    apps = []

    def make(**overrides):
        config = {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "DATA_DIR": str(data_dir),
            "SECRET_KEY": "test",
            # Queued jobs (document imports) are done inside the request that queues them;
            # tests of the worker thread pass JOBS="thread" (tests/test_jobs.py).
            "JOBS": "inline",
            **overrides,
        }
        apps.append(create_app(config))
        return apps[-1]

    yield make
    for app in apps:  # close pooled connections, so the database can be dropped
        worker.stop(app)
        app.extensions["glossary.engine"].dispose()


@pytest.fixture
def empty_app(make_app):
    """An application whose database does not exist yet."""
    return make_app()


@pytest.fixture
def app(empty_app):
    """An application with the small termbase loaded."""
    from glossary.cli import initialise

    with empty_app.app_context():
        initialise()
    return empty_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session()
