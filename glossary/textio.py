"""Reading text files users give us: bytes in, text out, or a clear error.

Chinese documents arrive as UTF-8 (with or without a BOM), UTF-16 from Windows tools, GB18030
(GBK, GB2312) from mainland sites and Big5 from Taiwan and Hong Kong ones. The encoding is
detected by these rules, in order:

1. a byte order mark (UTF-8, UTF-32, UTF-16);
2. a known binary signature (PDF, ZIP/DOCX, images ...) or NUL bytes that are not UTF-16:
   refused as binary;
3. strict UTF-8;
4. GB18030 and Big5, both tried strictly; when both decode, the one whose characters fall
   into the commonly used part of its own code table wins (GB2312 level 1 for GB18030, the
   frequent block A440–C67E for Big5). Each encoding read as the other lands mostly outside
   that part, so the two are told apart on a few dozen characters.

Files larger than `MAX_TEXT_BYTES` are refused before they are read.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from glossary.messages import N_, Message, message

#: The largest file we read (16 MiB, the web service's request limit too). A communique is
#: about 13 kB; a 1 MB text is extracted in a few seconds, so 16 MiB is already a long wait.
MAX_TEXT_BYTES = 16 * 1024 * 1024

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (  # what each file is, as a message template (see glossary.messages)
    (b"%PDF-", N_("%(name)s is a PDF file; copy its text into a UTF-8 text file first")),
    (b"PK\x03\x04", N_("%(name)s is a ZIP archive (or a DOCX/XLSX file); save the text as "
                       "UTF-8 text first")),
    (b"\xd0\xcf\x11\xe0", N_("%(name)s is an old Microsoft Office file; save the text as "
                               "UTF-8 text first")),
    (b"{\\rtf", N_("%(name)s is an RTF file; save the text as UTF-8 text first")),
    (b"\x89PNG", N_("%(name)s is a PNG image, not text")),
    (b"\xff\xd8\xff", N_("%(name)s is a JPEG image, not text")),
    (b"GIF8", N_("%(name)s is a GIF image, not text")),
    (b"\x1f\x8b", N_("%(name)s is a gzip archive, not text")),
)
#: Control characters other than tab, newlines, form feed and escape: text never has many.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


class TextDecodeError(ValueError):
    """The bytes are not a text we can read; the message (a glossary.messages.Message) says
    why, for the user."""


class TextTooLarge(TextDecodeError):
    """The file is over the size limit; it was not read."""


@dataclass(frozen=True)
class DecodedText:
    """A decoded text and the encoding it was found in."""

    text: str
    encoding: str


def read_text_file(path: str | os.PathLike[str], *,
                   limit: int = MAX_TEXT_BYTES) -> tuple[bytes, DecodedText]:
    """Read and decode a text file, refusing files over `limit` bytes without reading them.

    :return: the raw bytes (for hashing) and the decoded text.
    :raises TextDecodeError: unreadable, too large, binary or in an unknown encoding.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise TextTooLarge(message(
                "%(name)s is %(size)s; the limit is %(limit)s. Split the text into smaller "
                "files.", name=path.name, size=_size(size), limit=_size(limit)))
        with path.open("rb") as fp:
            raw = fp.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise TextDecodeError(message("cannot read %(path)s: %(reason)s", path=str(path),
                                      reason=exc.strerror or str(exc))) from exc
    if len(raw) > limit:
        raise TextTooLarge(message("%(name)s is over the limit of %(limit)s", name=path.name,
                                   limit=_size(limit)))
    return raw, decode(raw, path.name)


def decode_text(raw: bytes, name: str = "the file") -> str:
    """The text of `raw` in whichever supported encoding it is in (see `decode`)."""
    return decode(raw, name).text


def decode(raw: bytes, name: str = "the file") -> DecodedText:
    """Detect the encoding of `raw` and decode it.

    >>> decode("上合组织".encode("gb18030")).encoding
    'gb18030'
    >>> decode("上合組織成員國".encode("big5")).text
    '上合組織成員國'

    :raises TextDecodeError: binary data, or an encoding we do not read.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding, name)
    for signature, template in _SIGNATURES:
        if raw.startswith(signature):
            raise TextDecodeError(message(template, name=name))
    head = raw[:8192]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise TextDecodeError(_binary(name))
        return _refuse_binary(_strict(raw, utf16, name), name)
    try:
        return _refuse_binary(DecodedText(raw.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if sum(b in _CONTROL for b in head) > len(head) // 100:
        raise TextDecodeError(_binary(name))
    return _refuse_binary(_chinese_legacy(raw, name, utf8_error), name)


def _strict(raw: bytes, encoding: str, name: str) -> DecodedText:
    try:
        return DecodedText(raw.decode(encoding), encoding.removesuffix("-sig"))
    except UnicodeDecodeError as exc:
        raise TextDecodeError(message(
            "%(name)s starts like %(encoding)s but has an invalid byte at offset %(offset)d",
            name=name, encoding=encoding.upper(), offset=exc.start)) from exc


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text then has a NUL in every other byte."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _chinese_legacy(raw: bytes, name: str, utf8_error: UnicodeDecodeError) -> DecodedText:
    """GB18030 or Big5, whichever decodes and reads as common characters."""
    readings = []
    # cp950 is Microsoft's Big5, a superset of the plain table: Windows tools write it.
    for encoding, codec, common in (("gb18030", "gb18030", _common_gb),
                                    ("big5", "cp950", _common_big5)):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_share(text, common), encoding, text))
    if not readings:
        raise TextDecodeError(message(
            "%(name)s is not UTF-8 (invalid byte at offset %(offset)d), nor GB18030 or Big5; "
            "save it as UTF-8 and try again", name=name, offset=utf8_error.start))
    share, encoding, text = max(readings, key=lambda r: r[0])
    if share < 0.5:
        raise TextDecodeError(message(
            "%(name)s is not UTF-8 and its encoding could not be recognised (neither GB18030 "
            "nor Big5 reads it as Chinese); save it as UTF-8 and try again", name=name))
    return DecodedText(text, encoding)


def _share(text: str, common) -> float:
    """The share of non-ASCII characters that `common` accepts (1.0 for pure ASCII)."""
    wide = [c for c in text[:20000] if ord(c) > 0x7F]
    if not wide:
        return 1.0
    return sum(map(common, wide)) / len(wide)


def _common_gb(char: str) -> bool:
    """GB2312 punctuation rows (A1–A3) or level-1 hanzi (B0–D7): the everyday characters."""
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and (0xA1 <= code[0] <= 0xA3 or 0xB0 <= code[0] <= 0xD7)


def _common_big5(char: str) -> bool:
    """Big5 punctuation (A140–A3BF) or frequently used hanzi (A440–C67E)."""
    try:
        code = char.encode("cp950")
    except UnicodeEncodeError:
        return False
    value = int.from_bytes(code, "big") if len(code) == 2 else 0
    return 0xA140 <= value <= 0xA3BF or 0xA440 <= value <= 0xC67E


def _refuse_binary(decoded: DecodedText, name: str) -> DecodedText:
    head = decoded.text[:8192]
    if head and sum(ord(c) in _CONTROL for c in head) > len(head) // 100:
        raise TextDecodeError(_binary(name))
    return decoded


def _binary(name: str) -> Message:
    return message("%(name)s looks like a binary file, not text", name=name)


def _size(n: int) -> Message:
    if n >= 1024 * 1024:
        return message("%(mib).1f MiB", mib=n / (1024 * 1024))
    return message("%(count)d bytes", count=n)
