"""The annotate service: every known term in a text, with offsets and its concept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import create_app, db
from glossary.config import PROJECT_ROOT
from glossary.services import editing
from glossary.services.annotate import MAX_TEXT_BYTES, TextTooLarge, annotate
from glossary.services.annotate.phrases import Phrases
from tests.databases import fresh_database_url


def marked(result) -> list[tuple[str, str]]:
    return [(m["text"], m["concept"]) for m in result["marks"]]


def add_concept(session, key: str, terms: dict) -> None:
    with db.transaction():
        editing.create_concept(session, {"id": key, "terms": terms}, user="test")


def test_a_chinese_term_is_marked_with_its_offsets_in_the_text(session):
    text = "元首们评价地区反恐怖机构的工作。"
    [mark] = annotate(session, text)["marks"]
    assert text[mark["start"]:mark["end"]] == "地区反恐怖机构"
    assert (mark["concept"], mark["lang"], mark["status"]) == ("rats", "zh-Hans", "preferred")


def test_a_mark_names_the_term_it_matched(session):
    [mark] = annotate(session, "上合组织")["marks"]
    concept = annotate(session, "上合组织")["concepts"][0]
    term = next(t for t in concept["terms"]["zh-Hans"] if t["id"] == mark["term_id"])
    assert term["text"] == "上合组织"


def test_traditional_script_matches_and_names_the_traditional_term(session):
    [mark] = annotate(session, "地區反恐怖機構")["marks"]
    assert (mark["concept"], mark["lang"], mark["text"]) == ("rats", "zh-Hant", "地區反恐怖機構")


def test_a_chinese_term_broken_across_lines_is_marked_over_the_break(session):
    text = "评价地区反恐\n  怖机构的工作"
    [mark] = annotate(session, text)["marks"]
    assert (mark["start"], mark["end"]) == (2, 12)
    assert mark["text"] == "地区反恐\n  怖机构"


def test_the_longest_term_wins(session):
    add_concept(session, "rats-council", {"zh-Hans": [{"text": "地区反恐怖机构理事会"}]})
    assert marked(annotate(session, "地区反恐怖机构理事会会议")) == [
        ("地区反恐怖机构理事会", "rats-council")]


def test_a_new_term_is_found_as_soon_as_it_is_committed(session):
    assert annotate(session, "Совет РАТС")["marks"][0]["concept"] == "rats"
    assert len(annotate(session, "Совет РАТС")["marks"]) == 1
    add_concept(session, "rats-council", {"ru": [{"text": "Совет РАТС"}]})
    assert marked(annotate(session, "Совет РАТС")) == [("Совет РАТС", "rats-council")]


def test_russian_inflected_forms_are_marked(session):
    text = "Деятельность Региональной антитеррористической структуры одобрена."
    assert marked(annotate(session, text)) == [
        ("Региональной антитеррористической структуры", "rats")]


def test_russian_irregular_forms_are_found_through_their_lemma(session):
    assert marked(annotate(session, "борьба против трёх сил зла")) == [
        ("трёх сил зла", "three-evil-forces")]


def test_russian_yo_and_e_are_the_same_letter(session):
    assert marked(annotate(session, "трех сил зла")) == [("трех сил зла", "three-evil-forces")]


@pytest.mark.parametrize("text, found", [
    ("the regional anti-terrorist structure", "regional anti-terrorist structure"),
    ("REGIONAL ANTI-TERRORIST STRUCTURE", "REGIONAL ANTI-TERRORIST STRUCTURE"),
    ("two Regional Anti-Terrorist Structures", "Regional Anti-Terrorist Structures"),
    ("the Regional Anti–Terrorist Structure", "Regional Anti–Terrorist Structure"),
])
def test_english_is_matched_in_any_case_and_number(session, text, found):
    assert marked(annotate(session, text)) == [(found, "rats")]


def test_a_possessive_is_left_out_of_the_mark(session):
    assert marked(annotate(session, "Xi Jinping's visit")) == [("Xi Jinping", "xi-jinping")]


def test_an_abbreviation_is_matched_in_capitals_only(session):
    assert marked(annotate(session, "RATS and rats")) == [("RATS", "rats")]


def test_punctuation_inside_a_span_stops_a_match(session):
    assert annotate(session, "Regional Anti-Terrorist. Structure")["marks"] == []


def test_words_are_not_matched_inside_other_words(session):
    assert annotate(session, "Xi Jinpingism")["marks"] == []


def test_every_language_is_marked_in_a_mixed_text(session):
    text = "上合组织 (Shanghai Cooperation Organisation, ШОС)"
    assert [m["lang"] for m in annotate(session, text)["marks"]] == ["zh-Hans", "en", "ru"]


def test_a_language_limits_the_terms_matched(session):
    text = "上合组织 (Shanghai Cooperation Organisation, ШОС)"
    assert marked(annotate(session, text, lang="ru")) == [("ШОС", "sco")]
    result = annotate(session, text, lang="zh-Hant")
    assert (result["lang"], marked(result)) == ("zh-Hant", [("上合组织", "sco")])


def test_the_concepts_are_exactly_those_found_in_order_of_first_mark(session):
    result = annotate(session, "习近平 на заседании ШОС; 习近平")
    assert [c["id"] for c in result["concepts"]] == ["xi-jinping", "sco"]
    assert set(result["concepts"][0]) >= {"id", "terms", "relations", "version"}


def test_a_text_without_terms_has_no_marks_and_no_concepts(session):
    assert annotate(session, "Nothing to see here.") == {
        "text": "Nothing to see here.", "lang": None, "marks": [], "concepts": []}


def test_a_homonym_gives_one_mark_per_concept(session):
    add_concept(session, "rats-animals", {"en": [{"text": "RATS"}]})
    assert sorted(marked(annotate(session, "RATS"))) == [("RATS", "rats"),
                                                         ("RATS", "rats-animals")]


def test_a_chinese_term_does_not_cut_a_latin_word(session):
    add_concept(session, "g20-summit", {"zh-Hans": [{"text": "G20峰会"}]})
    assert marked(annotate(session, "G20峰会")) == [("G20峰会", "g20-summit")]
    assert annotate(session, "XG20峰会")["marks"] == []


def test_unpaired_surrogates_are_replaced_one_for_one(session):
    result = annotate(session, "\ud800上合组织")
    assert result["text"] == "\ufffd上合组织"
    assert result["marks"][0]["start"] == 1


def test_a_text_of_the_largest_size_is_annotated(session):
    text = ("上合组织。" * (MAX_TEXT_BYTES // 15))[: MAX_TEXT_BYTES // 3]
    assert len(annotate(session, text)["marks"]) == text.count("上合组织")


def test_a_larger_text_is_refused(session):
    with pytest.raises(TextTooLarge, match="at most 1048576 bytes"):
        annotate(session, "x" * (MAX_TEXT_BYTES + 1))


@pytest.mark.parametrize("lang", ["fr", "ZH", ""])
def test_an_unknown_language_is_refused(session, lang):
    with pytest.raises(ValueError, match="unknown language"):
        annotate(session, "上合组织", lang=lang)


# --------------------------------------------------------------------------------------------
# On the shipped SCO termbase
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shipped")
    with fresh_database_url(folder) as url:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder),
                          "DATA_DIR": str(PROJECT_ROOT / "data"), "SECRET_KEY": "test",
                          "DATABASE_URL": url})
        assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
        with app.app_context():
            yield db.session()
        app.extensions["glossary.engine"].dispose()


def test_the_shipped_termbase_marks_rats_in_russian_running_text(shipped):
    text = "в рамках «Региональной антитеррористической структуры» и"
    assert marked(annotate(shipped, text)) == [
        ("Региональной антитеррористической структуры", "rats")]


def test_the_shipped_termbase_prefers_the_longest_chinese_name(shipped):
    found = marked(annotate(shipped, "上海合作组织地区反恐怖机构"))
    assert found == [("上海合作组织地区反恐怖机构", "rats")]


def test_an_edited_concept_is_given_as_it_is_now(session):
    assert annotate(session, "ШОС")["concepts"][0]["version"] == 1
    with db.transaction():
        editing.update_concept(session, "sco", {"subject": "politics"}, expected_version=1,
                               user="test")
    concept = annotate(session, "ШОС")["concepts"][0]
    assert (concept["version"], concept["subject"]) == (2, "politics")


def test_the_concepts_given_are_copies(session):
    annotate(session, "ШОС")["concepts"][0]["terms"].clear()
    assert annotate(session, "ШОС")["concepts"][0]["terms"]["ru"]


# --------------------------------------------------------------------------------------------
# The phrase matcher, against a brute-force reading of the same rule
# --------------------------------------------------------------------------------------------


def _brute_force(terms: dict[str, tuple[int, ...]], codes: list[str]):
    """Leftmost, longest, first combination of each word's codes (its likeliest first)."""
    import itertools

    i, found = 0, []
    while i < len(codes):
        for length in range(len(codes) - i, 0, -1):
            hit = next((terms[s] for s in map("".join, itertools.product(*codes[i:i + length]))
                        if s in terms), None)
            if hit:
                found.append((i, i + length, hit))
                i += length
                break
        else:
            i += 1
    return found


@given(st.lists(st.text("abcd", min_size=1, max_size=4), min_size=1, max_size=8),
       st.lists(st.text("abcdx", min_size=1, max_size=2), max_size=10))
def test_the_phrase_matcher_finds_what_every_reading_of_the_words_would(terms, codes):
    phrases = Phrases((term, n) for n, term in enumerate(terms))
    expected = {term: tuple(dict.fromkeys(n for n, t in enumerate(terms) if t == term))
                for term in terms}
    alternatives = {i: c[1:] for i, c in enumerate(codes) if len(c) > 1}
    coded = "".join(c[0] for c in codes)
    assert list(phrases.find(coded, alternatives)) == _brute_force(expected, codes)
