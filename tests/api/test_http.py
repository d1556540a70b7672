"""HTTP manners of the API: negotiation, content types, sizes, methods, errors, CORS, limits."""

from __future__ import annotations

import pytest

from tests.api.support import API, app_from, bearer

#: Requests that fail, one per way of failing (method, path, keyword arguments).
FAILING = [
    ("GET", "/no-such-route", {}),
    ("DELETE", "/stats", {}),
    ("GET", "/concepts/nothing", {}),
    ("GET", "/search", {}),
    ("GET", "/concepts/rats", {"headers": {"Accept": "text/html"}}),
    ("POST", "/annotate", {"data": "{not json", "content_type": "application/json"}),
    ("POST", "/annotate", {"data": "<text/>", "content_type": "application/xml"}),
    ("POST", "/concepts", {"json": {}}),
    ("GET", "/concepts/rats", {"headers": {"Authorization": "Bearer nope"}}),
]


@pytest.mark.parametrize("method, path, kwargs", FAILING)
def test_every_error_is_a_problem_document_never_html(client, method, path, kwargs):
    response = client.open(f"{API}{path}", method=method, **kwargs)
    assert response.status_code >= 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == response.status_code
    assert problem["detail"] and problem["title"]


def test_an_accept_without_json_is_406_naming_what_is_offered(client):
    response = client.get(f"{API}/concepts/rats", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert "application/json" in response.get_json()["detail"]


@pytest.mark.parametrize("accept", ["application/json", "application/*", "*/*",
                                    "text/html;q=0.9, application/json;q=0.1"])
def test_an_accept_that_allows_json_is_served(client, accept):
    assert client.get(f"{API}/concepts/rats", headers={"Accept": accept}).status_code == 200


def test_a_body_of_another_type_is_415_naming_the_accepted_ones(client, writer):
    response = client.post(f"{API}/concepts", data="id=x", headers=writer,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "application/json" in response.get_json()["detail"]
    assert response.headers["Accept-Post"] == "application/json"


def test_a_body_without_a_content_type_is_415(client, writer):
    response = client.post(f"{API}/concepts", data=b'{"terms": {}}', headers=writer)
    assert response.status_code == 415
    assert "no Content-Type" in response.get_json()["detail"]


def test_malformed_json_is_400_with_the_position(client, writer):
    response = client.post(f"{API}/concepts", data='{"terms": [}', headers=writer,
                           content_type="application/json")
    assert response.status_code == 400
    assert "line 1 column 12" in response.get_json()["detail"]


@pytest.mark.parametrize("body", ['{"text": NaN}', '{"text": "\\ud800"}', "[" * 100_000,
                                  b"\xff\xfe{}"])
def test_json_that_cannot_be_stored_is_400(client, body):
    response = client.post(f"{API}/annotate", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "body"


@pytest.mark.parametrize("path", [f"{API}/concepts/a%00b", f"{API}/documents/a%00b",
                                  f"{API}/export?format=csv&concepts=a%00b", "/concepts/a%00b"])
def test_a_nul_in_an_address_is_400_not_a_database_error(client, path):
    # PostgreSQL cannot compare a text holding U+0000: it would fail inside the query.
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_a_nul_in_a_search_is_searched_for(client):
    assert client.get(f"{API}/search?q=RATS%00").status_code == 200


@pytest.mark.parametrize("patch, field", [
    ({"relations": {"related": ["sco\x00"]}}, "relations"),
    ({"terms": {"en": [{"text": "RATS", "sources": ["\x00"]}]}}, "terms.en[0].sources")])
def test_an_id_with_a_nul_in_a_body_is_422_naming_the_field(client, writer, patch, field):
    etag = client.get(f"{API}/concepts/rats").headers["ETag"]
    response = client.patch(f"{API}/concepts/rats", json=patch,
                            headers={**writer, "If-Match": etag})
    assert response.status_code == 422
    assert field in [e["field"] for e in response.get_json()["errors"]]


def test_a_body_over_the_limit_is_413(template, tmp_path):
    with app_from(template, tmp_path, MAX_CONTENT_LENGTH=1000) as app:
        response = app.test_client().post(f"{API}/annotate", json={"text": "x" * 2000})
    assert response.status_code == 413
    assert "at most 1000 bytes" in response.get_json()["detail"]


def test_a_wrong_method_is_405_with_allow(client):
    response = client.put(f"{API}/concepts/rats", json={})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "PATCH", "DELETE"}


def test_reads_may_be_cached_if_revalidated_and_errors_are_not(client):
    assert client.get(f"{API}/stats").headers["Cache-Control"] == "public, no-cache"
    assert client.get(f"{API}/concepts/nothing").headers["Cache-Control"] == "no-store"


def test_lists_have_an_etag_that_gives_304(client):
    etag = client.get(f"{API}/concepts").headers["ETag"]
    assert client.get(f"{API}/concepts", headers={"If-None-Match": etag}).status_code == 304


def test_a_list_etag_changes_when_the_list_does(client, writer):
    etag = client.get(f"{API}/concepts").headers["ETag"]
    client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                 headers={**writer, "If-Match": '"1"'})
    assert client.get(f"{API}/concepts", headers={"If-None-Match": etag}).status_code == 200


# -- CORS ------------------------------------------------------------------------------------


def test_any_origin_may_read_by_default(client):
    response = client.get(f"{API}/concepts/rats", headers={"Origin": "https://cat.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_a_preflight_names_the_methods_and_headers(client):
    response = client.options(f"{API}/concepts/rats", headers={
        "Origin": "https://cat.example", "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "Authorization, If-Match"})
    assert response.status_code == 200
    assert "PATCH" in response.headers["Access-Control-Allow-Methods"]
    assert "If-Match" in response.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("origin, allowed", [("https://cat.example", "https://cat.example"),
                                             ("https://evil.example", None)])
def test_configured_origins_are_the_only_ones_allowed(template, tmp_path, origin, allowed):
    setting = "https://cat.example, https://other.example"
    with app_from(template, tmp_path, API_CORS_ORIGINS=setting) as app:
        response = app.test_client().get(f"{API}/stats", headers={"Origin": origin})
    assert response.headers.get("Access-Control-Allow-Origin") == allowed
    assert "Origin" in response.headers["Vary"]


def test_errors_carry_cors_headers_too(client):
    response = client.get(f"{API}/no-such-route", headers={"Origin": "https://cat.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


# -- rate limits -----------------------------------------------------------------------------


@pytest.fixture
def limited(template, tmp_path):
    with app_from(template, tmp_path, API_READ_LIMIT="3 per minute",
                  API_TEXT_LIMIT="1 per minute") as app:
        yield app


def test_an_address_over_its_budget_gets_429_with_retry_after(limited):
    client = limited.test_client()
    statuses = [client.get(f"{API}/stats").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(f"{API}/stats")
    assert response.mimetype == "application/problem+json"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert "3 per 1 minute" in response.get_json()["detail"]


def test_a_token_has_a_budget_of_its_own(template, limited):
    client = limited.test_client()
    for _ in range(3):
        client.get(f"{API}/stats")
    headers = bearer(template.tokens["reader"])
    assert client.get(f"{API}/stats", headers=headers).status_code == 200


def test_a_made_up_token_counts_against_its_address(limited):
    client = limited.test_client()
    for _ in range(3):
        client.get(f"{API}/stats")
    response = client.get(f"{API}/stats", headers={"Authorization": "Bearer glos_fake"})
    assert response.status_code == 429


def test_texts_have_a_budget_apart_from_reads(limited):
    client = limited.test_client()
    assert client.post(f"{API}/annotate", json={"text": "ШОС"}).status_code == 200
    assert client.post(f"{API}/annotate", json={"text": "ШОС"}).status_code == 429
    assert client.get(f"{API}/stats").status_code == 200


def test_only_a_refusal_says_when_to_retry(client):
    response = client.get(f"{API}/stats")
    assert "Retry-After" not in response.headers
    assert int(response.headers["X-RateLimit-Remaining"]) > 0


def test_the_api_root_answers_with_or_without_a_slash(client):
    for path in (API, f"{API}/"):
        response = client.get(path)
        assert (response.status_code, response.mimetype) == (200, "application/json")
