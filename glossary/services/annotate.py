"""Find every known term in a text: `annotate(session, text, lang=None)`.

The answer marks each term found (longest match first, never overlapping) with its span in
the text *as given* (offsets count Unicode code points), and carries the concept shapes of
exactly the concepts found: the glossary of this one text.

- Chinese is matched in either script: terms and text are folded to simplified script
  (`chinese.fold_script`), and whitespace between two Han characters is skipped, so a term
  broken across a PDF line still matches.
- Russian and English are matched word by word. A word's key is its Snowball stem (Russian,
  ё folded to е) or its singular (English: case folded, plural and possessive endings off),
  so «Региональной антитеррористической структуры» marks «Региональная антитеррористическая
  структура». A Russian word whose stem is unknown falls back to its pymorphy3 lemma
  (трёх → три). Hyphens, dashes and quotes between words do not count; other punctuation
  must match. Abbreviations written in capitals (RATS, ШОС) match only in capitals, with a
  short ending (NGOs, МИДа), because "rats" or "sco" in lower case are ordinary words.
- The matchers are built once per database and rebuilt when the change log moves (a new
  Change row or a new term); the concept shapes found are kept for as long as the matchers.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import threading
import unicodedata
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glossary import chinese
from glossary.matching import TermMatcher
from glossary.messages import message
from glossary.models import LANGUAGES, STATUSES, Change, Concept, Term
from glossary.services.concepts import get_concepts

#: The largest text annotated at once (UTF-8 bytes).
MAX_TEXT_BYTES = 1 << 20
#: Concept shapes kept per termbase state (as JSON: about 2 KB each).
MAX_CACHED_SHAPES = 20_000
#: Language tags a text may be declared in ("zh": Chinese in either script).
TEXT_LANGS = ("zh", "zh-Hans", "zh-Hant", "ru", "en")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN_GAP = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_HAS_HAN = re.compile(f"[{_HAN}]")
_HAS_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
# Words (with inner apostrophes), runs of characters that separate words without counting
# (spaces, hyphens, dashes, quotes), and any other single character (punctuation).
_TOKEN = re.compile("(?P<word>[^\\W_]+(?:['’][^\\W_]+)*)"
                    "|[\\s\\-\u2010-\u2015'\"«»\u2018-\u201f\u2039\u203a\u300c-\u300f]+"
                    "|(?P<mark>.)", re.S)
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNKNOWN = "\x01"
#: (start, end, term ids, written in traditional script)
_Span = tuple[int, int, tuple[int, ...], bool]
_LANG_CODES = {lang: i for i, lang in enumerate(LANGUAGES)}
_STATUS_CODES = {status: i for i, status in enumerate(STATUSES)}


class TextTooLarge(ValueError):
    """The text is over MAX_TEXT_BYTES."""


def annotate(session: Session, text: str, *, lang: str | None = None) -> dict[str, Any]:
    """Mark every known term in `text`.

    :param text: any text, up to MAX_TEXT_BYTES of UTF-8. Unpaired surrogates are replaced
        by U+FFFD (one for one, so offsets still hold) in the text returned.
    :param lang: the text's language, one of TEXT_LANGS, to match only that language's
        terms; None matches every language.
    :return: {"text", "lang", "marks": [{"start", "end", "text", "concept", "term_id",
        "lang", "status"}], "concepts": [concept shapes]} with marks in text order; a span
        naming two concepts (a homonym) has one mark per concept.
    :raises TextTooLarge: over MAX_TEXT_BYTES.
    :raises ValueError: an unknown `lang`, or `text` not a string.
    """
    if not isinstance(text, str):
        raise ValueError(message("the text must be a string"))
    if lang is not None and lang not in TEXT_LANGS:
        raise ValueError(message("unknown language %(lang)r; use one of %(choices)s", lang=lang,
                                 choices=", ".join(TEXT_LANGS)))
    text = _SURROGATE.sub("\ufffd", text)
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise TextTooLarge(message("the text is %(size)d bytes of UTF-8; at most %(limit)d "
                                   "bytes are annotated at once", size=size,
                                   limit=MAX_TEXT_BYTES))
    current = annotator(session)
    marks = current.find(text, lang)
    keys = list(dict.fromkeys(mark["concept"] for mark in marks))
    return {"text": text, "lang": lang, "marks": marks,
            "concepts": current.shapes(session, keys)}


# --------------------------------------------------------------------------------------------
# The matcher cache
# --------------------------------------------------------------------------------------------

_cache: dict[str, tuple[tuple[Any, ...], Annotator]] = {}
_cache_lock = threading.Lock()


def annotator(session: Session) -> Annotator:
    """The Annotator for the session's database, rebuilt when the change log has moved."""
    url = str(session.get_bind().url)
    stamp = tuple(session.execute(select(select(func.max(Change.id)).scalar_subquery(),
                                         select(func.max(Term.id)).scalar_subquery())).one())
    cached = _cache.get(url)
    if cached and cached[0] == stamp:
        return cached[1]
    with _cache_lock:  # one build at a time; the others wait and reuse it
        cached = _cache.get(url)
        if cached and cached[0] == stamp:
            return cached[1]
        rows = session.execute(select(Term.id, Concept.key, Term.lang, Term.status, Term.text)
                               .join(Concept, Concept.id == Term.concept_id))
        built = Annotator(rows)
        _cache[url] = (stamp, built)
        return built


