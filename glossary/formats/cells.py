"""Cells of delimited files: decoding the bytes, reading rows with their line numbers, and
neutralising spreadsheet formulas.

A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return) is written behind an apostrophe, the mark spreadsheets read as "this is text"; a cell
that really starts with an apostrophe gets one more, so reading strips exactly one and
nothing is lost.

>>> escape_formula("=HYPERLINK(\\"http://x\\")"), escape_formula("'quoted"), escape_formula("ШОС")
('\\'=HYPERLINK("http://x")', "''quoted", 'ШОС')
>>> unescape_formula(escape_formula("+7 495")), unescape_formula("plain")
('+7 495', 'plain')
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from glossary.formats import FormatError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_formula(value: str) -> str:
    """The cell text a spreadsheet shows as text, never runs."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def unescape_formula(value: str) -> str:
    """The text of a cell written by `escape_formula`."""
    return value[1:] if value.startswith("'") else value


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark) or UTF-16 with one, as text.

    :raises FormatError: for binary data or another encoding, naming the line.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FormatError(f"broken UTF-16 ({exc.reason})", line=1) from None
    if data.startswith(b"PK\x03\x04"):
        raise FormatError("this is a ZIP archive (an XLSX workbook?), not delimited text; "
                          "use the xlsx format", line=1)
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise FormatError("a NUL byte: this is binary data, not text", line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise FormatError(f"not UTF-8 (byte 0x{data[exc.start]:02X}); save the file as "
                          "UTF-8 and import it again", line=line) from None


def rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of delimited text with the line each starts on; blank rows are skipped.

    :raises FormatError: for a broken quote or an unterminated last field (a truncated file).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(f"broken CSV ({exc}); the file may be truncated",
                          line=start) from None


def write_rows(table: list[list[str]], delimiter: str, *, quote_all: bool = False) -> bytes:
    """Rows as delimited UTF-8 text with CRLF line ends, every cell formula-safe (and, with
    `quote_all`, in quotes).

    A NUL would make every tool take the file for binary data: it becomes U+FFFD.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows([[escape_formula(cell.replace("\0", "\ufffd")) for cell in row]
                      for row in table])
    return out.getvalue().encode("utf-8")
