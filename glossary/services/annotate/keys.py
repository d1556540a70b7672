"""Word keys: what a word of a term and a word of a text are matched by.

The same analysis as search's (glossary.analysis): a term's word is keyed by its most
probable normal form (`primary_norm`: the Russian lemma, the English stem of the American
spelling), which is what the search index stores a term's words as; a word of the text may
stand for any of its normal forms (`norms`: every lemma pymorphy3 proposes), as a query word
does. So what search finds as a whole term, annotate marks (tests/test_analysis_agreement.py).

Abbreviations written in capitals are keyed as written ("=RATS"), and punctuation inside a
term as itself ("#,"): both must be in the text as they are in the term.

>>> term_keys("Regional Anti-Terrorist Structure (RATS)")
['region', 'anti', 'terrorist', 'structur', '#(', '=RATS', '#)']
>>> text_word_keys("Программу"), text_word_keys("Structures"), text_word_keys("NGOs")
(('программа', 'программу'), ('structur', 'structures'), ('=NGO', 'ngos'))
"""

from __future__ import annotations

import re

from glossary.analysis import WORD_PATTERN, norms, primary_norm, word_form

#: Words (with inner apostrophes), runs of characters that separate words without counting
#: (spaces, hyphens, dashes, quotes), and any other single character (punctuation).
TOKEN = re.compile(f"(?P<word>{WORD_PATTERN})"
                   "|[\\s\\-\u2010-\u2015'\"«»\u2018-\u201f\u2039\u203a\u300c-\u300f]+"
                   "|(?P<mark>.)", re.S)
#: English possessive endings, left out of a word (and of a mark).
POSSESSIVE = ("'s", "’s", "ʼs", "'S", "’S", "ʼS")
#: Longest lower-case ending an abbreviation may carry in the text (NGOs, МИДа, МИДом).
_ABBREVIATION_ENDING = 3


def strip_possessive(word: str) -> str:
    """The word without an English possessive ending (Jinping's → Jinping)."""
    return word[:-2] if word.endswith(POSSESSIVE) else word


def is_abbreviation(word: str) -> bool:
    """Two letters or more, all capitals (RATS, ШОС, G20)."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def abbreviation_key(word: str) -> str:
    return "=" + word.replace("Ё", "Е")


def word_key(word: str) -> str:
    """The key of a (non-abbreviation) word of a term: its most probable normal form."""
    return primary_norm(word_form(word))


def term_keys(text: str) -> list[str]:
    """The keys of a Russian or English term's words and punctuation, in order."""
    keys = []
    for m in TOKEN.finditer(text):
        if m.group("word"):
            word = strip_possessive(m.group("word"))
            keys.append(abbreviation_key(word) if is_abbreviation(word) else word_key(word))
        elif m.group("mark"):
            keys.append("#" + m.group("mark"))
    return keys


def text_word_keys(word: str) -> tuple[str, ...]:
    """The keys a word of a text may match, the likeliest first: as an abbreviation (in
    capitals, perhaps with a short lower-case ending), then by each of its normal forms."""
    word = strip_possessive(word)
    keys = []
    upper = 0
    while upper < len(word) and (word[upper].isupper() or word[upper].isdigit()):
        upper += 1
    ending = word[upper:]
    if upper >= 2 and len(ending) <= _ABBREVIATION_ENDING and (not ending or ending.islower()):
        keys.append(abbreviation_key(word[:upper]))
    form = word_form(word)
    keys.append(primary_norm(form))
    keys += norms(form)
    return tuple(dict.fromkeys(keys))
