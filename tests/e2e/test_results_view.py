"""The results as rows: the default on a wide screen, six or more on screen at 1280×900,
the full card on expand or Enter, remembered, and the source → target mode."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot


def rows_on_screen(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('#results .hit-row')]
        .filter(r => { const b = r.getBoundingClientRect();
                       return b.height > 0 && b.top >= 0 && b.bottom <= innerHeight; }).length""")


def test_a_wide_screen_gets_rows_and_six_or_more_fit_on_it(first_visit_page):
    page = first_visit_page
    page.goto("/search?q=反恐")
    expect(page.locator("#results .hit-row").first).to_be_visible()
    expect(page.locator("#results article.card").first).to_be_hidden()
    assert rows_on_screen(page) >= 6
    screenshot(page, "search-rows")


def test_a_row_shows_the_preferred_term_of_each_language_with_a_copy_button(first_visit_page):
    page = first_visit_page
    page.goto("/search?q=RATS")
    row = page.locator("#results .hit-row", has_text="地区反恐怖机构").first
    expect(row.locator('.cell[data-lang="ru"] .pref .text')).to_have_text(
        "Региональная антитеррористическая структура")
    expect(row.locator('.cell[data-lang="en"] .pref button.copy')).to_be_visible()


def test_enter_on_a_row_unfolds_its_full_card(first_visit_page):
    page = first_visit_page
    page.goto("/search?q=RATS")
    page.locator("#q").focus()
    page.keyboard.press("ArrowDown")
    row = page.locator("#results .hit-row").first
    expect(row).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#results li.hit").first.locator("article.card")).to_be_visible()
    expect(row.locator("button.expand")).to_have_attribute("aria-expanded", "true")


def test_a_typed_query_unfolds_a_row_into_its_card_with_the_match_highlighted(first_visit_page):
    page = first_visit_page
    page.goto("/search")
    page.locator("#q").fill("反恐")
    row = page.locator("#results li.hit", has_text="地区反恐怖机构").first
    row.locator("button.expand").click()
    card = row.locator("article.card")
    expect(card).to_be_visible()
    expect(card.locator("mark").first).to_have_text("反恐")
    expect(card.locator("button.copy").first).to_be_visible()


def test_switching_typed_rows_to_cards_brings_every_card(first_visit_page):
    page = first_visit_page
    page.goto("/search")
    page.locator("#q").fill("RATS")
    expect(page.locator("#results .hit-row").first).to_be_visible()
    page.get_by_role("button", name="Cards").click()
    expect(page.locator("#results article.card")).to_have_count(
        page.locator("#results li.hit").count())


def test_the_chosen_view_is_remembered(first_visit_page):
    page = first_visit_page
    page.goto("/search?q=RATS")
    page.get_by_role("button", name="Cards").click()
    expect(page.locator("#results article.card").first).to_be_visible()
    page.goto("/search?q=ШОС")
    expect(page.locator("#results article.card").first).to_be_visible()
    expect(page.get_by_role("button", name="Cards")).to_have_attribute("aria-pressed", "true")


def test_source_to_target_shows_the_rendering_large_and_alternatives_small(first_visit_page):
    page = first_visit_page
    page.goto("/search?q=上合组织&pair=zh-ru")
    row = page.locator("#results .hit-row", has_text="上海合作组织").first
    target = row.locator('.cell[data-lang="ru"]')
    expect(target.locator(".pref .text")).to_have_text("Шанхайская организация сотрудничества")
    expect(target.locator(".alts")).to_be_visible()
    expect(target.locator(".alts")).to_contain_text("ШОС")
    expect(row.locator('.cell[data-lang="en"]')).to_be_hidden()
    size = lambda sel: float(re.sub("px", "", row.locator(sel).evaluate(  # noqa: E731
        "e => getComputedStyle(e).fontSize")))
    assert size('.cell[data-lang="ru"] .pref .text') > size('.cell[data-lang="ru"] .alts')
    screenshot(page, "search-source-target")
