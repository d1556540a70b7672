"""The matchers over one state of the termbase, and the marks they make in a text.

Chinese terms are matched by characters (han.py), Russian and English terms word by word
(keys.py, phrases.py); the spans of both are merged leftmost-longest, never overlapping, and
each becomes one mark per concept it names.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from glossary.models import LANGUAGES, STATUSES
from glossary.services.annotate.han import HanMatcher, Span, has_han
from glossary.services.annotate.keys import POSSESSIVE, TOKEN, term_keys, text_word_keys
from glossary.services.annotate.phrases import Phrases

if TYPE_CHECKING:
    from glossary.services.annotate.cache import Shapes

_HAS_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_UNKNOWN = "\x01"
#: Words of texts whose codes are kept per Annotator (a bound for hostile texts).
MAX_CACHED_WORDS = 200_000
_LANG_CODES = {lang: i for i, lang in enumerate(LANGUAGES)}
_STATUS_CODES = {status: i for i, status in enumerate(STATUSES)}


class Annotator:
    """Matchers over one state of the termbase: Chinese by characters, Russian and English
    by word codes (one character per distinct word key)."""

    def __init__(self, rows: Iterable[tuple[int, str, str, str, str]], shapes: Shapes):
        """:param rows: (term id, concept key, language, status, text) of every term.
        :param shapes: where the concept shapes of this state are kept."""
        self.shapes = shapes
        self._concepts: list[str] = []
        concept_index: dict[str, int] = {}
        self._term_concept = array("l")
        self._term_lang = array("b")
        self._term_status = array("b")
        self._codes: dict[str, str] = {}
        self._word_cache: dict[str, str] = {}
        han: list[tuple[str, int]] = []
        words: list[tuple[str, int]] = []
        for term_id, key, lang, status, text in rows:
            if key not in concept_index:
                concept_index[key] = len(self._concepts)
                self._concepts.append(key)
            self._remember(term_id, concept_index[key], lang, status)
            if lang.startswith("zh"):
                if has_han(text):
                    han.append((text, term_id))
            else:
                coded = "".join(self._code(k) for k in term_keys(text))
                if coded:
                    words.append((coded, term_id))
        self._han = HanMatcher(han)
        self._words = Phrases(words)

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
        spans: list[Span] = []
        if lang is None or lang.startswith("zh"):
            spans += self._han.find(text)
        if lang in (None, "ru", "en") and _HAS_LETTER.search(text):
            spans += self._find_words(text)
        return self._marks(text, _longest_first(spans), lang)

    def _find_words(self, text: str) -> list[Span]:
        if not self._words.size:
            return []
        starts: list[int] = []
        ends: list[int] = []
        coded: list[str] = []
        alternatives: dict[int, str] = {}
        cache, marks = self._word_cache, self._codes
        for m in TOKEN.finditer(text):
            word = m.group("word")
            if word is None:
                mark = m.group("mark")
                if mark is None:  # what separates words without counting
                    continue
                starts.append(m.start())
                ends.append(m.end())
                coded.append(marks.get("#" + mark, _UNKNOWN))
                continue
            starts.append(m.start())
            # A possessive ending is not part of the term (Xi Jinping's → Xi Jinping).
            ends.append(m.end() - 2 if word.endswith(POSSESSIVE) else m.end())
            codes = cache.get(word) or self._word_codes(word)
            coded.append(codes[0])
            if len(codes) > 1:
                alternatives[len(coded) - 1] = codes[1:]
        return [(starts[start], ends[end - 1], found, False)
                for start, end, found in self._words.find("".join(coded), alternatives)]

    def _word_codes(self, word: str) -> str:
        """The codes of the keys a word of the text may match, the likeliest first (one
        code that matches nothing when it matches no term's word)."""
        codes = self._word_cache.get(word)
        if codes is None:
            if len(self._word_cache) > MAX_CACHED_WORDS:
                self._word_cache.clear()
            known = self._codes
            codes = "" if has_han(word) else "".join(
                known[key] for key in text_word_keys(word) if key in known)
            codes = self._word_cache[word] = codes or _UNKNOWN
        return codes

    def _marks(self, text: str, spans: list[Span], lang: str | None) -> list[dict[str, Any]]:
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


def _longest_first(spans: list[Span]) -> list[Span]:
    """Leftmost, then longest, never overlapping (Chinese and word matches merged)."""
    kept = []
    last_end = 0
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept
