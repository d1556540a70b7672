"""The generic table of the `csv` and `xlsx` formats, in two layouts.

- "term": one row per term: ``id, lang, source, type, status, pos, gender, notes, sources,
  pinyin, palladius, homonym``, then the concept's own columns (``kind, subject, created,
  modified, broader, narrower, related, definition_zh ... note_en``), filled on the first
  row of each concept only. Rows of one concept share its id.
- "concept": one row per concept: the concept's columns, then for each language one group
  of columns per term: a column named by the language code holds the term, the columns
  after it named "<code> <field>" its fields. Repeating the language column is how
  Glossary Converter (Trados) and Phrase read synonyms.

The term's column is called ``source`` (and ``term`` is read as well): the name under
which translate-toolkit's CSV reader, and the many tools built on it, take a row's text.

Lists (sources, relations) are written as "a; b"; yes/no as "true" or empty. A column that
is missing from a file is a field the file does not carry: importing it changes nothing
there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from glossary.formats import FormatError
from glossary.formats.languages import from_code, to_code

TERM_FIELDS = ("type", "status", "pos", "gender", "notes", "sources", "pinyin", "palladius",
               "homonym")
NOTE_LANGS = ("zh", "ru", "en")
CONCEPT_COLUMNS = ("kind", "subject", "created", "modified", "broader", "narrower", "related",
                   *(f"definition_{n}" for n in NOTE_LANGS), *(f"note_{n}" for n in NOTE_LANGS))
#: The column of the term's text in the "term" layout (older files call it "term").
TEXT_COLUMN = "source"
TERM_HEADER = ("id", "lang", TEXT_COLUMN, *TERM_FIELDS, *CONCEPT_COLUMNS)
#: What a translator reads while translating (the "translator" audience of tool presets).
TRANSLATOR_TERM_FIELDS = ("status", "notes")
TRANSLATOR_CONCEPT_COLUMNS = tuple(f"definition_{n}" for n in NOTE_LANGS)
_LISTS = {"sources", "broader", "narrower", "related"}


def columns_for(audience: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(term fields, concept columns) written for an audience: "termbase" or "translator"."""
    if audience == "translator":
        return TRANSLATOR_TERM_FIELDS, TRANSLATOR_CONCEPT_COLUMNS
    return TERM_FIELDS, CONCEPT_COLUMNS


def _cell(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, list | tuple):
        return "; ".join(value)
    return str(value)


def _term_cells(term: dict[str, Any], fields: tuple[str, ...] = TERM_FIELDS) -> list[str]:
    values = {**term, "notes": term.get("note"), "palladius": term.get("cyrillic")}
    return [_cell(values.get(field)) for field in fields]


def _concept_cells(record: dict[str, Any],
                   columns: tuple[str, ...] = CONCEPT_COLUMNS) -> list[str]:
    relations = record.get("relations", {})
    # A translator gets every definition (most are in English), also in a zh → ru file.
    definitions = (record.get("every_definition") or record.get("definition", {})
                   if columns == TRANSLATOR_CONCEPT_COLUMNS else record.get("definition", {}))
    values = {"kind": record.get("kind"), "subject": record.get("subject"),
              "created": record.get("created"), "modified": record.get("updated"),
              **{k: relations.get(k, []) for k in ("broader", "narrower", "related")},
              **{f"definition_{n}": definitions.get(n) for n in NOTE_LANGS},
              **{f"note_{n}": record.get("note", {}).get(n) for n in NOTE_LANGS}}
    return [_cell(values[c]) for c in columns]


def term_rows(records: Iterable[dict[str, Any]], style: str, audience: str = "termbase"
              ) -> Iterator[list[str]]:
    """The "term" layout: the header, then one row per term."""
    fields, columns = columns_for(audience)
    yield ["id", "lang", TEXT_COLUMN, *fields, *columns]
    blank = [""] * len(columns)
    for record in records:
        first = True
        for lang, terms in record["terms"].items():
            for term in terms:
                yield [record["id"], to_code(lang, style), term["text"],
                       *_term_cells(term, fields),
                       *(_concept_cells(record, columns) if first else blank)]
                first = False


def concept_header(languages: Iterable[str], max_terms: dict[str, int], style: str,
                   audience: str = "termbase") -> list[str]:
    fields, columns = columns_for(audience)
    header = ["id", *columns]
    for lang in languages:
        code = to_code(lang, style)
        for _ in range(max(max_terms.get(lang, 1), 1)):
            header += [code, *(f"{code} {field}" for field in fields)]
    return header


def concept_row(record: dict[str, Any], languages: Iterable[str],
                max_terms: dict[str, int], audience: str = "termbase") -> list[str]:
    """The "concept" layout: one row, the terms in the language groups of the header."""
    fields, columns = columns_for(audience)
    row = [record["id"], *_concept_cells(record, columns)]
    for lang in languages:
        terms = record["terms"].get(lang, [])
        for i in range(max(max_terms.get(lang, 1), 1)):
            term = terms[i] if i < len(terms) else None
            row += [term["text"], *_term_cells(term, fields)] if term else [""] * (1 + len(fields))
    return row


# --- reading -------------------------------------------------------------------------------

