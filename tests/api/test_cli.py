"""`glossary token create|revoke|list`: API tokens on the command line."""

from __future__ import annotations

import json

import pytest

from glossary import db
from glossary.services import accounts
from tests.api.support import API, bearer


@pytest.fixture
def editor(app):
    with app.app_context(), db.transaction() as session:
        accounts.create_user(session, "anna", "long enough", "editor")
    return "anna"


def create(runner, *args: str):
    return runner.invoke(args=["token", "create", *args])


def test_create_prints_the_token_alone_on_stdout(runner, editor):
    result = create(runner, "--user", editor, "--scope", "write")
    assert result.exit_code == 0
    assert result.stdout.strip().startswith(accounts.TOKEN_PREFIX)
    assert len(result.stdout.strip().splitlines()) == 1
    assert "shown this once" in result.stderr


def test_a_created_token_writes_through_the_api(runner, client, editor):
    token = create(runner, "--user", editor, "--scope", "write").stdout.strip()
    response = client.post(f"{API}/concepts", headers=bearer(token),
                           json={"terms": {"en": [{"text": "Peace Mission"}]}})
    assert response.status_code == 201


def test_the_default_scope_is_read(runner, client, editor):
    token = create(runner, "--user", editor).stdout.strip()
    response = client.post(f"{API}/concepts", headers=bearer(token),
                           json={"terms": {"en": [{"text": "Peace Mission"}]}})
    assert response.status_code == 403


def test_a_token_for_an_unknown_user_is_refused(runner):
    result = create(runner, "--user", "nobody")
    assert result.exit_code == 1
    assert "no user named 'nobody'" in result.stderr
    assert result.stdout == ""


def test_a_scope_other_than_read_or_write_is_refused(runner, editor):
    assert create(runner, "--user", editor, "--scope", "admin").exit_code == 2


def test_a_write_token_for_a_reader_comes_with_a_warning(runner, app):
    with app.app_context(), db.transaction() as session:
        accounts.create_user(session, "rita", "long enough", "reader")
    assert "cannot write" in create(runner, "--user", "rita", "--scope", "write").stderr


def test_list_shows_tokens_without_their_secret(runner, editor):
    token = create(runner, "--user", editor, "--scope", "write").stdout.strip()
    listed = json.loads(runner.invoke(args=["token", "list", "--user", "anna", "--json"]).stdout)
    assert [(t["user"], t["scope"], t["revoked"]) for t in listed] == [("anna", "write", False)]
    assert token not in runner.invoke(args=["token", "list"]).stdout


@pytest.mark.parametrize("name", ["id", "prefix", "whole token"])
def test_revoke_by_id_prefix_or_the_token_itself(runner, client, editor, name):
    token = create(runner, "--user", editor).stdout.strip()
    listed = json.loads(runner.invoke(args=["token", "list", "--user", "anna",
                                            "--json"]).stdout)[0]
    handle = {"id": str(listed["id"]), "prefix": listed["prefix"], "whole token": token}[name]
    result = runner.invoke(args=["token", "revoke", handle])
    assert result.exit_code == 0
    assert client.get(f"{API}/stats", headers=bearer(token)).status_code == 401


def test_revoking_an_unknown_token_fails(runner, editor):
    result = runner.invoke(args=["token", "revoke", "glos_nothing"])
    assert result.exit_code == 1
    assert "no token" in result.stderr
