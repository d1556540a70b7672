"""/export: the termbase, or a filtered part of it, as a file for a CAT tool (streamed)."""

from __future__ import annotations

from flask import Response, request, stream_with_context

from glossary import db, formats
from glossary.api import bp
from glossary.api.conditional import cache_control
from glossary.api.parsing import known_params
from glossary.api.problems import ApiProblem, bad_request
from glossary.api.spec import operation, query
from glossary.services import exchange

FILTERS = ("languages", "statuses", "subjects", "documents", "sources", "concepts")
_LIST = {"type": "string", "description": "Comma-separated."}


def _media_types() -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.mimetype for f in formats.all_formats()))


@operation(
    summary="Export the termbase for a CAT tool", tag="export", produces=_media_types(),
    description="The file is written as it is sent, so its size has no limit. Filters "
                "combine (AND); each takes a comma-separated list. `languages` orders the "
                "languages too (the first is the source); two-language formats need "
                "exactly two.",
    params=(query("for", {"enum": list(exchange.PRESETS)},
                  "The CAT tool the file is for: it picks the format, the language codes, "
                  "the layout and the comments (docs/EXCHANGE.md). Give `for` or `format`."),
            query("format", {"enum": formats.all_names()},
                  "A generic file format (`tbx` is TBX-Basic 2008, `tbx3` TBX v3)."),
            query("languages", _LIST, "Languages to write, in order (BCP 47)."),
            query("statuses", _LIST, "Only terms with these statuses."),
            query("subjects", _LIST, "Only concepts of these subject fields."),
            query("documents", _LIST, "Only concepts with a term found in these documents."),
            query("sources", _LIST, "Only concepts with a term attested in these sources."),
            query("concepts", _LIST, "Only these concepts (ids)."),
            query("layout", {"enum": ["term", "concept"]}, "Tabular formats: a row per "
                                                           "term or per concept."),
            query("codes", {"enum": ["locale", "phrase"]}, "XLSX: how columns name "
                                                           "languages.")),
    responses={200: ("The file, as an attachment.", {"type": "string",
                                                     "format": "binary"})})
@bp.get("/export")
def export() -> Response:
    known_params("for", "format", *FILTERS, "layout", "codes")
    tool, name = request.args.get("for"), request.args.get("format")
    if not tool and not name:
        raise bad_request("format", "required (or for): one of " + ", ".join(
            f.name for f in formats.all_formats()))
    if tool and (name or "layout" in request.args or "codes" in request.args):
        raise bad_request("for", "picks the format, layout and codes itself: leave out "
                                 "format, layout and codes")
    filters = exchange.Filters.from_mapping(request.args)
    try:
        result = (exchange.export_for(db.session(), tool, filters) if tool else
                  exchange.export(db.session(), str(name), filters,
                                  layout=request.args.get("layout"),
                                  codes=request.args.get("codes", "locale")))
    except exchange.ExchangeError as exc:
        raise ApiProblem(400, str(exc)) from None
    name = name or tool
    media = result.content_type.split(";")[0]
    if request.accept_mimetypes and not request.accept_mimetypes.best_match([media]):
        raise ApiProblem(406, f"the {name} format is {media}, which Accept "
                              f"{request.headers.get('Accept')!r} does not allow")
    response = Response(stream_with_context(db.streamed(result)), content_type=result.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response.headers["Cache-Control"] = cache_control()
    return response
