"""POST /api/v1/bitexts queues the import of a TMX or of a Chinese text with its translation;
GET /api/v1/bitexts lists the material, GET /api/v1/bitexts/ID pages its sentence pairs."""

from __future__ import annotations

import io

import pytest

from tests.api.support import API
from tests.test_bitexts import RU_TEXT, UNITS, ZH_TEXT, tmx_bytes


def post_tmx(client, headers, data: bytes = b"", query: str = "name=sco.tmx",
             content_type: str = "application/x-tmx+xml"):
    return client.post(f"{API}/bitexts?{query}", data=data or tmx_bytes(), headers=headers,
                       content_type=content_type)


def post_texts(client, headers, zh: str = ZH_TEXT, target: str = RU_TEXT):
    return client.post(f"{API}/bitexts", headers=headers, content_type="multipart/form-data",
                       data={"zh": (io.BytesIO(zh.encode()), "centre.zh.txt"),
                             "target": (io.BytesIO(target.encode()), "centre.ru.txt")})


def finished(client, response) -> dict:
    assert response.status_code == 202, response.get_json()
    job = client.get(response.headers["Location"]).get_json()
    assert job["state"] == "done", job
    return job["result"]


@pytest.mark.parametrize("content_type", ["application/x-tmx+xml", "application/xml",
                                          "text/xml"])
def test_a_tmx_is_imported_by_a_job_and_listed_with_its_counts(client, writer, content_type):
    result = finished(client, post_tmx(client, writer, content_type=content_type))
    assert result["imported"] and result["pairs"] == 5
    listed = client.get(f"{API}/bitexts").get_json()["bitexts"]
    assert [(b["id"], b["title"], b["counts"]) for b in listed] == [
        (result["bitext"], "sco", {"en": 2, "ru": 3})]


def test_a_chinese_text_and_its_translation_are_imported_as_pairs_and_documents(client,
                                                                                writer):
    result = finished(client, post_texts(client, writer))
    shown = client.get(f"{API}/bitexts/{result['bitext']}").get_json()
    assert (shown["kind"], shown["counts"]) == ("parallel", {"ru": 3})
    for key in (shown["zh_document"], shown["target_document"]):
        assert client.get(f"{API}/documents/{key}").status_code == 200


def test_importing_needs_a_write_token(client):
    assert post_tmx(client, {}).status_code == 401
    assert client.get(f"{API}/bitexts").get_json()["bitexts"] == []


def test_a_hostile_tmx_is_422_at_once_naming_the_line(client, writer):
    response = post_tmx(client, writer, tmx_bytes(
        prolog='<!DOCTYPE tmx [<!ENTITY a SYSTEM "file:///etc/passwd">]>\n'))
    assert response.status_code == 422
    assert response.get_json()["detail"].startswith("sco.tmx: line 2")
    assert client.get(f"{API}/bitexts").get_json()["bitexts"] == []


def test_texts_in_the_wrong_languages_are_422(client, writer):
    response = post_texts(client, writer, RU_TEXT, ZH_TEXT)
    assert response.status_code == 422 and "is not Chinese" in response.get_json()["detail"]


def test_a_form_without_the_translation_is_422_naming_it(client, writer):
    response = client.post(f"{API}/bitexts", headers=writer,
                           content_type="multipart/form-data",
                           data={"zh": (io.BytesIO(ZH_TEXT.encode()), "zh.txt")})
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": "target", "message": "required"}]


def test_a_plain_text_body_is_415(client, writer):
    response = post_tmx(client, writer, content_type="text/plain")
    assert response.status_code == 415


def test_the_same_tmx_again_names_the_material_imported_before(client, writer):
    first = finished(client, post_tmx(client, writer))
    again = finished(client, post_tmx(client, writer, query="title=again"))
    assert (again["imported"], again["bitext"]) == (False, first["bitext"])


def test_pairs_are_paged_with_a_cursor(client, writer):
    key = finished(client, post_tmx(client, writer))["bitext"]
    seen, url = [], f"{API}/bitexts/{key}?limit=2"
    while url:
        response = client.get(url)
        page = response.get_json()
        seen += [(p["position"], p["lang"], p["target"]) for p in page["pairs"]]
        url = response.headers.get("Link", "").partition(">")[0].lstrip("<") or None
        assert (url is None) == (page["next_cursor"] is None)
    assert seen == [(i, lang, text) for i, unit in enumerate(UNITS)
                    for lang, text in (("en", unit[2]), ("ru", unit[1])) if text]


def test_a_page_in_one_language(client, writer):
    key = finished(client, post_tmx(client, writer))["bitext"]
    page = client.get(f"{API}/bitexts/{key}?lang=en").get_json()
    assert [p["lang"] for p in page["pairs"]] == ["en", "en"]


def test_a_cursor_of_another_language_is_400(client, writer):
    key = finished(client, post_tmx(client, writer))["bitext"]
    cursor = client.get(f"{API}/bitexts/{key}?limit=1").get_json()["next_cursor"]
    assert client.get(f"{API}/bitexts/{key}?lang=ru&cursor={cursor}").status_code == 400


def test_an_unknown_bitext_is_404(client):
    assert client.get(f"{API}/bitexts/no-such").status_code == 404
