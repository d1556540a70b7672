"""The interface in 中文, русский and English: choice, switch, complete catalogues."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

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
    """pybabel extract was run after the last change to the pages (see docs/WEB.md)."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent.parent
    found = set()
    for folder, method in ((root / "templates", "jinja2"), (root / "glossary" / "web", "python")):
        for _name, _line, message, _comments, _context in extract_from_dir(
                folder, method_map=[("**.html" if method == "jinja2" else "**.py", method)],
                keywords={"_": None, "gettext": None, "ngettext": (1, 2), "_l": None},
                options_map={"**.html": {"extensions": "jinja2.ext.do"}}):
            found.add(message)
    template = {m.id for m in _po(TRANSLATIONS / "messages.pot") if m.id}
    assert found - template == set()


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
