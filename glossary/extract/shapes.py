"""The recurring shapes of SCO and Chinese diplomatic terminology, found once or often:

- a formula that ends in a shape head (data/shape_heads.tsv) after words that qualify it:
  丝路精神, 全球安全倡议, 中国－中亚－西亚经济走廊, 新亚欧大陆桥, 新发展格局, 国内大循环,
  国际公共产品, 人类命运共同体 (a concept, not an organisation), 全面战略伙伴关系;
- 新型…关系 (新型国际关系, 新型大国关系);
- a principle named by a formula of words sharing their first character: 共商共建共享原则;
- a run of parallel four-character terms joined by 、: 政策沟通、设施联通、贸易畅通、资金融通、
  民心相通 (three or more items, each of four characters, made of whole words).

A term in these shapes may occur once: its shape, not its frequency, makes it a term. Only
the shapes are written here; no term of any document is listed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared, word_frequencies
from glossary.extract.heads import is_transliteration, nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import _pairs, lexicon

#: The words a shape may start with although they are boundaries elsewhere (新亚欧大陆桥,
#: 新发展格局, 新型国际关系).
_NEW = ("新型", "新")
MAX_WORDS = 4
#: A qualifier of a shape head must be specific: a name, a quoted name, or a word that is rare
#: in general Chinese (丝路 77); or one of these general words (全球发展倡议, 国际公共产品).
_QUALIFIERS = frozenset({"全球", "国际", "地区", "区域", "全面", "战略", "人类", "经济", "新",
                         "新型", "国内", "双", "大", "命运", "发展", "安全", "文明"})
RARE = 1000


@functools.cache
def shape_heads() -> dict[str, str]:
    return _pairs("shape_heads.tsv")


def formulas(doc: Prepared) -> Iterator[Hit]:
    """Formulas ending in a shape head, with the qualifying words before it."""
    heads = shape_heads()
    lex = lexicon()
    freq = word_frequencies()
    pattern = re.compile("|".join(sorted(map(re.escape, heads), key=len, reverse=True)))
    for m in pattern.finditer(doc.simple):
        end = m.end()
        k = doc.word_containing(m.start())
        if k is None or (doc.word_index(end) is None and end < len(doc.simple)):
            continue
        word = doc.words[k]
        start = word.start
        specific = word.start < m.start() and _specific_part(doc.simple[word.start:m.start()],
                                                              word.tag, freq, lex)
        j = k - 1
        while j >= 0 and k - j <= MAX_WORDS + 4 and doc.words[j].end not in doc.breaks:
            left = doc.words[j]
            if left.text in "”」" and j >= 2 and doc.words[j - 2].text in "“「":
                start, specific, j = doc.words[j - 2].start, True, j - 3  # “一带一路”倡议
                continue
            if left.text in _NEW and (j == 0 or not nameable(doc.words[j - 1].text,
                                                             doc.words[j - 1].tag, lex)):
                start, specific = left.start, True
                break
            if left.text in ("－", "—", "-") and j > 0 and doc.words[j - 1].tag == "ns":
                start, j = doc.words[j - 1].start, j - 2  # 中国－中亚－西亚经济走廊
                specific = True
                continue
            if not nameable(left.text, left.tag, lex) or left.text in lex.offices:
                break
            specific = specific or _specific_part(left.text, left.tag, freq, lex)
            start = left.start
            j -= 1
        if m.group() in _STRICT:
            specific = any(freq.get(w.text, 0) < RARE // 10 and all(map(is_han, w.text))
                           for w in doc.words_within(start, m.start()))
        if _shares_head(doc, start, lex):
            continue
        if specific and end - start >= len(m.group()) + 1 and end - start >= 3:
            yield span(start, end, heads[m.group()], "shape")


#: Heads whose qualifier must be a word general Chinese hardly knows (新冠|肺炎|疫情), as the
#: head is an everyday word after everyday qualifiers (国内疫情).
_STRICT = frozenset({"疫情"})


def _shares_head(doc: Prepared, start: int, lex) -> bool:
    """国际、地区和国别倡议: bare qualifiers listed before one head name no formula each."""
    if doc.simple[start - 1:start] not in ("和", "与", "及", "、"):
        return False
    k = doc.word_index(start - 1)
    before = doc.words[k - 1] if k else None
    return before is not None and (before.text in _QUALIFIERS or before.tag in ("a", "b"))


def _specific_part(text: str, tag: str, freq: dict[str, int], lex) -> bool:
    return (text in _QUALIFIERS or tag in ("ns", "nt", "nz", "j", "nr", "nrt")
            or is_transliteration(text, lex, 2) or freq.get(text, 0) < RARE)


def new_relations(doc: Prepared) -> Iterator[Hit]:
    """新型国际关系, 新型大国关系: 新型, up to six characters, 关系."""
    for m in re.finditer(r"新型[\u4e00-\u9fff]{1,6}?关系", doc.simple):
        if doc.word_index(m.start()) is not None and (
                doc.word_index(m.end()) is not None or m.end() == len(doc.simple)):
            yield span(m.start(), m.end(), "concept", "shape")


def shared_principles(doc: Prepared) -> Iterator[Hit]:
    """共商共建共享原则, 互利互惠原则: a formula of two-character words that share their first
    character, and 原则 (理念, 方针)."""
    for m in re.finditer(r"((.)[\u4e00-\u9fff](?:\2[\u4e00-\u9fff]){1,3})(原则|理念|方针)",
                         doc.simple):
        if is_han(m.group(2)) and doc.word_index(m.start()) is not None:
            yield span(m.start(), m.end(), "concept", "shape")


def parallel_terms(doc: Prepared) -> Iterator[Hit]:
    """Three or more four-character terms joined by 、 (the last perhaps by 和 or 与):
    政策沟通、设施联通、贸易畅通、资金融通、民心相通. Each item is made of whole words, none a
    function word or a clause word."""
    lex = lexicon()
    four = r"[\u4e00-\u9fff]{4}"
    for m in re.finditer(f"{four}(?:、{four}){{2,}}(?:(?:和|与|及){four})?", doc.simple):
        items = re.findall(r"[\u4e00-\u9fff]{4}", m.group())
        offsets = []
        position = m.start()
        for item in items:
            position = doc.simple.index(item, position)
            offsets.append((position, position + 4))
            position += 4
        if not all(_whole_words(doc, a, b, lex) for a, b in offsets):
            continue
        for a, b in offsets:
            yield span(a, b, "concept", "parallel")


def _whole_words(doc: Prepared, start: int, end: int, lex) -> bool:
    if doc.word_index(start) is None or doc.word_index(end) is None:
        return False
    words = doc.words_within(start, end)
    return all(nameable(w.text, w.tag, lex) or w.tag.startswith("v") for w in words) \
        and not any(w.text in lex.boundaries for w in words)
