"""Backup and restore: a full export imported into an empty database gives the same termbase."""

from __future__ import annotations

import json

import pytest

from glossary import create_app
from glossary.config import PROJECT_ROOT
from tests.databases import fresh_database_url

VOLATILE = ("version", "updated")


def comparable(concepts: list[dict]) -> dict[str, dict]:
    """The termbase without what a restore cannot keep: row ids, versions, edit times."""
    out = {}
    for c in concepts:
        terms = {lang: [{k: v for k, v in t.items() if k != "id"} for t in items]
                 for lang, items in c["terms"].items()}
        out[c["id"]] = {**{k: v for k, v in c.items() if k not in VOLATILE}, "terms": terms}
    return out


@pytest.fixture
def two_instances(tmp_path):
    """The shipped termbase, and an empty database beside it."""
    with fresh_database_url(tmp_path / "a") as first, fresh_database_url(tmp_path / "b") as second:
        apps = [create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / name),
                            "DATABASE_URL": url, "SECRET_KEY": "test",
                            "DATA_DIR": str(PROJECT_ROOT / "data")})
                for name, url in (("a", first), ("b", second))]
        yield apps
        for app in apps:
            app.extensions["glossary.engine"].dispose()


def test_a_full_tbx_export_restores_the_same_termbase(two_instances, tmp_path):
    source, target = (app.test_cli_runner() for app in two_instances)
    assert source.invoke(args=["init"]).exit_code == 0
    backup = tmp_path / "backup.tbx"
    assert source.invoke(args=["export", "--format", "tbx3", "-o", str(backup)]).exit_code == 0
    assert target.invoke(args=["db", "upgrade"]).exit_code == 0
    restored = target.invoke(args=["import-termbase", str(backup)])
    assert restored.exit_code == 0, restored.output
    original = comparable(json.loads(source.invoke(args=["concepts", "--json"]).stdout))
    copy = comparable(json.loads(target.invoke(args=["concepts", "--json"]).stdout))
    assert len(copy) == len(original) >= 150
    assert copy == original
