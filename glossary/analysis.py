"""Word analysis: what a Russian, English or Chinese word is matched by, wherever words are
compared (the search index and its queries, annotate, the full-text index of the prose).

One definition, so that a term search finds in a text by its exact or lemma key is also a
term annotate marks in that text (tests/test_analysis_agreement.py):

- `fold`: case, width, ё/е and Latin diacritics folded (й is kept: it is a letter of its own).
- `words`: the words of a text with their spans in the original text; `word_form`: one word
  folded as `words` folds it.
- `norms`: what a folded word is matched by: Russian lemmas (pymorphy3, every candidate
  lemma), English stems (Snowball via PyStemmer) after folding British and American spellings
  together; `primary_norm`: the most probable of them, what a term's words are stored as.
- `is_han`, `is_cyrillic`, `script`: character classes. Chinese is matched by characters,
  folded to simplified script (glossary.chinese.fold_script), not by words.

The expensive resources are built once, on first use: one pymorphy3 MorphAnalyzer per
process (about 20 MiB, thread-safe), one PyStemmer stemmer per thread and language (a
stemmer is not safe to share between threads).
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass

from glossary.chinese import HAN_CHARS, is_han

__all__ = [
    "HAN_CHARS",
    "MAX_WORD_CHARS",
    "WORD_PATTERN",
    "Word",
    "american",
    "fold",
    "is_cyrillic",
    "is_han",
    "norms",
    "primary_norm",
    "script",
    "stemmer",
    "word_form",
    "words",
]

#: Longest word analysed; longer "words" are noise and stand for themselves.
MAX_WORD_CHARS = 48

#: A word: letters and digits, with apostrophes inside (Xi'an, women's).
WORD_PATTERN = r"[^\W_]+(?:['’ʼ][^\W_]+)*"
_WORD = re.compile(WORD_PATTERN)
_APOSTROPHES = re.compile(r"['’ʼ]")


def is_cyrillic(ch: str) -> bool:
    """Cyrillic, Cyrillic Supplement, Extended-A, -B and -C.

    >>> is_cyrillic("ё"), is_cyrillic("Ԝ"), is_cyrillic("e"), is_cyrillic("中")
    (True, True, False, False)
    """
    cp = ord(ch)
    return (0x0400 <= cp <= 0x052F or 0x1C80 <= cp <= 0x1C8F or 0x2DE0 <= cp <= 0x2DFF
            or 0xA640 <= cp <= 0xA69F)


def script(word: str) -> str:
    """"han", "cyrillic" or "latin" (digits and anything else count as Latin) for a word."""
    for ch in word:
        if is_han(ch):
            return "han"
        if is_cyrillic(ch):
            return "cyrillic"
    return "latin"


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, width and accent folding for Latin and Cyrillic text (Han untouched).

    ё → е; й and ў keep their marks; a u with diaeresis (pinyin ü) becomes v.

    >>> fold("Ёлка Nazarbáyev LÜ Й")
    'елка nazarbayev lv й'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            out.append(ch)
            continue
        prev = out[-1] if out else ""
        if ch == "\u0308" and prev == "u":
            out[-1] = "v"
        elif prev and is_cyrillic(prev) and ch != "\u0308":
            out.append(ch)  # й, ў: the mark makes another letter
    return unicodedata.normalize("NFC", "".join(out))


def word_form(token: str) -> str:
    """A word as it is matched before its normal form: folded, apostrophes dropped.

    >>> word_form("Women’s"), word_form("Xi'an"), word_form("ТРЁХ")
    ('womens', 'xian', 'трех')
    """
    return _APOSTROPHES.sub("", fold(token))


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text: its folded form and where it stands in the original text."""

    text: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """Non-Han words (letters and digits; apostrophes inside a word dropped), folded.

    Hyphens and other punctuation separate words; Han characters are left out (Chinese is
    matched by characters, not words).

    >>> [w.text for w in words("Women's Anti-Terrorist «Структура» 上合 2017")]
    ['womens', 'anti', 'terrorist', 'структура', '2017']
    """
    out: list[Word] = []
    for m in _WORD.finditer(text):
        token = m.group()
        if any(map(is_han, token)):
            out.extend(_split_han(token, m.start()))
            continue
        folded = word_form(token)
        if folded:
            out.append(Word(folded, m.start(), m.end()))
    return out


