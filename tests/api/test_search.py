"""/api/v1/search: the search service over HTTP, with paging, equivalents and caching."""

from __future__ import annotations

import json

import pytest

from glossary.services.search import search
from tests.api.support import API, app_from, build_template


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    template = build_template(tmp_path_factory.mktemp("api"))
    with app_from(template, tmp_path_factory.mktemp("app")) as app:
        yield app


def test_the_hits_are_the_search_services(app, client, session):
    data = client.get(f"{API}/search?q=RATS&lang=en").get_json()
    with app.test_request_context():
        expected = json.loads(json.dumps(search(session, "RATS", lang="en")))
    assert data["hits"] == expected["hits"]
    assert data["hits"][0]["concept"]["id"] == "rats"


@pytest.mark.parametrize("q", ["地區反恐怖機構", "sangushili", "антитеррористической структуры"])
def test_any_script_finds_its_concept(client, q):
    assert client.get(f"{API}/search", query_string={"q": q}).get_json()[
        "hits"][0]["concept"]["id"] in ("rats", "three-evil-forces")


def test_tgt_lists_the_target_terms_preferred_first(client):
    hit = client.get(f"{API}/search?q=上海合作组织&tgt=en").get_json()["hits"][0]
    assert [t["text"] for t in hit["equivalents"]] == [
        "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"]


def test_without_tgt_a_hit_has_no_equivalents(client):
    assert "equivalents" not in client.get(f"{API}/search?q=RATS").get_json()["hits"][0]


def test_src_is_lang_by_another_name(client):
    by_src = client.get(f"{API}/search?q=RATS&src=ru").get_json()
    by_lang = client.get(f"{API}/search?q=RATS&lang=ru").get_json()
    assert by_src == by_lang


@pytest.mark.parametrize("tag, lang", [("zh-TW", "zh-Hant"), ("EN-gb", "en")])
def test_language_tags_are_bcp_47_in_any_case(client, tag, lang):
    hit = client.get(f"{API}/search", query_string={"q": "RATS", "tgt": tag}).get_json()
    assert hit["hits"][0]["equivalents"][0]["id"] in [
        t["id"] for t in hit["hits"][0]["concept"]["terms"][lang]]


def test_pages_follow_one_another_through_next_cursor(client):
    first = client.get(f"{API}/search?q=s&prefix=true&limit=1").get_json()
    assert first["total"] > 1 and first["next_cursor"]
    second = client.get(f"{API}/search?q=s&prefix=true&limit=1&cursor="
                        f"{first['next_cursor']}").get_json()
    assert second["hits"][0]["concept"]["id"] != first["hits"][0]["concept"]["id"]


def test_the_last_page_has_no_next_cursor(client):
    data = client.get(f"{API}/search?q=RATS&limit=200").get_json()
    assert data["next_cursor"] is None


def test_a_cursor_cannot_be_used_for_another_query(client):
    cursor = client.get(f"{API}/search?q=s&prefix=true&limit=1").get_json()["next_cursor"]
    response = client.get(f"{API}/search?q=r&prefix=true&limit=1&cursor={cursor}")
    assert response.status_code == 400


@pytest.mark.parametrize("query, field", [
    ("", "q"), ("q=x&lang=fr", "lang"), ("q=x&lang=ru&src=en", "src"), ("q=x&limit=201", "limit"),
    ("q=x&limit=0", "limit"),
    ("q=x&status=good", "status"), ("q=x&document=nothing", "document"),
    ("q=x&prefix=maybe", "prefix"), ("q=x&tgt=de", "tgt"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, query, field):
    response = client.get(f"{API}/search?{query}")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == field


def test_a_search_answer_revalidates_to_304(client):
    etag = client.get(f"{API}/search?q=RATS").headers["ETag"]
    response = client.get(f"{API}/search?q=RATS", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_an_empty_query_finds_nothing(client):
    data = client.get(f"{API}/search?q=").get_json()
    assert (data["hits"], data["next_cursor"]) == ([], None)
