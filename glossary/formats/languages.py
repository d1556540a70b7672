"""Language codes: BCP 47 in the termbase, each tool's own spelling in its files.

The termbase stores `zh-Hans`, `zh-Hant`, `ru` and `en`. Files are written with the codes the
receiving tool expects, and read back from any spelling those tools use.

>>> to_code("zh-Hans", "locale"), to_code("zh-Hant", "phrase"), to_code("ru", "memoq")
('zh-CN', 'zh_tw', 'Russian')
>>> from_code("ZH_cn"), from_code("Chinese (Taiwan)"), from_code("en-GB"), from_code("xx")
('zh-Hans', 'zh-Hant', 'en', None)
"""

from __future__ import annotations

from glossary.models import LANGUAGES

#: Each tool's code for each termbase language.
STYLES: dict[str, dict[str, str]] = {
    # TBX v3 and our own generic CSV: BCP 47 as stored.
    "bcp47": {lang: lang for lang in LANGUAGES},
    # TBX 2008 as memoQ, Trados MultiTerm and Trados Glossary Converter read it.
    "locale": {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ru": "ru", "en": "en"},
    # Phrase TMS locale codes (lower case, underscore).
    "phrase": {"zh-Hans": "zh_cn", "zh-Hant": "zh_tw", "ru": "ru", "en": "en"},
    # memoQ's language names, as its CSV export writes them in the header row.
    "memoq": {"zh-Hans": "Chinese (PRC)", "zh-Hant": "Chinese (Taiwan)", "ru": "Russian",
              "en": "English"},
}

_SIMPLIFIED = {"zh", "zh-cn", "zh-sg", "zh-hans", "zh-hans-cn", "zh-hans-sg", "zh-chs",
               "chs", "chinese (prc)", "chinese (simplified)", "chinese (singapore)",
               "chinese", "zh-my"}
_TRADITIONAL = {"zh-tw", "zh-hk", "zh-mo", "zh-hant", "zh-hant-tw", "zh-hant-hk",
                "zh-hant-mo", "zh-cht", "cht", "chinese (taiwan)", "chinese (traditional)",
                "chinese (hong kong)", "chinese (hong kong sar)", "chinese (macau)",
                "chinese (macao sar)"}


def to_code(lang: str, style: str) -> str:
    """The code of termbase language `lang` in a tool's style."""
    return STYLES[style][lang]


def from_code(code: str) -> str | None:
    """The termbase language of a code in any known spelling, or None."""
    folded = code.strip().lower().replace("_", "-")
    if folded in _SIMPLIFIED:
        return "zh-Hans"
    if folded in _TRADITIONAL:
        return "zh-Hant"
    primary = folded.split("-")[0].split(" ")[0]
    if primary in ("ru", "russian"):
        return "ru"
    if primary in ("en", "english"):
        return "en"
    return None


def note_language(lang: str) -> str:
    """The key of definitions and notes for a term language: zh, ru or en."""
    return "zh" if lang.startswith("zh") else lang
