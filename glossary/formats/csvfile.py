"""Generic multilingual CSV: one row per term (default) or one row per concept.

UTF-8 with a byte order mark (so that Excel shows Chinese and Russian), comma-separated, every
cell quoted (so that a reader that guesses the delimiter, as translate-toolkit's does, finds
the comma and not a space), CRLF line ends, formula cells neutralised (see cells). Languages
are BCP 47 codes as stored. The columns are described in table. Reading also accepts
semicolon- or tab-separated files (what Excel saves in a Russian locale) and UTF-8 without a
byte order mark.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from glossary.formats import Format, Options, cells, table
from glossary.models import LANGUAGES

CHUNK_ROWS = 500
# Sources travel as ids only (no titles), contexts not at all: see docs/EXCHANGE.md.
CARRIES = frozenset({"id", "kind", "subject", "definition", "note", "relations", "dates",
                     "term.type", "term.status", "term.pos", "term.gender", "term.note",
                     "term.sources", "term.pinyin", "term.palladius", "term.homonym"})


def rows_of(records: Iterable[dict[str, Any]], options: Options, style: str
            ) -> Iterator[list[str]]:
    """The table rows of either layout, header first."""
    if (options.layout or "term") == "concept":
        languages = options.languages or LANGUAGES
        yield table.concept_header(languages, options.max_terms, style, options.audience)
        for record in records:
            yield table.concept_row(record, languages, options.max_terms, options.audience)
    else:
        yield from table.term_rows(records, style, options.audience)


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The CSV file, a few hundred rows at a time."""
    yield codecs.BOM_UTF8
    rows = rows_of(records, options, "bcp47")
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield cells.write_rows(chunk, ",", quote_all=True)


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Records from a CSV file in either layout.

    :raises FormatError: naming the line, for encoding, quoting and column problems.
    """
    text = cells.decode(data)
    rows = ((line, [cells.unescape_formula(c) for c in row])
            for line, row in cells.rows(text, _delimiter(text)))
    return table.read_table(rows)


def sniff(head: bytes) -> bool:
    """Our own header row, whatever the extension (Excel saves tab-separated text as .txt)."""
    first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].decode("utf-8", "ignore")
    cells = {c.strip().strip('"') for c in first.replace(";", ",").replace("\t", ",").split(",")}
    per_term = "lang" in cells and bool(cells & {"source", "term"})
    return "id" in cells and (per_term or "kind" in cells)


FORMAT = Format(
    name="csv", title="CSV (generic, one row per term or per concept)", extensions=("csv",),
    mimetype="text/csv", carries=CARRIES, write=write, read=read, needs_term_counts=True,
    sniff=sniff,
)
