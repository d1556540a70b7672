"""Foreign and other place names, events named after places, and lists of names.

- A run of three or more transliteration characters is a foreign name (阿斯塔纳, 比什凯克),
  with a generic part after it when there is one (塔吉克斯坦共和国, 伊赛克湖州).
- jieba's dictionary knows many place (ns) and organisation (nt) names.
- A place followed by a topic head names an event or issue (阿斯塔纳进程, 乌克兰危机).
- In a list (A、B、C) whose items are mostly names of one kind, the other short items are
  names of that kind too (亚信、集安条约组织、独联体、东盟).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared, all_han, occurrences, word_frequencies
from glossary.extract.heads import nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import Lexicon, lexicon
from glossary.extract.people import is_person_like

#: jieba dictionary frequency above which an ns word is too common to be taken on its own.
COMMON = 10000
_GROUPS = {"organization": "organization", "body": "organization", "place": "place",
           "person": "person"}


def transliterations(doc: Prepared) -> Iterator[Hit]:
    """Runs of transliteration characters, with a generic part after them."""
    lex = lexicon()
    chars = "".join(sorted(lex.transliteration))
    for m in re.finditer(f"[{re.escape(chars)}]{{3,}}", doc.simple):
        if doc.word_index(m.start()) is None:
            continue  # starts inside a word: 特别是, not a name
        for end in range(m.end(), m.start() + 2, -1):  # 瑟索耶夫|列席会议: end on a word
            full = _with_suffix(doc, end, lex)
            if full > end or doc.word_index(end) is not None or end == len(doc.simple):
                # 纳扎尔巴耶夫, 诺罗夫: a surname's ending makes a person of a foreign name
                kind = "person" if is_person_like(doc.simple[m.start():full], lex) else "place"
                yield span(m.start(), full, kind, "transliteration")
                break


def _with_suffix(doc: Prepared, end: int, lex: Lexicon) -> int:
    for _ in range(2):  # 伊赛克 + 湖 + 州
        for size in (3, 2, 1):
            suffix = doc.simple[end:end + size]
            if suffix in lex.place_suffixes and (doc.word_index(end + size) is not None
                                                 or end + size == len(doc.simple)):
                end += size
                break
        else:
            break
    return end


def dictionary_names(doc: Prepared) -> Iterator[Hit]:
    """Words jieba's dictionary tags as place (ns) or organisation (nt) names.

    Very common ns words (上海, 北京) are left to the rules that see them used as places.
    """
    lex = lexicon()
    freq = word_frequencies()
    for i in doc.where(lambda text, tag: tag in ("ns", "nt") and _may_name(text, lex)):
        word = doc.words[i]
        if word.tag == "ns" and freq.get(word.text, 0) >= COMMON:
            if _alone(doc, i, lex):  # 中国正在构建: a common place name standing alone
                yield span(word.start, word.end, "place", "dictionary")
        elif word.tag == "ns":
            if word.text.endswith("地区") and len(word.text) > 3:  # 北非地区: the region is 北非
                yield span(word.start, word.end - 2, "place", "dictionary")
            else:
                yield span(word.start, word.end, "place", "dictionary")
        elif word.tag == "nt" and not (word.text[0] in lex.boundaries
                                       and freq.get(word.text[1:], 0) >= 1000):  # 新|进展
            yield span(word.start, word.end, "organization", "dictionary")


def _may_name(text: str, lex: Lexicon) -> bool:
    """Can a word that jieba tags ns or nt be taken for a name? Not a head or place suffix on
    its own, nor a number of states (六国)."""
    return len(text) >= 2 and all_han(text) and text not in lex.heads \
        and text not in lex.place_suffixes and text[0] not in "一二三四五六七八九十两几各"


#: A state's name that may stand before its city's in a venue (在中国天津, 在俄罗斯乌法市): the
#: SCO's member and observer states by their short names.
_STATES_FIRST = frozenset({"中国", "俄罗斯", "哈萨克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦",
                           "乌兹别克斯坦", "印度", "巴基斯坦", "伊朗", "白俄罗斯", "蒙古",
                           "阿富汗"})


def _alone(doc: Prepared, i: int, lex: Lexicon) -> bool:
    """Does word i stand alone, no part of a longer name (上海 in 上海合作组织 does not)?"""
    after = doc.words[i + 1] if i + 1 < len(doc.words) else None
    before = doc.words[i - 1] if i else None
    return (after is None or not nameable(after.text, after.tag, lex)
            or after.tag.startswith("v")) and (
        before is None or not nameable(before.text, before.tag, lex)
        or before.tag.startswith("v"))


#: Verbs of an event held somewhere: 在X举行, 在X签署, 在X设立.
_VENUE_VERBS = ("举行", "召开", "举办", "签署", "设立")


def venues(doc: Prepared) -> Iterator[Hit]:
    """The place in 在X举行 (召开, 举办, 签署, 设立): 2018年11月在杜尚别举行的…会议."""
    lex = lexicon()
    verbs = "|".join(_VENUE_VERBS)
    for m in re.finditer(f"在([\u4e00-\u9fff]{{2,6}}?)(?:{verbs})", doc.simple):
        start, end = m.span(1)
        first, last = doc.word_index(start), doc.word_index(end)
        if first is None or last is None:
            continue
        inside = doc.words[first:last]
        if not all(w.text not in lex.boundaries and w.tag[:1] not in "prdmqtfuca"
                   for w in inside):
            continue
        if len(inside) > 1 and inside[0].tag == "ns" and inside[0].text in _STATES_FIRST:
            yield span(inside[0].start, inside[0].end, "place", "venue")
            city = inside[1].start, end - (1 if doc.simple[end - 1] == "市" else 0)
            if city[1] - city[0] >= 2:  # 在俄罗斯乌法市举行: the state, and the city 乌法
                yield span(*city, "place", "venue")
        elif len(inside) > 1 and all(w.tag == "ns" for w in inside):
            for w in inside:  # 在中国天津举办: a state and a city, two places
                yield span(w.start, w.end, "place", "venue")
        else:
            yield span(start, end, "place", "venue")


def topics(doc: Prepared, places: list[Hit]) -> Iterator[Hit]:
    """A place, at most two more characters, and a topic head: 阿斯塔纳进程, 伊朗核问题.

    Every occurrence of a place name found anywhere counts, even where the segmenter glued
    it to the next word (伊朗核|问题).
    """
    lex = lexicon()
    names = {doc.simple[h.start:h.end] for h in places if 2 <= h.end - h.start <= 4}
    where = occurrences(doc.simple, names)
    for name in names:  # 阿拉伯叙利亚共和国问题 is no name; 叙利亚危机 is
        for position in where[name]:
            end = position + len(name)
            hit = _topic_at(doc, end, lex)
            if hit is not None:
                head_end, kind = hit
                yield span(position, head_end, kind, "topic", nested=True)
                yield span(position, end, "place", "topic", nested=True)


@functools.cache
def _topic_heads_by_first() -> dict[str, list[tuple[str, str]]]:
    """The topic heads (head, kind) by their first character, each list in the lexicon's
    order."""
    by_first: dict[str, list[tuple[str, str]]] = {}
    for head, kind in lexicon().topic_heads.items():
        by_first.setdefault(head[0], []).append((head, kind))
    return by_first


def _topic_at(doc: Prepared, end: int, lex: Lexicon) -> tuple[int, str] | None:
    by_first = _topic_heads_by_first()
    for gap in range(3):
        if gap and not is_han(doc.simple[end + gap - 1:end + gap] or "。"):
            return None
        for head, kind in by_first.get(doc.simple[end + gap:end + gap + 1], ()):
            stop = end + gap + len(head)
            if doc.simple.startswith(head, end + gap) and (doc.word_index(stop) is not None
                                                           or stop == len(doc.simple)):
                return stop, kind
    return None


def enumerations(doc: Prepared, hits: list[Hit]) -> Iterator[Hit]:
    """Short items of a list whose other items are names of one kind."""
    lex = lexicon()
    kinds = {h.pieces[0]: _GROUPS.get(h.kind) for h in hits if len(h.pieces) == 1}
    for items in _lists(doc, lex):
        groups = [kinds.get(item) for item in items]
        named = [g for g in groups if g]
        if len(named) < 2:
            continue
        group = max(set(named), key=named.count)
        if named.count(group) < len(items) - named.count(group) - 1:
            continue
        for (start, end), found in zip(items, groups, strict=True):
            i = doc.word_index(start)
            if found is None and i is not None and doc.words[i].end == end and end - start >= 2:
                yield span(start, end, group, "list")


def _lists(doc: Prepared, lex: Lexicon) -> Iterator[list[tuple[int, int]]]:
    """Lists of items separated by 、: each item is the name words next to the separators."""
    words = doc.words
    after = 0  # where the last list ended
    for i in doc.where(lambda text, _: text == "、"):
        if i < after:
            continue  # a separator of the list just read
        items = [_item_before(doc, i, lex)]
        while i < len(words) and words[i].text == "、":
            k = i + 1
            while k < len(words) and nameable(words[k].text, words[k].tag, lex):
                k += 1
            items.append((words[i + 1].start, words[k - 1].end) if k > i + 1 else None)
            i = k
        if all(items):
            yield items  # type: ignore[misc]
        after = i + 1


def _item_before(doc: Prepared, i: int, lex: Lexicon) -> tuple[int, int] | None:
    j = i - 1
    while j >= 0 and nameable(doc.words[j].text, doc.words[j].tag, lex):
        j -= 1
    return (doc.words[j + 1].start, doc.words[i - 1].end) if j < i - 1 else None


#: Regions named by a compass point and a continent (中东, 北非, 西亚, 东南亚, 中亚).
_REGION = "(?:中东|近东|远东|[东西南北中]{1,2}[亚欧非美])"


def regions(doc: Prepared) -> Iterator[Hit]:
    """Two regions written together name one area: 中东北非 (the Middle East and North Africa),
    kept whole; each region stands inside it too."""
    for m in re.finditer(f"({_REGION})({_REGION})", doc.simple):
        if doc.word_index(m.start()) is None:
            continue
        end = m.end()
        if doc.word_index(end) is None and not doc.simple.startswith("地区", end):
            continue
        yield span(m.start(), end, "place", "region")
        yield span(m.start(), m.end(1), "place", "region", nested=True)
        yield span(m.start(2), end, "place", "region", nested=True)
