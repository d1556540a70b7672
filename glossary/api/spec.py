"""Operations, declared beside their views, and the OpenAPI 3.1 document built from them.

`@operation(...)` records what a view accepts and answers. The same record drives content
negotiation (406), content-type checks (415), authorisation and rate-limit classes at run
time, so the document describes what the code does, not what someone remembered to write.
`document(app)` walks the app's URL map: a route under /api/v1 without an operation is an
error, and so is an operation without a route (tests/test_api_openapi.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, request

from glossary.api.json_schemas import SCHEMAS, Schema, ref
from glossary.errors import FREE

JSON = "application/json"
PROBLEM = "application/problem+json"
MERGE_PATCH = "application/merge-patch+json"
TEXT = "text/plain"
API_PREFIX = "/api/v1"

#: Why each error status can come back, for the document.
ERROR_REASONS = {
    400: "A query parameter, header or the body is malformed; `errors` names it.",
    401: "No valid token: send `Authorization: Bearer <token>` (see WWW-Authenticate).",
    403: "The token's scope or its user's role does not allow this.",
    404: "Nothing with this id.",
    406: "The Accept header allows none of the media types this operation answers with.",
    409: "The concept already exists, or a concurrent write touched the same data.",
    412: "If-Match names an old version; `current` is the concept as it is now.",
    413: "The body (or the text in it) is larger than accepted.",
    415: "The body's Content-Type is not one this operation reads.",
    422: "The body breaks the termbase's rules; `errors` lists every field at fault.",
    428: "This operation needs If-Match with the concept's ETag.",
    429: "Too many requests from this address or token; see Retry-After.",
    503: "The database could not answer; nothing was changed. Retry later.",
}


@dataclass(frozen=True)
class Operation:
    """What one view does, for the document and for the request hooks."""

    summary: str
    tag: str
    responses: dict[int, tuple[str, Schema | None]]
    description: str = ""
    params: tuple[dict[str, Any], ...] = ()
    body: dict[str, Schema] = field(default_factory=dict)  # media type → schema
    access: str = "read"  # "public", "read" (public unless PUBLIC_READ is false), "write"
    rate: str = "read"  # which rate limit counts it: read, write or text
    produces: tuple[str, ...] = (JSON,)
    etag: bool = False  # answers carry an ETag; If-None-Match gives 304
    if_match: str | None = None  # "required" or "optional"
    links: dict[int, dict[str, Any]] = field(default_factory=dict)


OPERATIONS: dict[str, Operation] = {}


def operation(**kwargs: Any):
    """Declare the decorated view's operation (see `Operation`)."""
    def decorate(view):
        OPERATIONS[f"api.{view.__name__}"] = Operation(**kwargs)
        return view
    return decorate


def current() -> Operation | None:
    """The operation of the current request, if it reached an API view."""
    return OPERATIONS.get(request.endpoint or "")


def query(name: str, schema: Schema, description: str, *, required: bool = False) -> dict:
    if schema.get("type") == "string" and "pattern" not in schema and name not in FREE:
        schema = {**schema, "pattern": NO_NUL}
    return {"name": name, "in": "query", "required": required, "schema": schema,
            "description": description}


#: RFC 9110 If-Match: `*` or a list of entity-tags (strong or weak); a bare version
#: number (`3` for `"3"`) is taken too, as people type it. A tag that is no version of the
#: concept is 412; a value that is no entity-tag list at all is 400.
_ETAG = r'((W/)?"[\x21\x23-\x7e]*"|[0-9]+)'
ETAG_LIST = rf'^[ \t]*(\*|{_ETAG}([ \t]*,[ \t]*{_ETAG})*)[ \t]*$'
#: Query texts: the request guard (errors._refuse_nul) refuses NUL in all but FREE ones.
NO_NUL = "^[^\\u0000]*$"


def header(name: str, description: str, *, required: bool = False,
           schema: Schema | None = None) -> dict:
    return {"name": name, "in": "header", "required": required,
            "schema": schema or {"type": "string"}, "description": description}


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------

_CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
#: The largest id there can be (a 32-bit integer column); larger ones are 404.
MAX_ID = 2**31 - 1
_PATH_SCHEMAS = {"int": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                 None: {"type": "string"}}


