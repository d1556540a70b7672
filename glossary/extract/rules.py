"""Rules that find names in a prepared text by the way official Chinese writes them.

Each rule yields `Hit`s: spans of `Prepared.simple` with a kind. A hit may have several pieces
when the text puts something inside a name (an abbreviation definition in brackets). The rules
only know general vocabulary (lexicon.py); they never list a document's own strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared
from glossary.extract.heads import head_after, head_kind, nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import lexicon

_NAME_KINDS = frozenset({"organization", "body", "meeting", "event", "treaty"})
_NAMES_AND_PLACES = _NAME_KINDS | {"place"}
_DATE = re.compile(r"^\d{4}年(\d{1,2}月)?(\d{1,2}日)?([至到\-—–]\d{0,4}年?\d{0,2}月?\d{0,2}日?)?$")


# --------------------------------------------------------------------------------------------
# Titles, quotes, brackets
# --------------------------------------------------------------------------------------------


def titles(doc: Prepared) -> Iterator[Hit]:
    """《title》 is a treaty or document; 《title》议定书 (a head right after it) names another."""
    lex = lexicon()
    for m in re.finditer(r"《([^《》\n]{1,80}(?:\n[^《》\n]{1,80})?)》", doc.simple):
        if len(m.group(1)) < 2:
            continue
        if "\n" in m.group(1):  # a title the file wraps (…组织⏎2026—2035年发展战略): whole
            cut = m.start(1) + m.group(1).index("\n")
            yield Hit(((m.start(1), cut), (cut + 1, m.end(1))), "treaty", "title", nested=True)
            continue
        yield span(m.start(1), m.end(1), "treaty", "title", nested=True)
        after = doc.word_index(m.end())
        if after is not None and lex.heads.get(doc.words[after].text) == "treaty":
            yield span(m.start(), doc.words[after].end, "treaty", "title")


def quotes(doc: Prepared) -> Iterator[Hit]:
    """A short quoted name: “三股势力”, or with a head after it: “和平使命-2016”联合反恐演习.

    The part after the quotes, when several quoted names share it, is the generic term for
    them (联合反恐演习).
    """
    tails: dict[str, list[Hit]] = {}
    for m in re.finditer(r"[“「]([^“”「」\n]{1,20})[”」]", doc.simple):
        inner = m.group(1)
        if re.search(r"[，。；：、,;:]", inner) or _in_abbreviation(doc.simple, m.start()):
            continue
        head = head_after(doc, m.end())
        if head is not None:
            yield span(m.start(), head[0], head[1], "quote+head")
            tail = span(m.end(), head[0], "concept", "quote+head", nested=True)
            tails.setdefault(doc.simple[m.end():head[0]], []).append(tail)
        if sum(map(is_han, inner)) >= 2:
            yield span(m.start(1), m.end(1), "concept", "quote")
    for between, found in tails.items():
        if len(found) >= 2 and len(between) >= 4:
            yield from found


#: Nouns that close a list of principles: 不干涉内政、领土完整……等原则.
_PRINCIPLES = ("原则", "准则", "规范")


_PRINCIPLE_LIST = re.compile(
    f"((?:[\u4e00-\u9fff]{{2,14}}、)+[\u4e00-\u9fff]{{2,14}})等(?:{'|'.join(_PRINCIPLES)})")
_FIELD_LIST = re.compile(
    "((?:[\u4e00-\u9fff]{2,10}[、和与及])+[\u4e00-\u9fff]{2,10})等(?:领域|方面|行业)")
#: A run of Han characters and 、: the lists above lie wholly inside one.
_LIST_RUN = re.compile("[\u4e00-\u9fff、]+")


def _lists_closed_by(text: str, pattern: re.Pattern[str], closing: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), searched only in the runs of Han characters and 、 that hold
    `closing` (等原则): every match lies inside one such run, and the pattern's backtracking
    over the whole text cost more than the rest of the rule."""
    closes = [m.start() for m in re.finditer(closing, text)]
    k = 0
    for run in _LIST_RUN.finditer(text) if closes else ():
        start, end = run.span()
        while k < len(closes) and closes[k] < start:
            k += 1
        if k == len(closes):
            return
        if closes[k] < end:
            yield from pattern.finditer(text, start, end)


def principles(doc: Prepared) -> Iterator[Hit]:
    """The items of a list closed by 等原则 (等准则, 等规范) are terms of law."""
    for m in _lists_closed_by(doc.simple, _PRINCIPLE_LIST, f"等(?:{'|'.join(_PRINCIPLES)})"):
        offset = m.start(1)
        parts = m.group(1).split("、")
        for k, part in enumerate(parts):
            start = offset + (_last_name_start(doc, offset, offset + len(part)) if k == 0 else 0)
            if 2 <= offset + len(part) - start <= 12:
                yield span(start, offset + len(part), "concept", "principle")
            offset += len(part) + 1


def fields(doc: Prepared) -> Iterator[Hit]:
    """The items of a list closed by 等领域 (等方面, 等行业) are fields of cooperation named by
    terms: 在数字经济、电子商务和本币结算等领域. Items of at least four characters (安全、人文
    等领域 lists everyday words)."""
    for m in _lists_closed_by(doc.simple, _FIELD_LIST, "等(?:领域|方面|行业)"):
        offset = m.start(1)
        parts = re.split("[、和与及]", m.group(1))
        for k, part in enumerate(parts):
            start = offset + (_last_name_start(doc, offset, offset + len(part)) if k == 0 else 0)
            end = offset + len(part)
            words = doc.words_within(start, end)
            if 4 <= end - start <= 10 and doc.word_index(start) is not None and words \
                    and nameable(words[0].text, words[0].tag, lexicon()) \
                    and all(nameable(w.text, w.tag, lexicon()) or w.tag in ("v", "vn")
                            for w in words[1:]):  # 本币|结算/v
                yield span(start, end, "concept", "principle")
            offset += len(part) + 1


