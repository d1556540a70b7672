"""Mandarin syllables: the inventory in data/palladius.tsv, each with its Palladius spelling,
and the splitting of a tone-marked word into syllables (Xī'ān → Xī, ān).

>>> palladius_syllable("xi"), _segment_marked("Shànghǎi")
('си', ['Shàng', 'hǎi'])
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

__all__ = ["palladius_syllable"]


@functools.cache
def _palladius_table() -> dict[str, str]:
    table: dict[str, str] = {}
    data = resources.files("glossary").joinpath("data/palladius.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            pinyin, cyrillic = line.split("\t")
            table[pinyin] = cyrillic
    return table


def palladius_syllable(syllable: str) -> str:
    """Palladius spelling of one toneless pinyin syllable (ü may be written v or u:).

    >>> palladius_syllable("zhi"), palladius_syllable("nv"), palladius_syllable("hui")
    ('чжи', 'нюй', 'хуэй')
    """
    key = syllable.strip().lower().replace("u:", "ü").replace("v", "ü")
    try:
        return _palladius_table()[key]
    except KeyError:
        raise ValueError(f"not a Mandarin syllable: {syllable!r}") from None


def _segment_marked(piece: str) -> list[str] | None:
    """Split a tone-marked word into syllables (longest first, backtracking)."""
    bare = "".join(_strip_mark(ch) for ch in unicodedata.normalize("NFC", piece.lower()))
    if len(bare) != len(piece):
        return None
    inventory = _palladius_table()

    @functools.cache
    def split(start: int) -> tuple[int, ...] | None:
        if start == len(bare):
            return ()
        for end in range(min(len(bare), start + 6), start, -1):
            if bare[start:end] in inventory:
                rest = split(end)
                if rest is not None:
                    return (end, *rest)
        return None

    ends = split(0)
    if ends is None:
        return None
    out, start = [], 0
    for end in ends:
        out.append(piece[start:end])
        start = end
    return out


def _strip_mark(ch: str) -> str:
    """ā → a, ǖ → ü, v → ü: the letters the syllable table uses."""
    decomposed = unicodedata.normalize("NFD", ch)
    if decomposed[0] in "uv" and ("\u0308" in decomposed or decomposed[0] == "v"):
        return "ü"
    return decomposed[0]

