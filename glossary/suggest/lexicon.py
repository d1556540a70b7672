"""Pieces of Chinese that are no concept of the termbase, with the Russian and English the
termbase itself shows for them, learned by subtraction.

In 上海合作组织 + 初创企业论坛 ↔ «SCO Startup Forum», the known part 上海合作组织 is rendered
"SCO"; what remains of the Chinese (初创企业论坛) is rendered by what remains of the English
("Startup Forum"). Collected over the whole termbase, such remainders make a lexicon of pieces
the composition suggester can use as parts (glossary.suggest.compose).

A piece is kept for a language only when its evidence is consistent: a rendering that two or
more concepts agree on, or the only rendering one concept gave (kept, but weak). Every
rendering remembers the concepts it was learned from, so the contribution of one concept
(`exclude`) is left out by a set difference, never by learning again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from glossary.suggest.knowledge import Entry, Rendering

#: The kind of the entry a piece stands as (a slot filled by a piece takes only a piece).
PIECE_KIND = "piece"
#: How much a piece counts as a part: agreed by several concepts, or seen once.
AGREED, SEEN_ONCE = 0.9, 0.6

#: Words that join a part to the rest and belong to neither (the "of the" of "Meeting of the
#: Council ...", the «о» of «Соглашение о ...»): cut from the edges of a remainder.
_GLUE = {
    "en": {"of", "the", "on", "for", "and", "between", "among", "in", "at", "to", "by", "with",
           "a", "an", "from", "under", "'s", "s"},
    "ru": {"о", "об", "по", "в", "во", "на", "между", "и", "с", "со", "для", "при", "у", "к",
           "от", "за"},
}
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")


def is_chinese(text: str) -> bool:
    """Whether `text` is Chinese characters only (a piece is never punctuation or digits).

    >>> is_chinese("初创企业论坛"), is_chinese("（2018）")
    (True, False)
    """
    return bool(_CJK.match(text))


def remainder(target: str, spans: Iterable[tuple[int, int]], lang: str) -> str | None:
    """What is left of `target` once the `spans` (where the known parts stand) are cut out:
    one stretch of words without the joining words at its edges, or None when two stretches
    are left (the piece would be split around a part) or nothing is.

    >>> remainder("SCO Startup Forum", [(0, 3)], "en")
    'Startup Forum'
    >>> remainder("Meeting of the Council of Foreign Ministers", [(15, 43)], "en")
    'Meeting'
    >>> remainder("X Forum on Y Cooperation", [(0, 1), (11, 12)], "en") is None
    True

    A stretch bound to a part inside one word (the "cyber" of "cyber-terrorism", the "st"
    of "21st") is no piece:

    >>> remainder("cyber-terrorism", [(6, 15)], "en") is None
    True
    """
    cuts = sorted(spans)
    stretches, last = [], 0
    for start, end in cuts:
        stretches.append(target[last:start])
        last = max(last, end)
    stretches.append(target[last:])
    left = []
    for i, raw in enumerate(stretches):
        text = _trim(raw, lang)
        if not text:
            continue
        if (i > 0 and not _FREE_START.match(raw)) or \
                (i < len(stretches) - 1 and not _FREE_END.search(raw)):
            return None
        left.append(text)
    if len(left) != 1:
        return None
    return left[0]


#: How a stretch stands apart from the part next to it: a space, or a quote or bracket.
_FREE_START = re.compile(r"^[\s«(“\"]")
_FREE_END = re.compile(r"[\s»)”\",]$")


def _trim(text: str, lang: str) -> str:
    words = _WORD.findall(text)
    glue = _GLUE[lang]
    while words and (words[0].casefold() in glue or not words[0][0].isalnum()):
        words.pop(0)
    while words and (words[-1].casefold() in glue or not words[-1][0].isalnum()):
        words.pop()
    if not words:
        return ""
    # keep the text as written between the first and the last word kept
    start = text.find(words[0])
    end = text.rfind(words[-1]) + len(words[-1])
    return _EDGE.sub("", text[start:end]) if start <= end else ""


@dataclass
class Lexicon:
    """Chinese piece → language → rendering → the concepts it was learned from."""

    seen: dict[str, dict[str, dict[str, set[str]]]] = field(default_factory=dict)
    #: piece → every concept that taught it anything, and whether it is usable by anyone
    _taught_by: dict[str, set[str]] = field(default_factory=dict)
    _usable: dict[str, bool] = field(default_factory=dict)

    def add(self, zh: str, lang: str, text: str, source: str) -> None:
        self.seen.setdefault(zh, {}).setdefault(lang, {}).setdefault(text, set()).add(source)
        self._taught_by.setdefault(zh, set()).add(source)
        self._usable.pop(zh, None)

    def __contains__(self, zh: str) -> bool:
        return zh in self.seen

    def __len__(self) -> int:
        return len(self.seen)

    def chinese(self) -> Iterable[str]:
        return self.seen.keys()

    def renderings(self, zh: str, lang: str,
                   exclude: str | None = None) -> list[tuple[str, float, frozenset[str]]]:
        """The renderings of a piece worth using, best first, with how much each counts and
        the concepts it comes from; nothing learned from `exclude` counts.

        >>> lex = Lexicon()
        >>> for key in ("a", "b"): lex.add("论坛", "en", "Forum", key)
        >>> lex.add("论坛", "en", "Meeting", "c")
        >>> [(t, w) for t, w, _ in lex.renderings("论坛", "en")]
        [('Forum', 0.9)]
        >>> [(t, w) for t, w, _ in lex.renderings("论坛", "en", exclude="a")]
        []
        """
        # "Meeting" and "meeting" are one rendering: the written form most concepts use
        groups: dict[str, tuple[str, set[str]]] = {}
        for text, s in self.seen.get(zh, {}).get(lang, {}).items():
            s = s - {exclude} if exclude else s
            if not s:
                continue
            key = text.casefold()
            best, union = groups.get(key, (text, set()))
            if len(s) > len(self.seen[zh][lang].get(best, ())) - (exclude in s):
                best = text
            groups[key] = (best, union | s)
        found = [(text, frozenset(s)) for text, s in groups.values()]
        if not found:
            return []
        agreed = [(t, AGREED, s) for t, s in found if len(s) >= 2]
        if agreed:
            return sorted(agreed, key=lambda f: (-len(f[2]), f[0]))
        if len(found) == 1:
            text, sources = found[0]
            return [(text, SEEN_ONCE, sources)]
        return []  # single examples that disagree: no evidence either way

    def knows(self, zh: str, exclude: str | None = None) -> bool:
        """Whether the piece has a rendering worth using once `exclude` is left out."""
        if zh not in self.seen:
            return False
        if exclude is None or exclude not in self._taught_by[zh]:
            usable = self._usable.get(zh)
            if usable is None:
                usable = self._usable[zh] = any(self.renderings(zh, lang)
                                                for lang in ("ru", "en"))
            return usable
        return any(self.renderings(zh, lang, exclude) for lang in ("ru", "en"))

    def entry(self, zh: str, lang: str, exclude: str | None = None) -> Entry | None:
        """The piece as an entry the suggester can use as a part (kind PIECE_KIND)."""
        found = self.renderings(zh, lang, exclude)
        if not found:
            return None
        renderings = [Rendering(text) for text, _w, _s in found]
        entry = Entry(f"piece:{zh}", PIECE_KIND, [zh])
        setattr(entry, lang, renderings)
        return entry

    def weight(self, zh: str, lang: str, text: str, exclude: str | None = None) -> float:
        for t, w, _s in self.renderings(zh, lang, exclude):
            if t == text:
                return w
        return 0.0

    def sources(self, zh: str, lang: str, text: str) -> frozenset[str]:
        return frozenset(self.seen.get(zh, {}).get(lang, {}).get(text, ()))
