"""Office + person: 哈萨克斯坦总统纳扎尔巴耶夫, 上合组织秘书长阿利莫夫.

An office title (lexicon offices) followed by a short run of Han characters that ends at a
verb, a list separator or punctuation is a person's name; what stands before the title, from
the previous separator, is the state or organisation the person speaks for.
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared, Word
from glossary.extract.heads import head_kind, is_transliteration, nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import Lexicon, lexicon

MAX_PERSON = 8


def offices(doc: Prepared) -> Iterator[Hit]:
    """Titles, the persons after them, and the states or bodies before them."""
    lex = lexicon()
    for i, word in enumerate(doc.words):
        if word.text not in lex.offices:
            continue
        end = _person_end(doc, i + 1, lex)
        if end is None:
            if _before_office(doc, i + 1, lex):  # 代表团团长 阿富汗伊斯兰共和国总统 加尼
                yield span(word.start, word.end, "title", "office")
            continue
        yield span(word.start, word.end, "title", "office")
        yield span(word.end, end, "person", "office+name")
        affiliation = _affiliation(doc, i, lex)
        if affiliation is not None:
            yield affiliation


def _starts_with_boundary(word: str, lex: Lexicon) -> bool:
    return any(word[:n] in lex.boundaries for n in range(1, min(len(word), 3) + 1))


def _person_end(doc: Prepared, i: int, lex: Lexicon) -> int | None:
    """End of the name that starts at word i, or None when no name follows the title."""
    end = None
    start = doc.words[i].start if i < len(doc.words) else None
    for word in doc.words[i:i + 6]:
        if not all(is_han(c) or c == "·" for c in word.text):
            break
        if (word.text in lex.offices or head_kind(word.text, lex)
                or _starts_with_boundary(word.text, lex)):
            break
        end = word.end
    if start is None or end is None or not 2 <= end - start <= MAX_PERSON:
        return None
    name = doc.simple[start:end]
    following = doc.word_index(end)
    if following is not None and doc.words[following].text in lex.offices:
        return None  # a state or body before another title, not a person
    if any(name.endswith(s) for s in lex.place_suffixes if len(s) > 1):
        return None
    return end


def _before_office(doc: Prepared, i: int, lex: Lexicon) -> bool:
    """Do a few name words from word i lead to another office title?"""
    for word in doc.words[i:i + 4]:
        if word.text in lex.offices:
            return True
        if not nameable(word.text, word.tag, lex):
            return False
    return False


def _affiliation(doc: Prepared, i: int, lex: Lexicon) -> Hit | None:
    """The state (place) or organisation named right before the title at word i."""
    j = i - 1
    words: list[Word] = []
    while j >= 0 and nameable(doc.words[j].text, doc.words[j].tag, lex) \
            and doc.words[j].text not in lex.offices \
            and doc.words[i].start - doc.words[j].start <= 16:
        words.insert(0, doc.words[j])
        j -= 1
    if not words:
        return None
    start, end = words[0].start, words[-1].end
    kind = head_kind(words[-1].text, lex)
    if kind in ("organization", "body") and end - start > len(words[-1].text):
        return span(start, end, kind, "affiliation")
    if all(_place_word(w, lex) for w in words):
        return span(start, end, "place", "affiliation")
    return None


def _place_word(word: Word, lex: Lexicon) -> bool:
    return (word.tag == "ns" or is_transliteration(word.text, lex)
            or (word.text in lex.place_suffixes and len(word.text) > 1))