def _last_name_start(doc: Prepared, start: int, end: int) -> int:
    """Offset (from `start`) where the name words before `end` begin: 关于|国家平等,
    关于|不干涉内政 (a principle may start with 不)."""
    lex = lexicon()
    first = end
    for word in reversed(doc.words_within(start, end)):
        if not nameable(word.text, word.tag, lex) and word.text != "不":
            break
        first = word.start
    return first - start


def _in_abbreviation(text: str, quote_start: int) -> bool:
    return re.search(r"简称\s*$|”\s*或\s*$|”、\s*$", text[max(0, quote_start - 8):quote_start])\
        is not None


def explanations(doc: Prepared, names: list[Hit]) -> Iterator[Hit]:
    """A short term in brackets right after a name explains it, and is part of it:
    发展基金（专门账户） is one name (the term in the bracket is not a term of its own)."""
    ends: dict[int, Hit] = {}
    for h in names:
        if h.kind in _NAME_KINDS and len(h.pieces) == 1 and h.rule != "cvalue":
            (a, b), = h.pieces
            if b not in ends or a < ends[b].pieces[0][0]:
                ends[b] = h
    for m in re.finditer(r"（([^（）\n]{2,8})）", doc.simple):
        inner = m.group(1)
        if m.start() in ends and all(map(is_han, inner)) and "简称" not in inner:
            name = ends[m.start()]  # 发展基金（专门账户）: one name, its bracket explains it
            yield span(name.start, m.end(), name.kind, "bracket")
            yield span(name.start, name.end, name.kind, "bracket", nested=True)


def bracket_parts(doc: Prepared) -> Iterator[Hit]:
    """Places in a meeting's date bracket: （2016年9月13日，阿拉木图；2017年3月30日，塔什干）."""
    for m in re.finditer(r"（([^（）\n]{4,120})）", doc.simple):
        for part_match in re.finditer(r"[^；]+", m.group(1)):
            part = part_match.group()
            date, sep, rest = part.partition("，")
            if not sep or not _DATE.match(date.strip()):
                continue
            offset = m.start(1) + part_match.start() + len(date) + 1
            for item in re.finditer(r"[^、]+", rest):
                name = item.group().strip()
                if 2 <= len(name) <= 8 and all(map(is_han, name)):
                    yield span(offset + item.start(), offset + item.end(), "place", "date-place")


def dated_items(doc: Prepared) -> Iterator[Hit]:
    """In a list of events each with its date bracket, 会议（date，place）、会晤（date，place）,
    an item is one name from the list separator to its bracket, whatever words it holds:
    、银联体和实业家委员会联合商务论坛（2017年6月8日，阿斯塔纳）."""
    lex = lexicon()
    for m in re.finditer(r"（([^（）\n]{4,120})）", doc.simple):
        if not _DATE.match(m.group(1).split("，")[0].split("；")[0].strip()):
            continue
        before = doc.simple[max(0, m.start() - 40):m.start()]
        separator = before.rfind("、")
        if separator < 1 or before[separator - 1] != "）":
            continue  # not the second or a later item of a list of dated names
        item = before[separator + 1:]
        lead = re.match(r"(以及|及|和|与)", item)
        start = m.start() - len(item) + (lead.end() if lead else 0)
        text = doc.simple[start:m.start()]
        last = _word_before_offset(doc, m.start())
        if last is None or not 4 <= len(text) <= 30 or re.search(r"[，。；：、的（）]", text) \
                or text.count("“") != text.count("”") or doc.word_index(start) is None:
            continue
        kind = head_kind(doc.words[last].text, lex)
        if kind is not None:
            yield span(start, m.start(), kind, "dated")


def _word_before_offset(doc: Prepared, offset: int) -> int | None:
    i = doc.word_index(offset)
    if i is None or i == 0:
        return None
    return i - 1


# --------------------------------------------------------------------------------------------
# Abbreviations
# --------------------------------------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"（(?:以下)?(?:简称|下称)((?:[“「][^“”「」]{1,12}[”」](?:或|、)?)+|[\u4e00-\u9fff]{2,12})）")


def abbreviations(doc: Prepared, names: list[Hit]) -> Iterator[Hit]:
    """X（以下简称“A”或“B”）: A and B abbreviate X, the name that ends at the bracket.

    A name that goes on after the bracket (上合组织地区反恐怖机构（以下简称“...”）执行委员会)
    is found as one name in two pieces.
    """
    ending: dict[int, Hit] = {}
    for hit in names:
        if len(hit.pieces) == 1 and hit.kind in _NAMES_AND_PLACES:
            (a, b), = hit.pieces
            if b not in ending or a < ending[b].pieces[0][0]:
                ending[b] = hit
    for m in _ABBREVIATION.finditer(doc.simple):
        full = ending.get(m.start())
        if full is None:
            continue
        # （以下简称本组织总理会议）: no quotes, the whole is the short form
        quoted: Iterable[re.Match[str]] = (
            re.finditer(r"[“「]([^“”「」]+)[”」]", m.group(1)) if m.group(1)[0] in "“「"
            else [q for q in [re.match(r"(.+)", m.group(1))] if q])
        for q in quoted:
            start = m.start(1) + q.start(1)
            yield Hit(((start, start + len(q.group(1))),), "abbreviation", "defined",
                      full_form=full.pieces)
        head = head_after(doc, m.end())
        if head is not None:
            yield Hit(((full.start, m.start()), (m.end(), head[0])), head[1], "spliced")
