"""API authorisation: public reads, bearer tokens with scopes for writes."""

from __future__ import annotations

import pytest

from glossary import db
from glossary.services import accounts
from tests.api.support import app_from, bearer, issue_token

NEW = {"id": "new-concept", "terms": {"en": [{"text": "new concept"}]}}


def test_reads_need_no_token(client):
    assert client.get("/api/v1/concepts/rats").status_code == 200


def test_a_write_without_a_token_is_401_with_a_bearer_challenge(client):
    response = client.post("/api/v1/concepts", json=NEW)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.get_json()["detail"]


def test_a_write_token_of_an_editor_writes(template, client):
    response = client.post("/api/v1/concepts", json=NEW,
                           headers=bearer(template.tokens["editor"]))
    assert response.status_code == 201


def test_the_change_log_names_the_token_user(app, client, session):
    client.post("/api/v1/concepts", json=NEW, headers=bearer(issue_token(app, "anna")))
    from glossary.services.concepts import history

    assert history(session, "new-concept")[0]["user"] == "anna"


def test_a_read_token_cannot_write(template, client):
    response = client.post("/api/v1/concepts", json=NEW,
                           headers=bearer(template.tokens["editor-read"]))
    assert response.status_code == 403
    assert "scope is read" in response.get_json()["detail"]
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_a_reader_cannot_write_even_with_a_write_token(template, client):
    response = client.post("/api/v1/concepts", json=NEW,
                           headers=bearer(template.tokens["reader-write"]))
    assert response.status_code == 403
    assert "role 'reader'" in response.get_json()["detail"]


@pytest.mark.parametrize("header", ["Bearer glos_made-up", "Bearer ", "Basic Ym90OnB3",
                                    "glos_no-scheme"])
def test_a_bad_authorization_header_is_401_even_on_a_public_read(client, header):
    response = client.get("/api/v1/concepts/rats", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_a_revoked_token_is_refused(template, app, client):
    token = template.tokens["editor"]
    with app.app_context(), db.transaction() as session:
        accounts.revoke_token(session, token[:12])
    response = client.get("/api/v1/stats", headers=bearer(token))
    assert response.status_code == 401
    assert response.get_json()["detail"] == "the bearer token is unknown or revoked"


@pytest.fixture
def private_app(template, tmp_path):
    with app_from(template, tmp_path, PUBLIC_READ=False) as app:
        yield app


def test_a_private_termbase_needs_a_token_to_read(private_app):
    response = private_app.test_client().get("/api/v1/concepts/rats")
    assert response.status_code == 401
    assert "not public" in response.get_json()["detail"]


def test_a_private_termbase_reads_with_a_read_token(template, private_app):
    token = template.tokens["reader"]
    response = private_app.test_client().get("/api/v1/concepts/rats", headers=bearer(token))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/openapi.json", "/api/v1/docs"])
def test_a_private_termbase_still_describes_its_api(private_app, path):
    assert private_app.test_client().get(path).status_code == 200
