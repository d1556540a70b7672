"""Reading text files users give us: bytes in, text out, or a clear error."""

from __future__ import annotations

import codecs


class TextDecodeError(ValueError):
    """The bytes are not a text we can read; the message says why, for the user."""


def decode_text(raw: bytes, name: str = "the file") -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse binary data."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextDecodeError(f"{name}: broken UTF-16 at byte {exc.start}") from exc
    if b"\x00" in raw[:4096]:
        raise TextDecodeError(f"{name} looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextDecodeError(
            f"{name} is not UTF-8 text (invalid byte at offset {exc.start}); "
            "save it as UTF-8 and try again"
        ) from exc
