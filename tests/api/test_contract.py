"""Requests the OpenAPI document allows are answered as it says, and those it forbids are
refused: each case here is one schemathesis found the API and the document disagreeing on
(issue 17), fixed on one side or the other."""

from __future__ import annotations

import re

import pytest

from glossary.api.json_schemas import lang_tag_schema
from glossary.api.parsing import normalise_lang
from glossary.api.spec import ETAG_LIST
from tests.api.support import API


@pytest.mark.parametrize("query", ["lang=", "src=", "cursor=", "lang=&src=&cursor="])
def test_an_empty_search_parameter_is_as_good_as_none(client, query):
    plain = client.get(f"{API}/search?q=RATS")
    response = client.get(f"{API}/search?q=RATS&{query}")
    assert response.status_code == 200
    assert response.get_json()["hits"] == plain.get_json()["hits"]


def test_an_empty_cursor_is_the_first_page_of_a_list(client):
    response = client.get(f"{API}/concepts?limit=2&cursor=")
    assert response.status_code == 200
    assert response.get_json() == client.get(f"{API}/concepts?limit=2").get_json()


def test_annotate_takes_an_empty_lang_as_none(client):
    response = client.post(f"{API}/annotate?lang=", data="RATS и ШОС".encode(),
                           content_type="text/plain")
    assert response.status_code == 200 and response.get_json()["lang"] is None


def test_annotate_with_a_json_body_takes_the_query_lang_unless_the_body_has_one(client):
    def marks(url, body):
        return [m["text"] for m in client.post(url, json=body).get_json()["marks"]]
    assert marks(f"{API}/annotate?lang=en", {"text": "RATS и ШОС"}) == ["RATS"]
    assert marks(f"{API}/annotate?lang=en", {"text": "RATS и ШОС", "lang": "ru"}) == ["ШОС"]


def test_extracting_from_an_empty_text_finds_nothing(client):
    for kwargs in ({"data": b"", "content_type": "text/plain"}, {"json": {"text": " "}}):
        response = client.post(f"{API}/extract", **kwargs)
        assert response.status_code == 200 and response.get_json() == {"candidates": []}


@pytest.mark.parametrize("value, status", [
    ("", 400), ("abc", 400), ('"1', 400), ('"1", W/', 400),  # no entity-tag list
    ('"abc"', 412), ('"99"', 412), ('W/"y", "0"', 412),  # tags, none current
    ('"1"', 200), ("1", 200), ('W/"1"', 200), ('"7", 1', 200), ("*", 200),
])
def test_if_match_is_400_when_malformed_and_412_when_stale(client, writer, value, status):
    response = client.patch(f"{API}/concepts/rats", json={"subject": "law"},
                            headers={**writer, "If-Match": value})
    assert response.status_code == status
    assert (re.match(ETAG_LIST, value) is not None) == (status != 400)


def test_a_bad_body_is_refused_before_a_stale_if_match(client, writer):
    response = client.patch(f"{API}/concepts/rats", data="{", content_type="application/json",
                            headers={**writer, "If-Match": '"99"'})
    assert response.status_code == 400
    terms = client.get(f"{API}/concepts/rats").get_json()["terms"]["en"]
    response = client.patch(f"{API}/terms/{terms[0]['id']}", json={"pos": "verbish"},
                            headers={**writer, "If-Match": '"99"'})
    assert response.status_code == 422


@pytest.mark.parametrize("member", [{"cyrillic": {}}, {"pinyin": 3}, {"id": "7"}])
def test_derived_members_of_a_term_must_have_their_types(client, writer, member):
    body = {"terms": {"en": [{"text": "a new concept", **member}]}}
    response = client.post(f"{API}/concepts", json=body, headers=writer)
    assert response.status_code == 422


@pytest.mark.parametrize("member", [{"version": "1"}, {"updated": 5}, {"sources": {}}])
def test_read_only_members_of_a_concept_must_have_their_types(client, writer, member):
    body = {"terms": {"en": [{"text": "a new concept"}]}, **member}
    response = client.post(f"{API}/concepts", json=body, headers=writer)
    assert response.status_code == 422


def test_a_null_id_makes_one_from_the_head_term(client, writer):
    body = {"id": None, "terms": {"en": [{"text": "Another new concept"}]}}
    response = client.post(f"{API}/concepts", json=body, headers=writer)
    assert response.status_code == 201 and response.get_json()["id"] == "another-new-concept"


def test_a_job_id_beyond_the_column_is_404(client):
    assert client.get(f"{API}/jobs/{2**70}").status_code == 404


@pytest.mark.parametrize("tag", ["en", "EN", "zh_TW", "zh-hant-hk", "ru-RU", "", " en",
                                 "fr", "zh-Hans ", "e"])
def test_the_language_pattern_is_what_the_api_reads(tag):
    pattern = lang_tag_schema(("zh", "zh-Hans", "zh-Hant", "ru", "en"))["pattern"]
    assert (re.match(pattern, tag) is not None) == (normalise_lang(tag) is not None)
