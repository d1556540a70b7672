"""Pieces of a Chinese term that are read rather than looked up: ordinals (第二十五次),
years and year ranges (2026—2035年, 2013年至2015年) and plain numbers, with the words that
render a number in Russian and English.

The composition suggester treats each piece as a slot of a template: the termbase says how
the piece was written in an example (25-е, двадцать пятого, 25th, Thirteenth, 2018–2023), and
the piece of the new term is written the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Kinds of pieces, as they appear in template keys (see compose.SLOT_MARK).
ORDINAL, YEARS, NUMBER = "ordinal", "years", "number"

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_ZH_NUMERAL = "零〇一二两三四五六七八九十百"

_PIECE = re.compile(
    r"(?P<ordinal>第(?:[" + _ZH_NUMERAL + r"]+|\d+)(?:次|届)?)"
    r"|(?P<range>(?P<y1>(?:19|20)\d\d)\s*年?\s*[-—–－~至到]\s*(?P<y2>(?:19|20)\d\d)(?:\s*年)?)"
    r"|(?P<year>(?:19|20)\d\d(?:\s*年)?)"
    r"|(?P<number>\d+)")


@dataclass(frozen=True)
class Piece:
    """A piece found in a Chinese term: where it is, its kind and its value."""

    start: int
    end: int
    kind: str
    value: tuple[int, ...]


def zh_number(text: str) -> int | None:
    """The value of a Chinese numeral below 1000, or of Arabic digits.

    >>> zh_number("二十五"), zh_number("十"), zh_number("十三"), zh_number("一百零二")
    (25, 10, 13, 102)
    """
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    total += current
    return total or None


def pieces(term: str) -> list[Piece]:
    """The ordinals, years and numbers of a Chinese term.

    >>> [(p.kind, p.value) for p in pieces("2018-2023年上海合作组织第二十五次会议")]
    [('years', (2018, 2023)), ('ordinal', (25,))]
    """
    found = []
    for m in _PIECE.finditer(term):
        if m.group("ordinal"):
            n = zh_number(m.group("ordinal")[1:].rstrip("次届"))
            if n:
                found.append(Piece(m.start(), m.end(), ORDINAL, (n,)))
        elif m.group("range"):
            found.append(Piece(m.start(), m.end(), YEARS, (int(m.group("y1")), int(m.group("y2")))))
        elif m.group("year"):
            found.append(Piece(m.start(), m.end(), YEARS, (int(m.group("year")[:4]),)))
        else:
            found.append(Piece(m.start(), m.end(), NUMBER, (int(m.group("number")),)))
    return found


# Russian ordinal and cardinal words (dictionary forms; pymorphy3 inflects them).
_RU_ORD_UNITS = ("", "первый", "второй", "третий", "четвёртый", "пятый", "шестой", "седьмой",
                 "восьмой", "девятый")
_RU_ORD_TEENS = ("десятый", "одиннадцатый", "двенадцатый", "тринадцатый", "четырнадцатый",
                 "пятнадцатый", "шестнадцатый", "семнадцатый", "восемнадцатый",
                 "девятнадцатый")
_RU_ORD_TENS = ("", "", "двадцатый", "тридцатый", "сороковой", "пятидесятый", "шестидесятый",
                "семидесятый", "восьмидесятый", "девяностый")
_RU_CARD_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят",
                 "семьдесят", "восемьдесят", "девяносто")


def ru_ordinal_words(n: int) -> tuple[str, ...] | None:
    """The words of a Russian ordinal below 100 in the dictionary form: the cardinal tens stay,
    the last word declines.

    >>> ru_ordinal_words(25), ru_ordinal_words(13), ru_ordinal_words(20)
    (('двадцать', 'пятый'), ('тринадцатый',), ('двадцатый',))
    """
    if not 0 < n < 100:
        return None
    if n < 10:
        return (_RU_ORD_UNITS[n],)
    if n < 20:
        return (_RU_ORD_TEENS[n - 10],)
    tens, units = divmod(n, 10)
    if units == 0:
        return (_RU_ORD_TENS[tens],)
    return (_RU_CARD_TENS[tens], _RU_ORD_UNITS[units])


_EN_ORD_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                 "eighth", "ninth")
_EN_ORD_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                 "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety")


def en_ordinal_word(n: int) -> str | None:
    """An English ordinal in words, below 100.

    >>> en_ordinal_word(21), en_ordinal_word(13), en_ordinal_word(30)
    ('twenty-first', 'thirteenth', 'thirtieth')
    """
    if not 0 < n < 100:
        return None
    if n < 10:
        return _EN_ORD_UNITS[n]
    if n < 20:
        return _EN_ORD_TEENS[n - 10]
    tens, units = divmod(n, 10)
    if units == 0:
        return _EN_TENS[tens][:-1] + "ieth"
    return f"{_EN_TENS[tens]}-{_EN_ORD_UNITS[units]}"


_EN_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def en_ordinal_digits(n: int) -> str:
    """An English ordinal in digits.

    >>> en_ordinal_digits(1), en_ordinal_digits(12), en_ordinal_digits(22), en_ordinal_digits(13)
    ('1st', '12th', '22nd', '13th')
    """
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{_EN_SUFFIXES.get(n % 10, 'th')}"
