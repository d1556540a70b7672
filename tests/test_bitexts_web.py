"""The documents page's bilingual material: the TMX and document-with-translation forms, the
list with pair counts, and a bitext's page of sentence pairs."""

from __future__ import annotations

import io

from tests.test_bitexts import RU_TEXT, UNITS, ZH_TEXT, tmx_bytes
from tests.test_web_pages import imported_document
from tests.test_web_support import post

pytest_plugins = ["tests.test_web_support"]


def upload_tmx(client, data: bytes = b"", name: str = "sco.tmx", **fields):
    return post(client, "/bitexts/tmx", {"file": (io.BytesIO(data or tmx_bytes()), name),
                                         **fields}, content_type="multipart/form-data")


def upload_parallel(client, zh: str = ZH_TEXT, target: str = RU_TEXT):
    return post(client, "/bitexts/parallel",
                {"zh": (io.BytesIO(zh.encode()), "centre.zh.txt"),
                 "target": (io.BytesIO(target.encode()), "centre.ru.txt")},
                content_type="multipart/form-data")


def test_the_import_forms_are_for_editors_only(client, editor):
    assert "Import a translation memory" in editor.get("/documents").get_data(as_text=True)
    anonymous = client.application.test_client()
    page = anonymous.get("/documents").get_data(as_text=True)
    assert "Import a translation memory" not in page and "Bilingual material" in page


def test_a_reader_cannot_import_a_tmx(reader):
    assert upload_tmx(reader).status_code == 403
    assert reader.get("/documents.json").get_json()["bitexts"] == []


def test_an_uploaded_tmx_is_listed_with_its_pair_counts_and_shows_its_pairs(editor):
    link = imported_document(editor, upload_tmx(editor, title="SCO memory"))
    listed = editor.get("/documents.json").get_json()["bitexts"]
    assert [(b["title"], b["counts"]) for b in listed] == [("SCO memory", {"en": 2, "ru": 3})]
    page = editor.get(link).get_data(as_text=True)
    assert UNITS[1][0] in page and UNITS[1][1] in page


def test_a_hostile_tmx_is_refused_on_the_form_with_the_line(editor):
    response = upload_tmx(editor, tmx_bytes(prolog='<!DOCTYPE tmx [<!ENTITY a "b">]>\n'))
    assert response.status_code == 422
    assert "sco.tmx: line 2" in response.get_data(as_text=True)
    assert editor.get("/documents.json").get_json()["bitexts"] == []


def test_the_same_tmx_again_is_imported_once(editor):
    upload_tmx(editor)
    again = upload_tmx(editor, name="copy.tmx")
    assert again.status_code == 302
    assert len(editor.get("/documents.json").get_json()["bitexts"]) == 1


def test_a_document_with_its_translation_is_imported_as_pairs_and_two_documents(editor):
    before = len(editor.get("/documents.json").get_json()["documents"])
    link = imported_document(editor, upload_parallel(editor))
    shown = editor.get(f"{link}.json").get_json()
    assert (shown["kind"], shown["counts"]) == ("parallel", {"ru": 3})
    assert len(editor.get("/documents.json").get_json()["documents"]) == before + 2


def test_a_translation_in_chinese_is_refused_on_the_form(editor):
    response = upload_parallel(editor, ZH_TEXT, ZH_TEXT)
    assert response.status_code == 422
    assert "must be Russian or English" in response.get_data(as_text=True)


def test_the_pairs_page_pages_on(editor):
    many = [(f"第{i}次会议在北京举行。", f"Заседание {i} прошло в Пекине.", None)
            for i in range(150)]
    link = imported_document(editor, upload_tmx(editor, tmx_bytes(many)))
    first = editor.get(f"{link}.json").get_json()
    assert len(first["pairs"]) == 100 and first["next"] == [99, "ru"]
    second = editor.get(f"{link}.json?after=99:ru").get_json()
    assert [p["position"] for p in second["pairs"]] == list(range(100, 150))


def test_an_unknown_bitext_is_404_and_a_bad_page_400(editor):
    assert editor.get("/bitexts/no-such").status_code == 404
    link = imported_document(editor, upload_tmx(editor))
    assert editor.get(f"{link}?after=x").status_code == 400


def test_a_refused_translation_is_explained_in_the_interface_language(editor):
    response = post(editor, "/bitexts/parallel",
                    {"zh": (io.BytesIO(ZH_TEXT.encode()), "a.zh.txt"),
                     "target": (io.BytesIO(ZH_TEXT.encode()), "b.txt")},
                    content_type="multipart/form-data", headers={"Accept-Language": "ru"})
    page = response.get_data(as_text=True)
    assert "Двуязычные материалы" in page
    assert "b.txt — тоже китайский текст" in page
