"""Chinese text helpers: normalisation with an offset map, script conversion, pinyin, Palladius.

One module per job; import the names from here (`from glossary.chinese import is_han`):

- `chars`: which characters are Han (`HAN_RANGES`, the one definition), which script a text is in;
- `normalisation`: `normalise`, cleaning copied text with a map back to the original;
- `script`: simplified ⇄ traditional (OpenCC);
- `segment`: sentences, and words as pinyin writes them apart (jieba);
- `syllables`: the Mandarin syllable inventory;
- `pinyin`: `pinyin_forms` (pypinyin);
- `cyrillic`: `palladius`.

Everything here is pure and thread-safe. Importing the package is cheap: the expensive
resources (pypinyin and its dictionaries, OpenCC converters, the jieba dictionary, the Palladius
table) are loaded once, on first use.

>>> normalise("至 2025 年").text
'至2025年'
>>> pinyin_forms("上海合作组织", proper=True).tone
'Shànghǎi Hézuò Zǔzhī'
>>> palladius("长安")
'Чанъань'
"""

from __future__ import annotations

from glossary.chinese.chars import (
    HAN_CHARS,
    HAN_CLASS,
    HAN_RANGES,
    han_ratio,
    has_han,
    is_han,
    script_of,
)
from glossary.chinese.cyrillic import PALLADIUS_EXCEPTIONS, palladius
from glossary.chinese.normalisation import NORMALISE_PIECE, Normalised, normalise, normalise_long
from glossary.chinese.pinyin import _FUNCTION_WORDS as _FUNCTION_WORDS  # services/lint_pinyin
from glossary.chinese.pinyin import (
    COMPOUND_SURNAMES,
    FOREIGN_NAMES,
    PINYIN_CORRECTIONS,
    SURNAME_READINGS,
    PinyinForms,
    pinyin_forms,
    pinyin_forms_from,
)
from glossary.chinese.script import fold_script, to_simplified, to_traditional
from glossary.chinese.segment import FIXED_WORDS, sentences
from glossary.chinese.syllables import _palladius_table as _palladius_table  # tests
from glossary.chinese.syllables import _segment_marked as _segment_marked  # services/lint_pinyin
from glossary.chinese.syllables import palladius_syllable

__all__ = [
    "COMPOUND_SURNAMES",
    "FIXED_WORDS",
    "FOREIGN_NAMES",
    "HAN_CHARS",
    "HAN_CLASS",
    "HAN_RANGES",
    "NORMALISE_PIECE",
    "PALLADIUS_EXCEPTIONS",
    "PINYIN_CORRECTIONS",
    "SURNAME_READINGS",
    "Normalised",
    "PinyinForms",
    "fold_script",
    "han_ratio",
    "has_han",
    "is_han",
    "normalise",
    "normalise_long",
    "palladius",
    "palladius_syllable",
    "pinyin_forms",
    "pinyin_forms_from",
    "script_of",
    "sentences",
    "to_simplified",
    "to_traditional",
]
