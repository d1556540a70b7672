"""/search: one box, any script (services.search), with target-language equivalents."""

from __future__ import annotations

from typing import Any

from flask import Response, url_for

from glossary import db
from glossary.api import bp
from glossary.api.conditional import read_response
from glossary.api.json_schemas import lang_tag_schema, ref
from glossary.api.parsing import (
    bool_param,
    choice_param,
    int_param,
    known_params,
    lang_tag,
    make_cursor,
    read_cursor,
    text_param,
)
from glossary.api.problems import bad_request
from glossary.api.spec import operation, query
from glossary.models import LANGUAGES, STATUSES, SUBJECTS
from glossary.services import search as search_service

SEARCH_LANGS = ("zh", *LANGUAGES)
#: Hits per page unless `limit` says otherwise: a lookup wants the best few, and each hit
#: carries its whole concept (building one costs about a millisecond).
DEFAULT_LIMIT = 10
_LANG_SCHEMA = lang_tag_schema(SEARCH_LANGS, empty=True)
#: Status order for the equivalents: what a translator should use first.
_STATUS_ORDER = {"preferred": 0, "admitted": 1, "proposed": 2, "deprecated": 3}


@operation(
    summary="Search the termbase", tag="search", etag=True,
    description="Anything typed: Chinese in either script, pinyin with or without tones, "
                "initials (sgsl), Russian in any case form, English, an abbreviation, a "
                "fragment or a typo. One hit per concept, best first, with the term that "
                "matched.",
    params=(
        query("q", {"type": "string", "maxLength": 1000}, "What to look for.", required=True),
        query("lang", _LANG_SCHEMA, "Only terms of this language may match."),
        query("src", _LANG_SCHEMA, "The source language: the same as lang."),
        query("tgt", _LANG_SCHEMA, "The target language: each hit lists the concept's "
                                   "terms in it as `equivalents`, preferred first."),
        query("status", {"enum": list(STATUSES)}, "Only terms with this status may match."),
        query("subject", {"enum": list(SUBJECTS)}, "Only concepts of this subject."),
        query("document", {"type": "string", "maxLength": 200},
              "Only concepts found in, or sourced from, this document or source (its id)."),
        query("prefix", {"type": "boolean"}, "Search as you type: the last word may be "
                                             "incomplete."),
        query("limit", {"type": "integer", "minimum": 1,
                        "maximum": search_service.MAX_LIMIT},
              f"Hits per page (default {DEFAULT_LIMIT})."),
        query("cursor", {"type": "string"}, "next_cursor of the page before."),
    ),
    responses={200: ("The hits, best first.", ref("SearchResult"))})
@bp.get("/search")
def search() -> Response:
    known_params("q", "lang", "src", "tgt", "status", "subject", "document", "prefix",
                 "limit", "cursor")
    q = text_param("q")
    if q is None:
        raise bad_request("q", "required: what to look for")
    args = _search_args()
    tgt = lang_tag(text_param("tgt"), "tgt", SEARCH_LANGS)
    # At least 1: the search service's limit=0 ("count only") can fail on a large termbase.
    limit = int_param("limit", DEFAULT_LIMIT, 1, search_service.MAX_LIMIT)
    offset = read_cursor({"q": q, **args}) or 0
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise bad_request("cursor", "not a cursor of this search")
    result = search_service.search(db.session(), q, limit=limit, offset=offset, **args)
    if tgt:
        for hit in result["hits"]:
            hit["equivalents"] = _equivalents(hit["concept"], tgt)
    end = offset + len(result["hits"])
    more = result["hits"] and end < result["total"] and end <= search_service.MAX_OFFSET
    cursor = make_cursor(end, {"q": q, **args}) if more else None
    result["next_cursor"] = cursor
    response = read_response(result)
    if cursor:
        link = url_for("api.search", q=q, **{k: v for k, v in args.items() if v},
                       tgt=tgt, limit=limit, cursor=cursor)
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response


def _search_args() -> dict[str, Any]:
    lang = lang_tag(text_param("lang"), "lang", SEARCH_LANGS)
    src = lang_tag(text_param("src"), "src", SEARCH_LANGS)
    if lang and src and lang != src:
        raise bad_request("src", f"the source language is lang ({lang}); give one of them")
    return {"lang": lang or src, "status": choice_param("status", STATUSES),
            "subject": choice_param("subject", SUBJECTS),
            "document": text_param("document", max_length=200),
            "prefix": bool_param("prefix")}


def _equivalents(concept: dict[str, Any], tgt: str) -> list[dict[str, Any]]:
    langs = ("zh-Hans", "zh-Hant") if tgt == "zh" else (tgt,)
    terms = [t for lang in langs for t in concept["terms"][lang]]
    return sorted(terms, key=lambda t: _STATUS_ORDER.get(t["status"], 9))
