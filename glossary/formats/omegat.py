"""OmegaT glossary: tab-separated UTF-8, three columns: source term, target term, comment.

OmegaT skips lines that start with "#", splits on tabs and trims each cell; there is no
quoting. So one row is written per pair of a source and a target term of a concept; a term
that starts with "#" is written behind a space (OmegaT trims it away again); tabs and line
breaks inside a cell become spaces. The comment holds the target term's status when it is not
preferred, its usage note and the concept id in brackets, e.g.
``deprecated — Old wording. [rats]``. A header comment names the languages,
so the file can be imported back without saying them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.formats import Format, FormatError, Options
from glossary.formats.languages import from_code
from glossary.models import STATUSES

MAGIC = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
_LANGS = re.compile(r"^# languages: (\S+) (\S+)\s*$")
_ID = re.compile(r"\s*\[([a-z][a-z0-9-]*)\]$")
SEPARATOR = " — "
CARRIES = frozenset({"id", "term.status", "term.note"})


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("\0", "\ufffd").splitlines()).strip()


def _source_cell(text: str) -> str:
    flat = _flat(text)
    return f" {flat}" if flat.startswith("#") else flat


def _comment(record: dict[str, Any], term: dict[str, Any]) -> str:
    # Only what reads back exactly: a definition here would come back as the term's note.
    parts = []
    if term.get("status") and term["status"] != "preferred":
        parts.append(term["status"])
    if term.get("note"):
        parts.append(_flat(term["note"]))
    return " ".join([*([SEPARATOR.join(parts)] if parts else []), f"[{record['id']}]"])


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The glossary file: every source term of a concept paired with every target term."""
    if len(options.languages) != 2:
        raise FormatError("an OmegaT glossary holds two languages: give a source and a "
                          "target language")
    source, target = options.languages
    yield f"{MAGIC}\n# languages: {source} {target}\n".encode()
    for record in records:
        lines = [f"{_source_cell(s['text'])}\t{_flat(t['text'])}\t"
                 f"{_comment(record, t)}\n"
                 for s in record["terms"].get(source, [])
                 for t in record["terms"].get(target, [])]
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
    """(concept id, status, note) from a comment written by `_comment`."""
    match = _ID.search(comment)
    ident = match[1] if match else None
    rest = comment[:match.start()] if match else comment
    status, _, note = rest.partition(SEPARATOR)
    if status not in STATUSES:
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
