"""/api/v1/concepts: reading, paging, creating, editing and deleting concepts over HTTP."""

from __future__ import annotations

import json

import pytest

from glossary.services import concepts as concept_service
from tests.api.support import API

NEW = {"id": "rats-council", "kind": "body", "subject": "security",
       "terms": {"zh-Hans": [{"text": "地区反恐怖机构理事会", "status": "preferred"}],
                 "en": [{"text": "RATS Council"}]},
       "relations": {"broader": ["rats"]}}


def etag_of(client, key: str) -> str:
    return client.get(f"{API}/concepts/{key}").headers["ETag"]


# -- reading ---------------------------------------------------------------------------------


def test_a_concept_is_the_shared_concept_shape(client, session):
    response = client.get(f"{API}/concepts/rats")
    assert response.get_json() == json.loads(json.dumps(
        concept_service.get_concept(session, "rats")))


def test_a_concept_answer_keeps_chinese_and_russian_readable(client):
    assert "地区反恐怖机构" in client.get(f"{API}/concepts/rats").get_data(as_text=True)


def test_the_etag_of_a_concept_is_its_version(client):
    response = client.get(f"{API}/concepts/rats")
    assert response.headers["ETag"] == f'"{response.get_json()["version"]}"'
    assert response.headers["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize("tag", ['"1"', 'W/"1"', '"9", "1"', "*"])
def test_a_current_etag_in_if_none_match_gives_304(client, tag):
    response = client.get(f"{API}/concepts/rats", headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response.headers["ETag"] == '"1"'
    assert response.data == b""


def test_an_old_etag_in_if_none_match_gives_the_concept(client):
    assert client.get(f"{API}/concepts/rats",
                      headers={"If-None-Match": '"0"'}).status_code == 200


def test_an_unknown_concept_is_a_404_problem(client):
    response = client.get(f"{API}/concepts/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["detail"] == "no concept with id 'no-such-thing'"


def test_the_list_pages_by_id_with_a_cursor(client):
    first = client.get(f"{API}/concepts?limit=3").get_json()
    assert [c["id"] for c in first["concepts"]] == ["rats", "sco", "three-evil-forces"]
    assert first["total"] == 4
    second = client.get(f"{API}/concepts?limit=3&cursor={first['next_cursor']}").get_json()
    assert [c["id"] for c in second["concepts"]] == ["xi-jinping"]
    assert second["next_cursor"] is None


def test_the_next_page_is_also_in_the_link_header(client):
    response = client.get(f"{API}/concepts?limit=1")
    assert response.headers["Link"].endswith('>; rel="next"')
    follow = response.headers["Link"][1:].split(">;")[0]
    assert client.get(follow).get_json()["concepts"][0]["id"] == "sco"


def test_a_cursor_survives_the_deletion_of_the_concept_it_points_at(app, client, writer):
    page = client.get(f"{API}/concepts?limit=2").get_json()  # ends at "sco"
    client.delete(f"{API}/concepts/sco", headers={**writer, "If-Match": etag_of(client, "sco")})
    rest = client.get(f"{API}/concepts?limit=2&cursor={page['next_cursor']}").get_json()
    assert [c["id"] for c in rest["concepts"]] == ["three-evil-forces", "xi-jinping"]


def test_the_list_filters_by_kind_and_subject(client):
    data = client.get(f"{API}/concepts?kind=organization&subject=security").get_json()
    assert [c["id"] for c in data["concepts"]] == ["rats"]
    assert data["total"] == 1


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"), ("limit=abc", "limit"), ("kind=planet", "kind"),
    ("cursor=garbage!", "cursor"), ("page=2", "page"), ("limit=2&limit=3", "limit"),
])
def test_bad_list_parameters_are_400_naming_the_parameter(client, query, field):
    response = client.get(f"{API}/concepts?{query}")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == field


def test_a_cursor_of_another_filter_is_refused(client):
    cursor = client.get(f"{API}/concepts?limit=1").get_json()["next_cursor"]
    response = client.get(f"{API}/concepts?limit=1&kind=person&cursor={cursor}")
    assert response.status_code == 400
    assert "other parameters" in response.get_json()["detail"]


# -- creating --------------------------------------------------------------------------------


def test_a_created_concept_is_201_with_location_and_etag(client, writer):
    response = client.post(f"{API}/concepts", json=NEW, headers=writer)
    assert response.status_code == 201
    assert response.headers["Location"] == f"{API}/concepts/rats-council"
    assert response.headers["ETag"] == '"1"'
    assert response.get_json()["terms"]["zh-Hant"] == []
    assert response.get_json()["relations"]["broader"] == ["rats"]


def test_a_created_concept_can_be_read_back(client, writer):
    created = client.post(f"{API}/concepts", json=NEW, headers=writer).get_json()
    assert client.get(f"{API}/concepts/rats-council").get_json() == created


def test_a_concept_without_an_id_gets_one_from_its_english_term(client, writer):
    body = {"terms": {"en": [{"text": "Peace Mission"}]}}
    assert client.post(f"{API}/concepts", json=body, headers=writer).get_json()["id"] == \
        "peace-mission"


def test_an_existing_id_is_a_409_with_the_current_concept(client, writer):
    response = client.post(f"{API}/concepts", json={**NEW, "id": "rats"}, headers=writer)
    assert response.status_code == 409
    assert response.get_json()["current"]["id"] == "rats"


def test_an_invalid_concept_is_422_listing_every_field(client, writer):
    body = {"kind": "planet", "terms": {"en": [{"text": ""}], "fr": []}}
    response = client.post(f"{API}/concepts", json=body, headers=writer)
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"kind", "terms", "terms.en[0].text", "terms.fr"}


