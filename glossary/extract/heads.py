"""Names built from their head word: 上合组织实业家委员会, 外交部长理事会会议, 明斯克协议.

Official Chinese ends the name of an organisation, body, meeting, event or document in a head
from a small, general vocabulary (组织, 理事会, 会议, 演习, 公约 ...). From each head the name
is extended leftwards over words that can stand in a name, through short brackets and quotes
inside it (政府首脑（总理）理事会), and stopped by function words, governing verbs, a list
separator or a conjunction that joins two complete names (开发银行和发展基金).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from glossary.chinese import is_han
from glossary.extract.document import Prepared, Word
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import Lexicon, lexicon

MAX_NAME = 40
_ORDINAL = re.compile(r"第[一二三四五六七八九十百零〇\d]+[届次]$")
_ORDINAL_ENDS = frozenset("届次")
_YEAR = re.compile(r"\d{4}年$")
#: One-character prepositions and conjunctions that the segmenter may glue to an unknown word.
_PREPOSITIONS = frozenset("同在与和对向从把被给跟及")
_ORDINAL_INSIDE = re.compile(r"第[一二三四五六七八九十百零〇\d]+[届次]")
#: Dashes that join the partners named at the start of a name (中国—东盟博览会).
_DASHES = frozenset("—－–")


# --------------------------------------------------------------------------------------------


def head_kind(word: str, lex: Lexicon) -> str | None:
    """The kind of name `word` ends (its head), or None; remembered per word."""
    try:
        return _HEAD_KINDS[word]
    except KeyError:
        if len(_HEAD_KINDS) > 200_000:
            _HEAD_KINDS.clear()
        kind = _HEAD_KINDS[word] = _head_kind(word, lex)
        return kind


#: head_kind's answers: the lexicon is loaded once, so a word's answer never changes.
_HEAD_KINDS: dict[str, str | None] = {}
_NAMEABLE: dict[tuple[str, str], bool] = {}


def _head_kind(word: str, lex: Lexicon) -> str | None:
    if word in lex.attributives:
        return None  # 有组织 qualifies (有组织犯罪), it names no organisation
    if word in lex.heads:
        return lex.heads[word]
    for size in (4, 3, 2):  # a word that ends in a head: 研讨会, 新闻公报, not 出席会议
        if len(word) > size and word[-size:] in lex.heads:
            return None if word[:-size] in lex.boundaries else lex.heads[word[-size:]]
    return None


def nameable(word: str, tag: str, lex: Lexicon) -> bool:
    """Can this word be part of a name? (Remembered per word and tag.)"""
    key = (word, tag)
    try:
        return _NAMEABLE[key]
    except KeyError:
        if len(_NAMEABLE) > 200_000:
            _NAMEABLE.clear()
        answer = _NAMEABLE[key] = _nameable(word, tag, lex)
        return answer


def _nameable(word: str, tag: str, lex: Lexicon) -> bool:
    if not all(map(is_han, word)) or word in lex.boundaries:
        return False
    if len(word) > 2 and (word[:2] in lex.boundaries or word[:3] in lex.boundaries):
        return False  # 出席会议, 列席会议: a verb with its object
    if tag == "x" and len(word) > 2 and word[0] in _PREPOSITIONS:
        return False  # 同上合: an unknown word the segmenter glued to a preposition
    if tag[:1] in "pcudryfqmzo" or tag in ("ad", "vd"):
        return word in lex.name_verbs
    if tag.startswith("v") and tag != "vn":
        return word in lex.name_verbs or word in lex.heads
    return True


def named_heads(doc: Prepared) -> Iterator[Hit]:
    """Names built leftwards from a head word, over name words, brackets and quotes."""
    lex = lexicon()
    for i in doc.where(lambda text, _: head_kind(text, lex) is not None):
        word = doc.words[i]
        kind = cast(str, head_kind(word.text, lex))
        start = _extend_left(doc, i, kind, lex)
        about = _about(doc, start if start is not None else word.start) \
            if kind == "treaty" else None
        start = about or start
        if start is None:
            continue
        if kind == "treaty" and not about and not _proper_start(doc, start, lex):
            continue  # 相关决议, 发展战略: a document head needs a proper name before it
        yield span(start, word.end, kind, "head")
        k = doc.word_index(start)
        if kind in ("meeting", "event") and k is not None and k < i \
                and (doc.words[k + 1].start == word.start or doc.words[k + 1].text in lex.offices) \
                and (doc.words[k].tag == "ns" or is_transliteration(doc.words[k].text, lex)):
            # 杜尚别|峰会, 莫斯科|总理|会议: the place a meeting is named after (not 上海 of
            # 上海合作组织…会议, which names the organisation)
            yield span(doc.words[k].start, doc.words[k].end, "place", "head", nested=True)
        if kind in ("meeting", "body"):
            yield from _named_inside(doc, i, start, kind, lex)


def _extend_left(doc: Prepared, i: int, kind: str, lex: Lexicon) -> int | None:
    """Start of the name that ends with word i, or None when nothing names it."""
    words = doc.words
    start = words[i].start
    j = i - 1
    while j >= 0 and words[i].end - words[j].start <= MAX_NAME:
        word = words[j]
        if word.text in "）”」" and (k := _matching_open(doc, j)) is not None:
            j, start = k - 1, words[k].start  # a bracket or quote inside a name
            continue
        if word.text in _DASHES and j > 0 and _proper(words[j - 1], lex):
            start, j = words[j - 1].start, j - 2  # 中国—上海合作组织…示范区: partners joined
            continue
        if word.text in ("和", "与", "及") and j > 0 and _coordinates(words[j - 1].text, lex):
            break
        if word.text in ("和", "与") and j > 0 and _joins_inside(words[j - 1], lex):
            start, j = words[j - 1].start, j - 2
            continue
        before = doc.simple[max(0, start - 8):start]
        # Both patterns end in $ (at the end, or before a final line break): a look at the
        # last character spares most searches.
        last = before[-2:-1] if before.endswith("\n") else before[-1:]
        m = (_ORDINAL.search(before) if kind in ("event", "meeting") and last in _ORDINAL_ENDS
             else None) or (
            _YEAR.search(before) if kind in ("event", "treaty") and last == "年" else None)
        if m:  # 第十九次会议, 2017年...世博会: the name may go on before it
            start -= len(before) - m.start()
            j = _word_before(doc, start)
            continue
        if doc.simple[word.start - 1:word.start].isdigit():
            break  # 14日电: a word glued to a date
        if not nameable(word.text, word.tag, lex):
            break
        start = word.start
        j -= 1
    first = doc.word_index(start)
    if first is not None and first + 1 < i and words[first].tag == "v" \
            and _proper(words[first + 1], lex):
        start = words[first + 1].start  # 执行|伊朗核问题全面协议: the verb governs the name
    elif first is not None and first + 1 < i and _coordinated_modifier(doc, first, lex):
        start = words[first + 1].start  # 高效、全面|地区性组织: both words qualify the name
    if words[i].end - start < _head_length(words[i].text, lex) + 2:
        return None  # a bare head (会议, 组织) names nothing
    return start


def _coordinated_modifier(doc: Prepared, first: int, lex: Lexicon) -> bool:
    """Is word `first` the last of a list of qualifiers (高效、全面 地区性组织)? It follows 、
    and a single adjective or adverb, so it qualifies the name like that word, and is no part
    of it."""
    if first < 2 or doc.words[first - 1].text != "、":
        return False
    before = doc.words[first - 2]
    return before.tag in ("a", "ad", "d") and (
        first < 3 or not nameable(doc.words[first - 3].text, doc.words[first - 3].tag, lex))


def _proper(word: Word, lex: Lexicon) -> bool:
    return word.tag in ("ns", "nr", "nrt", "nt") or is_transliteration(word.text, lex)


def _head_length(word: str, lex: Lexicon) -> int:
    """Length of the head a word ends in (专门机构 → 2); remembered per word."""
    try:
        return _HEAD_LENGTHS[word]
    except KeyError:
        if len(_HEAD_LENGTHS) > 200_000:
            _HEAD_LENGTHS.clear()
        size = _HEAD_LENGTHS[word] = next(
            (n for n in (4, 3, 2, 1) if n <= len(word) and word[-n:] in lex.heads), len(word))
        return size


_HEAD_LENGTHS: dict[str, int] = {}


def _word_before(doc: Prepared, offset: int) -> int:
    """Index of the word that ends at `offset` (or -1)."""
    i = doc.word_index(offset)
    return (i if i is not None else len(doc.words)) - 1


def _joins_inside(left: Word, lex: Lexicon) -> bool:
    """和/与 inside a name joins offices (财长和央行行长会晤), short names (银联体和...论坛) or
    set phrases (相互协作与信任措施); after a plain noun it ends the name (报告和...)."""
    return nameable(left.text, left.tag, lex) and (
        left.text in lex.offices or left.tag in ("j", "l", "x", "nt", "nz")
        or len(left.text) >= 4)


def _coordinates(left: str, lex: Lexicon) -> bool:
    """A conjunction after a complete name joins two names (开发银行和发展基金)."""
    return head_kind(left, lex) is not None or left.endswith("部门")


def _matching_open(doc: Prepared, j: int) -> int | None:
    """Index of the word opening the bracket/quote closed by word j, if short and nameable."""
    close = doc.words[j].text
    opener = {"）": "（", "”": "“", "」": "「"}[close]
    for k in range(j - 1, max(j - 12, -1), -1):
        text = doc.words[k].text
        if text == opener:
            inner = doc.simple[doc.words[k].end:doc.words[j].start]
            if 1 <= len(inner) <= 12 and not re.search(r"[，。；、：简称]", inner):
                return k
            return None
        if text in "（）“”「」":
            return None
    return None


def _proper_start(doc: Prepared, start: int, lex: Lexicon) -> bool:
    """Does a name start with a proper name or a year (明斯克协议, 2030年...议程)?"""
    if re.match(r"\d{4}年", doc.simple[start:]):
        return True
    i = doc.word_index(start)
    if i is None:
        return False
    return _proper(doc.words[i], lex) or is_transliteration(doc.words[i].text, lex, 2)


def _named_inside(doc: Prepared, i: int, start: int, kind: str,
                  lex: Lexicon) -> Iterator[Hit]:
    """A meeting of a council names the council (外交部长理事会会议, 理事会第十七次会议); a body
    of an organisation or of another body names it (亚洲相互协作与信任措施会议秘书处,
    欧亚经济委员会执委会): yield them, nested.

    What a body's name adds to its organisation's is the body's own generic name, a term of
    its own (秘书处 of 亚信秘书处, 常设机构 of 上合组织常设机构, 执行委员会 of 独联体执行委员会):
    yielded too, nested, when it is generic (the head and at most one word before it, at
    least three characters).
    """
    if i == 0:
        return
    if kind == "meeting":
        yield from _council_of_meeting(doc, i, start, lex)
    elif kind == "body":
        yield from _parts_of_body(doc, i, start, lex)


def _council_of_meeting(doc: Prepared, i: int, start: int, lex: Lexicon) -> Iterator[Hit]:
    meeting = doc.words[i].start
    ordinal = _ORDINAL.search(doc.simple[max(0, meeting - 8):meeting])
    end = meeting - (len(ordinal.group()) if ordinal else 0)  # the council ends here
    k = _word_before(doc, end)
    if k < 0 or doc.words[k].end != end:
        return
    inner = _ORDINAL_INSIDE.search(doc.simple, start, end)
    if inner:  # 上合组织第二十三次成员国元首理事会会议: the council is 成员国元首理事会
        start = inner.end()
    if head_kind(doc.words[k].text, lex) == "body" \
            and end - start >= _head_length(doc.words[k].text, lex) + 2:
        yield span(start, end, "body", "head", nested=True)


def _parts_of_body(doc: Prepared, i: int, start: int, lex: Lexicon) -> Iterator[Hit]:
    for k in range(i - 1, -1, -1):
        word = doc.words[k]
        if word.start < start:
            return
        inner = head_kind(word.text, lex)
        if inner in ("organization", "meeting", "body") \
                and word.end - start >= _head_length(word.text, lex) + 2:
            yield span(start, word.end, inner, "head", nested=True)
        elif not (word.tag == "j" and word.start == start):  # 独联体|执行委员会
            continue
        if doc.words[i].end - word.end >= 3 and i - k <= 2:
            yield span(word.end, doc.words[i].end, "body", "head", nested=True)
        return


def _about(doc: Prepared, start: int) -> int | None:
    """关于……的公约: a document named by its subject starts at 关于 (within the clause)."""
    before = doc.simple[max(0, start - 30):start]
    if not before.endswith("的"):
        return None
    m = re.search(r"关于[^，。；：、（）《》“”\n]*$", before)
    return start - len(before) + m.start() if m else None


def is_transliteration(text: str, lex: Lexicon, minimum: int = 3) -> bool:
    return len(text) >= minimum and all(c in lex.transliteration for c in text)


def head_after(doc: Prepared, offset: int, max_words: int = 5) -> tuple[int, str] | None:
    """(end, kind) of the last head in the run of name words after `offset`:
    成员国元首理事会会议 ends at 会议, not at 理事会."""
    lex = lexicon()
    i = doc.word_index(offset)
    if i is None:
        return None
    found = None
    for word in doc.words[i:i + max_words]:
        if not nameable(word.text, word.tag, lex):
            break
        kind = head_kind(word.text, lex)
        if kind:
            found = word.end, kind
    return found


def concepts(doc: Prepared) -> Iterator[Hit]:
    """Noun phrases ending in a concept head: 国际恐怖主义, 跨国有组织犯罪, 多极世界秩序; a
    …化 nominalisation (贸易便利化, 国际关系民主化) ends one too. A field may qualify the head
    (信息通信领域犯罪)."""
    lex = lexicon()
    for i in doc.where(lambda text, tag: _concept_head(text, tag, lex) is not None):
        word = doc.words[i]
        head = cast(str, _concept_head(word.text, word.tag, lex))
        if head == "伙伴" and doc.simple.startswith("关系", word.end):
            continue  # …伙伴关系 is a relation (shapes.formulas), not a partner
        start = word.start
        for left in reversed(doc.words[max(0, i - 4):i]):
            if left.text == "领域" and left.end == word.start and start == word.start:
                start = left.start  # 信息通信领域|犯罪: a field before the head
                continue
            if not nameable(left.text, left.tag, lex) or left.tag == "v" \
                    or head_kind(left.text, lex) not in (None, "treaty") \
                    or left.text in lex.offices:
                break
            start = left.start
        if doc.simple[start:start + 2] == "领域":
            continue  # 各领域犯罪: nothing names the field
        if word.end - start >= 4 and (start < word.start or len(word.text) > len(head) + 1):
            # Kept inside titles too: 国际恐怖主义 in 关于打击国际恐怖主义的全面公约; not a
            # nominalisation, which is often only a document's subject (…运输便利化协定).
            yield span(start, word.end, "concept", "concept-head", nested=head != "化")


def _concept_head(text: str, tag: str, lex: Lexicon) -> str | None:
    """The concept head a word (its text and tag) ends in, if any."""
    if text[-1] not in lex.concept_head_ends and text[-1] != "化":
        return None
    for head in lex.longest_concept_heads_first:
        if text.endswith(head):
            return head
    if len(text) >= 3 and text.endswith("化") and tag in ("n", "vn", "v", "l") \
            and all(map(is_han, text)):
        return "化"  # 便利化, 多元化: a nominalisation in …化
    return None