# --------------------------------------------------------------------------------------------
# Word keys
# --------------------------------------------------------------------------------------------


_local = threading.local()


def _stemmer():
    # One per thread: PyStemmer's stemmers are not safe to share between threads.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("russian")
    return stemmer


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_morph_lock = threading.Lock()


def _lemma(word: str) -> str:
    with _morph_lock:  # pymorphy3 keeps caches of its own; it is only the rare fallback
        return _morph().parse(word)[0].normal_form


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _fold(word: str) -> str:
    """Case, ё/е and Latin accents folded."""
    word = word.casefold().replace("ё", "е")
    if word.isascii() or _is_cyrillic(word):
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(ch))


def _english_singular(word: str) -> str:
    """The same key for singular and plural (symmetric, not a dictionary form).

    >>> [_english_singular(w) for w in ("forces", "countries", "taxes", "status", "bus")]
    ['force', 'country', 'tax', 'status', 'bus']
    """
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def word_key(word: str) -> str:
    """The key a (non-abbreviation) word is matched by."""
    word = _fold(word)
    if _is_cyrillic(word):
        return _stemmer().stemWord(word)
    return _english_singular(word)


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s", "'S", "’S")):
        return word[:-2]
    return word


def _abbreviation(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _abbreviation_key(word: str) -> str:
    return "=" + word.replace("Ё", "Е")


def term_keys(text: str) -> list[str]:
    """The keys of a Russian or English term's words and punctuation, in order."""
    keys = []
    for m in _TOKEN.finditer(text):
        if m.group("word"):
            word = _strip_possessive(m.group("word"))
            keys.append(_abbreviation_key(word) if _abbreviation(word) else word_key(word))
        elif m.group("mark"):
            keys.append("#" + m.group("mark"))
    return keys


# --------------------------------------------------------------------------------------------
# The matchers
# --------------------------------------------------------------------------------------------


class _Phrases:
    """Longest match over a string of word codes (one character per word).

    A dict of the terms' code strings and, per first word, the length of the longest term it
    starts: most words of a text start no term and cost one lookup. (An Aho–Corasick
    automaton over an alphabet of a few hundred thousand word codes is slower than this.)
    """

    def __init__(self, entries: Iterable[tuple[str, int]]):
        ids: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        for coded, term_id in entries:
            ids.setdefault(coded, []).append(term_id)
            self._longest[coded[0]] = max(self._longest.get(coded[0], 0), len(coded))
        self._ids = {coded: tuple(dict.fromkeys(found)) for coded, found in ids.items()}
        self.size = len(self._ids)

    def find(self, coded: str) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """(start, end, term ids) of each match, leftmost first, the longest at each start."""
        longest, ids = self._longest, self._ids
        i, n = 0, len(coded)
        while i < n:
            for length in range(min(longest.get(coded[i], 0), n - i), 0, -1):
                found = ids.get(coded[i:i + length])
                if found:
                    yield i, i + length, found
                    i += length
                    break
            else:
                i += 1


class Annotator:
    """Matchers over one state of the termbase: Chinese by characters (Aho–Corasick over
    the folded terms), Russian and English by word keys (`_Phrases`)."""

    def __init__(self, rows: Iterable[tuple[int, str, str, str, str]]):
        self._concepts: list[str] = []
        concept_index: dict[str, int] = {}
        self._term_concept = array("l")
        self._term_lang = array("b")
        self._term_status = array("b")
        self._codes: dict[str, str] = {}
        self._word_cache: dict[str, str] = {}
        self._shapes: OrderedDict[str, str] = OrderedDict()
        self._shapes_lock = threading.Lock()
        han: list[tuple[str, int]] = []
        words: list[tuple[str, int]] = []
        for term_id, key, lang, status, text in rows:
            if key not in concept_index:
                concept_index[key] = len(self._concepts)
                self._concepts.append(key)
            self._remember(term_id, concept_index[key], lang, status)
            if lang.startswith("zh"):
                if _HAS_HAN.search(text):
                    han.append((text, term_id))
            else:
                coded = "".join(self._code(k) for k in term_keys(text))
                if coded:
                    words.append((coded, term_id))
        folded = _fold_script_all([text for text, _ in han])
        self._han = TermMatcher(zip(folded, (term_id for _, term_id in han), strict=True))
        self._words = _Phrases(words)

    def shapes(self, session: Session, keys: list[str]) -> list[dict[str, Any]]:
        """The concept shapes of `keys`, in order.

        Kept (as JSON, bounded) for as long as this Annotator is current, that is until the
        change log moves: building a shape costs about half a millisecond, and the
        paragraphs of one document name the same concepts again and again.
        """
        with self._shapes_lock:
            missing = [k for k in keys if k not in self._shapes]
        fetched = get_concepts(session, missing) if missing else []
        with self._shapes_lock:
            for shape in fetched:
                self._shapes[shape["id"]] = json.dumps(shape, ensure_ascii=False)
            found = [self._shapes.get(k) for k in keys]
            for key in keys:
                if key in self._shapes:
                    self._shapes.move_to_end(key)
            while len(self._shapes) > MAX_CACHED_SHAPES:
                self._shapes.popitem(last=False)
        return [json.loads(text) for text in found if text is not None]

    def _remember(self, term_id: int, concept: int, lang: str, status: str) -> None:
        grow = term_id + 1 - len(self._term_concept)
        if grow > 0:
            self._term_concept.extend([-1] * grow)
            self._term_lang.extend([0] * grow)
            self._term_status.extend([0] * grow)
        self._term_concept[term_id] = concept
        self._term_lang[term_id] = _LANG_CODES[lang]
        self._term_status[term_id] = _STATUS_CODES[status]

    def _code(self, key: str) -> str:
        code = self._codes.get(key)
        if code is None:
            n = len(self._codes) + 0x10
            n += 0x800 if n >= 0xD800 else 0  # no surrogates
            code = self._codes[key] = chr(n)
        return code

    # -- finding -----------------------------------------------------------------------------

    def find(self, text: str, lang: str | None) -> list[dict[str, Any]]:
        """The marks in `text` (see `annotate`)."""
        spans: list[_Span] = []
        if lang is None or lang.startswith("zh"):
            spans += self._find_han(text)
        if lang in (None, "ru", "en") and _HAS_LETTER.search(text):
            spans += self._find_words(text)
        return self._marks(text, _longest_first(spans), lang)

    def _find_han(self, text: str) -> list[_Span]:
        if not self._han.size or not _HAS_HAN.search(text):
            return []
        haystack, to_text = _han_haystack(text)
        spans = []
        for m in self._han.find(haystack):
            start, end = to_text(m.start, m.end)
            if _cuts_a_word(text, start, end):
                continue
            written = "".join(text[start:end].split())
            spans.append((start, end, m.payload, written != "".join(m.text.split())))
        return spans

    def _find_words(self, text: str) -> list[_Span]:
        if not self._words.size:
            return []
        starts: list[int] = []
        ends: list[int] = []
        coded: list[str] = []
        for m in _TOKEN.finditer(text):
            word = m.group("word")
            if word is None and m.group("mark") is None:
                continue
            starts.append(m.start())
            # A possessive ending is not part of the term (Xi Jinping's → Xi Jinping).
            ends.append(m.end() - 2 if word and _strip_possessive(word) != word else m.end())
            coded.append(self._word_code(word) if word else
                         self._codes.get("#" + m.group("mark"), _UNKNOWN))
        return [(starts[start], ends[end - 1], found, False)
                for start, end, found in self._words.find("".join(coded))]

    def _word_code(self, word: str) -> str:
        code = self._word_cache.get(word)
        if code is None:
            if len(self._word_cache) > 200_000:  # a bound for hostile texts
                self._word_cache.clear()
            code = self._word_cache[word] = self._lookup_word(word)
        return code

    def _lookup_word(self, word: str) -> str:
        codes = self._codes
        word = _strip_possessive(word)
        if _HAS_HAN.search(word):
            return _UNKNOWN
        upper = 0
        while upper < len(word) and (word[upper].isupper() or word[upper].isdigit()):
            upper += 1
        ending = word[upper:]
        # An abbreviation, possibly with a short lower-case ending (NGOs, МИДа).
        if upper >= 2 and len(ending) <= 3 and (not ending or ending.islower()):
            code = codes.get(_abbreviation_key(word[:upper]))
            if code:
                return code
        key = word_key(word)
        code = codes.get(key)
        if code is None and _is_cyrillic(key):
            # Irregular forms whose stem differs from their dictionary form's (трёх → три).
            lemma = _lemma(_fold(word))
            code = codes.get(word_key(lemma))
        return code or _UNKNOWN

    def _marks(self, text: str, spans: list[_Span],
               lang: str | None) -> list[dict[str, Any]]:
        marks = []
        for start, end, payload, traditional in spans:
            surface = text[start:end]
            chosen: dict[int, int] = {}
            for term_id in sorted(payload, key=lambda t: self._preference(t, traditional)):
                if lang and not LANGUAGES[self._term_lang[term_id]].startswith(lang[:2]):
                    continue
                chosen.setdefault(self._term_concept[term_id], term_id)
            for concept, term_id in chosen.items():
                marks.append({"start": start, "end": end, "text": surface,
                              "concept": self._concepts[concept], "term_id": term_id,
                              "lang": LANGUAGES[self._term_lang[term_id]],
                              "status": STATUSES[self._term_status[term_id]]})
        return marks

    def _preference(self, term_id: int, traditional: bool) -> tuple[int, int, int]:
        # The term in the script the text is written in, then the better status.
        lang = LANGUAGES[self._term_lang[term_id]]
        script = 0 if lang != ("zh-Hans" if traditional else "zh-Hant") else 1
        return (script, self._term_status[term_id], term_id)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _longest_first(spans: list[_Span]
                   ) -> list[_Span]:
    """Leftmost, then longest, never overlapping (Chinese and word matches merged)."""
    kept = []
    last_end = 0
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept


def _fold_script_all(texts: list[str]) -> list[str]:
    """fold_script of many short texts in one OpenCC call (one call costs more than a term)."""
    if not texts:
        return []
    joined = chinese.fold_script("\n".join(texts))
    folded = joined.split("\n")
    if len(folded) != len(texts):
        return [chinese.fold_script(t) for t in texts]
    return folded


def _fold_same_length(text: str) -> str:
    folded = chinese.fold_script(text)
    if len(folded) == len(text):
        return folded
    # A phrase conversion changed the length: fold character by character instead.
    return "".join(_fold_char(ch) for ch in text)


@functools.lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    folded = chinese.fold_script(ch)
    return folded if len(folded) == 1 else ch


def _han_haystack(text: str):
    """The text folded to simplified script with whitespace between Han characters removed,
    and a function mapping a span of it back to the text."""
    folded = _fold_same_length(text)
    gaps = [(m.start(), m.end()) for m in _HAN_GAP.finditer(folded)]
    if not gaps:
        return folded, lambda start, end: (start, end)
    pieces, cuts, shifts = [], [0], [0]
    previous = removed = 0
    for start, end in gaps:
        pieces.append(folded[previous:start])
        removed += end - start
        cuts.append(start - removed + (end - start))  # where the gap was, in the haystack
        shifts.append(removed)
        previous = end
    pieces.append(folded[previous:])

    def to_text(start: int, end: int) -> tuple[int, int]:
        first = start + shifts[bisect.bisect_right(cuts, start) - 1]
        last = (end - 1) + shifts[bisect.bisect_right(cuts, end - 1) - 1]
        return first, last + 1

    return "".join(pieces), to_text


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """A Chinese term with Latin letters or digits at an edge must not cut a Latin word."""
    def wordy(ch: str) -> bool:
        return ch.isalnum() and not _HAS_HAN.match(ch)
    return ((start > 0 and wordy(text[start]) and wordy(text[start - 1]))
            or (end < len(text) and wordy(text[end - 1]) and wordy(text[end])))
