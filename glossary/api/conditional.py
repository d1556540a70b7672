"""HTTP caching and concurrency control: ETags, If-None-Match (304), If-Match (412/428),
Cache-Control.

A concept's ETag is its version as a strong validator (`"7"`): every accepted edit moves
the version, so the version is the one thing an If-Match must name. Lists and search
answers get a strong ETag that is a digest of the body. In If-Match a weak tag (`W/"7"`)
is taken as its strong twin, because proxies weaken ETags when they compress.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, cast

from flask import Response, current_app, request

from glossary.api.problems import ApiProblem, bad_request
from glossary.api.spec import ETAG_LIST

_ETAG_LIST = re.compile(ETAG_LIST)


def concept_etag(concept: dict[str, Any]) -> str:
    return f'"{concept["version"]}"'


def read_response(data: Any, *, etag: str | None = None, status: int = 200) -> Response:
    """A JSON answer to a read, with its ETag (a body digest unless given), 304 when the
    client's If-None-Match is current, and Cache-Control for shared or private caches."""
    response = cast(Response, current_app.json.response(data))
    response.status_code = status
    if etag is None:
        etag = '"' + hashlib.sha256(response.get_data()).hexdigest()[:20] + '"'
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = cache_control()
    if request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(
            etag.strip('"')):
        return not_modified(etag)
    return response


def not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = cache_control()
    return response


def cache_control() -> str:
    # "no-cache": any cache may keep the answer, but must ask again (cheaply, with the ETag)
    # before using it, so an edit is never hidden behind a stale copy.
    scope = "public" if current_app.config["PUBLIC_READ"] else "private"
    return f"{scope}, no-cache"


def write_response(data: Any, *, status: int = 200, etag: str | None = None,
                   location: str | None = None) -> Response:
    """The answer to a write (or to a POST that only computes): never cached."""
    response = Response(status=204) if data is None else cast(
        Response, current_app.json.response(data))
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    if etag:
        response.headers["ETag"] = etag
    if location:
        response.headers["Location"] = location
    return response


#: What an If-Match that names no version expects: no concept is ever at version 0.
NO_VERSION = 0


def expected_version(*, required: bool, current_version=None) -> int | None:
    """The version named by If-Match: None for `*` or (when not required) no header.

    :param current_version: a callable giving the concept's version now, used when If-Match
        lists several tags (the edit goes ahead if any of them is current).
    :raises ApiProblem: 428 without If-Match when required; 400 when it is no list of
        entity-tags (the document's pattern). Tags that cannot be versions give
        NO_VERSION, which the write refuses (412).
    """
    if "If-Match" not in request.headers:
        if required:
            raise ApiProblem(428, "this edit needs an If-Match header with the ETag of the "
                                  "concept version it is based on (GET the concept first); "
                                  "use If-Match: * to overwrite whatever is there")
        return None
    if not _ETAG_LIST.match(request.headers["If-Match"]):
        raise bad_request("If-Match", "not an entity-tag list: send the ETag the concept "
                                      "was read with, e.g. \"3\", or *")
    tags = request.if_match
    if tags.star_tag:
        return None
    versions = [int(t) for t in tags.as_set(include_weak=True)
                if t and t.isascii() and t.isdigit() and len(t) < 19]
    if not versions:
        # Version 0 is never current: the write is refused with 412 and the concept as it
        # is now, once the request is known to be valid (a bad one is 400 or 422 first).
        return NO_VERSION
    if len(versions) == 1 or current_version is None:
        return versions[0]
    now = current_version()
    return now if now in versions else versions[0]
