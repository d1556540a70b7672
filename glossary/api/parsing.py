"""Reading a request: query parameters, language tags, cursors and bodies, each refused with
a 400/413/415 that names what is wrong."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from flask import current_app, request

from glossary.api.json_schemas import LANG_ALIASES
from glossary.api.problems import ApiProblem, bad_request
from glossary.api.spec import JSON, current


def known_params(*names: str) -> None:
    """Refuse query parameters not in `names`, and any given twice."""
    for name in request.args:
        if name not in names:
            known = ", ".join(names) if names else "none"
            raise bad_request(name, f"unknown parameter; this operation takes: {known}")
        if len(request.args.getlist(name)) > 1:
            raise bad_request(name, "given more than once")


def text_param(name: str, *, max_length: int = 1000) -> str | None:
    value = request.args.get(name)
    if value is not None and len(value) > max_length:
        raise bad_request(name, f"at most {max_length} characters")
    return value


def int_param(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isascii() or not value.strip().lstrip("-").isdigit():
        raise bad_request(name, f"must be a whole number from {low} to {high}")
    number = int(value)
    if not low <= number <= high:
        raise bad_request(name, f"must be a whole number from {low} to {high}")
    return number


def choice_param(name: str, choices: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    if value is not None and value not in choices:
        raise bad_request(name, f"must be one of: {', '.join(choices)}")
    return value


def bool_param(name: str) -> bool:
    value = request.args.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise bad_request(name, "must be true or false")
    return value in ("true", "1")


def normalise_lang(value: object) -> str | None:
    """A BCP 47 tag (any case) as the termbase writes it: zh-TW → zh-Hant; None if unknown.

    >>> normalise_lang("ZH-hant"), normalise_lang("zh-CN"), normalise_lang("fr")
    ('zh-Hant', 'zh-Hans', None)
    """
    if not isinstance(value, str):
        return None
    # No stripping: the document's pattern (schemas.lang_tag_schema) allows no spaces.
    return LANG_ALIASES.get(value.lower().replace("_", "-"))


def lang_tag(value: str | None, field: str, allowed: tuple[str, ...]) -> str | None:
    """A BCP 47 tag as the termbase writes it (zh-TW → zh-Hant), or a 400 naming `field`.
    An empty value is no filter, as when the parameter is left out (an empty form field)."""
    if not value:
        return None
    tag = normalise_lang(value)
    if tag not in allowed:
        raise bad_request(field, f"{value!r} is not a language of the termbase; use one of: "
                                 f"{', '.join(allowed)} (BCP 47, any case)")
    return tag


# --------------------------------------------------------------------------------------------
# Cursors: opaque to clients, checked on return
# --------------------------------------------------------------------------------------------


def make_cursor(position: Any, params: dict[str, Any]) -> str:
    """A cursor for the page after `position`, bound to the parameters that made it."""
    payload = json.dumps({"p": position, "h": _params_digest(params)},
                         separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")


def read_cursor(params: dict[str, Any]) -> Any:
    """The position in the `cursor` parameter (None without one)."""
    text = request.args.get("cursor")
    if not text:  # empty: the first page, as without a cursor
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw.decode("utf-8"))
        position, digest = payload["p"], payload["h"]
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise bad_request("cursor", "not a cursor this API gave out; start again without "
                                    "one") from None
    if digest != _params_digest(params):
        raise bad_request("cursor", "this cursor belongs to a request with other "
                                    "parameters; repeat them unchanged to page on")
    return position


def _params_digest(params: dict[str, Any]) -> str:
    text = json.dumps(params, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------------------------


def _check_size() -> None:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and limit and request.content_length > limit:
        raise ApiProblem(413, f"the request body is {request.content_length} bytes; at most "
                              f"{limit} bytes are accepted")


def check_content_type() -> str:
    """The body's media type, if the operation reads it; else 415 naming what it reads."""
    op = current()
    accepted = tuple(op.body) if op else (JSON,)
    media = request.mimetype
    if media not in accepted:
        sent = f"Content-Type {media!r}" if media else "no Content-Type"
        raise ApiProblem(415, f"the body was sent with {sent}; this operation reads "
                              f"{' or '.join(accepted)}", headers={"Accept-Post": ", ".join(
                                  accepted)} if request.method == "POST" else {})
    return media


def json_body() -> Any:
    """The decoded JSON body; 400 with the position of a syntax error."""
    check_content_type()
    _check_size()
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
        # Unpaired surrogates ("\ud800") decode, but cannot be stored or sent back.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeError:
        raise bad_request("body", "not UTF-8 text, or a string holds an unpaired surrogate "
                                  "(\\ud800-\\udfff)") from None
    except json.JSONDecodeError as exc:
        raise bad_request("body", f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                                  f"{exc.colno}") from None
    except (ValueError, RecursionError):
        raise bad_request("body", "not valid JSON: nested too deeply, or NaN/Infinity "
                                  "(not JSON numbers)") from None
    return data


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def text_body(field: str = "text", *, decode=None) -> tuple[str, dict[str, Any]]:
    """A text to work on, sent as text/plain or as JSON {"text": ..., ...}.

    :param decode: turns text/plain bytes into text (default: the charset the Content-Type
        names, UTF-8 when it names none).
    :return: the text and the other members of a JSON body ({} for text/plain).
    """
    if check_content_type() == "text/plain":
        _check_size()
        raw = request.get_data(cache=True)
        if decode is not None:
            return decode(raw), {}
        try:
            return raw.decode(request.mimetype_params.get("charset", "utf-8")), {}
        except (UnicodeError, LookupError):
            raise bad_request("body", "not text in the charset of its Content-Type (UTF-8 "
                                      "when none is named)") from None
    data = json_body()
    if not isinstance(data, dict) or not isinstance(data.get(field), str):
        raise ApiProblem(422, f"the body must be a JSON object with a string {field!r}",
                         errors=[{"field": field, "message": "required, a string"}])
    return data[field], {k: v for k, v in data.items() if k != field}
