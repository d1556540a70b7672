"""The review queue: the service's decisions, and the pages editors make them on."""

from __future__ import annotations

import pytest

from glossary import db
from glossary.services import concepts as concept_service
from glossary.services import review
from glossary.services.editing import ValidationError
from tests.test_web_support import add_candidate, login, post

pytest_plugins = ["tests.test_web_support"]


# ---- the service --------------------------------------------------------------------------

def test_accept_makes_a_new_concept_with_every_language(app, session):
    cid = add_candidate(app, "禁毒部门", kind="body")
    concept = review.accept(session, cid, {"ru": "антинаркотические ведомства",
                                           "en": "drug control agencies",
                                           "source": "communique-2017-en",
                                           "status": "preferred"}, user="olga")
    assert concept["kind"] == "body"
    assert concept["terms"]["zh-Hans"][0]["text"] == "禁毒部门"
    assert concept["terms"]["zh-Hans"][0]["pinyin"]
    assert concept["terms"]["zh-Hant"][0]["text"] == "禁毒部門"
    assert concept["terms"]["ru"][0]["text"] == "антинаркотические ведомства"
    assert concept["terms"]["en"][0]["sources"] == ["communique-2017-en"]
    assert review.get_candidate(session, cid)["state"] == "accepted"
    assert review.get_candidate(session, cid)["concept"] == concept["id"]
    history = concept_service.history(session, concept["id"])
    assert [(h["action"], h["user"]) for h in history] == [("create", "olga")]


def test_a_treaty_candidate_becomes_a_document_concept(app, session):
    cid = add_candidate(app, "上海公约", kind="treaty")
    assert review.accept(session, cid, {}, user="olga")["kind"] == "document"


def test_a_person_can_get_the_palladius_transcription(app, session):
    cid = add_candidate(app, "王毅", kind="person")
    concept = review.accept(session, cid, {"palladius": True}, user="olga")
    assert concept["terms"]["zh-Hans"][0]["cyrillic"] == "Ван И"


def test_merge_adds_the_candidate_as_a_variant_of_a_concept(app, session):
    cid = add_candidate(app, "反恐机构")
    concept = review.merge(session, cid, "rats", term_type="shortForm", user="olga")
    texts = [t["text"] for t in concept["terms"]["zh-Hans"]]
    assert "反恐机构" in texts
    added = next(t for t in concept["terms"]["zh-Hans"] if t["text"] == "反恐机构")
    assert (added["type"], added["status"]) == ("shortForm", "admitted")
    assert review.get_candidate(session, cid)["state"] == "merged"
    assert concept_service.history(session, "rats")[0]["user"] == "olga"


def test_merge_refuses_a_stale_version(app, session):
    from glossary.services.editing import Conflict

    cid = add_candidate(app, "反恐机构")
    with pytest.raises(Conflict) as caught:
        review.merge(session, cid, "rats", term_type="variant", expected_version=99,
                     user="olga")
    assert caught.value.current["id"] == "rats"


def test_merge_into_an_unknown_concept_is_a_field_error(app, session):
    cid = add_candidate(app)
    with pytest.raises(ValidationError) as caught:
        review.merge(session, cid, "no-such-concept", term_type="variant", user="olga")
    assert caught.value.errors[0]["field"] == "concept"


def test_reject_and_a_second_decision_is_refused(app, session):
    cid = add_candidate(app)
    review.reject(session, cid, user="olga")
    assert review.get_candidate(session, cid)["state"] == "rejected"
    with pytest.raises(ValidationError):
        review.accept(session, cid, {}, user="olga")


def test_bulk_decisions_are_all_or_nothing(app, session):
    first, second = add_candidate(app, "甲组织"), add_candidate(app, "乙组织")
    review.reject(session, second, user="olga")
    with pytest.raises(ValidationError):
        review.decide_many(session, [first, second], "reject", user="olga")
    session.rollback()
    assert review.get_candidate(session, first)["state"] == "pending"


def test_queue_lists_pending_candidates_best_first(app, session):
    add_candidate(app, "低分", score=0.1)
    add_candidate(app, "高分", score=0.9)
    data = review.list_candidates(session)
    assert [c["term"] for c in data["candidates"]] == ["高分", "低分"]
    assert data["total"] == 2
    assert review.list_candidates(session, document="mini-communique")["total"] == 2
    assert review.list_candidates(session, kind="person")["total"] == 0


# ---- the pages ----------------------------------------------------------------------------

def test_review_queue_shows_candidates_with_context(editor, app):
    add_candidate(app, "禁毒部门")
    page = editor.get("/review").get_data(as_text=True)
    assert "禁毒部门" in page
    assert "<mark>禁毒部门</mark>" in page
    assert "Keyboard shortcuts" in page


def test_review_queue_has_a_json_twin(editor, app):
    add_candidate(app, "禁毒部门")
    data = editor.get("/review.json").get_json()
    assert data["candidates"][0]["term"] == "禁毒部门"


def test_accept_from_the_page_goes_to_the_new_concept(editor, app):
    cid = add_candidate(app, "禁毒部门")
    response = post(editor, f"/review/{cid}/accept", {
        "ru": "антинаркотические ведомства", "en": "drug control agencies",
        "kind": "body", "subject": "security", "type": "fullForm", "status": "preferred"})
    assert response.status_code == 302
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "антинаркотические ведомства" in page and "Accepted as a new concept." in page


def test_accept_with_bad_choices_shows_the_errors(editor, app):
    cid = add_candidate(app)
    response = post(editor, f"/review/{cid}/accept", {"kind": "nonsense"})
    assert response.status_code == 422
    assert "must be one of" in response.get_data(as_text=True)


def test_merge_from_the_page(editor, app):
    cid = add_candidate(app, "反恐机构")
    response = post(editor, f"/review/{cid}/merge", {"concept": "rats", "type": "variant",
                                                      "status": "admitted"})
    assert response.headers["Location"] == "/concepts/rats"
    assert "反恐机构" in editor.get("/concepts/rats").get_data(as_text=True)


def test_merge_conflict_shows_the_current_version(editor, app):
    cid = add_candidate(app, "反恐机构")
    response = post(editor, f"/review/{cid}/merge", {"concept": "rats", "type": "variant",
                                                      "version": "42"})
    assert response.status_code == 409
    assert "地区反恐怖机构" in response.get_data(as_text=True)


def test_reject_and_bulk_from_the_page(editor, app):
    one, two, three = (add_candidate(app, t) for t in ("甲组织", "乙组织", "丙组织"))
    assert post(editor, f"/review/{one}/reject").status_code == 302
    response = post(editor, "/review/bulk", {"ids": [str(two), str(three)],
                                             "action": "accept"})
    assert response.status_code == 302
    assert editor.get("/review.json").get_json()["total"] == 0
    assert editor.get("/search.json?q=乙组织").get_json()["total"] == 1


def test_bulk_without_a_choice_is_refused(editor):
    assert post(editor, "/review/bulk", {"action": "reject"}).status_code == 422


def test_a_decided_candidate_cannot_be_decided_again(editor, app):
    cid = add_candidate(app)
    post(editor, f"/review/{cid}/reject")
    assert post(editor, f"/review/{cid}/reject").status_code == 409


def test_unknown_candidate_is_404(editor):
    assert editor.get("/review/999").status_code == 404
    assert post(editor, "/review/999/reject").status_code == 404


def test_readers_cannot_decide(client, app, users):
    cid = add_candidate(app)
    login(client, "reader")
    assert post(client, f"/review/{cid}/reject").status_code == 403
    with app.app_context():
        assert review.get_candidate(db.session(), cid)["state"] == "pending"
