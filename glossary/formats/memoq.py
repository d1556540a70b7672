"""memoQ term base CSV: the column layout of memoQ's own CSV export, which its import maps.

One entry per row, semicolon-separated UTF-8 with a byte order mark. Entry columns first
(``Entry_ID; Entry_Subject; Entry_Domain; Entry_Created; Entry_LastModified; Entry_Note``),
then per language ``<Language>_Def`` and, per term, ``<Language>; Term_Example; Term_Note;
Term_Forbidden``. Languages are memoQ's names ("Chinese (PRC)", "Chinese (Taiwan)",
"Russian", "English"); dates are memoQ's ``M/d/yyyy h:mm:ss tt`` in UTC.

memoQ has no term type, part of speech, gender, status other than forbidden, sources,
relations, pinyin or Palladius: those stay home (docs/EXCHANGE.md). Concept notes of several
languages share Entry_Note, one line each, as "[en] text".
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.formats import Format, FormatError, Options, cells
from glossary.formats.languages import from_code, note_language, to_code
from glossary.models import LANGUAGES

ENTRY_COLUMNS = ("Entry_ID", "Entry_Subject", "Entry_Domain", "Entry_Created",
                 "Entry_LastModified", "Entry_Note")
TERM_COLUMNS = ("Term_Example", "Term_Note", "Term_Forbidden")
DATE_FORMAT = "%m/%d/%Y %I:%M:%S %p"
_NOTE_LINE = re.compile(r"^\[(zh|ru|en)\] ", re.M)
CARRIES = frozenset({"id", "kind", "subject", "definition", "note", "dates", "term.note",
                     "term.status"})


def _memoq_date(iso: str | None) -> str:
    if not iso:
        return ""
    stamp = dt.datetime.fromisoformat(iso.rstrip("Z"))
    # memoQ writes M/d/yyyy h:mm:ss tt: no leading zeros on month, day and hour.
    return (f"{stamp.month}/{stamp.day}/{stamp.year} {(stamp.hour % 12) or 12}:"
            f"{stamp:%M:%S} {'AM' if stamp.hour < 12 else 'PM'}")


def _header(languages: Iterable[str], max_terms: dict[str, int]) -> list[str]:
    header = list(ENTRY_COLUMNS)
    for lang in languages:
        name = to_code(lang, "memoq")
        header.append(f"{name}_Def")
        for _ in range(max(max_terms.get(lang, 1), 1)):
            header += [name, *TERM_COLUMNS]
    return header


def _row(record: dict[str, Any], languages: list[str], max_terms: dict[str, int]) -> list[str]:
    notes = "\n".join(f"[{k}] {v}" for k, v in sorted(record.get("note", {}).items()))
    row = [record["id"], record.get("kind") or "", record.get("subject") or "",
           _memoq_date(record.get("created")), _memoq_date(record.get("updated")), notes]
    first_of = {note_language(lang): lang for lang in reversed(languages)
                if record["terms"].get(lang)}
    for lang in languages:
        key = note_language(lang)
        row.append(record.get("definition", {}).get(key, "") if first_of.get(key) == lang
                   else "")
        terms = record["terms"].get(lang, [])
        for i in range(max(max_terms.get(lang, 1), 1)):
            if i >= len(terms):
                row += [""] * (1 + len(TERM_COLUMNS))
                continue
            term = terms[i]
            example = (term.get("contexts") or [{}])[0].get("text", "")
            row += [term["text"], example, term.get("note") or "",
                    "True" if term.get("status") == "deprecated" else "False"]
    return row


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The CSV file, one row per entry."""
    languages = list(options.languages or LANGUAGES)
    yield codecs.BOM_UTF8
    yield cells.write_rows([_header(languages, options.max_terms)], ";")
    batch: list[list[str]] = []
    for record in records:
        batch.append(_row(record, languages, options.max_terms))
        if len(batch) == 500:
            yield cells.write_rows(batch, ";")
            batch = []
    if batch:
        yield cells.write_rows(batch, ";")


