"""What the suggesters know of the termbase: every concept's Chinese, Russian and English terms.

Built once from rows of the terms table (the service caches it per database until the change
log moves), then read by every suggester. Lookups by Chinese text are dictionary reads; a
suggester that must not use one concept (leave-one-out, or the concept being edited) passes
its key as `exclude`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


def half(key: str) -> str:
    """Which half of the termbase a concept is in for evaluation: "development" (rules may be
    tuned on it) or "test" (only reported). A fixed hash of the key, so the split never moves.

    >>> half("beijing"), half("sco")
    ('development', 'test')
    """
    return "development" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "test"


#: Statuses of a rendering a suggester may learn from and offer (deprecated ones are not).
USABLE = ("preferred", "admitted", "proposed")


@dataclass(frozen=True)
class Rendering:
    """One ru or en term of a concept."""

    text: str
    status: str = "preferred"
    type: str = "fullForm"
    gender: str | None = None
    pos: str | None = None


@dataclass
class Entry:
    """One concept as the suggesters see it."""

    key: str
    kind: str
    zh: list[str] = field(default_factory=list)  # zh-Hans terms, head term first
    ru: list[Rendering] = field(default_factory=list)
    en: list[Rendering] = field(default_factory=list)

    def renderings(self, lang: str) -> list[Rendering]:
        """The usable renderings in `lang`, preferred first, then in the termbase's order."""
        found = [r for r in (self.ru if lang == "ru" else self.en) if r.status in USABLE]
        return sorted(found, key=lambda r: USABLE.index(r.status))

    def head(self, lang: str) -> Rendering | None:
        """The rendering a suggester should build with: the first preferred full form."""
        usable = self.renderings(lang)
        full = [r for r in usable if r.type == "fullForm"]
        found = full or usable
        return found[0] if found else None


class Knowledge:
    """The termbase's concepts, found by their Chinese terms."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        self._by_zh: dict[str, list[Entry]] = {}
        for entry in entries:
            self.add(entry)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> Knowledge:
        """From rows (concept key, kind, lang, text, status, type, gender, pos), a concept's
        terms in their order."""
        entries: dict[str, Entry] = {}
        for key, kind, lang, text, status, type_, gender, pos in rows:
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = Entry(key, kind or "concept")
            if lang == "zh-Hans":
                entry.zh.append(text)
            elif lang in ("ru", "en"):
                getattr(entry, lang).append(Rendering(text, status or "preferred",
                                                      type_ or "fullForm", gender, pos))
        return cls(entries.values())

    @classmethod
    def from_data(cls, data_dir: Path) -> Knowledge:
        """From the YAML termbase in `data_dir` (the shipped data), without a database."""
        from glossary.datafiles import read_termbase

        return cls.from_rows(
            (c.key, c.kind, t.lang, t.text, t.status, t.type, t.gender, t.pos)
            for c in read_termbase(data_dir).concepts for t in c.terms)

    def add(self, entry: Entry) -> None:
        self._entries[entry.key] = entry
        for zh in dict.fromkeys(entry.zh):
            self._by_zh.setdefault(zh, []).append(entry)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def lookup(self, zh: str, *, exclude: str | None = None) -> list[Entry]:
        """The concepts that have `zh` as a zh-Hans term (not the one called `exclude`)."""
        return [e for e in self._by_zh.get(zh, ()) if e.key != exclude]

    def knows(self, zh: str, *, exclude: str | None = None) -> bool:
        return any(e.key != exclude for e in self._by_zh.get(zh, ()))

    def chinese_terms(self) -> Iterable[str]:
        """Every zh-Hans term the termbase has (each once)."""
        return self._by_zh.keys()
