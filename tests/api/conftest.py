"""Fixtures of the API tests: the small termbase with a token per role, built once per module
and copied for each test (tests/api/support.py)."""

from __future__ import annotations

import pytest

from tests.api.support import app_from, bearer, build_template


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def read_only_app(tmp_path_factory):
    """One app for a whole module of tests that change nothing (they name it their `app`)."""
    template = build_template(tmp_path_factory.mktemp("api"))
    with app_from(template, tmp_path_factory.mktemp("app")) as app:
        yield app


@pytest.fixture
def app(template, tmp_path):
    with app_from(template, tmp_path) as app:
        yield app


@pytest.fixture
def writer(template, app):
    """Headers of an editor's write token."""
    return bearer(template.tokens["editor"])


@pytest.fixture
def make_api_app(template, tmp_path):
    """An app of its own on a copy of the template, with settings of the test's choice."""
    return lambda **overrides: app_from(template, tmp_path, **overrides)
