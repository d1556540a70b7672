"""Script conversion, simplified ⇄ traditional, with OpenCC.

The converters (and the opencc module) are created on first use, one per configuration.

>>> to_traditional("上海合作组织"), to_simplified("上海合作組織")
('上海合作組織', '上海合作组织')
"""

from __future__ import annotations

import functools
import threading

__all__ = ["fold_script", "to_simplified", "to_traditional"]

_TRADITIONAL_VARIANTS = frozenset({"s2t", "s2tw", "s2twp", "s2hk"})


class _Converter:
    """One OpenCC converter behind a lock: the binding does not promise thread safety."""

    def __init__(self, config: str) -> None:
        import opencc  # here, not at the top: importing glossary.chinese stays cheap

        self._opencc = opencc.OpenCC(config)
        self._lock = threading.Lock()

    def convert(self, text: str) -> str:
        with self._lock:
            return self._opencc.convert(text)


@functools.cache
def _converter(config: str) -> _Converter:
    return _Converter(config)


def to_traditional(text: str, variant: str = "s2t") -> str:
    """Simplified → traditional. Variants: "s2t" (OpenCC standard), "s2tw" (Taiwan characters),
    "s2twp" (Taiwan characters and vocabulary), "s2hk" (Hong Kong characters).

    >>> to_traditional("地区反恐怖机构")
    '地區反恐怖機構'
    """
    if variant not in _TRADITIONAL_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; use one of {sorted(_TRADITIONAL_VARIANTS)}")
    return _converter(variant).convert(text)


def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC t2s).

    >>> to_simplified("三股勢力")
    '三股势力'
    """
    return _converter("t2s").convert(text)


def fold_script(text: str) -> str:
    """The search key for Han text: its simplified form, whichever script it was typed in.

    >>> fold_script("地區反恐怖機構") == fold_script("地区反恐怖机构")
    True
    """
    return to_simplified(text)