def _parse_term(text: str, cells: dict[str, str]) -> dict[str, Any]:
    term: dict[str, Any] = {"text": text}
    for field, value in cells.items():
        key = {"notes": "note", "palladius": "cyrillic"}.get(field, field)
        if field in _LISTS:
            term[key] = [v.strip() for v in value.split(";") if v.strip()]
        elif field == "homonym":
            term[key] = value.strip().lower() in ("true", "yes", "1")
        elif field in ("type", "status"):
            if value.strip():
                term[key] = value.strip()
        else:
            term[key] = value or None
    return term


def _parse_concept(ident: str, cells: dict[str, str], line: int) -> dict[str, Any]:
    record: dict[str, Any] = {"id": ident or None, "line": line, "terms": {}}
    for column, value in cells.items():
        if column in ("kind", "subject") and value.strip():
            record[column] = value.strip()
        elif column in ("created", "modified") and value.strip():
            record["created" if column == "created" else "updated"] = value.strip()
        elif column in ("broader", "related"):
            record.setdefault("relations", {})[column] = [
                v.strip() for v in value.split(";") if v.strip()]
        elif column.startswith(("definition_", "note_")):
            kind, lang = column.split("_", 1)
            record.setdefault(kind, {})
            if value.strip():
                record[kind][lang] = value
    return record


def read_table(table: Iterable[tuple[int, list[str]]]) -> list[dict[str, Any]]:
    """Records from a table in either layout (told apart by the header).

    :raises FormatError: for a missing header, unknown columns, a row with more
        cells than the header, or concept fields that disagree between rows of one id.
    """
    rows = iter(table)
    first = next(rows, None)
    if first is None:
        return []
    line, header = first
    header = [h.strip() for h in header]
    if "lang" in header and TEXT_COLUMN in header and "term" not in header:
        header = ["term" if h == TEXT_COLUMN else h for h in header]
    if "lang" in header and "term" in header:
        return _read_term_layout(header, rows)
    return _read_concept_layout(line, header, rows)


def _read_term_layout(header: list[str], rows) -> list[dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for line, row in rows:
        cells = _cells(header, row, line)
        ident = cells.get("id", "").strip()
        key = ident or f"line-{line}"  # a row without id is a concept of its own
        concept = _parse_concept(ident, {c: v for c, v in cells.items()
                                         if c in CONCEPT_COLUMNS}, line)
        record = records.setdefault(key, concept)
        if record is not concept:
            _merge_concept_fields(record, concept, line)
        lang = from_code(cells.get("lang", ""))
        if lang is None:
            record.setdefault("ignored", []).append(
                f"line {line}: language {cells.get('lang', '')!r} is not one the termbase "
                "holds (zh-Hans, zh-Hant, ru, en); the term was left out")
            continue
        term_cells = {c: v for c, v in cells.items() if c in TERM_FIELDS}
        record["terms"].setdefault(lang, []).append(_parse_term(cells.get("term", ""),
                                                                term_cells))
    return list(records.values())


def _merge_concept_fields(record: dict[str, Any], later: dict[str, Any], line: int) -> None:
    for key in ("kind", "subject", "created", "updated"):
        if key in later and key in record and later[key] != record[key]:
            raise FormatError(f"concept {record['id']!r}: column {key!r} differs from the "
                              f"value on line {record['line']}", line=line)
        if key in later:
            record[key] = later[key]
    for key in ("definition", "note"):
        for lang, text in later.get(key, {}).items():
            record.setdefault(key, {})[lang] = text
    for kind, targets in later.get("relations", {}).items():
        if targets:
            record.setdefault("relations", {})[kind] = targets


def _cells(header: list[str], row: list[str], line: int) -> dict[str, str]:
    if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
        raise FormatError(f"{len(row)} cells but the header has {len(header)} columns",
                          line=line)
    return {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}


def _read_concept_layout(header_line: int, header: list[str], rows) -> list[dict[str, Any]]:
    groups = _language_groups(header_line, header)
    out = []
    for line, row in rows:
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            raise FormatError(f"{len(row)} cells but the header has {len(header)} columns",
                              line=line)
        row = row + [""] * (len(header) - len(row))
        concept_cells = {name: row[i] for i, name in enumerate(header)
                         if name in CONCEPT_COLUMNS}
        record = _parse_concept(row[header.index("id")] if "id" in header else "",
                                concept_cells, line)
        for lang, index, fields in groups:
            text = row[index]
            if text.strip():
                cells = {field: row[i] for field, i in fields.items()}
                record["terms"].setdefault(lang, []).append(_parse_term(text, cells))
        out.append(record)
    return out


def _language_groups(line: int, header: list[str]) -> list[tuple[str, int, dict[str, int]]]:
    """(language, column of the term, {field: column}) for each term group of the header."""
    groups: list[tuple[str, int, dict[str, int]]] = []
    for i, name in enumerate(header):
        if name == "id" or name in CONCEPT_COLUMNS:
            continue
        code, _, field = name.partition(" ")
        lang = from_code(code)
        if lang is None:
            raise FormatError(f"column {i + 1} ({name!r}) is neither a language nor a known "
                              "field", line=line)
        if not field:
            groups.append((lang, i, {}))
        elif field in TERM_FIELDS and groups and groups[-1][0] == lang:
            groups[-1][2][field] = i
        else:
            raise FormatError(f"column {i + 1} ({name!r}) does not follow a {code} term "
                              "column", line=line)
    if not groups:
        raise FormatError("no language column in the header row", line=line)
    return groups
