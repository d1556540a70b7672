"""Pinyin of Chinese text in the forms the glossary shows and indexes (GB/T 16159).

pypinyin supplies the readings. Importing it reads its dictionaries, which takes half a
second, so that waits for the first text that needs pinyin (`_pypinyin`).

>>> pinyin_forms("上海合作组织", proper=True).tone
'Shànghǎi Hézuò Zǔzhī'
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from types import ModuleType

from glossary.chinese.chars import HAN_CLASS, is_han
from glossary.chinese.segment import _words
from glossary.chinese.syllables import _segment_marked

__all__ = [
    "COMPOUND_SURNAMES",
    "FOREIGN_NAMES",
    "PINYIN_CORRECTIONS",
    "SURNAME_READINGS",
    "PinyinForms",
    "pinyin_forms",
    "pinyin_forms_from",
]

# Readings pypinyin gets wrong, checked by eye against the shipped document: tone-marked
# syllables separated by spaces. Each entry goes into pypinyin's phrase dictionary (so it
# applies inside a word) and is also applied where it runs across words ("为主题": 为 is a word).
PINYIN_CORRECTIONS: dict[str, str] = {
    "耶夫": "yē fū",  # the Russian -ev of transliterated names: yē, not yé
    "纳扎尔巴耶夫": "nà zhā ěr bā yē fū",
    "阿塔姆巴耶夫": "ā tǎ mǔ bā yē fū",
    "米尔济约耶夫": "mǐ ěr jì yuē yē fū",
    "瑟索耶夫": "sè suǒ yē fū",
    "然库利耶夫": "rán kù lì yē fū",
    "额勒贝格道尔吉": "é lè bèi gé dào ěr jí",  # 勒 lè, not lēi
    "比什凯克": "bǐ shí kǎi kè",  # 什 shí, not shén
    "塔什干": "tǎ shí gān",  # 干 gān in transliterations (乌干达 Wūgāndá)
    "为主题": "wéi zhǔ tí",  # 以……为主题: 为 wéi "to take as"
    "阿什拉夫": "ā shí lā fū",  # 什 shí in transliterations (Ashraf)
}

_pypinyin_lock = threading.Lock()
_pypinyin_module: ModuleType | None = None


def _pypinyin() -> ModuleType:
    """pypinyin, with PINYIN_CORRECTIONS in its phrase dictionary. Loading them changes a
    dictionary other threads may be reading, so it happens once, under a lock, before anyone
    gets the module."""
    global _pypinyin_module
    if _pypinyin_module is None:
        with _pypinyin_lock:
            if _pypinyin_module is None:
                import pypinyin

                pypinyin.load_phrases_dict(
                    {k: [[s] for s in v.split()] for k, v in PINYIN_CORRECTIONS.items()})
                _pypinyin_module = pypinyin
    return _pypinyin_module


def _to_tone3(marked: str) -> str:
    """"lǜ" → "lv4" (no digit for the neutral tone)."""
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(marked, v_to_u=False)


def _to_tone(numbered: str) -> str:
    """"lv4" → "lǜ" """
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(numbered)


# Surnames whose reading as a surname differs from the character's common reading.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zēng", "单": "shàn", "仇": "qiú", "区": "ōu", "朴": "piáo", "解": "xiè", "查": "zhā",
    "盖": "gě", "乐": "yuè", "覃": "qín", "繁": "pó", "纪": "jǐ", "缪": "miào", "翟": "zhái",
    "任": "rén", "华": "huà", "种": "chóng", "秘": "bì", "员": "yùn", "过": "guō", "句": "gōu",
    "宁": "nìng", "贾": "jiǎ", "召": "shào", "重": "chóng", "柏": "bǎi", "谌": "chén",
    "藏": "zàng", "尉迟": "yù chí", "长孙": "zhǎng sūn", "万俟": "mò qí", "单于": "chán yú",
    "令狐": "líng hú", "澹台": "tán tái",
}

COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "夏侯", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "令狐", "端木", "独孤", "轩辕", "澹台", "闻人", "申屠", "太史", "呼延", "南宫", "万俟",
    "西门", "百里", "东郭", "公羊", "赫连", "钟离", "宗政", "濮阳", "淳于", "单于", "拓跋", "完颜",
})


# Transliterated foreign personal names of 2-4 characters, which pinyin_forms(person=True) must
# not split into a Chinese surname and given name.
FOREIGN_NAMES = frozenset({"普京", "加尼", "莫迪", "阿利莫夫", "瑟索耶夫", "卢卡申科", "古特雷斯",
                           "列别捷夫", "拉赫蒙", "扎里夫", "谢里夫"})


@dataclass(frozen=True, slots=True)
class PinyinForms:
    """The pinyin of a Chinese text in the forms the glossary shows and indexes.

    - `tone`: display form, GB/T 16159: tone marks, syllables of a word together, an
      apostrophe before a/o/e inside a word (Xī'ān), words apart; digits, Latin and
      punctuation kept as in the text.
    - `numbered`: lowercase syllables with tone digits 1-4 (none for the neutral tone), ü as v.
    - `plain`: lowercase syllables without tones, ü as v.
    - `initials`: the first letter of every syllable (Latin/digit runs whole), lowercase.
    """

    tone: str
    numbered: str
    plain: str
    initials: str


@dataclass(frozen=True, slots=True)
class _Word:
    """One word in all forms; `tone` is lowercase."""

    tone: str
    numbered: tuple[str, ...]
    plain: tuple[str, ...]
    initials: str


_TOKEN = re.compile(
    rf"(?P<han>{HAN_CLASS}+)|(?P<run>(?:(?!{HAN_CLASS})[^\W_])+)|(?P<space>\s+)|(?P<punct>.)",
    re.DOTALL,
)


def pinyin_forms(text: str, *, proper: bool = False, person: bool = False) -> PinyinForms:
    """Pinyin of `text`, words grouped as GB/T 16159 writes them (jieba segmentation).

    `proper`: a proper name, every word capitalised. `person`: a personal name. A Chinese name
    (2-4 Han characters) is written surname, space, given name, both capitalised; compound
    surnames (欧阳, 司马 ...) and surname readings (单 Shàn, 曾 Zēng ...) are known. A foreign
    name (with a separating dot, longer than four characters, or in FOREIGN_NAMES) is written
    one word per part. Digits and Latin runs are kept as they are, punctuation too (an opening
    mark binds to the next word, others to the previous one); a name dot (·) separates words.

    >>> f = pinyin_forms("上海合作组织")
    >>> f.tone, f.numbered, f.plain, f.initials
    ('shànghǎi hézuò zǔzhī', 'shang4 hai3 he2 zuo4 zu3 zhi1', 'shang hai he zuo zu zhi', 'shhzzz')
    >>> pinyin_forms("习近平", person=True).tone
    'Xí Jìnpíng'
    >>> pinyin_forms("《上合组织至2025年发展战略》").tone
    '《shànghé zǔzhī zhì 2025 nián fāzhǎn zhànlüè》'
    """
    name = text.strip()
    parts: list[tuple[str, str, _Word | None]]
    if person and _is_chinese_name(name):
        family, given = _name_words(name)
        parts = [("word", "", family), ("word", "", given)]
    else:
        parts = _parts(text, whole_runs=person)
    numbered: list[str] = []
    plain: list[str] = []
    initials: list[str] = []
    for kind, chunk, forms in parts:
        if forms is not None:
            numbered.extend(forms.numbered)
            plain.extend(forms.plain)
            initials.append(forms.initials)
        elif kind == "run":
            numbered.append(chunk.lower())
            plain.append(chunk.lower())
            initials.append(chunk.lower())
    return PinyinForms(
        tone=_join_spaced([
            (kind, chunk if forms is None
             else _tone_shown(forms, (proper or person) and (i == 0 or chunk not in
                                                             _FUNCTION_WORDS)))
            for i, (kind, chunk, forms) in enumerate(parts)
        ]),
        numbered=" ".join(numbered),
        plain=" ".join(plain),
        initials="".join(initials),
    )


def pinyin_forms_from(text: str, display: str) -> PinyinForms:
    """All forms from a reading checked by a person (`display`, as `tone` writes it).

    The shipped data pins readings that no dictionary gets right this way. The display form
    must have one syllable per Han character of `text`; ValueError says what is wrong.

    >>> pinyin_forms_from("峰会", "fēnghuì").numbered
    'feng1 hui4'
    >>> pinyin_forms_from("西安", "Xī'ān").plain
    'xi an'
    """
    syllables: list[str] = []
    sequence: list[str] = []  # numbered syllables and Latin/digit runs, in reading order
    for word in display.replace("\u2019", "'").split():
        for piece in re.split(r"[-'·]", word.strip("《》“”‘’（）()、，,\"")):
            if not piece:
                continue
            if piece.isdigit() or (piece.isascii() and piece.isupper()):
                sequence.append(piece.lower())
                continue
            found = _segment_marked(piece)
            if found is None:
                raise ValueError(f"{piece!r} in {display!r} is not a sequence of pinyin syllables")
            syllables.extend(found)
            sequence.extend(_to_tone3(s.lower()) for s in found)
    han = sum(1 for ch in text if is_han(ch))
    if len(syllables) != han:
        raise ValueError(f"{display!r} has {len(syllables)} syllables for {han} characters "
                         f"in {text!r}")
    plain = [s.rstrip("12345") for s in sequence]
    return PinyinForms(
        tone=display,
        numbered=" ".join(sequence),
        plain=" ".join(plain),
        initials="".join(p if p.isdigit() else p[:1] for p in plain),
    )

def _tone_shown(forms: _Word, capitalise: bool) -> str:
    return _capitalise(forms.tone) if capitalise else forms.tone


def _is_chinese_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and all(map(is_han, name)) and name not in FOREIGN_NAMES


_NAME_DOTS = frozenset("·•‧・")
_OPENING_PUNCT = frozenset("“‘（(「『【〔〈《[")


def _parts(text: str, *, whole_runs: bool = False) -> list[tuple[str, str, _Word | None]]:
    """Split `text` into ("word", han word, pinyin), ("run", Latin/digit run, None) and
    ("punct", mark, None); spaces and name dots only separate. `whole_runs` makes each run of
    Han characters one word (a transliterated foreign name)."""
    parts: list[tuple[str, str, _Word | None]] = []
    for m in _TOKEN.finditer(text):
        kind, chunk = m.lastgroup, m.group()
        if kind == "han" and whole_runs:
            syllables = [s for _, forms in _run_words(chunk) for s in forms.numbered]
            parts.append(("word", chunk, _forms_from_syllables(syllables)))
        elif kind == "han":
            parts.extend(("word", word, forms) for word, forms in _run_words(chunk))
        elif kind == "run" or (kind == "punct" and chunk not in _NAME_DOTS):
            parts.append((kind, chunk, None))
    return parts


# Pinyin is Latin text: Chinese punctuation inside it is written the Latin way (GB/T 16159),
# except the title marks, which have no Latin equivalent translators would recognise.
_PINYIN_PUNCT = {"，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "“": '"',
                 "”": '"', "‘": "'", "’": "'", "。": ".", "！": "!", "？": "?", "—": "-",
                 "–": "-"}
_JOINING_PUNCT = frozenset("-/")
# Function words stay lowercase inside a capitalised name (GB/T 16159: Zhōngguó hé Éluósī).
_FUNCTION_WORDS = frozenset({"和", "与", "及", "的", "之", "于", "兼", "或", "同", "跟"})


def _join_spaced(items: list[tuple[str, str]]) -> str:
    """Words and runs apart; punctuation binds to the previous item, an opening mark to the
    next, a hyphen to both ("Hézuò-2016")."""
    out: list[str] = []
    glue = True  # no space before the next item: start of text, or after an opening mark
    for kind, shown in items:
        if kind == "punct" and shown in _JOINING_PUNCT:
            out.append(shown)
            glue = True
            continue
        if kind == "punct" and shown not in _OPENING_PUNCT:
            out.append(_PINYIN_PUNCT.get(shown, shown))
            glue = False
            continue
        if kind == "punct":
            shown = _PINYIN_PUNCT.get(shown, shown)
        out.append(shown if glue else " " + shown)
        glue = kind == "punct"
    return "".join(out)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _run_words(han: str) -> list[tuple[str, _Word]]:
    """The words of a run of Han characters with their pinyin."""
    words = _words(han)
    if not _needs_context(han, words):
        return [(word, _word_forms(word)) for word in words]
    return _words_in_context(han, words)


@functools.lru_cache(maxsize=131072)
def _word_forms(word: str) -> _Word:
    """All pinyin forms of one word; cached, as indexing asks for the same words again and again."""
    return _forms_from_syllables(_syllables(word))


def _syllables(word: str) -> list[str]:
    """Numbered syllables (TONE3, v for ü, no digit for the neutral tone), one per character."""
    # Style.TONE is pypinyin's own storage form: asking for it skips its slow style conversion.
    pypinyin = _pypinyin()
    marked = pypinyin.lazy_pinyin(word, style=pypinyin.Style.TONE, errors=list)
    syllables = [_numbered(s) for s in marked]
    # GB/T 16159 writes 一 and 不 with their own tones; pypinyin's phrases sometimes carry the
    # spoken tone change (进一步 jìn yí bù, 不要 bú yào).
    for i, ch in enumerate(word):
        if ch == "一" and syllables[i] in ("yi2", "yi4"):
            syllables[i] = "yi1"
        elif ch == "不" and syllables[i] == "bu2":
            syllables[i] = "bu4"
    return syllables


@functools.lru_cache(maxsize=4096)
def _numbered(marked: str) -> str:
    """"lǜ" → "lv4" ("men" stays); anything that is not pinyin (an unknown character) is kept."""
    return _to_tone3(marked) if _is_pinyin(marked) else marked


@functools.lru_cache(maxsize=4096)
def _marked(numbered: str) -> str:
    """"lv4" → "lǜ" """
    return _to_tone(numbered) if _is_pinyin(numbered) else numbered


def _is_pinyin(syllable: str) -> bool:
    return syllable.isascii() or all(ch.isalpha() and not is_han(ch) for ch in syllable)


@functools.cache
def _corrections_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, PINYIN_CORRECTIONS), key=len, reverse=True)))


@functools.cache
def _corrections_tone3() -> dict[str, list[str]]:
    return {
        word: [_to_tone3(s) for s in reading.split()]
        for word, reading in PINYIN_CORRECTIONS.items()
    }


def _needs_context(han: str, words: tuple[str, ...]) -> bool:
    """Does a reading depend on more than the word itself (a correction across words, the
    particle 地)?"""
    return _corrections_re().search(han) is not None or any(
        _is_particle_de(words, i) for i, word in enumerate(words) if word == "地"
    )


def _is_particle_de(words: tuple[str, ...], i: int) -> bool:
    """地 standing alone after a word of two or more characters and before another word is the
    adverbial particle de (有计划地落实, 积极地推动); 地区, 本地, 土地 are words of their own."""
    return 0 < i < len(words) - 1 and len(words[i - 1]) >= 2


def _words_in_context(han: str, words: tuple[str, ...]) -> list[tuple[str, _Word]]:
    syllables = [s for word in words for s in _word_forms(word).numbered]
    for m in _corrections_re().finditer(han):
        syllables[m.start() : m.end()] = _corrections_tone3()[m.group()]
    result: list[tuple[str, _Word]] = []
    position = 0
    for i, word in enumerate(words):
        own = syllables[position : position + len(word)]
        if word == "地" and _is_particle_de(words, i):
            own = ["de"]
        result.append((word, _forms_from_syllables(own)))
        position += len(word)
    return result


def _forms_from_syllables(syllables: list[str]) -> _Word:
    marked: list[str] = []
    for i, syllable in enumerate(syllables):
        shown = _marked(syllable)
        if i and shown[:1] in "aāáǎàoōóǒòeēéěè":
            shown = "'" + shown  # GB/T 16159: Xī'ān, Tiān'ānmén
        marked.append(shown)
    plain = tuple(s.rstrip("12345") for s in syllables)
    return _Word(
        tone="".join(marked),
        numbered=tuple(syllables),
        plain=plain,
        initials="".join(s[:1] for s in plain),
    )


def _split_name(name: str) -> tuple[str, str]:
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:surname_length], name[surname_length:]


@functools.lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[_Word, _Word]:
    """Surname and given name of a Chinese personal name."""
    surname, _ = _split_name(name)
    syllables = _syllables(name)  # the whole name, so pypinyin sees the given name in context
    family = _surname_syllables(surname) or syllables[: len(surname)]
    return _forms_from_syllables(family), _forms_from_syllables(syllables[len(surname) :])


def _surname_syllables(surname: str) -> list[str] | None:
    reading = SURNAME_READINGS.get(surname)
    if reading is None:
        return None
    return [_to_tone3(s) for s in reading.split()]
