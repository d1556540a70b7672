"""Character classes: which characters are Han, which script a text is written in.

The Han character ranges are defined here and nowhere else: `HAN_RANGES` is the data,
`is_han` tests one character, `HAN_CHARS` / `HAN_CLASS` are the same set for regular
expressions, `has_han` asks whether a text holds any.

>>> is_han("〇"), has_han("SCO 上合"), re.fullmatch(HAN_CLASS, "〇") is not None
(True, True, True)
>>> print(HAN_CHARS)
\\u4e00-\\u9fff\\u3400-\\u4dbf\\uf900-\\ufaff\\U00020000-\\U0003ffff\\u3007
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "HAN_CHARS",
    "HAN_CLASS",
    "HAN_RANGES",
    "han_ratio",
    "has_han",
    "is_han",
    "script_of",
]

#: Han characters as (first, last) code points, the commonest block first (is_han stops at the
#: first range that holds the character): CJK Unified Ideographs, Extension A, the Compatibility
#: Ideographs, planes 2 and 3 (which hold nothing but ideographs), and 〇, the ideographic zero
#: read líng, which is a symbol to Unicode but a numeral in Chinese text (二〇二五年).
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
    (0x3007, 0x3007),
)


def _escaped(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def _set_item(first: int, last: int) -> str:
    return _escaped(first) + (f"-{_escaped(last)}" if last != first else "")


#: The Han characters as the inside of a regular expression's character set: "[{HAN_CHARS}]",
#: or combined with other characters, "[{HAN_CHARS}A-Z]".
HAN_CHARS = "".join(_set_item(first, last) for first, last in HAN_RANGES)
#: One Han character, as a regular expression.
HAN_CLASS = f"[{HAN_CHARS}]"
_HAN = re.compile(HAN_CLASS)
_SPACE = re.compile(r"\s")


def is_han(ch: str) -> bool:
    """True for a Han character: CJK Unified Ideographs (with Ext A and the supplementary
    planes), CJK Compatibility Ideographs, and 〇 (ideographic zero, read líng).

    >>> is_han("中"), is_han("〇"), is_han("A"), is_han("。")
    (True, True, False, False)
    """
    cp = ord(ch)
    # A loop over the one definition: about 30 ns a character slower than the comparisons
    # spelled out, and any() over a generator would be five times slower again.
    for first, last in HAN_RANGES:  # noqa: SIM110
        if first <= cp <= last:
            return True
    return False


def has_han(text: str) -> bool:
    """Does `text` hold at least one Han character?

    >>> has_han("SCO"), has_han("ШОС 上合组织")
    (False, True)
    """
    return _HAN.search(text) is not None


def han_ratio(text: str) -> float:
    """Share of Han characters among the non-space characters of `text` (0.0 for none).

    >>> han_ratio("SCO 上合组织")
    0.5714285714285714
    """
    # Counted with regular expressions of the same classes as is_han and str.isspace: a
    # Python loop over the 200,000 characters the extractor samples took a tenth of a second.
    solid = len(_SPACE.sub("", text))
    return (len(text) - len(_HAN.sub("", text))) / solid if solid else 0.0


def script_of(text: str) -> str:
    """The script most letters of `text` are written in: "han", "cyrillic", "latin", "mixed"
    (no script has a majority) or "other" (no letters at all). Digits and punctuation don't count.

    >>> [script_of(t) for t in ("上合组织", "ШОС", "SCO", "ШОС SCO", "2017")]
    ['han', 'cyrillic', 'latin', 'mixed', 'other']
    """
    counts = {"han": 0, "cyrillic": 0, "latin": 0, "other": 0}
    for ch in text:
        if is_han(ch):
            counts["han"] += 1
        elif ch.isalpha():
            counts[_letter_script(ch)] += 1
    total = sum(counts.values())
    if not total:
        return "other"
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 2 > total else "mixed"


_CYRILLIC_RANGES = ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))


def _letter_script(ch: str) -> str:
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _CYRILLIC_RANGES):
        return "cyrillic"
    # Latin with diacritics (pinyin tone marks), Latin Extended and the full-width forms
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF or 0xFF21 <= cp <= 0xFF5A:
        return "latin"
    return "other"


# Full-width punctuation that only occurs in CJK text; “ ” ‘ ’ … — are shared with Western text.
_CJK_PUNCT_RANGES = ((0x3001, 0x3006), (0x3008, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),
                     (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))
_TYPOGRAPHIC = frozenset("“”‘’…—–·")


@functools.lru_cache(maxsize=8192)
def _kind(ch: str) -> str:
    """H Han, P CJK punctuation, Q shared typographic punctuation, A other letter/digit, O other."""
    if is_han(ch):
        return "H"
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _CJK_PUNCT_RANGES):
        return "P"
    if ch in _TYPOGRAPHIC:
        return "Q"
    return "A" if ch.isalnum() else "O"


def _is_word_char(ch: str) -> bool:
    """A letter or digit that is not Han: part of a Latin/Cyrillic/digit run."""
    return ch.isalnum() and not is_han(ch)
