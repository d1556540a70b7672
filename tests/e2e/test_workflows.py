"""Whole tasks in a real browser: annotate a paragraph, review a candidate, read in Russian."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import CANDIDATE, OTHERS, PERSON, screenshot

PARAGRAPH = ("上海合作组织成员国元首理事会会议于2017年6月8日至9日在阿斯塔纳举行。"
             "中华人民共和国主席习近平出席会议。元首们积极评价上海合作组织地区反恐怖机构"
             "在打击恐怖主义、分裂主义和极端主义方面所作的努力。")


def test_annotate_a_paragraph(page):
    page.goto("/annotate")
    page.get_by_label("Text", exact=True).fill(PARAGRAPH)
    page.get_by_role("button", name="Annotate", exact=True).click()
    marks = page.locator(".annotated-text a.mark")
    expect(marks.first).to_be_visible()
    assert marks.count() >= 3
    rats = page.locator(".annotated-text a.mark", has_text="地区反恐怖机构").first
    rats.click()  # a click shows the term's equivalents beside it
    popover = page.locator(".popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Региональная антитеррористическая структура")
    glossary = page.locator(".side-glossary")
    expect(glossary.locator("#g-rats")).to_be_visible()
    screenshot(page, "annotate", full_page=True)
    page.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    with page.expect_download() as download:
        glossary.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".tbx")


def test_accept_a_candidate_end_to_end(editor_page):
    page = editor_page
    page.get_by_role("link", name="Review", exact=True).click()
    item = page.locator("li.candidate", has_text=CANDIDATE["text"])
    expect(item).to_be_visible()
    expect(item.locator("blockquote mark")).to_have_text(CANDIDATE["text"])
    screenshot(page, "review")
    item.get_by_role("link", name="Accept…").click()
    page.get_by_label("Russian equivalent").fill("региональная безопасность")
    page.get_by_label("English equivalent").fill("regional security")
    page.locator("#accept-subject").select_option("security")
    screenshot(page, "accept", full_page=True)
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page).to_have_url(re.compile(r"/concepts/regional-security$"))
    expect(page.locator("h1")).to_contain_text(CANDIDATE["text"])
    expect(page.locator(".flash")).to_contain_text("Accepted as a new concept.")
    expect(page.locator(".history")).to_contain_text("editor")
    # The new concept is found at once by search.
    page.goto("/search?q=diqu anquan")
    expect(page.locator("#results article.card", has_text=CANDIDATE["text"])).to_be_visible()


def test_review_queue_keyboard_shortcuts(editor_page):
    page = editor_page
    page.goto("/review")
    first, second, third = OTHERS[0][0], OTHERS[1][0], CANDIDATE["text"]
    page.keyboard.press("j")  # the first candidate (best score) ...
    page.keyboard.press("j")  # ... then the next
    focused = page.locator("li.candidate:focus")
    expect(focused).to_have_count(1)
    text = focused.locator("h2").inner_text()
    assert text in (first, second, third)
    page.keyboard.press("x")
    expect(focused.locator("input[name=ids]")).to_be_checked()
    page.keyboard.press("r")  # reject the focused candidate
    expect(page.locator(".flash")).to_contain_text("Rejected.")
    expect(page.locator("li.candidate h2", has_text=text)).to_have_count(0)


def test_accept_a_suggested_transcription_with_one_key(editor_page):
    page = editor_page
    page.goto("/review")
    page.locator("li.candidate", has_text=PERSON[0]).get_by_role("link", name="Accept…").click()
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_label("Чжан Вэй")).to_be_checked()  # the confident one
    expect(suggestions.get_by_label("Zhang Wei")).to_be_checked()
    suggestions.locator("details.evidence").first.locator("summary").click()
    expect(suggestions.locator("details.evidence").first).to_contain_text("Palladius")
    screenshot(page, "suggestions", full_page=True)
    page.locator("body").press("s")
    expect(page.locator(".flash")).to_contain_text("Accepted as a new concept.")
    expect(page).to_have_url(re.compile(r"/concepts/zhang-wei$"))
    card = page.locator("main")
    expect(card.locator('[lang="ru"]', has_text="Чжан Вэй").first).to_be_visible()
    expect(card.locator('[lang="en"]', has_text="Zhang Wei").first).to_be_visible()
    expect(card).to_contain_text("proposed")
    expect(card).to_contain_text("Palladius")  # the evidence is kept as the term's note


def test_switch_the_interface_to_russian(page):
    page.goto("/concepts/rats")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Interface language").select_option("ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("nav.primary")).to_contain_text("Разметить текст")
    expect(page.locator("#history-title")).to_have_text("История изменений")
    expect(page).to_have_url(re.compile(r"/concepts/rats$"))
    page.goto("/search?q=反恐")  # the choice is remembered
    expect(page.locator(".count")).to_contain_text("Найдено")
    screenshot(page, "russian")


def test_reading_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("#q").fill("RATS")
        page.locator("#q").press("Enter")
        expect(page.locator("#results article.card").first).to_be_visible()
        expect(page.locator("button.copy").first).to_be_hidden()  # nothing that cannot work
        page.goto("/concepts/rats")
        expect(page.locator("h1")).to_contain_text("地区反恐怖机构")
    finally:
        context.close()


def test_export_the_glossary_of_a_text_for_omegat(page, tmp_path):
    """The translator's last step: the terms of the text at hand, as a file OmegaT loads."""
    page.goto("/annotate")
    page.get_by_label("Text", exact=True).fill(PARAGRAPH)
    page.get_by_role("button", name="Annotate", exact=True).click()
    glossary = page.locator(".side-glossary")
    expect(glossary.locator("#g-rats")).to_be_visible()
    found = glossary.locator(".entry").count()
    glossary.locator("#glossary-format").select_option(value="for:omegat")
    screenshot(page, "export-for-omegat")
    with page.expect_download() as download:
        glossary.get_by_role("button", name="Download").click()
    name = download.value.suggested_filename
    assert name.startswith("glossary-omegat-") and f"{found}-concept" in name
    saved = tmp_path / name
    download.value.save_as(saved)
    rows = saved.read_text(encoding="utf-8").splitlines()
    assert any(row.startswith("地区反恐怖机构\tРегиональная антитеррористическая структура")
               for row in rows)
