"""Writing concepts: validation, optimistic locking, the change log."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from glossary.models import Change
from glossary.services import editing
from glossary.services.concepts import NotFound, get_concept

NEW = {
    "kind": "organization",
    "subject": "security",
    "terms": {
        "zh-Hans": [{"text": "集体安全条约组织", "type": "fullForm", "status": "preferred"}],
        "ru": [{"text": "Организация Договора о коллективной безопасности",
                "status": "preferred", "gender": "feminine", "sources": ["communique-2017-ru"]}],
        "en": [{"text": "Collective Security Treaty Organisation", "status": "preferred"},
               {"text": "CSTO", "type": "abbreviation", "status": "preferred"}],
    },
    "relations": {"related": ["sco"]},
}


def test_create_concept_derives_an_id_and_pinyin(session):
    concept = editing.create_concept(session, NEW, user="ed")
    assert concept["id"] == "collective-security-treaty-organisation"
    assert concept["terms"]["zh-Hans"][0]["pinyin"] == "Jítǐ Ānquán Tiáoyuē Zǔzhī"
    assert concept["version"] == 1
    assert concept["relations"]["related"] == ["sco"]


def test_create_concept_logs_a_change(session):
    editing.create_concept(session, NEW, user="ed")
    change = session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert (change.concept_key, change.action, change.user) == (
        "collective-security-treaty-organisation", "create", "ed")


@pytest.mark.parametrize("patch, field", [
    ({"kind": "thing"}, "kind"),
    ({"terms": {"xx": []}}, "terms.xx"),
    ({"terms": {"en": [{"text": ""}]}}, "terms.en[0].text"),
    ({"terms": {"en": [{"text": "a", "gender": "feminine"}]}}, "terms.en[0].gender"),
    ({"terms": {"en": [{"text": "a", "status": "official"}]}}, "terms.en[0].status"),
    ({"terms": {"en": [{"text": "a\x00b"}]}}, "terms.en[0].text"),
    ({"terms": {"en": [{"text": "a"}, {"text": "a"}]}}, "terms.en"),
    ({"relations": {"broader": ["nowhere"]}}, "relations.broader"),
    ({"colour": "red"}, "colour"),
])
def test_invalid_input_names_the_field(session, patch, field):
    with pytest.raises(editing.ValidationError) as info:
        editing.update_concept(session, "sco", patch, expected_version=None, user="ed")
    assert field in [e["field"] for e in info.value.errors]


def test_an_unknown_source_is_refused(session):
    bad = {**NEW, "terms": {"en": [{"text": "CSTO", "sources": ["made-up"]}]}}
    with pytest.raises(editing.ValidationError, match="unknown source"):
        editing.create_concept(session, bad, user="ed")


def test_update_moves_the_version_once(session):
    concept = get_concept(session, "sco")
    before = concept["version"]
    after = editing.update_concept(session, "sco", {"subject": "politics",
                                                    "note": {"ru": "Пишется ШОС."}},
                                   expected_version=before, user="ed")
    assert after["version"] == before + 1
    assert after["note"] == {**concept["note"], "ru": "Пишется ШОС."}  # merged, not replaced


def test_a_stale_edit_is_refused_with_the_current_concept(session):
    current = get_concept(session, "sco")["version"]
    editing.update_concept(session, "sco", {"subject": "politics"}, expected_version=current,
                           user="a")
    with pytest.raises(editing.Conflict) as info:
        editing.update_concept(session, "sco", {"subject": "economy"},
                               expected_version=current, user="b")
    assert info.value.current["subject"] == "politics"
    assert info.value.current["version"] == current + 1


def test_replacing_a_language_keeps_other_languages(session):
    after = editing.update_concept(session, "rats", {"terms": {"en": [
        {"text": "RATS", "type": "abbreviation", "status": "preferred"}]}},
        expected_version=None, user="ed")
    assert [t["text"] for t in after["terms"]["en"]] == ["RATS"]
    assert after["terms"]["ru"][0]["text"] == "Региональная антитеррористическая структура"


def test_the_change_log_records_what_changed(session):
    editing.update_concept(session, "sco", {"subject": "economy"}, expected_version=None,
                           user="ed")
    change = session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change.data == {"subject": ["international-relations", "economy"]}


def test_add_update_and_delete_a_term(session):
    concept = editing.add_term(session, "sco", {"text": "SCO", "type": "abbreviation",
                                                "status": "preferred"},
                               lang="en", expected_version=None, user="ed")
    term_id = next(t["id"] for t in concept["terms"]["en"] if t["text"] == "SCO")
    concept = editing.update_term(session, term_id, {"status": "admitted"},
                                  expected_version=concept["version"], user="ed")
    assert next(t for t in concept["terms"]["en"] if t["id"] == term_id)["status"] == "admitted"
    concept = editing.delete_term(session, term_id, expected_version=concept["version"],
                                  user="ed")
    assert "SCO" not in [t["text"] for t in concept["terms"]["en"]]


def test_a_duplicate_term_is_refused(session):
    with pytest.raises(editing.ValidationError, match="already has this term"):
        editing.add_term(session, "sco", {"text": "ШОС"}, lang="ru", expected_version=None,
                         user="ed")


def test_delete_concept_keeps_a_snapshot_in_the_log(session):
    editing.delete_concept(session, "xi-jinping", expected_version=None, user="ed")
    with pytest.raises(NotFound):
        get_concept(session, "xi-jinping")
    change = session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change.action == "delete"
    assert change.data["terms"]["ru"][0]["text"] == "Си Цзиньпин"


def test_an_edited_concept_is_not_overwritten_by_init(app, session):
    from glossary.cli import initialise

    editing.update_concept(session, "sco", {"subject": "economy"}, expected_version=None,
                           user="ed")
    session.commit()
    report = initialise()
    assert report.kept_local_edits == ["sco"]
    assert get_concept(session, "sco")["subject"] == "economy"


# ---- what an edit does not mention stays as it was ----------------------------------------

CHECKED = "jítǐ ānquán tiáoyuē zǔzhī"  # lower case: not what the dictionary gives a name


def _with_checked_reading(session) -> dict:
    zh = [{"text": "集体安全条约组织", "status": "preferred", "reading": CHECKED}]
    return editing.create_concept(session, {**NEW, "terms": {**NEW["terms"], "zh-Hans": zh}},
                                  user="ed")


def _zh(concept: dict) -> dict:
    return concept["terms"]["zh-Hans"][0]


def test_a_checked_reading_survives_an_edit_of_its_term(session):
    concept = _with_checked_reading(session)
    after = editing.update_term(session, _zh(concept)["id"], {"status": "admitted"},
                                expected_version=concept["version"], user="ed")
    assert (_zh(after)["status"], _zh(after)["pinyin"]) == ("admitted", CHECKED)


def test_a_checked_reading_survives_a_new_list_of_terms_without_readings(session):
    # What the web form and a PATCH of terms send: texts and their fields, no pinyin.
    concept = _with_checked_reading(session)
    terms = [{"text": "集体安全条约组织", "status": "preferred"}, {"text": "集安条约组织",
                                                                "type": "shortForm"}]
    after = editing.update_concept(session, concept["id"], {"terms": {"zh-Hans": terms}},
                                   expected_version=concept["version"], user="ed")
    assert [t["pinyin"] for t in after["terms"]["zh-Hans"]] == [CHECKED, "Jí'ān Tiáoyuē Zǔzhī"]


def test_a_checked_reading_survives_a_change_of_kind_that_recapitalises_the_others(session):
    concept = _with_checked_reading(session)
    terms = [{"text": "集体安全条约组织", "status": "preferred"},
             {"text": "安全", "type": "variant"}]
    concept = editing.update_concept(session, concept["id"], {"terms": {"zh-Hans": terms}},
                                     expected_version=concept["version"], user="ed")
    after = editing.update_concept(session, concept["id"], {"kind": "concept"},
                                   expected_version=concept["version"], user="ed")
    assert [t["pinyin"] for t in after["terms"]["zh-Hans"]] == [CHECKED, "ānquán"]


def test_a_changed_text_gets_the_dictionary_reading(session):
    concept = _with_checked_reading(session)
    after = editing.update_term(session, _zh(concept)["id"], {"text": "集安条约组织"},
                                expected_version=concept["version"], user="ed")
    assert _zh(after)["pinyin"] == "Jí'ān Tiáoyuē Zǔzhī"


def test_palladius_survives_an_edit_that_does_not_mention_it(session):
    person = {"kind": "person", "subject": "people",
              "terms": {"zh-Hans": [{"text": "王毅", "status": "preferred", "palladius": True}],
                        "en": [{"text": "Wang Yi", "status": "preferred"}]}}
    concept = editing.create_concept(session, person, user="ed")
    assert _zh(concept)["cyrillic"] == "Ван И"
    after = editing.update_concept(
        session, concept["id"], {"terms": {"zh-Hans": [{"text": "王毅", "status": "admitted"}]}},
        expected_version=concept["version"], user="ed")
    assert (_zh(after)["status"], _zh(after)["cyrillic"]) == ("admitted", "Ван И")


_texts = st.dictionaries(st.sampled_from(["zh", "ru", "en"]), st.text(min_size=1, max_size=5))


@given(_texts, _texts)
def test_a_replacing_import_turns_the_stored_texts_into_the_files(before, after):
    assert editing.merge_texts(before, editing.texts_patch(before, after)) == after


def test_broader_concepts_read_the_same_in_the_session_and_from_the_database(session):
    """An export made right after an edit and one made later must agree (the relations
    collection has no order of its own)."""
    editing.create_concept(session, {"id": "narrow-thing", "kind": "concept", "terms": {
        "en": [{"text": "a narrow thing"}]},
        "relations": {"broader": ["three-evil-forces", "rats"]}}, user="test")
    fresh = get_concept(session, "narrow-thing")["relations"]["broader"]
    session.commit()
    session.expunge_all()
    again = get_concept(session, "narrow-thing")["relations"]["broader"]
    assert fresh == again == ["rats", "three-evil-forces"]
