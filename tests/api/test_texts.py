"""/api/v1/annotate and /api/v1/extract: texts sent in the body."""

from __future__ import annotations

import json

import pytest

from glossary.services import extraction
from glossary.services.annotate import MAX_TEXT_BYTES, annotate
from tests.api.support import API
from tests.conftest import TEST_DATA

DOCUMENT = (TEST_DATA / "small" / "documents" / "mini.zh.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def app(read_only_app):
    return read_only_app


def test_annotate_answers_what_the_service_does(client, session):
    text = "地区反恐怖机构 (RATS) и ШОС"
    expected = json.loads(json.dumps(annotate(session, text)))
    assert client.post(f"{API}/annotate", json={"text": text}).get_json() == expected


def test_annotate_takes_plain_text_with_its_language_in_the_query(client):
    response = client.post(f"{API}/annotate?lang=ru", data="RATS и ШОС".encode(),
                           content_type="text/plain; charset=utf-8")
    data = response.get_json()
    assert (data["lang"], [m["text"] for m in data["marks"]]) == ("ru", ["ШОС"])


def test_annotate_takes_the_language_in_a_json_body(client):
    data = client.post(f"{API}/annotate", json={"text": "RATS и ШОС", "lang": "EN"}).get_json()
    assert [m["text"] for m in data["marks"]] == ["RATS"]


def test_annotate_refuses_an_unknown_language(client):
    response = client.post(f"{API}/annotate", json={"text": "x", "lang": "fr"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "lang"


def test_annotate_refuses_unknown_members(client):
    response = client.post(f"{API}/annotate", json={"text": "x", "language": "ru"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": "language", "message": "unknown field"}]


def test_annotate_needs_a_text(client):
    response = client.post(f"{API}/annotate", json={"lang": "ru"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "text"


def test_annotate_refuses_more_than_a_mebibyte_with_413(client):
    response = client.post(f"{API}/annotate", data="字" * (MAX_TEXT_BYTES // 3 + 1),
                           content_type="text/plain")
    assert response.status_code == 413
    assert "1048576" in response.get_json()["detail"]


def test_annotate_is_not_cached(client):
    response = client.post(f"{API}/annotate", json={"text": "ШОС"})
    assert response.headers["Cache-Control"] == "no-store"


def test_extract_gives_the_candidates_glossary_extract_prints(client, session):
    expected = extraction.extract_text(DOCUMENT, known=extraction.known_terms(session))
    data = client.post(f"{API}/extract", json={"text": DOCUMENT}).get_json()
    assert data["candidates"] == json.loads(json.dumps(expected))
    assert {c["concept"] for c in data["candidates"]} >= {"sco", "rats"}


def test_extract_reads_plain_text_in_chinese_encodings(client):
    response = client.post(f"{API}/extract", data=DOCUMENT.encode("gb18030"),
                           content_type="text/plain")
    assert response.status_code == 200
    assert "上合组织" in [c["term"] for c in response.get_json()["candidates"]]


def test_extract_refuses_a_text_that_is_not_chinese_with_422(client):
    response = client.post(f"{API}/extract", json={"text": "Nothing Chinese here at all."})
    assert response.status_code == 422
    assert "English" in response.get_json()["detail"]
