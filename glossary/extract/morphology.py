"""Terms recognised by their make-up: the word-formation patterns of Chinese political and legal
terminology, which hold for a term that occurs once and that no written cue marks.

- 反 + a noun or nominal verb: a policy against something (反腐败, 反极端主义).
- A role noun in 国 (成员国, 签署国, 理事国) with the attributives before it (非常任理事国): the
  status of a state in an organisation or a treaty.
- 互X互Y formulas (互联互通, 互学互鉴) and 互X + a noun (互利合作, 互信机制).
- Compounds of a combining prefix and a two-character word: 综合 + 安全 (综合安全), 多X + 联运
  (多式联运: jieba does not know 多式 and leaves it as an unknown word).
- Abbreviations that jieba's dictionary tags as such (j) and that end like the name of an
  organisation (欧盟, 东盟, 独联体: 盟 of 联盟, 体 of 联合体).

Only the patterns are written here; no term of any document is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.chinese import is_han
from glossary.extract.document import Prepared, all_han, word_frequencies
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import lexicon

#: Tags of words that can follow 反 or 互X in a term (nouns, nominal verbs).
_NOMINAL = ("n", "vn", "nz", "an", "j")
#: Tags of the words jieba gives an anti-term it knows whole (反腐败/v, 反恐怖/i).
_ANTI_TAGS = ("v", "vn", "n", "i", "l")


def anti(doc: Prepared) -> Iterator[Hit]:
    """反 + what it is against: 反腐败, 反恐怖, 反极端主义 (a word of three or more characters)."""
    words = doc.words
    for i in doc.where(lambda text, _: text[0] == "反"):
        word = words[i]
        if word.text == "反" and i + 1 < len(words) and words[i + 1].tag.startswith(_NOMINAL) \
                and len(words[i + 1].text) >= 2 and all_han(words[i + 1].text):
            yield span(word.start, words[i + 1].end, "concept", "pattern")
        elif len(word.text) >= 3 and word.text[0] == "反" and word.tag.startswith(_ANTI_TAGS) \
                and all_han(word.text):
            yield span(word.start, word.end, "concept", "pattern")


def state_roles(doc: Prepared) -> Iterator[Hit]:
    """A noun for a state's role, ending in 国 (成员国, 签署国), with the attributives (b) before
    it: 非常任理事国."""
    lex = lexicon()
    words = doc.words
    for i in doc.where(lambda text, _: text[-1] == "国"):
        word = words[i]
        text = word.text
        start = word.start
        j = i - 1
        if text == "国" and i and words[i - 1].text[-1:] in _ROLE_ENDS \
                and len(words[i - 1].text) >= 2 and words[i - 1].tag == "n":
            start, j = words[i - 1].start, i - 2  # 观察员|国: the segmenter cut the role noun
        elif len(text) < 3 or text[-1] != "国" or word.tag != "n" \
                or not all_han(text) or text in lex.place_suffixes \
                or text[0] in "一二三四五六七八九十两几各本":
            continue
        while j >= 0 and words[j].tag == "b" and words[j].text not in lex.boundaries:
            start = words[j].start
            j -= 1
        if j >= 0 and j == i - 1 and words[j].text in _ROLE_QUALIFIERS:
            start = words[j].start  # 对话伙伴国, 创始成员国
        yield span(start, word.end, "concept", "pattern")


#: Role nouns the segmenter may cut before 国 (观察员|国, 理事|国).
_ROLE_ENDS = frozenset("员事伴约")
#: Words that qualify a role noun in 国 in the usage of international organisations.
_ROLE_QUALIFIERS = frozenset({"对话", "创始", "观察员", "候任", "轮值", "东道"})


_MUTUAL = re.compile(r"互[\u4e00-\u9fff]互[\u4e00-\u9fff]")


def mutual(doc: Prepared) -> Iterator[Hit]:
    """互联互通, 互学互鉴 (on word boundaries), and 互X + a noun: 互利合作, 互信机制."""
    for m in _MUTUAL.finditer(doc.simple):
        if doc.word_index(m.start()) is not None and (
                doc.word_index(m.end()) is not None or m.end() == len(doc.simple)):
            yield span(m.start(), m.end(), "concept", "pattern")
    words = doc.words
    for i in doc.where(lambda text, _: len(text) == 2 and text[0] == "互" and text != "互相"):
        if i + 1 == len(words):
            continue
        word, after = words[i], words[i + 1]
        if after.tag.startswith(_NOMINAL) and len(after.text) == 2 \
                and all_han(after.text):
            yield span(word.start, after.end, "concept", "pattern")


#: Prefixes that make a term of the two-character word after them, when they stand as a word.
_PREFIXES = ("综合",)


def prefixed(doc: Prepared) -> Iterator[Hit]:
    """综合安全, 多式联运: a combining prefix and a two-character noun or verb."""
    freq = word_frequencies()
    words = doc.words
    for i in doc.where(lambda text, _: text in _PREFIXES or (
            len(text) == 2 and text[0] in "多跨" and text not in freq and is_han(text[1]))):
        if i + 1 == len(words):
            continue
        word, after = words[i], words[i + 1]
        if len(after.text) != 2 or not all_han(after.text) \
                or not after.tag.startswith(("n", "vn", "an", "v")):
            continue
        if word.text in _PREFIXES and after.tag != "v":
            yield span(word.start, after.end, "concept", "pattern")
        elif len(word.text) == 2 and word.text[0] in "多跨" and word.text not in freq \
                and is_han(word.text[1]):
            yield span(word.start, after.end, "concept", "pattern")  # 多式|联运


def self_references(doc: Prepared) -> Iterator[Hit]:
    """本组织 (本公约, 本协定): how an organisation's or a treaty's own texts name it, a fixed
    short form a translator renders one way ("the Organisation")."""
    for m in re.finditer("本(组织|公约|协定|宪章)", doc.simple):
        if doc.word_index(m.start()) is not None or doc.word_index(m.start() + 1) is not None:
            yield span(m.start(), m.end(), "abbreviation", "pattern")


def abbreviated_names(doc: Prepared) -> Iterator[Hit]:
    """Words jieba tags as abbreviations (j) that end in the last character of an organisation
    head (盟 of 联盟, 体 of 联合体, 会 of 委员会): 欧盟, 东盟, 独联体, 执委会."""
    lex = lexicon()
    endings = {head[-1] for head, kind in lex.heads.items()
               if kind in ("organization", "body") and len(head) >= 2}
    for i in doc.where(lambda text, tag: tag == "j" and len(text) >= 2 and all_han(text)
                       and text not in lex.heads and text[-1] in endings):
        yield span(doc.words[i].start, doc.words[i].end, "organization", "pattern")
