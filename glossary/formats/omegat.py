"""OmegaT glossary: tab-separated UTF-8, three columns: source term, target term, comment.

OmegaT skips lines that start with "#", splits on tabs and trims each cell; there is no
quoting. So one row is written per pair of a source and a target term of a concept, the
preferred target terms first; a term that starts with "#" is written behind a space (OmegaT
trims it away again); tabs and line breaks inside a cell become spaces.

The comment is what the translator reads in OmegaT's glossary pane, so it is short: the target
term's status when it is not preferred (a deprecated term says "do not use"), its usage note,
on the first row of each source term the concept's definition cut to one short sentence, and
the concept id in brackets, e.g. ``DEPRECATED, do not use — Old wording. [rats]`` or
``‖ The permanent anti-terrorist body of the SCO. [rats]``. A header comment names the
languages, so the file can be imported back without saying them; importing keeps the ids,
statuses and notes and leaves the shortened definition out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.concept_rules import SLUG_PATTERN
from glossary.formats import Format, FormatError, Options
from glossary.formats.languages import from_code, note_language

MAGIC = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
_LANGS = re.compile(r"^# languages: (\S+) (\S+)\s*$")
# A concept id (concept_rules.SLUG) in brackets closing the comment.
_ID = re.compile(r"\s*\[(" + SLUG_PATTERN.strip("^$") + r")\]$")
SEPARATOR = " — "
DEFINITION = " ‖ "
#: How the comment names a status that is not "preferred" (the first is what is written).
STATUS_LABELS = {"deprecated": ("DEPRECATED, do not use", "deprecated"),
                 "admitted": ("admitted",), "proposed": ("proposed",)}
#: The longest definition a comment holds (cut at a word, with "…").
DEFINITION_CHARS = 90
CARRIES = frozenset({"id", "term.status", "term.note"})


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("\0", "\ufffd").splitlines()).strip()


def _source_cell(text: str) -> str:
    flat = _flat(text)
    return f" {flat}" if flat.startswith("#") else flat


def short_definition(text: str, limit: int = DEFINITION_CHARS) -> str:
    """The first sentence of a definition, cut at a word to at most `limit` characters.

    >>> short_definition("The permanent body of the SCO. Seated in Tashkent.")
    'The permanent body of the SCO.'
    >>> short_definition("上合组织常设反恐机构。设在塔什干。")
    '上合组织常设反恐机构。'
    >>> len(short_definition("word " * 40)) <= DEFINITION_CHARS
    True
    """
    flat = _flat(text).replace(DEFINITION.strip(), "|")
    match = re.search(r"(?<=[.!?])\s|(?<=[。！？；])", flat)
    first = flat[:match.start()].rstrip() if match else flat
    if len(first) <= limit:
        return first
    cut = first[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut).rstrip(" ,;:") + "…"


def _definition(record: dict[str, Any], source: str, target: str) -> str:
    """The definition the translator reads: the target language's, else English, else the
    source language's (from every language the termbase holds, not only the pair's)."""
    definitions = record.get("every_definition") or record.get("definition", {})
    for lang in (note_language(target), "en", note_language(source)):
        if definitions.get(lang):
            return short_definition(definitions[lang])
    return ""


def _comment(record: dict[str, Any], term: dict[str, Any], definition: str) -> str:
    parts = []
    if term.get("status") in STATUS_LABELS:
        parts.append(STATUS_LABELS[term["status"]][0])
    if term.get("note"):
        parts.append(_flat(term["note"]).replace(DEFINITION.strip(), "|"))
    text = SEPARATOR.join(parts)
    if definition:
        text = f"{text}{DEFINITION}{definition}".strip()
    return f"{text} [{record['id']}]".strip()


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The glossary file: every source term of a concept paired with every target term."""
    if len(options.languages) != 2:
        raise FormatError("an OmegaT glossary holds two languages: give a source and a "
                          "target language")
    source, target = options.languages
    yield f"{MAGIC}\n# languages: {source} {target}\n".encode()
    for record in records:
        definition = _definition(record, source, target)
        lines = [f"{_source_cell(s['text'])}\t{_flat(t['text'])}\t"
                 f"{_comment(record, t, definition if i == 0 else '')}\n"
                 for s in record["terms"].get(source, [])
                 for i, t in enumerate(record["terms"].get(target, []))]
        if lines:
            yield "".join(lines).encode()


def _languages(lines: list[str], options: Options) -> tuple[str, str]:
    for line in lines[:5]:
        match = _LANGS.match(line)
        if match:
            pair = from_code(match[1]), from_code(match[2])
            if None in pair:
                raise FormatError(f"unknown languages in {line!r}", line=lines.index(line) + 1)
            return pair  # type: ignore[return-value]
    if len(options.languages) == 2:
        return options.languages[0], options.languages[1]
    raise FormatError("an OmegaT glossary does not say its languages: give the source and "
                      "the target language (--languages zh-Hans,ru)")


def _parse_comment(comment: str) -> tuple[str | None, str | None, str | None]:
    """(concept id, status, note) from a comment written by `_comment` (or by a translator
    in OmegaT: then it is all note)."""
    match = _ID.search(comment)
    ident = match[1] if match else None
    rest = comment[:match.start()] if match else comment
    rest = rest.partition(DEFINITION.strip())[0].strip() if DEFINITION.strip() in rest else rest
    label, _, note = rest.partition(SEPARATOR)
    status = next((s for s, labels in STATUS_LABELS.items() if label in labels), None)
    if status is None:
        status, note = None, rest
    return ident, status, note or None


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Records from a glossary file: rows with one concept id (or, without ids, one source
    term) make one concept.

    :raises FormatError: for another encoding or a row without a target term.
    """
    from glossary.formats.cells import decode

    lines = decode(data).splitlines()
    source, target = _languages(lines, options)
    records: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, start=1):
        if line.startswith("#") or not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise FormatError("a row needs a source and a target term separated by a tab",
                              line=number)
        ident, status, note = _parse_comment(cells[2] if len(cells) > 2 else "")
        record = records.setdefault(ident or f"term:{cells[0]}", {
            "id": ident, "line": number, "terms": {source: [], target: []}})
        _add(record["terms"][source], {"text": cells[0]})
        # No status in the comment: the writer leaves out "preferred".
        _add(record["terms"][target], {"text": cells[1], "note": note,
                                       "status": status or "preferred"})
    return list(records.values())


def _add(terms: list[dict[str, Any]], term: dict[str, Any]) -> None:
    if all(t["text"] != term["text"] for t in terms):
        terms.append(term)


FORMAT = Format(
    name="omegat", title="OmegaT glossary (tab-separated)",
    extensions=("utf8", "txt", "tab", "tsv"), mimetype="text/tab-separated-values",
    carries=CARRIES, write=write, read=read, languages="pair",
    sniff=lambda head: head.lstrip(b"\xef\xbb\xbf").startswith(MAGIC.encode()),
)
