"""Text analysis shared by the index and the queries: the same functions make the keys a term
is stored under and the keys a query looks up, so the two sides cannot drift apart.

- `clean_query`: user input as data: control characters, lone surrogates and excess length
  removed; nothing in it is syntax.
- `fold`: case, width, ё/е and Latin diacritics folded (й is kept: it is a letter of its own).
- `words`: the words of a text with their spans in the original text (for highlighting).
- `norms`: what a word is matched by: Russian lemmas (pymorphy3, every candidate lemma),
  English stems (Snowball via PyStemmer) after folding British and American spellings together.
- `zh_key`: a Chinese text folded to simplified script, letters and digits only.
- `term_key`: the exact-match key of a Russian/English term (its folded words, one space apart).
- `lemma_key`: the same words by their most probable lemma or stem: a term in another case
  form, number or spelling has the same lemma key.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Longest query we analyse; the rest of a 10 KB paste is noise, not a search.
MAX_QUERY_CHARS = 256
#: Most words of one script we look up for one query.
MAX_QUERY_WORDS = 16
#: Longest word we look up; longer "words" are noise.
MAX_WORD_CHARS = 48

#: Function words a query may carry that a term need not contain ("в Астане", "of the SCO").
_STOPWORD_LIST = """
a an and at by for from in of on or the to with
а в во для до и из к ко на о об от по при с со у
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’ʼ]")


def is_han(ch: str) -> bool:
    """A Han character (the same ranges as glossary.chinese.is_han, inlined for speed)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF or cp == 0x3007)


def is_cyrillic(ch: str) -> bool:
    cp = ord(ch)
    return 0x0400 <= cp <= 0x052F or 0x1C80 <= cp <= 0x1C8F or 0x2DE0 <= cp <= 0xA69F


def script(word: str) -> str:
    """"han", "cyrillic" or "latin" (digits and anything else count as Latin) for a word."""
    for ch in word:
        if is_han(ch):
            return "han"
        if is_cyrillic(ch):
            return "cyrillic"
    return "latin"


def clean_query(text: str) -> str:
    """The query as plain text: NFKC, no control/format/private/unassigned characters or
    lone surrogates, whitespace collapsed, at most MAX_QUERY_CHARS characters.

    >>> clean_query("  RATS\\x00 \\ud800 OR\\t(sco)*  ")
    'RATS OR (sco)*'
    """
    if not isinstance(text, str):
        text = str(text or "")
    kept = "".join(ch for ch in text[: MAX_QUERY_CHARS * 4]
                   if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r")
    kept = unicodedata.normalize("NFKC", kept)
    return " ".join(kept.split())[:MAX_QUERY_CHARS]


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
        folded = _APOSTROPHES.sub("", fold(token))
        if folded:
            out.append(Word(folded, m.start(), m.end()))
    return out


def _split_han(token: str, offset: int) -> Iterator[Word]:
    start = None
    for i, ch in enumerate([*token, "一"]):
        if is_han(ch) or ch in "'’ʼ":
            if start is not None:
                folded = _APOSTROPHES.sub("", fold(token[start:i]))
                if folded:
                    yield Word(folded, offset + start, offset + i)
                start = None
        elif start is None:
            start = i


def term_key(text: str) -> str:
    """The exact-match key of a non-Chinese term: its folded words, one space apart.

    >>> term_key("Shanghai  Cooperation Organisation")
    'shanghai cooperation organisation'
    >>> term_key("Государства – члены ШОС")
    'государства члены шос'
    """
    return " ".join(w.text for w in words(text))


def zh_key(text: str) -> str:
    """The key of a Chinese text: simplified script, letters and digits only, folded.

    >>> zh_key("《地區反恐怖機構》")
    '地区反恐怖机构'
    """
    from glossary.chinese import fold_script

    simplified = fold_script(unicodedata.normalize("NFKC", text))
    return "".join(ch if is_han(ch) else fold(ch) for ch in simplified if ch.isalnum())


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


_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


_morph_lock = threading.Lock()
_morph = None


def _analyzer():
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


@functools.lru_cache(maxsize=200_000)
def primary_norm(word: str) -> str:
    """The most probable normal form of a folded word (pymorphy3's first parse, the
    English stem, or the word itself): what a term's lemma key is made of.

    >>> primary_norm("шанхайская"), primary_norm("Organisations".lower())
    ('шанхайский', 'organiz')
    """
    if not word or word.isdigit() or len(word) > MAX_WORD_CHARS:
        return word
    if any(map(is_cyrillic, word)):
        return fold(_analyzer().parse(word)[0].normal_form)
    return _stemmer().stemWord(american(word))


def lemma_key(text: str) -> str:
    """A term's words by their most probable normal forms, in order, one space apart: the
    key that finds a whole term (or its start) typed in another case form or spelling.

    >>> lemma_key("Шанхайская конвенция"), lemma_key("Shanghai Cooperation Organization")
    ('шанхайский конвенция', 'shanghai cooper organiz')
    """
    return " ".join(primary_norm(w.text) for w in words(text))


@functools.lru_cache(maxsize=200_000)
def norms(word: str) -> tuple[str, ...]:
    """The normal forms a folded word is matched by (never empty; the word itself first).

    Cyrillic: every lemma pymorphy3 proposes, ё folded. Latin: the English stem of the
    American spelling. Digits: the word itself.

    >>> norms("конвенции")
    ('конвенции', 'конвенция')
    >>> norms("organisations")
    ('organisations', 'organiz')
    """
    if not word or word.isdigit() or len(word) > MAX_WORD_CHARS:
        return (word,)
    if any(map(is_cyrillic, word)):
        lemmas = {fold(p.normal_form) for p in _analyzer().parse(word)}
    else:
        lemmas = {_stemmer().stemWord(american(word))}
    lemmas.discard(word)
    return (word, *sorted(lemmas))
