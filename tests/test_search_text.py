"""The text step: concepts found by their prose (definitions, notes, term usage notes).

Read-only tests share one application per module, built from tests/data/search-text (prose
in three languages, quoting across scripts) or tests/data/search-cascade (one query that
matches a concept at every step, the last one by a note).
"""

from __future__ import annotations

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.search import prose, query, sync
from tests.searching import DATA, finder, ids, loaded_app


@pytest.fixture(scope="module")
def text_app(tmp_path_factory):
    return loaded_app(tmp_path_factory.mktemp("text"), DATA / "search-text")


@pytest.fixture(scope="module")
def find(text_app):
    return finder(text_app)


def text_hits(result) -> list[dict]:
    return [hit for hit in result["hits"] if hit["matched"]["step"] == "text"]


# ---- a query only the prose holds ------------------------------------------------------------

def test_a_query_only_a_note_contains_finds_its_concept_after_the_term_match(find):
    result = find("Nur-Sultan")
    assert ids(result) == ["astana", "astana-process"]
    term, note = (hit["matched"] for hit in result["hits"])
    assert term["step"] == "exact"
    assert note | {"spans": None, "snippet": None} == {
        "lang": "en", "term": None, "term_id": None, "field": "note", "step": "text",
        "spans": None, "snippet": None}
    assert result["total"] == 2


def test_the_spans_and_the_snippet_mark_the_words_in_that_text(find):
    hit = text_hits(find("Nur-Sultan"))[0]
    text = hit["concept"]["note"]["en"]
    matched = hit["matched"]
    assert [text[s:e] for s, e in matched["spans"]] == ["Nur-Sultan"]
    snippet = matched["snippet"]
    assert [snippet["text"][s:e] for s, e in snippet["spans"]] == ["Nur-Sultan"]


@pytest.mark.parametrize("query, concept, field, lang", [
    ("which concept's note mentions Nur-Sultan?", "astana-process", "note", "en"),
    ("the body in Tashkent that coordinates", "rats", "definition", "en"),
    ("сепаратизм экстремизм определение", "three-evil-forces", "definition", "ru"),
    ("Нур-Султан", "astana-process", "note", "ru"),
    ("Нур-Султане", "astana-process", "note", "ru"),
])
def test_questions_find_their_concept_by_its_prose(find, query, concept, field, lang):
    hits = {hit["concept"]["id"]: hit["matched"] for hit in text_hits(find(query))}
    assert (hits[concept]["field"], hits[concept]["lang"]) == (field, lang)


def test_a_question_a_term_answers_with_a_typo_is_answered_by_the_term_first(find):
    # "terrorism" is one letter from "Terrorist": the term steps win, the prose is not read
    result = find("the body in Tashkent that fights terrorism")
    assert ids(result) == ["rats"]
    assert result["hits"][0]["matched"]["step"] == "fuzzy"


@pytest.mark.parametrize("query", ["Ташкент", "Ташкенте", "ташкентом", "ТАШКЕНТА"])
def test_russian_in_any_case_form_finds_the_russian_definition(find, query):
    hit = text_hits(find(query, lang="ru"))[0]
    assert (hit["concept"]["id"], hit["matched"]["lang"]) == ("rats", "ru")
    text = hit["concept"]["definition"]["ru"]
    assert [text[s:e] for s, e in hit["matched"]["spans"]] == ["Ташкенте"]


@pytest.mark.parametrize("query", ["трёх угроз", "трех угроз", "ТРЁХ УГРОЗ", "угрозами"])
def test_yo_and_ye_are_one_letter_in_prose_too(find, query):
    assert ids(find(query)) == ["three-evil-forces"]


@pytest.mark.parametrize("query", ["恐怖主义", "分裂主義", "设在塔什干", "塔什幹"])
def test_a_chinese_fragment_in_either_script_finds_the_chinese_definition(find, query):
    hit = text_hits(find(query))[0]
    assert (hit["concept"]["id"], hit["matched"]["lang"]) == ("rats", "zh")
    text = hit["concept"]["definition"]["zh"]
    start, end = hit["matched"]["spans"][0]
    assert len(text[start:end]) == len(query)


def test_chinese_quoted_in_an_english_note_is_found(find):
    hit = text_hits(find("上合组织开发"))[0]
    assert hit["concept"]["id"] == "sco-bank"
    assert (hit["matched"]["field"], hit["matched"]["lang"]) == ("note", "en")
    assert hit["matched"]["spans"] == [[7, 13]]


