"""Request bodies bounded before they are parsed.

Werkzeug reads an `application/x-www-form-urlencoded` body whole and decodes it with
`urllib.parse.parse_qsl`, which splits the text at every `%`: a 14 MiB body of `%E4%B8%8A`
became well over a gigabyte of small strings before any view could refuse it. So:

- every url-encoded body has a limit chosen by its view: FORM_MAX_BYTES by default,
  FORM_TEXT_MAX_BYTES for the views that take a text (`@takes_text`); a multipart body (an
  upload) is bounded by MAX_CONTENT_LENGTH as a whole (its files go to disk) and by the same
  view limit for each text field it holds in memory;
- a body announced larger than its limit is refused with 413 before a byte of it is read, and
  one that grows past it while it is read (chunked) is refused as it crosses the limit;
- url-encoded bodies are decoded in slices (`LeanFormParser`), so a body within its limit costs
  a few times its own size, not a hundred.

JSON bodies of the API are bounded by MAX_CONTENT_LENGTH as before (glossary/api/parsing.py).
"""

from __future__ import annotations

import typing as t
from collections.abc import Callable, Iterator
from urllib.parse import unquote_to_bytes

from flask import Flask, Request, abort, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser

from glossary.messages import message

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
#: Bytes decoded at a time; a slice of N bytes makes about N/3 small objects, briefly.
_SLICE = 64 * 1024

F = t.TypeVar("F", bound=Callable[..., t.Any])


def takes_text(view: F) -> F:
    """Mark a view whose form carries a text to work on (FORM_TEXT_MAX_BYTES)."""
    view._body_limit = "FORM_TEXT_MAX_BYTES"  # type: ignore[attr-defined]
    return view


def _unquote_plus(data: bytes) -> bytes:
    """Percent-decode `data` (with `+` as a space) a slice at a time, never cutting an escape."""
    data = data.replace(b"+", b" ")
    if b"%" not in data:
        return data
    return b"".join(_unquoted_slices(data))


def _unquoted_slices(data: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(data):
        end = min(start + _SLICE, len(data))
        # Move the cut before a `%` that starts within the last two bytes of the slice.
        cut = data.rfind(b"%", max(start, end - 2), end)
        if cut != -1 and end < len(data):
            end = cut if cut > start else min(start + 3, len(data))
        yield unquote_to_bytes(data[start:end])
        start = end


def parse_urlencoded(body: bytes) -> list[tuple[str, str]]:
    """`a=1&b=%E4%B8%8A` → [("a", "1"), ("b", "上")], decoding in slices; invalid UTF-8 is
    replaced, as Werkzeug does."""
    pairs = []
    for field in body.split(b"&"):
        if not field:
            continue
        name, _, value = field.partition(b"=")
        pairs.append((_unquote_plus(name).decode("utf-8", "replace"),
                      _unquote_plus(value).decode("utf-8", "replace")))
    return pairs


class LeanFormParser(FormDataParser):
    """Werkzeug's form parser with a url-encoded decoder that does not multiply memory."""

    def _parse_urlencoded(self, stream: t.IO[bytes], mimetype: str,
                          content_length: int | None, options: dict[str, str]):
        # The stream is already limited to the request's max_content_length; a body without a
        # length is only known to be over it when one more read finds more (413 from Werkzeug).
        body = stream.read()
        if stream.read(1):
            raise RequestEntityTooLarge()
        return stream, self.cls(parse_urlencoded(body)), self.cls()


class GlossaryRequest(Request):
    form_data_parser_class = LeanFormParser


def limit_for(endpoint: str | None) -> int:
    """The most bytes a form body may have on this endpoint."""
    view = current_app.view_functions.get(endpoint or "")
    key = getattr(view, "_body_limit", "FORM_MAX_BYTES")
    return int(current_app.config[key])


def _bound_form_body() -> None:
    if request.mimetype not in FORM_TYPES:
        return
    field_limit = limit_for(request.endpoint)
    limit = (field_limit if request.mimetype == "application/x-www-form-urlencoded"
             else int(current_app.config["MAX_CONTENT_LENGTH"]))
    size = request.content_length
    if size is not None and size > limit:
        abort(413, description=message(
            "This form is too large: %(size)d bytes, the limit here is %(limit)d.",
            size=size, limit=limit))
    request.max_content_length = limit
    # Each text field of a multipart form is held in memory: the view's bound applies to it.
    request.max_form_memory_size = field_limit


def init_app(app: Flask) -> None:
    app.request_class = GlossaryRequest
    # First of all hooks: nothing may read the form before its size is known to be allowed.
    app.before_request_funcs.setdefault(None, []).insert(0, _bound_form_body)
