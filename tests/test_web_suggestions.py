"""Suggested renderings on a candidate's review page, and accepting them (issue 16)."""

from __future__ import annotations

import re

from glossary import db
from glossary.services import review
from glossary.services.concepts import get_concept
from tests.test_web_support import add_candidate, post

pytest_plugins = ["tests.test_web_support"]


def test_a_pending_candidate_shows_its_suggestions_section(app, editor):
    cid = add_candidate(app, "龘龘部门", kind="body")
    html = editor.get(f"/review/{cid}").get_data(as_text=True)
    assert 'id="suggestions"' in html
    assert "No suggestion" in html  # nothing can be told of an unknown word: said so


def test_the_json_twin_carries_the_suggestions(app, editor):
    cid = add_candidate(app, "龘龘部门", kind="body")
    data = editor.get(f"/review/{cid}.json").get_json()
    assert data["suggestions"]["term"] == "龘龘部门"
    assert set(data["suggestions"]["suggestions"]) == {"ru", "en"}


def test_a_decided_candidate_gets_no_suggestions(app, editor, session):
    cid = add_candidate(app, "龘龘部门", kind="body")
    review.reject(session, cid, user="olga")
    session.commit()
    assert "suggestions" not in editor.get(f"/review/{cid}.json").get_json()


def test_use_fills_the_accept_form_as_proposed(app, editor):
    cid = add_candidate(app, "龘龘部门", kind="body")
    html = editor.get(f"/review/{cid}?ru=ведомство&ru_note=why&status=proposed"
                      ).get_data(as_text=True)
    assert re.search(r'name="ru"[^>]*value="ведомство"', html)
    assert re.search(r'<option value="proposed" selected', html)
    assert re.search(r'name="ru_note"[^>]*value="why"', html)


def test_accepting_suggestions_makes_every_rendering_proposed(app, editor):
    cid = add_candidate(app, "龘龘部门", kind="body")
    response = post(editor, f"/review/{cid}/accept",
                    {"suggested": "1", "ru": "ведомство", "en": "agency", "status": "preferred",
                     "ru_note": "made up by the form"})
    assert response.status_code == 302
    with app.app_context():
        concept = review.get_candidate(db.session(), cid)["concept"]
        terms = get_concept(db.session(), concept)["terms"]
    assert (terms["ru"][0]["status"], terms["en"][0]["status"]) == ("proposed", "proposed")
    # A note is taken from the suggestion the rendering matches, never from the form.
    assert terms["ru"][0].get("note") in (None, "")


def test_the_suggest_page_answers_for_any_chinese_term(client):
    html = client.get("/suggest?term=地區反恐怖機構").get_data(as_text=True)
    assert "Already in the termbase" in html and 'href="/concepts/rats"' in html


def test_the_suggest_page_refuses_a_text_without_chinese_clearly(client):
    response = client.get("/suggest?term=terrorism")
    assert response.status_code == 400
    assert "no Chinese characters" in response.get_data(as_text=True)


def test_a_chinese_search_that_finds_nothing_offers_suggestions(client):
    html = client.get("/search?q=龘龘龘").get_data(as_text=True)
    assert 'href="/suggest?term=%E9%BE%98%E9%BE%98%E9%BE%98"' in html


def test_a_latin_search_that_finds_nothing_offers_no_suggestions(client):
    assert "/suggest?" not in client.get("/search?q=zzzzqqq").get_data(as_text=True)
