"""Search (issue 5): what a translator types finds the right concept first.

Read-only tests share one application per module, built from tests/data/search (a termbase
with one concept or term per kind of query) or tests/data/search-cascade (one query that
matches a concept at every step of the ranking cascade).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import db
from glossary.services.search import InvalidSearch
from tests.searching import DATA, finder, ids, loaded_app


@pytest.fixture(scope="module")
def search_app(tmp_path_factory):
    return loaded_app(tmp_path_factory.mktemp("search"), DATA / "search")


@pytest.fixture(scope="module")
def find(search_app):
    return finder(search_app)


def matched(result, position: int = 0) -> dict:
    return result["hits"][position]["matched"]


# ---- the queries the issue names ---------------------------------------------------------

@pytest.mark.parametrize("query, concept", [
    ("Шанхайской конвенции", "shanghai-convention"),
    ("шанхайскую конвенцию о борьбе с терроризмом", "shanghai-convention"),
    ("sgsl", "three-evil-forces"),
    ("三股勢力", "three-evil-forces"),
    ("three evil forces", "three-evil-forces"),
    ("RATS", "rats"),
    ("РАТС", "rats"),
    ("Астане", "astana"),
    ("Nazarbaev", "nazarbayev"),
    ("Назарбаеву", "nazarbayev"),
    ("反恐", "rats"),
    ("地區反恐怖機構", "rats"),
])
def test_the_issues_examples_find_their_concept_first(find, query, concept):
    assert ids(find(query))[0] == concept


@pytest.mark.parametrize("query", ["sangushili", "san gu shi li", "sān gǔ shì lì",
                                   "san1 gu3 shi4 li4", "Sāngǔ Shìlì", "SANGUSHILI"])
def test_pinyin_is_found_joined_spaced_toned_or_numbered(find, query):
    result = find(query)
    assert ids(result)[0] == "three-evil-forces"
    assert matched(result) | {"spans": None} == {
        "lang": "zh-Hans", "term": "三股势力", "term_id": matched(result)["term_id"],
        "field": "pinyin", "step": "exact", "spans": None}


def test_pinyin_initials_find_the_chinese_term(find):
    assert matched(find("sgsl"))["field"] == "initials"


def test_palladius_finds_a_chinese_name(find):
    result = find("Си Цзиньпин", lang="zh")
    assert ids(result) == ["xi-jinping"]
    assert matched(result)["field"] == "palladius"


@pytest.mark.parametrize("query, concept", [
    ("Shanghai Cooperation Organization", "sco"),
    ("Treaty on Long-Term Good-Neighborliness", "good-neighbourliness-treaty"),
    ("shanghai convention", "shanghai-convention"),
    ("Anti-Terrorist Structures", "rats"),
])
def test_english_is_case_folded_stemmed_and_either_spelling(find, query, concept):
    assert ids(find(query))[0] == concept


@pytest.mark.parametrize("query", ["Молодежный совет", "молодёжного совета", "МОЛОДЁЖНЫЙ"])
def test_yo_and_ye_are_the_same_letter(find, query):
    assert ids(find(query))[0] == "youth-council"


def test_an_abbreviation_is_matched_exactly(find):
    result = find("ОДКБ")
    assert ids(result) == ["csto"]
    assert matched(result)["step"] == "abbreviation"


@pytest.mark.parametrize("query, concept", [("в Астане", "astana"),
                                            ("the Shanghai Convention", "shanghai-convention")])
def test_function_words_in_the_query_need_not_be_in_the_term(find, query, concept):
    result = find(query)
    assert ids(result)[0] == concept
    assert matched(result)["step"] in ("exact", "abbreviation")


def test_a_hyphenated_word_is_found_written_solid(find):
    assert ids(find("antiterrorist structure"))[0] == "rats"


# ---- the ranking cascade, step by step ----------------------------------------------------

@pytest.fixture(scope="module")
def cascade(tmp_path_factory):
    return finder(loaded_app(tmp_path_factory.mktemp("cascade"), DATA / "search-cascade"))


@pytest.mark.parametrize("query", ["Orbita", "轨道"])
def test_cascade_exact_then_abbreviation_then_prefix_then_inside_then_text(cascade, query):
    result = cascade(query)
    assert ids(result) == ["orbita-exact", "orbita-admitted", "orbita-deprecated",
                           "orbita-abbreviation", "orbita-prefix", "orbita-substring",
                           "orbita-text"]
    assert [matched(result, i)["step"] for i in range(7)] == [
        "exact", "exact", "exact", "abbreviation", "prefix", "substring", "text"]


def test_scores_fall_as_the_cascade_goes_down(cascade):
    scores = [hit["score"] for hit in cascade("Orbita")["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_within_a_step_preferred_comes_before_deprecated(find):
    result = find("secretariat")
    assert ids(result) == ["sco-secretariat", "rats-executive-committee"]
    assert matched(result, 1)["term"] == "RATS Secretariat"


def test_fuzzy_matches_come_only_when_nothing_else_does(find):
    result = find("Nazarbaev")
    assert matched(result)["step"] == "fuzzy"
    assert result["did_you_mean"] == "Nazarbayev"  # as the term writes it


def test_no_suggestion_when_the_query_matches(find):
    assert find("Nazarbayev")["did_you_mean"] is None


def test_nothing_found_gives_no_hits_and_no_suggestion(find):
    assert find("qzxv qzxv") == {"query": "qzxv qzxv", "hits": [], "total": 0,
                                 "total_exact": True, "did_you_mean": None}


# ---- prefix mode (search as you type) -----------------------------------------------------

def test_prefix_mode_completes_the_last_word(find):
    result = find("Nazarb", prefix=True)
    assert ids(result) == ["nazarbayev"]
    assert matched(result)["spans"] == [[10, 16]]


def test_prefix_mode_also_completes_a_word_that_matches_as_typed(find):
    assert ids(find("Council of Heads", prefix=False)) == ["heads-of-state-council"]
    assert "heads-of-state-council" in ids(find("Council of Head", prefix=True))


def test_a_query_that_matches_nothing_as_typed_has_its_last_word_completed(find):
    result = find("shanghai co")
    assert ids(result)[:2] == ["shanghai-convention", "sco"]
    assert result["did_you_mean"] is None


def test_prefix_mode_ranks_terms_that_start_with_the_query_first(find):
    result = find("shanghai co", prefix=True)
    assert ids(result)[:2] == ["shanghai-convention", "sco"]  # the shorter term first
    assert [matched(result, i)["step"] for i in (0, 1)] == ["prefix", "prefix"]


# ---- what matched, for highlighting -------------------------------------------------------

@pytest.mark.parametrize("query, term, spans", [
    ("反恐", "地区反恐怖机构", [[2, 4]]),
    ("地區反恐", "地區反恐怖機構", [[0, 4]]),
    ("Anti-Terrorist", "Regional Anti-Terrorist Structure", [[9, 13], [14, 23]]),
    ("diqu", "地区反恐怖机构", [[0, 2]]),
    ("RATS", "RATS", [[0, 4]]),
])
def test_matched_names_the_term_and_the_spans_to_highlight(find, query, term, spans):
    hit = matched(find(query))
    assert (hit["term"], hit["spans"]) == (term, spans)


def test_matched_term_id_is_the_terms_id_in_the_concept(find):
    hit = find("РАТС")["hits"][0]
    ru = {t["id"]: t["text"] for t in hit["concept"]["terms"]["ru"]}
    assert ru[hit["matched"]["term_id"]] == "РАТС"


def test_hits_carry_the_whole_concept_shape(find, search_app):
    from glossary.services.concepts import get_concept

    hit = find("RATS")["hits"][0]
    with search_app.app_context():
        assert hit["concept"] == get_concept(db.session(), "rats")


# ---- filters, paging, totals ---------------------------------------------------------------

def test_lang_decides_which_terms_may_match(find):
    assert matched(find("xian", lang="en"))["field"] == "exact"
    assert matched(find("xian", lang="zh"))["field"] == "pinyin"
    assert find("ШОС", lang="en")["total"] == 0


def test_status_filter_lets_only_such_terms_match(find):
    assert ids(find("secretariat", status="deprecated")) == ["rats-executive-committee"]


def test_subject_filter(find):
    assert ids(find("上海合作组织", subject="finance")) == ["interbank-consortium"]


def test_document_filter_keeps_concepts_found_in_that_document(find):
    assert set(ids(find("反恐"))) == {"rats", "peace-mission", "rats-executive-committee"}
    assert ids(find("反恐", document="astana-2017-excerpt")) == ["rats"]


def test_document_filter_accepts_a_source(find):
    assert find("反恐", document="sco-ru")["total"] == 3


def test_total_counts_every_matching_concept(find):
    assert find("上海合作组织", limit=1)["total"] == len(ids(find("上海合作组织", limit=200)))


def test_the_total_is_exact_up_to_the_count_limit_and_says_so_above(search_app):
    from glossary.search import query, sync

    with search_app.app_context():
        conn = sync.index_for(search_app).reader()
        exact = query.run(conn, "上海合作组织", limit=1)
        capped = query.run(conn, "上海合作组织", limit=1, count_limit=3)
    assert (exact.total, exact.total_exact) == (7, True)
    assert (capped.total, capped.total_exact) == (3, False)


def test_a_total_that_is_a_floor_still_promises_the_next_page(search_app):
    from glossary.search import query, sync

    with search_app.app_context():
        conn = sync.index_for(search_app).reader()
        deep = query.run(conn, "上海合作组织", limit=2, offset=4, count_limit=3)
        last = query.run(conn, "上海合作组织", limit=2, offset=6, count_limit=3)
    assert (deep.total, deep.total_exact) == (7, False)
    assert (len(last.hits), last.total) == (1, 7)


def test_limit_zero_counts_without_a_page(find):
    result = find("上海合作组织", limit=0)
    assert (result["hits"], result["total"]) == ([], 7)


def test_pages_follow_each_other_without_overlap(find):
    whole = ids(find("上海合作组织", limit=6))
    pages = ids(find("上海合作组织", limit=3)) + ids(find("上海合作组织", limit=3, offset=3))
    assert pages == whole
    assert len(set(whole)) == 6


@pytest.mark.parametrize("options, field", [
    ({"lang": "fr"}, "lang"), ({"status": "approved"}, "status"),
    ({"subject": "cooking"}, "subject"), ({"document": "no-such-document"}, "document"),
    ({"limit": -1}, "limit"), ({"limit": 1000}, "limit"), ({"offset": -5}, "offset"),
    ({"limit": "10"}, "limit"),
])
def test_bad_parameters_are_refused_by_name(find, options, field):
    with pytest.raises(InvalidSearch) as caught:
        find("RATS", **options)
    assert caught.value.field == field


# ---- user input is data, never syntax -------------------------------------------------------

@pytest.mark.parametrize("query", [
    '"RATS', "RATS:", "title:RATS", "RATS AND NOT ШОС", "RATS OR", "(RATS)", "[RATS]",
    "RAT*", "R?TS", "RATS^2", "RATS~", "\\RATS", "' OR 1=1 --", "%_%", "RATS\x00",
    "RATS\ud800", "\u202eRATS", "x" * 10_000, "地区" * 5000, "Ш" * 300 + " RATS",
    "\x1b[31mRATS", "", "   ", "🛰️", "RATS" + "\u0301" * 50,
])
def test_hostile_input_is_just_text(find, query):
    result = find(query)
    assert set(result) == {"query", "hits", "total", "total_exact", "did_you_mean"}


def test_syntax_characters_do_not_change_the_answer(find):
    assert ids(find('"RATS"')) == ids(find("RATS")) == ids(find("(RATS)*"))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.text(st.characters(exclude_categories=()), max_size=300),
       prefix=st.booleans(), limit=st.integers(0, 30), offset=st.integers(0, 30))
def test_any_text_at_all_gets_an_answer(find, query, prefix, limit, offset):
    result = find(query, prefix=prefix, limit=limit, offset=offset)
    assert len(result["hits"]) <= limit
    assert result["total"] >= offset + len(result["hits"]) or not result["hits"]