def _split_han(token: str, offset: int):
    start = None
    for i, ch in enumerate([*token, "一"]):
        if is_han(ch) or ch in "'’ʼ":
            if start is not None:
                folded = word_form(token[start:i])
                if folded:
                    yield Word(folded, offset + start, offset + i)
                start = None
        elif start is None:
            start = i


# --------------------------------------------------------------------------------------------
# Word normal forms: Russian lemmas, English stems
# --------------------------------------------------------------------------------------------

# British and American spellings are folded to one form before stemming, on both sides.
# The fold only has to be symmetric, not correct English: "exercise" becoming "exercize"
# everywhere is harmless. Listed words first, then suffix rules.
_SPELLING_WORDS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "catalogue": "catalog",
    "dialogue": "dialog", "dialogues": "dialogs", "analogue": "analog", "grey": "gray",
    "aluminium": "aluminum", "cheque": "check", "enrol": "enroll", "fulfil": "fulfill",
    "judgement": "judgment", "manoeuvre": "maneuver", "plough": "plow", "tyre": "tire",
    "storey": "story", "kerb": "curb", "sceptical": "skeptical", "mould": "mold",
}
_SPELLING_RULES = (
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|ational|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|able|ably|ite|ites|hood|ly)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{2})ll(ed|ing|er|ers|or|ors)$"), r"l\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
)


def american(word: str) -> str:
    """A folded English word in American spelling (or in the one form both spellings share).

    >>> [american(w) for w in ("organisation", "centre", "labour", "travelled", "analyse")]
    ['organization', 'center', 'labor', 'traveled', 'analyze']
    """
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    for pattern, repl in _SPELLING_RULES:
        word, count = pattern.subn(repl, word)
        if count:
            break
    return word


_stemmers = threading.local()


def stemmer(language: str):
    """This thread's PyStemmer stemmer for `language` ("english", "russian")."""
    cache = getattr(_stemmers, "cache", None)
    if cache is None:
        cache = _stemmers.cache = {}
    found = cache.get(language)
    if found is None:
        import Stemmer

        found = cache[language] = Stemmer.Stemmer(language)
    return found


_morph_lock = threading.Lock()
_morph = None


def morph_analyzer():
    """The process's one MorphAnalyzer, built on first use."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


@functools.lru_cache(maxsize=200_000)
def _lemmas(word: str) -> tuple[str, ...]:
    """A folded Cyrillic word's candidate lemmas, folded, the most probable first."""
    return tuple(dict.fromkeys(fold(p.normal_form) for p in morph_analyzer().parse(word)))


def _plain(word: str) -> bool:
    return not word or word.isdigit() or len(word) > MAX_WORD_CHARS


@functools.lru_cache(maxsize=200_000)
def primary_norm(word: str) -> str:
    """The most probable normal form of a folded word (pymorphy3's first parse, the
    English stem, or the word itself): what a term's words are stored and matched as.

    >>> primary_norm("шанхайская"), primary_norm("Organisations".lower())
    ('шанхайский', 'organiz')
    """
    if _plain(word):
        return word
    if any(map(is_cyrillic, word)):
        return _lemmas(word)[0]
    return stemmer("english").stemWord(american(word))


@functools.lru_cache(maxsize=200_000)
def norms(word: str) -> tuple[str, ...]:
    """The normal forms a folded word is matched by (never empty; the word itself first):
    a word of a text or query matches a term's word when one of them is the term word's
    `primary_norm`.

    Cyrillic: every lemma pymorphy3 proposes, ё folded. Latin: the English stem of the
    American spelling. Digits: the word itself.

    >>> norms("конвенции")
    ('конвенции', 'конвенция')
    >>> norms("organisations")
    ('organisations', 'organiz')
    """
    if _plain(word):
        return (word,)
    cyrillic = any(map(is_cyrillic, word))
    lemmas = set(_lemmas(word)) if cyrillic else {primary_norm(word)}
    lemmas.discard(word)
    return (word, *sorted(lemmas))
