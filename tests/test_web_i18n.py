"""The interface in 中文, русский and English: choice, switch, complete catalogues."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from glossary.messages import message
from tests.api.support import bearer, issue_token
from tests.test_web_support import post

pytest_plugins = ["tests.test_web_support"]

TRANSLATIONS = Path(__file__).parent.parent / "glossary" / "translations"


@pytest.mark.parametrize(("accept", "lang", "word"), [
    ("ru-RU,ru;q=0.9,en;q=0.5", "ru", "Поиск"),
    ("zh-CN,zh;q=0.9", "zh-Hans", "检索"),
    ("zh-TW", "zh-Hans", "检索"),
    ("fr-FR,de;q=0.8", "en", "Search"),
])
def test_interface_language_follows_the_browser(client, accept, lang, word):
    page = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    assert word in page


def test_the_switch_overrides_the_browser_and_is_remembered(client):
    response = post(client, "/language", {"lang": "ru", "next": "/concepts/rats"})
    assert response.headers["Location"] == "/concepts/rats"
    assert "ui_lang=ru" in response.headers["Set-Cookie"]
    page = client.get("/concepts/rats", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert '<html lang="ru"' in page and "История изменений" in page
    assert "организация" in page  # the badges are translated too


def test_an_unknown_language_changes_nothing(client):
    response = post(client, "/language", {"lang": "xx"})
    assert "ui_lang" not in response.headers.get("Set-Cookie", "")


def test_plural_forms_follow_each_language(client):
    ru = client.get("/search?q=反恐", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Найдено 1 понятие" in ru
    zh = client.get("/", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "术语库：共 4 个概念" in zh


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_interface_string_is_translated(lang):
    template = _po(TRANSLATIONS / "messages.pot")
    catalog = _po(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    missing = [m.id for m in template if m.id and not _translated(catalog.get(m.id))]
    assert missing == []


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_compiled_catalogues_match_their_sources(lang):
    """The .mo files are committed (a fresh clone runs as is): they must not lag the .po."""
    folder = TRANSLATIONS / lang / "LC_MESSAGES"
    source = _po(folder / "messages.po")
    compiled = read_mo(io.BytesIO((folder / "messages.mo").read_bytes()))
    assert _pairs(source) == _pairs(compiled)


def test_the_template_lists_every_string_of_the_code():
    """pybabel extract was run after the last change to the pages or to a message of the
    services, the text reader or the extractor (see docs/WEB.md)."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent.parent
    found = set()
    for folder, pattern, method in (
            (root / "templates", "**.html", "jinja2"),
            (root / "glossary" / "web", "**.py", "python"),
            (root / "glossary" / "services", "**.py", "python"),
            (root / "glossary" / "extract", "**.py", "python"),
            (root / "glossary", "textio.py", "python"),
            (root / "glossary", "errors.py", "python")):
        for _name, _line, text, _comments, _context in extract_from_dir(
                folder, method_map=[(pattern, method)],
                keywords={"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                          "N_": None, "message": None},
                options_map={"**.html": {"extensions": "jinja2.ext.do"}}):
            found.add(text)
    template = {m.id for m in _po(TRANSLATIONS / "messages.pot") if m.id}
    assert found - template == set()


def test_a_field_error_from_the_services_is_shown_in_the_interface_language(editor):
    response = post(editor, "/concepts/rats/edit", {"kind": "spaceship", "version": "1"},
                    headers={"Accept-Language": "ru"})
    assert response.status_code == 422
    assert "допустимые значения: organization," in response.get_data(as_text=True)


def test_the_api_keeps_the_english_message(app, client):
    token = issue_token(app, "bot")
    response = client.patch("/api/v1/concepts/rats", json={"kind": "spaceship"},
                            headers={**bearer(token), "If-Match": '"1"', "Accept-Language": "ru"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["message"].startswith("must be one of: ")


def test_a_refused_upload_is_explained_in_the_interface_language(editor):
    response = post(editor, "/documents", {"file": (io.BytesIO(bytes(range(256)) * 8), "a.bin")},
                    content_type="multipart/form-data", headers={"Accept-Language": "zh"})
    assert response.status_code == 422
    assert "似乎是二进制文件，不是文本" in response.get_data(as_text=True)


def test_a_message_inside_a_message_is_translated_too(editor):
    response = post(editor, "/documents",
                    {"file": (io.BytesIO("καλημέρα κόσμε ".encode() * 20), "a.txt")},
                    content_type="multipart/form-data", headers={"Accept-Language": "ru"})
    assert "текст ни китайский, ни русский, ни английский" in response.get_data(as_text=True)


def test_an_error_page_lists_the_fields_in_the_interface_language(editor):
    response = post(editor, "/review/bulk", {"action": "reject"},
                    headers={"Accept-Language": "zh"})
    assert response.status_code == 422
    assert "ids: 请至少选择一个候选术语" in response.get_data(as_text=True)


def test_a_service_message_is_its_english_text():
    found = message("unknown concept %(id)r", id="nothing")
    assert found == "unknown concept 'nothing'" and isinstance(found, str)
    assert (found.template, found.params) == ("unknown concept %(id)r", {"id": "nothing"})


def _pairs(catalog) -> dict:
    """id -> translation, with plural ids and forms as tuples (mo files give lists)."""
    def key(value):
        return tuple(value) if isinstance(value, list | tuple) else value
    return {key(m.id): key(m.string) for m in catalog if m.id}


def _po(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _translated(message) -> bool:
    if message is None:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_a_bad_search_filter_is_explained_in_the_interface_language(client):
    response = client.get("/search?q=RATS&subject=astrology", headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    assert "subject: допустимые значения: politics," in response.get_data(as_text=True)


def test_an_error_page_of_the_application_itself_is_translated(client):
    response = client.get("/concepts/a%00b", headers={"Accept-Language": "zh"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "不能包含 NUL 字符" in page


def test_an_annotate_refusal_is_in_the_interface_language(editor):
    response = post(editor, "/annotate", {"text": "ШОС", "lang": "fr"},
                    headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    assert "неизвестный язык &#39;fr&#39;" in response.get_data(as_text=True)

