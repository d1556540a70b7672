"""Office + person: 哈萨克斯坦总统纳扎尔巴耶夫, 上合组织秘书长阿利莫夫.

An office title (lexicon offices) followed by a short run of Han characters that ends at a
verb, a list separator or punctuation is a person's name; what stands before the title, from
the previous separator, is the state or organisation the person speaks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared, Word, word_frequencies
from glossary.extract.heads import head_kind, is_transliteration, nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import Lexicon, lexicon

MAX_PERSON = 8
#: A foreign name with its given name and a middle dot: 弗拉基米尔·诺罗夫.
MAX_DOTTED = 14


def offices(doc: Prepared) -> Iterator[Hit]:
    """Titles, the persons after them, and the states or bodies before them."""
    lex = lexicon()
    for i in doc.where(lambda text, _: text in lex.offices):
        word = doc.words[i]
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
        if not all(is_han(c) or c == "·" for c in word.text) or word.start in doc.breaks:
            break
        if (word.text in lex.offices or head_kind(word.text, lex)
                or _starts_with_boundary(word.text, lex) or _ends_name(word, lex)):
            break
        end = word.end
    if start is None or end is None or not 2 <= end - start <= (
            MAX_DOTTED if "·" in doc.simple[start:end] else MAX_PERSON):
        return None
    name = doc.simple[start:end]
    following = doc.word_index(end)
    if following is not None and doc.words[following].text in lex.offices:
        return None  # a state or body before another title, not a person
    if any(name.endswith(s) for s in lex.place_suffixes if len(s) > 1):
        return None
    return end


#: Parts of speech that end a name after a title: adverbs, prepositions, conjunctions,
#: particles (习近平|应邀, 主席|分别, 纳尔巴耶娃|和).
_NOT_NAME_TAGS = ("d", "p", "c", "u", "y", "f", "m", "q", "t", "vn")


def _ends_name(word: Word, lex: Lexicon) -> bool:
    """Does this word end the name after a title? A function word does, and a verb of two or
    more characters unless it is made of transliteration characters (a piece of a foreign name
    jieba took for a verb)."""
    if word.text in lex.clause_words:
        return True
    if word.tag.startswith(_NOT_NAME_TAGS) and len(word.text) > 1 \
            and not is_transliteration(word.text, lex, 2):
        return True
    return word.tag == "v" and len(word.text) >= 2 and not is_transliteration(word.text, lex, 2)


def _before_office(doc: Prepared, i: int, lex: Lexicon) -> bool:
    """Do a few name words from word i lead to another office title?"""
    for word in doc.words[i:i + 4]:
        if word.text in lex.offices:
            return True
        if word.text == "兼":  # 国务委员兼外交部长: two offices of one person
            continue
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


# --------------------------------------------------------------------------------------------
# Names without a title before them
# --------------------------------------------------------------------------------------------

#: Endings of Russian and other Slavic surnames and patronymics as Xinhua transliterates them:
#: a transliterated name ending so is a person, not a place (纳扎尔巴耶夫, 诺罗夫, 纳尔巴耶娃).
PERSON_ENDINGS = ("耶夫", "诺夫", "罗夫", "洛夫", "科夫", "莫夫", "佐夫", "托夫", "耶娃", "诺娃",
                  "罗娃", "洛娃", "科娃", "斯基", "维奇", "耶维奇", "延科", "年科", "巴耶夫")
#: A Chinese given name is one or two characters; a common word is no name.
_COMMON = 2000


def is_person_like(name: str, lex: Lexicon) -> bool:
    """A transliterated name with a surname ending (a person, whatever jieba's tag says)."""
    return is_transliteration(name, lex, 3) and name.endswith(PERSON_ENDINGS) \
        and not any(name.endswith(s) for s in lex.place_suffixes if len(s) > 1)


def chinese_name(text: str, lex: Lexicon) -> bool:
    """Could `text` be a Chinese person's name: a surname and a one- or two-character given
    name, none of it a common word (王毅, 李春晖, 欧阳明)?"""
    if not 2 <= len(text) <= 4 or not all(map(is_han, text)):
        return False
    for size in (2, 1):
        if text[:size] in lex.surnames and 1 <= len(text) - size <= 2:
            freq = word_frequencies()
            given = text[size:]  # 张明: a one-character given name may be any character
            return freq.get(text, 0) < _COMMON and (len(given) == 1
                                                    or freq.get(given, 0) < _COMMON * 5)
    return False


def named_persons(doc: Prepared) -> Iterator[Hit]:
    """Persons named where official texts put names without a title before them:

    - a byline: （记者李春晖 张明远）, 人民日报记者 陈晓东;
    - a foreign name with a middle dot: 弗拉基米尔·诺罗夫, 伊姆兰·汗;
    - a name right before an office title (the title after the name): 苏杰生部长, 谢诺大使;
    - a speaker's name at the start of a line, before a colon (an interview): 诺罗夫：.
    """
    lex = lexicon()
    simple = doc.simple
    for m in re.finditer(r"记者[ 　]*([\u4e00-\u9fff 　、]{2,16}?)(?=[）)\n：]|$|记者)", simple):
        offset = m.start(1)
        i = doc.word_index(m.start())
        if i and doc.words[i - 1].tag in ("nt", "nz"):  # 人民日报记者: the paper
            yield span(doc.words[i - 1].start, doc.words[i - 1].end, "organization", "byline")
        for run in re.finditer(r"[\u4e00-\u9fff]+", m.group(1)):
            for a, b in _names_in_run(run.group(), lex):  # spaces between names are dropped
                yield span(offset + run.start() + a, offset + run.start() + b, "person",
                           "byline")
    for m in re.finditer("·", simple):
        start, end = m.start(), m.end()
        while start > 0 and start > m.start() - 8 and simple[start - 1] in lex.transliteration:
            start -= 1
        while end < len(simple) and end < m.end() + 8 and (
                simple[end] in lex.transliteration or (simple[end] == "·" and end > m.end())):
            end += 1
        k = doc.word_containing(end - 1) if end > m.end() else None
        if k is not None and doc.words[k].end - end <= 2 and all(map(is_han, doc.words[k].text)):
            end = doc.words[k].end  # 普京: a name's last word may hold other characters
        if start < m.start() and end > m.end() and simple[start - 1:start] != "·":
            yield span(start, end, "person", "dotted")
    for i in doc.where(lambda text, _: text in lex.offices):
        if i == 0:
            continue
        word = doc.words[i]
        name = doc.words[i - 1]
        before = doc.words[i - 2] if i > 1 else None
        after = doc.words[i + 1] if i + 1 < len(doc.words) else None
        if (before is None or not nameable(before.text, before.tag, lex)) \
                and (after is None or not nameable(after.text, after.tag, lex)
                     or after.tag == "v") \
                and _name_before_title(name, lex):  # not 莫斯科|总理|会议: a meeting's name
            yield span(name.start, name.end, "person", "name+office")
            yield span(word.start, word.end, "title", "office")
    for m in re.finditer(r"(?:^|\n)([\u4e00-\u9fff·]{2,12})：", simple):
        speaker = m.group(1)
        if speaker in lex.offices or word_frequencies().get(speaker, 0) >= _COMMON \
                or head_kind(speaker, lex):
            continue
        if chinese_name(speaker, lex) or is_transliteration(speaker.replace("·", ""), lex, 2):
            yield span(m.start(1), m.end(1), "person", "speaker")


def _names_in_run(run: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The names in a run of Han characters after 记者: one name, or several written without
    a space between them (李春晖张明远)."""
    if chinese_name(run, lex):
        return [(0, len(run))]
    for cut in range(2, len(run) - 1):
        rest = _names_in_run(run[cut:], lex)
        if chinese_name(run[:cut], lex) and rest:
            return [(0, cut), *((a + cut, b + cut) for a, b in rest)]
    return []


def _name_before_title(word: Word, lex: Lexicon) -> bool:
    text = word.text
    if not 2 <= len(text) <= 6 or head_kind(text, lex) or text in lex.offices \
            or any(text.endswith(s) for s in lex.place_suffixes if len(s) > 1):
        return False
    if word.tag in ("ns", "nt", "n", "vn", "v", "j", "nz", "a", "b"):
        return is_person_like(text, lex)
    return word.tag.startswith("nr") or (word.tag == "x" and (
        is_transliteration(text, lex, 2) or chinese_name(text, lex)))
