"""Exchange formats: a registry of modules, each with its reader and writer side by side.

A format module declares one `FORMAT = Format(...)`: its name, title, file extensions,
mimetype, what it carries, and two functions:

- ``write(records, options) -> Iterator[bytes]`` turns exchange records into the file, chunk
  by chunk, so that a million concepts never sit in memory at once;
- ``read(data, options) -> list[dict]`` turns a file back into exchange records, or raises
  `FormatError` naming the line or element that is wrong.

The registry finds the modules of this package by themselves: adding a format touches only
its own module (and its test). Formats know nothing of Flask or of the database.

The exchange record is the concept shape of `services.concepts` plus what a file needs:
``created`` (ISO time), per term ``homonym`` and ``contexts`` ([{"text", "source"}]), and
``linked`` (the relation targets that the same file contains) and ``every_definition`` (the
definitions in every language, also those the file leaves out: a comment for a translator
falls back to them). A reader leaves out every
key its format cannot carry, so that an update from a lossy file keeps what the file never
had; it adds ``line`` (where the record starts) for messages.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: Fields a format can carry; a format's `carries` names the ones it keeps.
ALL_FIELDS = frozenset({
    "id", "kind", "subject", "definition", "note", "relations", "dates", "sources",
    "term.type", "term.status", "term.pos", "term.gender", "term.note", "term.sources",
    "term.pinyin", "term.palladius", "term.homonym", "term.contexts",
})


class FormatError(ValueError):
    """The file cannot be read; the message names the line or element and what is wrong."""

    def __init__(self, message: str, *, line: int | None = None, element: str | None = None,
                 unit: str = "line"):
        self.message = message
        self.line = line
        self.element = element
        where = " ".join(p for p in (f"{unit} {line}" if line else "",
                                     f"<{element}>" if element else "") if p)
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Options:
    """What a writer or reader is asked to do.

    :param languages: the languages to write, in order (the first is the source language of
        bilingual formats); empty means every language.
    :param layout: "term" (one row per term) or "concept" (one row per concept), for the
        tabular formats that offer both; None is the format's default.
    :param codes: how tabular files name languages: "locale" (zh-CN, zh-TW, ru, en) or
        "phrase" (zh_cn, zh_tw, ru, en); TBX and CSV follow their own rules.
    :param max_terms: per language, the most terms any exported concept has there (tabular
        formats with one column per term need it before the first row).
    :param title: a title for the file's header, where the format has one.
    :param audience: "termbase" writes every field the format carries; "translator" keeps
        to what a translator reads while translating (term, status, usage note,
        definition), for the tabular formats.
    """

    languages: tuple[str, ...] = ()
    layout: str | None = None
    codes: str = "locale"
    max_terms: dict[str, int] = field(default_factory=dict)
    title: str = "SCO glossary"
    audience: str = "termbase"


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    extensions: tuple[str, ...]
    mimetype: str
    carries: frozenset[str]
    write: Callable[[Iterable[dict[str, Any]], Options], Iterator[bytes]]
    read: Callable[[bytes, Options], list[dict[str, Any]]]
    #: "any": any number of languages; "pair": exactly two (source, target).
    languages: str = "any"
    #: Whether the writer needs `Options.max_terms`.
    needs_term_counts: bool = False
    #: Whether the file is binary (the web sends it as an attachment either way).
    binary: bool = False
    #: Optional content sniffer: given the first bytes, whether this format wrote them.
    sniff: Callable[[bytes], bool] | None = None
    #: Other names the format is known by (an older name keeps working in scripts).
    aliases: tuple[str, ...] = ()
    #: Whether terms are written in the termbase's own order (a complete backup) rather than
    #: preferred first (what a translator's tool should show first).
    keeps_term_order: bool = False


_REGISTRY: dict[str, Format] = {}


def _load() -> dict[str, Format]:
    if not _REGISTRY:
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            fmt = getattr(module, "FORMAT", None)
            if isinstance(fmt, Format):
                _REGISTRY[fmt.name] = fmt
    return _REGISTRY


def all_formats() -> list[Format]:
    """Every registered format, by name."""
    return [fmt for _, fmt in sorted(_load().items())]


def all_names() -> list[str]:
    """Every name a format answers to: its own and its aliases, sorted."""
    return sorted(name for fmt in all_formats() for name in (fmt.name, *fmt.aliases))


def get_format(name: str) -> Format:
    """The format called `name` (or one of its aliases).

    :raises KeyError: with a message listing the known names.
    """
    formats = _load()
    found = formats.get(name) or next((f for f in formats.values() if name in f.aliases), None)
    if found is None:
        raise KeyError(f"unknown format {name!r}; use one of: {', '.join(sorted(formats))}")
    return found


def detect(filename: str, data: bytes) -> Format:
    """The format of a file: by what its content says first, then by its extension.

    :raises FormatError: when neither tells.
    """
    head = data[:4096]
    candidates = [f for f in all_formats() if f.sniff and f.sniff(head)]
    if candidates:
        return candidates[0]
    lower = filename.lower()
    by_extension = [f for f in all_formats() if any(lower.endswith(f".{ext}")
                                                     for ext in f.extensions)]
    if by_extension:
        return by_extension[0]
    known = sorted({ext for f in all_formats() for ext in f.extensions})
    raise FormatError(f"cannot tell the format of {filename!r}; known extensions: "
                      f"{', '.join('.' + e for e in known)}")
