"""The reading pages: the home page (browse), a concept, suggestions for a new term, and the
health check.

Every view parses the request, calls one service and renders; each page has a JSON twin.
"""

from __future__ import annotations

import re

from flask import abort, render_template, request, url_for

from glossary import db
from glossary.bodies import takes_text
from glossary.errors import wants_json
from glossary.services import annotate as annotate_service
from glossary.services import concepts as concept_service
from glossary.services import search as search_service
from glossary.services import suggestions as suggestion_service
from glossary.services.validation import ValidationError
from glossary.web import bp, downloads
from glossary.web.i18n import translate
from glossary.web.rendering import page_args, render, wants_fragment

SEARCH_PAGE_SIZE = 20


@bp.get("/")
@bp.get("/index.json", endpoint="index_json")
def index():
    """The search box and the termbase, a page at a time, in pinyin order."""
    page, size = page_args()
    data = concept_service.list_concepts(db.session(), offset=(page - 1) * size, limit=size)
    data["page"] = page
    return render("index.html", data, url_for("web.index_json", page=page))


@bp.get("/search")
@bp.get("/search.json", endpoint="search_json")
def search():
    """One box for everything; `fragment=1` (search as you type) answers the results alone."""
    query = request.args.get("q", "").strip()
    page, _size = page_args()
    offset = (page - 1) * SEARCH_PAGE_SIZE
    data = {"query": query, "hits": [], "total": 0, "did_you_mean": None}
    if query:
        try:
            data = search_service.search(
                db.session(), query, limit=SEARCH_PAGE_SIZE, offset=offset,
                prefix=request.args.get("prefix") == "1",
                subject=request.args.get("subject") or None)
        except search_service.InvalidSearch as exc:
            abort(400, description=translate(exc))
    data.update(page=page, offset=offset)
    if wants_fragment():
        # Typed into the box with the results as rows: each row's full card is fetched when
        # it is unfolded (concept_card), so a keystroke's answer is a third of the size.
        return render_template("_results.html", **data,
                               lazy_cards=request.args.get("view") == "compact")
    return render("search.html", data, url_for("web.search_json", q=query or None,
                                               page=page if page > 1 else None))


@bp.route("/annotate", methods=["GET", "POST"])
@bp.post("/annotate.json", endpoint="annotate_json")
@takes_text
def annotate():
    """Paste a text: every known term in it marked, and a glossary of just those terms."""
    data: dict = {"text": "", "lang": None, "marks": [], "concepts": []}
    if not wants_json():
        data["exchange_formats"] = downloads.glossary_formats()
    if request.method == "POST":
        lang = request.form.get("lang") or None
        try:
            data.update(annotate_service.annotate(db.session(), request.form.get("text", ""),
                                                  lang=lang))
        except ValueError as exc:  # too large, or an unknown language
            abort(413 if isinstance(exc, annotate_service.TextTooLarge) else 400,
                  description=translate(exc))
    return render("annotate.html", data, None)


@bp.get("/suggest")
@bp.get("/suggest.json", endpoint="suggest_json")
def suggest():
    """Russian and English renderings for any Chinese term (services.suggestions)."""
    query = request.args.get("term", "").strip()
    data: dict = {"query": query, "term": None, "known": [], "suggestions": {}, "error": None}
    status = 200
    if query:
        try:
            data.update(suggestion_service.for_term(db.session(), query))
        except ValidationError as exc:
            data["error"] = translate(exc.errors[0]["message"])
            status = 400
    return render("suggest.html", data,
                  url_for("web.suggest_json", term=query or None), status)


@bp.get("/concepts/<key>")
@bp.get("/concepts/<key>.json", endpoint="concept_json")
def concept(key: str):
    """Everything about one concept: terms, definitions, relations, contexts, history."""
    session = db.session()
    try:
        data = concept_service.concept_page(session, key)
    except concept_service.NotFound as exc:
        abort(404, description=translate(exc))
    related = [k for keys in data["concept"]["relations"].values() for k in keys]
    data["names"] = head_terms(concept_service.get_concepts(session, related))
    return render("concept.html", data, url_for("web.concept_json", key=key))


@bp.get("/concepts/<key>/card")
def concept_card(key: str):
    """One concept's card alone, as a search hit shows it (`term` and `spans`: the matched
    term and where, to highlight it): what a results row unfolds into."""
    try:
        concept = concept_service.get_concept(db.session(), key)
    except concept_service.NotFound as exc:
        abort(404, description=translate(exc))
    matched = None
    term_id = request.args.get("term", type=int)
    if term_id is not None:
        spans = [[int(a), int(b)] for a, _, b in (
            piece.partition("-") for piece in request.args.get("spans", "").split(",")
            if re.fullmatch(r"\d{1,4}-\d{1,4}", piece))]
        matched = {"step": "exact", "term_id": term_id, "spans": spans}
    return render_template("_concept_card.html", c=concept, matched=matched, heading=2)


def head_terms(concepts: list[dict]) -> dict[str, dict[str, str]]:
    """Each concept's first term per language, to name linked concepts by more than a slug."""
    return {c["id"]: {lang: terms[0]["text"] for lang, terms in c["terms"].items() if terms}
            for c in concepts}


@bp.get("/healthz")
def healthz():
    stats = concept_service.stats(db.session())
    return {"status": "ok", "concepts": stats["concepts"]}