def test_a_refused_concept_leaves_nothing_behind(client, writer, session):
    body = {**NEW, "relations": {"broader": ["no-such-concept"]}}
    assert client.post(f"{API}/concepts", json=body, headers=writer).status_code == 422
    assert client.get(f"{API}/concepts/rats-council").status_code == 404


def test_a_body_that_is_not_an_object_is_422(client, writer):
    response = client.post(f"{API}/concepts", json=["rats"], headers=writer)
    assert response.status_code == 422


# -- editing ---------------------------------------------------------------------------------


def test_a_patch_changes_only_the_fields_sent_and_moves_the_version(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "politics"},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 200
    data = response.get_json()
    assert (data["subject"], data["version"], data["kind"]) == ("politics", 2, "organization")
    assert response.headers["ETag"] == '"2"'


def test_a_patch_may_be_sent_as_a_merge_patch(client, writer):
    response = client.patch(f"{API}/concepts/rats", data=json.dumps({"subject": "politics"}),
                            content_type="application/merge-patch+json",
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 200


def merge_patch(client, writer, key: str, body: dict):
    return client.patch(f"{API}/concepts/{key}", data=json.dumps(body),
                        content_type="application/merge-patch+json",
                        headers={**writer, "If-Match": "*"})


def with_both_notes(client, writer) -> None:
    assert merge_patch(client, writer, "rats", {"note": {"en": "English note",
                                                         "ru": "Русская заметка"},
                                                "definition": {"en": "Defined"}}
                       ).status_code == 200


def test_a_merge_patch_of_one_language_keeps_the_others(client, writer):
    with_both_notes(client, writer)
    data = merge_patch(client, writer, "rats", {"note": {"ru": "Новая заметка"}}).get_json()
    assert data["note"] == {"ru": "Новая заметка", "en": "English note"}
    assert data["definition"] == {"en": "Defined"}


def test_a_plain_json_patch_merges_the_same_way(client, writer):
    with_both_notes(client, writer)
    response = client.patch(f"{API}/concepts/rats", json={"note": {"ru": "Новая"}},
                            headers={**writer, "If-Match": "*"})
    assert response.get_json()["note"] == {"ru": "Новая", "en": "English note"}


def test_null_removes_one_language_of_a_note(client, writer):
    with_both_notes(client, writer)
    data = merge_patch(client, writer, "rats", {"note": {"en": None}}).get_json()
    assert data["note"] == {"ru": "Русская заметка"}


def test_null_removes_a_whole_definition(client, writer):
    with_both_notes(client, writer)
    data = merge_patch(client, writer, "rats", {"definition": None}).get_json()
    assert data["definition"] == {} and data["note"]["en"] == "English note"


def test_a_term_list_sent_replaces_that_language_only_and_null_empties_it(client, writer):
    before = client.get(f"{API}/concepts/rats").get_json()["terms"]
    data = merge_patch(client, writer, "rats", {"terms": {"ru": None}}).get_json()
    assert data["terms"]["ru"] == []
    assert data["terms"]["en"] == before["en"] and data["terms"]["zh-Hans"] == before["zh-Hans"]


def test_the_history_shows_what_changed_old_and_new(client, writer):
    with_both_notes(client, writer)
    merge_patch(client, writer, "rats", {"note": {"en": "Second note"}})
    page = client.get("/concepts/rats").get_data(as_text=True)
    assert "<del>English note</del> → <ins>Second note</ins>" in page


def test_a_patch_without_if_match_is_428(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "politics"},
                            headers=writer)
    assert response.status_code == 428
    assert "If-Match" in response.get_json()["detail"]


