"""The text analysis behind search: the same functions make index keys and query keys."""

from __future__ import annotations

import pytest

from glossary.analysis import american, fold, norms, words
from glossary.search import fuzzy, pinyin
from glossary.search.keys import clean_query, lemma_key


@pytest.mark.parametrize("typed, folded", [
    ("Ёлка", "елка"), ("ЙОД", "йод"), ("ＲＡＴＳ", "rats"), ("Nazarbáyev", "nazarbayev"),
    ("lǜ", "lv"), ("Straße", "strasse"),
])
def test_fold_evens_out_case_width_yo_and_accents(typed, folded):
    assert fold(typed) == folded


def test_words_keep_their_place_in_the_original_text():
    text = "«Мирная миссия»-2017"
    assert [(w.text, text[w.start:w.end]) for w in words(text)] == [
        ("мирная", "Мирная"), ("миссия", "миссия"), ("2017", "2017")]


def test_every_case_form_of_a_russian_word_shares_a_normal_form():
    forms = ["конвенция", "конвенции", "конвенцию", "конвенцией", "конвенциях"]
    assert set.intersection(*(set(norms(f)) for f in forms)) == {"конвенция"}


def test_british_and_american_spellings_share_a_stem():
    assert norms("organisation")[-1] == norms("organization")[-1]
    assert american("programme") == american("program")


def test_a_term_in_another_case_has_the_same_lemma_key():
    assert lemma_key("Шанхайской конвенции") == lemma_key("Шанхайская конвенция")


@pytest.mark.parametrize("typed", ["sangushili", "san gu shi li", "Sān gǔ shì lì",
                                   "san1 gu3 shi4 li4", "san-gu-shi-li"])
def test_pinyin_letters_ignore_tones_spaces_and_digits(typed):
    assert pinyin.letters(typed) == "sangushili"


def test_pinyin_is_told_from_english():
    assert pinyin.segment("sangushili") == ("san", "gu", "shi", "li")
    assert pinyin.segment("structure") is None


@pytest.mark.parametrize("typo, word, distance", [
    ("nazarbaev", "nazarbayev", 1), ("asatna", "astana", 1), ("shanghay", "shanghai", 1),
    ("orgnaisation", "organisation", 1), ("cooperaton", "cooperation", 1),
])
def test_a_typo_is_within_reach_of_the_word(typo, word, distance):
    assert fuzzy.distance(typo, word, fuzzy.max_distance(typo)) == distance
    assert fuzzy.query_keys(typo) & (fuzzy.stored_deletions(word) | {word})


def test_short_words_get_no_typo_tolerance():
    assert fuzzy.max_distance("sco") == 0


def test_a_query_is_cleaned_of_control_characters_and_cut_to_size():
    assert clean_query("RATS\x00\u200b\ud800 " + "x" * 1000) == "RATS " + "x" * 251