def _parse_date(value: str, line: int) -> str | None:
    if not value.strip():
        return None
    try:
        stamp = dt.datetime.strptime(value.strip(), DATE_FORMAT)
    except ValueError:
        raise FormatError(f"{value!r} is not a memoQ date (M/d/yyyy h:mm:ss AM)",
                          line=line) from None
    return stamp.isoformat(timespec="seconds") + "Z"


def _columns(header: list[str], line: int) -> list[tuple[str, str | None]]:
    """What each column holds: ("entry", name), ("def", lang), ("term", lang), ("field", name)."""
    out: list[tuple[str, str | None]] = []
    for i, name in enumerate(header):
        if name.startswith("Entry_"):
            out.append(("entry", name))
        elif name.startswith("Term_"):
            out.append(("field", name))
        elif name.endswith("_Def") and from_code(name[:-4]):
            out.append(("def", from_code(name[:-4])))
        elif from_code(name):
            out.append(("term", from_code(name)))
        else:
            raise FormatError(f"column {i + 1} ({name!r}) is not a memoQ field or language",
                              line=line)
    return out


def _entry(cells_by_name: dict[str, str], line: int) -> dict[str, Any]:
    ident = cells_by_name.get("Entry_ID", "").strip()
    record: dict[str, Any] = {"id": ident if re.fullmatch(r"[a-z][a-z0-9-]*", ident) else None,
                              "line": line, "terms": {}, "definition": {}, "note": {}}
    for column, key in (("Entry_Subject", "kind"), ("Entry_Domain", "subject")):
        if cells_by_name.get(column, "").strip():
            record[key] = cells_by_name[column].strip()
    for column, key in (("Entry_Created", "created"), ("Entry_LastModified", "updated")):
        if (stamp := _parse_date(cells_by_name.get(column, ""), line)) is not None:
            record[key] = stamp
    note = cells_by_name.get("Entry_Note", "")
    parts = _NOTE_LINE.split(note)
    if parts[0].strip():
        record["note"]["en"] = parts[0].rstrip("\n")
    for lang, text in zip(parts[1::2], parts[2::2], strict=True):
        record["note"][lang] = text.rstrip("\n")
    return record


def _parse_row(columns, line: int, row: list[str]) -> dict[str, Any]:
    entry_cells = {name: row[i] for i, (kind, name) in enumerate(columns) if kind == "entry"}
    record = _entry(entry_cells, line)
    term: dict[str, Any] | None = None
    for (kind, what), value in zip(columns, row, strict=False):
        if kind == "def" and value.strip():
            record["definition"].setdefault(note_language(what), value)
        elif kind == "term":
            term = {"text": value, "note": None} if value.strip() else None
            if term:
                record["terms"].setdefault(what, []).append(term)
        elif kind == "field" and term is not None:
            if what == "Term_Note":
                term["note"] = value or None
            elif what == "Term_Example" and value.strip():
                # A sentence without its document: filed under one named after the file.
                term["contexts"] = [{"text": value, "source": None, "document": None}]
            elif what == "Term_Forbidden" and value.strip().lower() in ("true", "yes", "1"):
                term["status"] = "deprecated"
    return record


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Records from a memoQ CSV file (ours, or memoQ's own export).

    :raises FormatError: naming the line.
    """
    text = cells.decode(data)
    first = text.split("\n", 1)[0]
    rows = cells.rows(text, max((";", ",", "\t"), key=first.count))
    head = next(rows, None)
    if head is None:
        return []
    line, header = head
    header = [cells.unescape_formula(h).strip() for h in header]
    if "Entry_ID" not in header:
        raise FormatError("no Entry_ID column: not a memoQ term base CSV", line=line)
    columns = _columns(header, line)
    records = []
    for line, row in rows:
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            raise FormatError(f"{len(row)} cells but the header has {len(header)} columns",
                              line=line)
        row = [cells.unescape_formula(c) for c in row] + [""] * (len(header) - len(row))
        records.append(_parse_row(columns, line, row))
    return records


def sniff(head: bytes) -> bool:
    return b"Entry_ID" in head.split(b"\n", 1)[0]


FORMAT = Format(
    name="memoq", title="memoQ term base CSV", extensions=("csv",),
    mimetype="text/csv", carries=CARRIES, write=write, read=read, needs_term_counts=True,
    sniff=sniff,
)