def test_a_stale_patch_is_412_with_the_current_concept_and_changes_nothing(client, writer):
    client.patch(f"{API}/concepts/rats", json={"subject": "politics"},
                 headers={**writer, "If-Match": '"1"'})
    response = client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 412
    assert response.headers["ETag"] == '"2"'
    assert response.get_json()["current"]["subject"] == "politics"
    assert client.get(f"{API}/concepts/rats").get_json()["subject"] == "politics"


def test_if_match_star_edits_whatever_version_is_there(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                            headers={**writer, "If-Match": "*"})
    assert response.status_code == 200


def test_if_match_with_several_tags_edits_if_one_is_current(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                            headers={**writer, "If-Match": '"7", W/"1"'})
    assert response.status_code == 200


def test_an_if_match_that_names_no_version_is_412(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                            headers={**writer, "If-Match": '"abc"'})
    assert response.status_code == 412


def test_a_patch_cannot_change_the_id(client, writer):
    response = client.patch(f"{API}/concepts/rats", json={"id": "rats-2"},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "id"


def test_a_patch_of_an_unknown_concept_is_404(client, writer):
    response = client.patch(f"{API}/concepts/nothing", json={},
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 404


def test_a_concept_read_from_the_api_can_be_sent_back_as_a_patch(client, writer):
    concept = client.get(f"{API}/concepts/rats").get_json()
    concept["definition"] = {"en": "The SCO's anti-terrorist body."}
    response = client.patch(f"{API}/concepts/rats", json=concept,
                            headers={**writer, "If-Match": '"1"'})
    assert response.status_code == 200
    assert response.get_json()["terms"] == concept["terms"]


# -- deleting --------------------------------------------------------------------------------


def test_a_delete_is_204_and_the_concept_is_gone(client, writer):
    response = client.delete(f"{API}/concepts/xi-jinping",
                             headers={**writer, "If-Match": '"1"'})
    assert (response.status_code, response.data) == (204, b"")
    assert client.get(f"{API}/concepts/xi-jinping").status_code == 404


def test_a_delete_without_if_match_is_428_and_deletes_nothing(client, writer):
    assert client.delete(f"{API}/concepts/xi-jinping", headers=writer).status_code == 428
    assert client.get(f"{API}/concepts/xi-jinping").status_code == 200


def test_a_stale_delete_is_412(client, writer):
    response = client.delete(f"{API}/concepts/xi-jinping",
                             headers={**writer, "If-Match": '"5"'})
    assert response.status_code == 412
