"""The translator's lookup in a real browser: search as you type, cards, copy, language pair."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot


def test_typing_a_fragment_shows_the_card_as_you_type(page):
    page.goto("/")
    expect(page.locator("#q")).to_be_focused()  # the home page is ready to type in
    page.keyboard.type("反恐")
    card = page.locator("#results article.card", has_text="地区反恐怖机构").first
    expect(card).to_be_visible()
    expect(card.locator("mark").first).to_have_text(re.compile("反恐"))
    expect(page).to_have_url(re.compile(r"/search\?q=%E5%8F%8D%E6%81%90"))
    screenshot(page, "search")


def test_slash_focuses_the_search_box_on_any_page(page):
    page.goto("/documents")
    page.keyboard.press("/")
    expect(page.locator("#quick-q")).to_be_focused()


def test_arrow_keys_move_through_results_and_enter_opens(page):
    page.goto("/search?q=RATS")
    page.locator("#q").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#results article.card").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/concepts/"))
    expect(page.locator("h1")).to_contain_text("地区反恐怖机构")


def test_back_button_returns_to_the_previous_query(page):
    page.goto("/")
    page.locator("#q").fill("上合组织")
    expect(page.locator("#results article.card").first).to_be_visible()
    page.go_back()
    expect(page.locator("#q")).to_have_value("")
    expect(page.locator(".browse")).to_be_visible()


def test_copy_button_fills_the_clipboard(page):
    page.goto("/search?q=反恐")
    term = page.locator("#results li.term[lang=ru]").first
    text = term.locator(".text").inner_text()
    term.get_by_role("button", name=re.compile("Copy")).click()
    expect(term.locator("button.copy")).to_have_class(re.compile("copied"))
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_language_pair_is_remembered(page):
    page.goto("/search?q=反恐")
    page.get_by_label("Show").select_option("zh-ru")
    card = page.locator("#results article.card").first
    expect(card.locator(".lang[data-lang=en]")).to_be_hidden()
    page.goto("/search?q=上合组织")
    expect(page.get_by_label("Show")).to_have_value("zh-ru")
    expect(page.locator("#results article.card .lang[data-lang=en]").first).to_be_hidden()
    expect(page.locator("#results article.card .lang[data-lang=ru]").first).to_be_visible()


def test_did_you_mean_corrects_a_typo(page):
    page.goto("/")
    page.locator("#q").type("Shanghai Cooperation Organisaton")
    suggestion = page.locator("a[data-suggestion]")
    expect(suggestion).to_have_text("Shanghai Cooperation Organisation")  # as the term has it
    suggestion.click()
    expect(page.locator("#q")).to_have_value("Shanghai Cooperation Organisation")
    expect(page.locator("#results article.card").first).to_contain_text(
        "Shanghai Cooperation Organisation")


def test_concept_page_and_phone_width(page):
    page.goto("/concepts/rats")
    expect(page.locator("h1")).to_contain_text("地区反恐怖机构")
    screenshot(page, "concept", full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/search?q=sgsl")
    expect(page.locator("#results article.card").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "nothing may scroll sideways on a phone"
    screenshot(page, "phone")
