"""/api/v1/candidates (the review queue, for editors) and the suggestions of Russian and
English renderings, for a candidate and for any Chinese term."""

from __future__ import annotations

from tests.api.support import API, bearer
from tests.api.test_jobs import upload


def _queue(client, writer) -> list[dict]:
    client.get(upload(client, writer).headers["Location"])  # jobs run inline in tests
    return client.get(f"{API}/candidates", headers=writer).get_json()["candidates"]


def test_an_editor_reads_the_queue_best_first(client, writer):
    candidates = _queue(client, writer)
    assert candidates, "the import queued candidates"
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert {c["state"] for c in candidates} == {"pending"}


def test_the_queue_is_not_for_readers(client, template, writer):
    _queue(client, writer)
    assert client.get(f"{API}/candidates").status_code == 401
    reader = bearer(template.tokens["reader"])
    assert client.get(f"{API}/candidates", headers=reader).status_code == 403


def test_one_candidate_and_its_suggestions_by_id(client, writer):
    first = _queue(client, writer)[0]
    one = client.get(f"{API}/candidates/{first['id']}", headers=writer).get_json()
    assert one == first
    found = client.get(f"{API}/candidates/{first['id']}/suggestions", headers=writer)
    assert found.status_code == 200
    body = found.get_json()
    assert (body["candidate"], body["term"]) == (first["id"], first["term"])
    assert set(body["suggestions"]) == {"ru", "en"}


def test_an_unknown_candidate_is_404(client, writer):
    assert client.get(f"{API}/candidates/99999/suggestions", headers=writer).status_code == 404


def test_suggestions_for_a_term_name_the_concepts_that_have_it(client):
    body = client.get(f"{API}/suggestions", query_string={"term": "地區反恐怖機構"}).get_json()
    assert body["term"] == "地区反恐怖机构"  # either script is asked in simplified
    assert body["known"] == ["rats"]


def test_suggestions_need_a_chinese_term(client):
    for term in ("", "terrorism"):
        response = client.get(f"{API}/suggestions", query_string={"term": term})
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"] == "term"


def test_a_term_longer_than_a_term_is_refused(client):
    response = client.get(f"{API}/suggestions", query_string={"term": "合作" * 101})
    assert response.status_code == 400
