"""XLSX workbooks (openpyxl) in the layout Trados' Glossary Converter and Phrase import.

One row per concept by default (a column per language, repeated for synonyms, each followed
by that term's fields: see table); ``layout="term"`` gives one row per term. Languages are
written as locales (zh-CN, zh-TW, ru, en) or, with ``codes="phrase"``, as Phrase's codes.
Every cell is a text cell with Excel's quote prefix, so nothing in it ever runs as a
formula; characters a workbook cannot hold become U+FFFD.

Reading refuses what a workbook from a stranger may hide: a ZIP that unpacks to far more
than it weighs, XML parts that declare a DOCTYPE or entities, and formula cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.formats import Format, FormatError, Options, csvfile, table

MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200
CHUNK = 1024 * 1024
FIXED_TIME = dt.datetime(1980, 1, 1)
_NOT_IN_XLSX = re.compile(r"[\000-\010\013\014\016-\037]")


def _cell(cell_type, sheet, value: str, font=None):
    cell = cell_type(sheet, value=_NOT_IN_XLSX.sub("\ufffd", value))
    cell.data_type = "s"  # text, even when it starts with "=": never a formula
    if value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True  # and it stays text when someone edits it in Excel
    if font is not None:
        cell.font = font
    return cell


def write(records: Iterable[dict[str, Any]], options: Options) -> Iterator[bytes]:
    """The workbook: rows are streamed to a temporary file, then sent in chunks."""
    # openpyxl is imported here, not at the top: it weighs some 18 MB that a process which
    # never touches a workbook (the web service, a TBX export) should not carry.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Glossary")
    sheet.freeze_panes = "A2"
    layout = options.layout or "concept"
    rows = csvfile.rows_of(records, Options(languages=options.languages, layout=layout,
                                            max_terms=options.max_terms,
                                            audience=options.audience), options.codes)
    bold = Font(bold=True)
    for i, row in enumerate(rows):
        sheet.append([_cell(WriteOnlyCell, sheet, value, bold if i == 0 else None)
                      for value in row])
    with tempfile.TemporaryFile() as tmp:
        _save_reproducibly(workbook, tmp)
        tmp.seek(0)
        while chunk := tmp.read(CHUNK):
            yield chunk


class _ReproducibleZip(zipfile.ZipFile):
    """A ZIP whose entries all carry one fixed time: the same workbook gives the same bytes."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._entry(zinfo_or_arcname)
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        with open(filename, "rb") as src, self.open(self._entry(arcname or filename), "w",
                                                     force_zip64=True) as dst:
            while chunk := src.read(CHUNK):
                dst.write(chunk)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(str(name), date_time=FIXED_TIME.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        return info


def _save_reproducibly(workbook, target) -> None:
    # openpyxl's own save stamps the workbook and every ZIP entry with the current time;
    # its ExcelWriter writes into the archive it is given, so ours fixes the times.
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    with _ReproducibleZip(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()


def _check_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError(f"not an XLSX workbook, or a truncated one ({exc})") from None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED or (total > CHUNK and total > MAX_RATIO * len(data)):
        raise FormatError(f"the workbook unpacks to {total} bytes from {len(data)}; refused "
                          "as a ZIP bomb")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise FormatError("declares a DOCTYPE or entities; refused (XXE protection)",
                                  element=info.filename)
    return archive


def _sheet_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise FormatError(f"cannot open the workbook ({type(exc).__name__}: {exc})") from None
    sheet = workbook.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(), start=1):
        values = []
        for cell in row:
            if cell.data_type == "f":
                raise FormatError(f"cell {cell.coordinate} holds a formula ({cell.value}); "
                                  "formulas are refused: paste values only",
                                  line=number, unit="row")
            values.append("" if cell.value is None else str(cell.value))
        if any(v.strip() for v in values):
            yield number, values
    workbook.close()


def read(data: bytes, options: Options) -> list[dict[str, Any]]:
    """Records from the first sheet of a workbook, in either layout.

    :raises FormatError: naming the row or cell.
    """
    try:
        return table.read_table(_sheet_rows(data))
    except FormatError as exc:
        if exc.line:  # a worksheet has rows, not lines
            raise FormatError(exc.message, line=exc.line, element=exc.element,
                              unit="row") from None
        raise


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head


FORMAT = Format(
    name="xlsx", title="Excel workbook (Glossary Converter, Phrase)", extensions=("xlsx",),
    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    carries=csvfile.CARRIES, write=write, read=read, needs_term_counts=True, binary=True,
    sniff=sniff,
)
