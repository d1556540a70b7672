"""Editing concepts and terms on the web: validation beside the fields, optimistic locking
with the current version shown, and every change in the history."""

from __future__ import annotations

from tests.test_web_support import post

pytest_plugins = ["tests.test_web_support"]

RATS_FIELDS = {"kind": "organization", "subject": "security", "broader": "sco",
               "definition_en": "The SCO's permanent counter-terrorism body."}


def _version(client, key="rats") -> int:
    return client.get(f"/concepts/{key}.json").get_json()["concept"]["version"]


def test_edit_form_shows_the_concept(editor):
    page = editor.get("/concepts/rats/edit").get_data(as_text=True)
    assert 'name="version" value="1"' in page
    assert "Региональная антитеррористическая структура" in page


def test_saving_the_concept_records_a_new_version_and_history(editor):
    response = post(editor, "/concepts/rats/edit", {**RATS_FIELDS, "version": "1"})
    assert response.headers["Location"] == "/concepts/rats"
    data = editor.get("/concepts/rats.json").get_json()
    assert data["concept"]["version"] == 2
    assert data["concept"]["definition"]["en"].startswith("The SCO's permanent")
    assert data["history"][0]["user"] == "editor"
    page = editor.get("/concepts/rats").get_data(as_text=True)
    assert "Changes saved." in page and "definition" in page


def test_a_stale_edit_is_refused_with_the_current_version_shown(editor):
    post(editor, "/concepts/rats/edit", {**RATS_FIELDS, "version": "1"})
    stale = post(editor, "/concepts/rats/edit",
                 {**RATS_FIELDS, "definition_en": "My older idea.", "version": "1"})
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "Someone else changed this concept" in page
    assert "The SCO&#39;s permanent counter-terrorism body." in page  # the current one
    assert "My older idea." in page  # the visitor's values are kept
    assert 'name="version" value="2"' in page  # submitting again is a deliberate choice
    assert _version(editor) == 2


def test_invalid_input_is_shown_beside_the_field(editor):
    response = post(editor, "/concepts/rats/edit", {**RATS_FIELDS, "kind": "spaceship",
                                                     "version": "1"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _version(editor) == 1


def test_unknown_relation_is_refused(editor):
    response = post(editor, "/concepts/rats/edit", {**RATS_FIELDS, "broader": "nothing",
                                                     "version": "1"})
    assert response.status_code == 422
    assert "unknown concept" in response.get_data(as_text=True)


def test_add_edit_and_delete_a_term(editor):
    assert post(editor, "/concepts/rats/terms", {
        "lang": "en", "text": "SCO RATS", "type": "acronym", "status": "admitted",
        "version": "1"}).status_code == 302
    concept = editor.get("/concepts/rats.json").get_json()["concept"]
    term = next(t for t in concept["terms"]["en"] if t["text"] == "SCO RATS")
    url = f"/concepts/rats/terms/{term['id']}"
    assert "SCO RATS" in editor.get(f"{url}/edit").get_data(as_text=True)
    assert post(editor, f"{url}/edit", {"text": "SCO RATS", "type": "acronym",
                                        "status": "deprecated", "version": "2"}
                ).status_code == 302
    concept = editor.get("/concepts/rats.json").get_json()["concept"]
    assert next(t for t in concept["terms"]["en"]
                if t["id"] == term["id"])["status"] == "deprecated"
    assert post(editor, f"{url}/delete", {"version": "3"}).status_code == 302
    assert _version(editor) == 4
    history = editor.get("/concepts/rats.json").get_json()["history"]
    assert [h["user"] for h in history[:3]] == ["editor"] * 3


def test_a_stale_term_edit_is_refused(editor):
    term_id = editor.get("/concepts/rats.json").get_json()["concept"]["terms"]["en"][0]["id"]
    post(editor, "/concepts/rats/edit", {**RATS_FIELDS, "version": "1"})
    response = post(editor, f"/concepts/rats/terms/{term_id}/edit",
                    {"text": "Changed", "type": "fullForm", "status": "preferred",
                     "version": "1"})
    assert response.status_code == 409
    assert "Someone else changed this concept" in response.get_data(as_text=True)


def test_a_term_of_another_concept_is_404(editor):
    sco_term = editor.get("/concepts/sco.json").get_json()["concept"]["terms"]["en"][0]["id"]
    assert editor.get(f"/concepts/rats/terms/{sco_term}/edit").status_code == 404


def test_create_a_concept(editor):
    response = post(editor, "/concepts/new", {
        "term_zh-Hans": "信息安全", "term_ru": "информационная безопасность",
        "term_en": "information security", "kind": "concept", "subject": "security",
        "status": "preferred"})
    assert response.headers["Location"] == "/concepts/information-security"
    data = editor.get("/concepts/information-security.json").get_json()
    assert data["concept"]["terms"]["zh-Hans"][0]["pinyin"] == "xìnxī ānquán"
    assert data["history"][0]["action"] == "create"


def test_a_concept_needs_a_term(editor):
    response = post(editor, "/concepts/new", {"kind": "concept", "subject": "security"})
    assert response.status_code == 422
    assert "at least one term" in response.get_data(as_text=True)


def test_delete_a_concept(editor):
    assert post(editor, "/concepts/xi-jinping/delete", {"version": "1"}).status_code == 302
    assert editor.get("/concepts/xi-jinping").status_code == 404


def test_concept_page_links_to_edit_only_for_editors(client, editor):
    assert "Edit this concept" in editor.get("/concepts/rats").get_data(as_text=True)
    post(editor, "/logout")
    assert "Edit this concept" not in client.get("/concepts/rats").get_data(as_text=True)
