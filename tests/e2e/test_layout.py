"""The page furniture a translator sees all day, at 1280×900."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("ui", ["en", "ru", "zh"])
def test_the_header_stays_on_one_line_when_signed_in(editor_page, live_server, ui):
    page = editor_page
    page.context.add_cookies([{"name": "ui_lang", "value": ui, "url": live_server}])
    page.goto("/documents")  # a page with the quick search box in the header too
    tops = page.evaluate("""() => [...document.querySelectorAll('header.site > *')]
        .map(e => e.getBoundingClientRect()).filter(b => b.height > 0)
        .map(b => b.top + b.height / 2)""")
    assert max(tops) - min(tops) < 12, tops