def document(app: Flask | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route under /api/v1."""
    app = app or current_app
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api."):
            continue
        op = OPERATIONS.get(rule.endpoint)
        if op is None:
            raise LookupError(f"route {rule.rule} ({rule.endpoint}) has no @operation")
        path = _CONVERTER.sub(r"{\2}", rule.rule)[len(API_PREFIX):] or "/"
        path_params = [{"name": name, "in": "path", "required": True,
                        "schema": _PATH_SCHEMAS.get(conv, _PATH_SCHEMAS[None])}
                       for conv, name in _CONVERTER.findall(rule.rule)]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(
                rule.endpoint, op, method, path_params)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Glossary term API",
            "version": "1.0.0",
            "summary": "The SCO Chinese–Russian–English termbase: search, concepts and "
                       "terms, annotation and extraction of texts, documents, exports.",
            "description": _DESCRIPTION,
        },
        "servers": [{"url": API_PREFIX}],
        "tags": [{"name": name} for name in ("search", "concepts", "terms", "texts",
                                              "documents", "review", "export", "meta")],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "A token from `glossary token create --user NAME --scope "
                               "read|write`."}},
        },
    }


def _operation(endpoint: str, op: Operation, method: str,
               path_params: list[dict]) -> dict[str, Any]:
    params = [*path_params, *op.params]
    if op.if_match:
        params.append(header("If-Match", "The ETag of the concept version this edit is "
                                         "based on, or `*`.", required=op.if_match == "required",
                             schema={"type": "string", "pattern": ETAG_LIST}))
    if op.etag and method == "GET":
        params.append(header("If-None-Match", "An ETag you have: 304 when it is current."))
    out: dict[str, Any] = {
        "operationId": endpoint.removeprefix("api."),
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": params,
        "responses": _responses(op, method, bool(path_params), bool(params)),
        "security": [{"bearer": []}] if op.access == "write" else [{}, {"bearer": []}],
    }
    if op.description:
        out["description"] = op.description
    if op.body:
        out["requestBody"] = {"required": True, "content": {
            media: {"schema": schema} for media, schema in op.body.items()}}
    return out


def _responses(op: Operation, method: str, has_path: bool,
               has_params: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for status, (description, schema) in op.responses.items():
        entry: dict[str, Any] = {"description": description}
        if schema is not None:
            media_types = (PROBLEM,) if status >= 400 else op.produces
            entry["content"] = {media: {"schema": schema} for media in media_types}
        if (op.etag and status < 300) or status == 304:
            entry["headers"] = {"ETag": {"schema": {"type": "string"}, "required": True}}
        if status in op.links:
            entry["links"] = op.links[status]
        out[str(status)] = entry
    if op.etag and method == "GET":
        out["304"] = {"description": "Not modified: the ETag sent is current.",
                      "headers": {"ETag": {"schema": {"type": "string"}, "required": True}}}
    errors = {401, 406, 429, 503}
    if has_params or op.body:
        errors.add(400)
    if op.body:
        errors |= {413, 415, 422}
    if op.access == "write":
        errors.add(403)
    if has_path:
        errors.add(404)
    if op.if_match:
        errors.add(412)
    if op.if_match == "required":
        errors.add(428)
    for status in sorted(errors - set(op.responses)):
        out[str(status)] = {"description": ERROR_REASONS[status],
                            "content": {PROBLEM: {"schema": ref("Problem")}}}
    return dict(sorted(out.items()))


_DESCRIPTION = """\
Every concept has one card: its terms in simplified and traditional Chinese, Russian and
English (language tags are BCP 47), with pinyin, the Palladius transcription of Chinese
names, sources, definitions, notes and relations. The concept shape is the one
`glossary concepts --json` prints.

**Reading** is public unless the service sets PUBLIC_READ to false; then send a token.
**Writing** needs `Authorization: Bearer <token>` with a token of scope `write`, issued by
`glossary token create --user NAME --scope write` to a user whose role is editor or admin.

**Caching and concurrency.** A concept's ETag is its version, a strong validator: `"7"`.
Send it back in `If-None-Match` to get 304 while it is current, and in `If-Match` on
PATCH and DELETE (required: 428 without it, 412 when the concept has moved on, with the
current concept in the problem's `current`). Search and list answers carry an ETag that is
a digest of the answer.

**Paging.** Lists answer with `next_cursor`; pass it as `cursor` with the same parameters
to get the next page (also in the `Link: rel="next"` header). Concept lists page by id, so
a cursor stays valid whatever is added or removed meanwhile; search pages follow the
ranking of the termbase as it is when each page is asked for.

**Errors** are RFC 9457 `application/problem+json` with a `detail` that says what to fix,
and for invalid input an `errors` list of `{field, message}`. Unknown query parameters are
refused (400), so a misspelt filter never silently matches everything.

**Limits.** Request bodies up to MAX_CONTENT_LENGTH (413 beyond); texts to annotate up to
1 MiB of UTF-8; rate limits per token, or per address without one (429 with Retry-After).
"""
