"""About the API itself: its index, the OpenAPI document, the docs page, and the termbase's
numbers."""

from __future__ import annotations

import re

from flask import Response, render_template, url_for
from markupsafe import Markup, escape

from glossary import db
from glossary.api import bp
from glossary.api.conditional import read_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import known_params
from glossary.api.spec import document, operation
from glossary.services import concepts as concept_service

HTML = "text/html"


@operation(summary="Where things are", tag="meta", etag=True, access="public",
           responses={200: ("Links to the API's documents and collections.", ref("ApiIndex"))})
@bp.get("/", strict_slashes=False)  # /api/v1 too, without a redirect (whose body is HTML)
def index() -> Response:
    known_params()
    links = {name: url_for(f"api.{endpoint}") for name, endpoint in (
        ("openapi", "openapi"), ("docs", "docs"), ("concepts", "list_concepts"),
        ("documents", "list_documents"), ("stats", "stats"))}
    links["search"] = url_for("api.search", q="")
    return read_response(links)


@operation(summary="How many concepts and terms", tag="meta", etag=True,
           responses={200: ("Counts of concepts, and of terms per language.", ref("Stats"))})
@bp.get("/stats")
def stats() -> Response:
    known_params()
    return read_response(concept_service.stats(db.session()))


@operation(summary="This document (OpenAPI 3.1)", tag="meta", etag=True, access="public",
           responses={200: ("The OpenAPI document.", {"type": "object"})})
@bp.get("/openapi.json")
def openapi() -> Response:
    known_params()
    return read_response(document())


@operation(summary="The API's documentation as a web page", tag="meta", produces=(HTML,),
           access="public",
           responses={200: ("A self-contained HTML page (no script, nothing from "
                            "elsewhere).", {"type": "string"})})
@bp.get("/docs")
def docs() -> Response:
    known_params()
    spec = document()
    html = render_template("api/docs.html", spec=spec, groups=_by_tag(spec),
                           prose=_prose)
    response = Response(html, mimetype=HTML)
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        "frame-ancestors 'none'")
    return response


def _by_tag(spec: dict) -> list[tuple[str, list[tuple[str, str, dict]]]]:
    groups: dict[str, list[tuple[str, str, dict]]] = {t["name"]: [] for t in spec["tags"]}
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            groups[op["tags"][0]].append((method.upper(), path, op))
    return [(tag, ops) for tag, ops in groups.items() if ops]


def _prose(text: str) -> Markup:
    """The few Markdown marks the descriptions use: paragraphs, **bold** and `code`."""
    out = []
    for paragraph in text.strip().split("\n\n"):
        html = str(escape(" ".join(paragraph.split())))
        html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
        html = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", html)
        out.append(f"<p>{html}</p>")
    return Markup("\n".join(out))
