"""/api/v1 terms: added to a concept, edited and deleted under the concept's version."""

from __future__ import annotations

import pytest

from tests.api.support import API


def term_id(client, key: str, lang: str, text: str) -> int:
    terms = client.get(f"{API}/concepts/{key}").get_json()["terms"][lang]
    return next(t["id"] for t in terms if t["text"] == text)


def test_an_added_term_is_201_with_the_concept_and_its_new_version(client, writer):
    response = client.post(f"{API}/concepts/rats/terms", headers=writer,
                           json={"lang": "ru", "text": "РАТС ШОС", "type": "abbreviation",
                                 "status": "admitted"})
    assert response.status_code == 201
    assert response.headers["ETag"] == '"2"'
    added = response.get_json()["terms"]["ru"][-1]
    assert (added["text"], added["status"]) == ("РАТС ШОС", "admitted")


def test_an_added_chinese_term_gets_its_pinyin(client, writer):
    response = client.post(f"{API}/concepts/sco/terms", headers=writer,
                           json={"lang": "ZH-hans", "text": "上合"})
    added = response.get_json()["terms"]["zh-Hans"][-1]
    assert (added["text"], added["pinyin"]) == ("上合", "Shànghé")


def test_a_term_needs_a_language_of_the_termbase(client, writer):
    response = client.post(f"{API}/concepts/rats/terms", headers=writer,
                           json={"lang": "fr", "text": "SRAT"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "lang"


def test_adding_a_term_the_concept_has_is_422(client, writer):
    response = client.post(f"{API}/concepts/rats/terms", headers=writer,
                           json={"lang": "en", "text": "RATS"})
    assert response.status_code == 422


def test_adding_a_term_with_a_stale_if_match_is_412(client, writer):
    response = client.post(f"{API}/concepts/rats/terms", json={"lang": "en", "text": "R"},
                           headers={**writer, "If-Match": '"9"'})
    assert response.status_code == 412


def test_a_term_edit_changes_the_fields_sent(client, writer):
    tid = term_id(client, "sco", "en", "Shanghai Cooperation Organization")
    response = client.patch(f"{API}/terms/{tid}", json={"status": "deprecated"},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 200
    term = next(t for t in response.get_json()["terms"]["en"] if t["id"] == tid)
    assert (term["status"], term["note"]) == ("deprecated", "US and UN spelling.")


def test_a_term_edit_needs_the_concepts_etag(client, writer):
    tid = term_id(client, "sco", "en", "Shanghai Cooperation Organization")
    assert client.patch(f"{API}/terms/{tid}", json={"status": "deprecated"},
                        headers=writer).status_code == 428
    assert client.patch(f"{API}/terms/{tid}", json={"status": "deprecated"},
                        headers={**writer, "If-Match": '"2"'}).status_code == 412


def test_an_invalid_term_edit_is_422(client, writer):
    tid = term_id(client, "sco", "en", "Shanghai Cooperation Organisation")
    response = client.patch(f"{API}/terms/{tid}", json={"gender": "feminine"},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "term.gender"


def test_a_deleted_term_is_gone_from_its_concept(client, writer):
    tid = term_id(client, "rats", "en", "RATS")
    response = client.delete(f"{API}/terms/{tid}", headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 200
    assert [t["text"] for t in response.get_json()["terms"]["en"]] == [
        "Regional Anti-Terrorist Structure"]


def test_the_last_term_of_a_concept_cannot_be_deleted(client, writer):
    client.post(f"{API}/concepts", json={"id": "lonely", "terms": {"en": [{"text": "x"}]}},
                headers=writer)
    tid = term_id(client, "lonely", "en", "x")
    response = client.delete(f"{API}/terms/{tid}", headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 422
    assert "delete the concept" in response.get_json()["detail"]


@pytest.mark.parametrize("path", ["/terms/999999", "/terms/2147483648"])
def test_an_unknown_term_is_404(client, writer, path):
    response = client.delete(f"{API}{path}", headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