def test_a_term_usage_note_names_its_term(find):
    hit = text_hits(find("Алматы"))[0]
    term = next(t for t in hit["concept"]["terms"]["ru"] if t["text"] == "СВМДА")
    assert hit["matched"] | {"spans": None, "snippet": None} == {
        "lang": "ru", "term": "СВМДА", "term_id": term["id"], "field": "note",
        "step": "text", "spans": None, "snippet": None}
    assert term["note"][slice(*hit["matched"]["spans"][0])] == "Алматы"


@pytest.mark.parametrize("query, concept", [
    ("proposed developments", "sco-bank"), ("organized", "sco-bank"), ("ORGANISING", "sco-bank"),
    ("COMBAT", "rats"), ("coordinated", "rats")])
def test_english_is_case_folded_stemmed_and_either_spelling(find, query, concept):
    assert ids(find(query)) == [concept]


def test_most_words_of_a_longer_query_are_enough(find):
    assert prose.required(4) == 3
    assert ids(find("permanent body Tashkent elephants")) == ["rats"]
    assert ids(find("permanent elephants giraffes Tashkent")) == []


def test_after_a_term_match_the_prose_must_hold_every_word(find):
    # "Nur-Sultan 2019 process" names no term: three words in three are not needed ...
    loose = find("Nur-Sultan Tashkent elephants")
    assert text_hits(loose) == []  # (two of three words, none of them in one text)
    # ... two of three are enough for a description that names no term ...
    assert "cica" in ids(find("Asian states Tashkent"))
    # ... but once the query was found as a term, a note must name all of what was typed.
    assert ids(find("SCO Development Bank")) == ["sco-bank"]
    assert ids(find("Astana process")) == ["astana-process"]
    steps = [(h["concept"]["id"], h["matched"]["step"]) for h in find("Astana", lang="en")["hits"]]
    assert steps == [("astana", "exact"), ("astana-process", "prefix")]
    result = find("Astana")
    assert [h["matched"]["step"] for h in result["hits"]][:1] == ["exact"]


def test_function_words_alone_find_nothing_in_prose(find):
    assert text_hits(find("the of and")) == []


# ---- its place in the cascade -----------------------------------------------------------------

@pytest.fixture(scope="module")
def cascade(tmp_path_factory):
    return finder(loaded_app(tmp_path_factory.mktemp("cascade"), DATA / "search-cascade"))


@pytest.mark.parametrize("query, lang", [("Orbita", "en"), ("轨道", "zh")])
def test_the_text_step_comes_after_every_term_step(cascade, query, lang):
    result = cascade(query)
    assert ids(result)[-1] == "orbita-text"
    steps = [hit["matched"]["step"] for hit in result["hits"]]
    assert steps == ["exact", "exact", "exact", "abbreviation", "prefix", "substring", "text"]
    assert result["hits"][-1]["matched"]["lang"] == lang
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] < 20


def test_a_text_hit_scores_below_the_weakest_fuzzy_match():
    worst_fuzzy = query.Hit(1, 1, 1, 3, 4, "fuzzy", (4, 3, 9, 99, 999, 1))
    best_text = query.Hit(2, 0, 0, 0, query.TEXT_STEP, "note", (5, -1e9, 2), relevance=1e9)
    assert best_text.score < worst_fuzzy.score


def test_the_text_step_is_skipped_when_the_terms_fill_the_page(cascade):
    result = cascade("Orbita", limit=3)
    assert ids(result)[:3] == ["orbita-exact", "orbita-admitted", "orbita-deprecated"]
    assert result["total"] == 6  # the term matches; the note is counted when paging reaches it


def test_paging_carries_on_into_the_text_hits(cascade):
    whole = ids(cascade("Orbita", limit=7))
    pages = [ids(cascade("Orbita", limit=3, offset=offset)) for offset in (0, 3, 6)]
    assert [key for page in pages for key in page] == whole
    last = cascade("Orbita", limit=3, offset=6)
    assert last["total"] == 7 and ids(last) == ["orbita-text"]


def test_a_full_page_of_terms_still_promises_the_text_hits_after_it(cascade):
    assert cascade("Orbita", limit=6)["total"] == 7


def test_search_as_you_type_matches_prose_by_the_words_already_typed(find):
    assert ids(find("Tashkent coord", prefix=True)) == ["rats"]  # "coord": not yet a word
    assert ids(find("Tashk", prefix=True)) == []
    assert ids(find("Tashkent", prefix=False)) == ["rats"]


def test_limit_zero_counts_text_hits_only_when_no_term_matches(find):
    assert find("Tashkent", limit=0)["total"] == 1
    assert find("Nur-Sultan", limit=0)["total"] == 1  # the term match; its page is not read


# ---- filters ----------------------------------------------------------------------------------

def test_lang_decides_which_language_of_prose_may_match(find):
    assert ids(find("Tashkent", lang="en")) == ["rats"]
    assert ids(find("Tashkent", lang="ru")) == []
    assert ids(find("塔什干", lang="zh")) == ["rats"]
    assert ids(find("塔什干", lang="en")) == []


def test_subject_filter_applies_to_text_hits(find):
    assert ids(find("Nur-Sultan", subject="international-relations")) == ["astana-process"]
    assert ids(find("Nur-Sultan", subject="finance")) == []


def test_a_status_filter_leaves_prose_out(find):
    assert ids(find("Nur-Sultan", status="deprecated")) == ["astana"]
    assert find("Tashkent", status="preferred")["total"] == 0


# ---- user input is data -----------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "note_en:Tashkent", "definition_zh:塔什干", "cid:1", "Tashkent OR *", "Tash*", "Tashkent~2",
    '"permanent body', "body^5 Tashkent", "NOT Tashkent", "(Tashkent", "Tashkent\x00",
    "塔什\ud800干", "x" * 10_000, "塔什干" * 3000, "ё" * 500, "\u202eTashkent", "*", "?",
])
def test_hostile_input_never_raises_and_is_just_text(find, query):
    result = find(query)
    assert set(result) == {"query", "hits", "total", "total_exact", "did_you_mean"}


def test_syntax_around_a_word_does_not_change_the_answer(find):
    assert ids(find("Tashkent")) == ids(find("(Tashkent)*")) == ids(find('"Tashkent"'))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.text(st.characters(exclude_categories=()), max_size=200),
       limit=st.integers(0, 10), offset=st.integers(0, 10))
def test_any_text_at_all_gets_an_answer_from_the_text_step_too(find, query, limit, offset):
    result = find(query, limit=limit, offset=offset)
    assert len(result["hits"]) <= limit
    assert result["total"] >= offset + len(result["hits"]) or not result["hits"]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["Tashkent", "body", "permanent", "塔什干", "Ташкенте",
                                       "terrorism", "extremism", "the", "Nur-Sultan",
                                       "SCO", "SCO"]), max_size=12))
def test_repeated_words_make_one_lookup_each(words):
    tokens = prose.analyse_query(" ".join(words)).tokens
    assert len(tokens) == len(set(tokens))
    forms = [(t.lang, form) for t in tokens for form in t.forms]
    assert len(forms) == len(set(forms))  # so no Or holds a term twice


# ---- what the surfaces show -------------------------------------------------------------------

def test_the_web_card_shows_the_snippet_with_the_match_marked(text_app):
    page = text_app.test_client().get("/search?q=Nur-Sultan").get_data(as_text=True)
    card = page[page.index('id="concept-astana-process"'):]
    assert '<p class="snippet"' in card
    assert "<mark>Nur-Sultan</mark>" in card
    assert "<mark>" not in card[:card.index('<p class="snippet"')]  # no term is marked


def test_the_api_answer_with_a_text_hit_matches_its_schema(text_app):
    client = text_app.test_client()
    spec = client.get("/api/v1/openapi.json").get_json()
    answer = client.get("/api/v1/search", query_string={"q": "Nur-Sultan"}).get_json()
    assert [h["matched"]["step"] for h in answer["hits"]] == ["exact", "text"]
    schema = {"$ref": "#/components/schemas/SearchResult", "components": spec["components"]}
    assert jsonschema_rs.validator_for(schema).is_valid(answer)


def test_the_command_line_prints_the_snippet_of_a_text_hit(text_app):
    result = text_app.test_cli_runner().invoke(args=["search", "Tashkent"])
    assert result.exit_code == 0, result.output
    line = result.stdout.splitlines()[0].split("\t")
    assert line[0] == "rats"
    assert line[-1].startswith("[text: definition en ") and "Tashkent" in line[-1]


def test_the_text_step_alone_skips_nothing_it_should_count(text_app):
    with text_app.app_context():
        index = sync.index_for(text_app)
        step = query.text_step(index.text_searcher)
        hits, total = step("Tashkent", 5, query.Filters(), frozenset())
    assert total == len(hits) == 1
    assert hits[0].field == "definition"
