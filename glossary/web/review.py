"""The review queue (editors): candidates from imported documents, decided one by one or
in bulk. The decisions themselves are services/review.py."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _

from glossary import db
from glossary.errors import wants_json
from glossary.services import concepts as concept_service
from glossary.services import review as review_service
from glossary.services import suggestions as suggestion_service
from glossary.services.concepts import NotFound
from glossary.services.editing import Conflict, ValidationError
from glossary.web import bp
from glossary.web.auth import identity, require, safe_next
from glossary.web.forms import field_errors, optional_int
from glossary.web.i18n import translate
from glossary.web.rendering import page_args, render

#: What a "Use" link of a suggestion may fill in on the accept form.
_PREFILL = ("ru", "en", "ru_note", "en_note", "status")


def _user() -> str:
    return identity().name  # type: ignore[union-attr]  # require() ran first


def _done(data: dict, location: str):
    """After a decision: JSON for JSON clients, else back to a page."""
    return jsonify(data) if wants_json() else redirect(location)


@bp.get("/review")
@bp.get("/review.json", endpoint="review_json")
@require("write")
def review():
    """Pending candidates, best first, filtered by kind or document."""
    page, size = page_args()
    kind = request.args.get("kind") or None
    document = request.args.get("document") or None
    data = review_service.list_candidates(db.session(), kind=kind, document=document,
                                          offset=(page - 1) * size, limit=size)
    data["page"] = page
    return render("review.html", data, url_for("web.review_json", kind=kind,
                                               document=document, page=page))


def _candidate_page(candidate_id: int, errors=None, status: int = 200, form=None,
                    current=None):
    session = db.session()
    try:
        data: dict[str, Any] = {"candidate": review_service.get_candidate(session, candidate_id)}
    except NotFound as exc:
        abort(404, description=translate(exc))
    if data["candidate"]["concept"]:
        data["suggested"] = concept_service.get_concept(session, data["candidate"]["concept"])
    if data["candidate"]["state"] == "pending":
        data["suggestions"] = suggestion_service.for_candidate(session, candidate_id)
    if current is not None:
        data["current"] = current
    data["errors"] = field_errors(errors or [])
    if not wants_json():  # what the forms need, not part of the data
        sources = review_service.source_keys(session)
        # "Use" on a suggestion (without script) comes back here with the rendering chosen.
        prefill = {k: v for k, v in request.args.items() if k in _PREFILL}
        data.update(form=form or prefill, merge_types=review_service.MERGE_TYPES,
                    sources_choices=[(key, key) for key in sources])
    return render("candidate.html", data,
                  url_for("web.candidate_json", candidate_id=candidate_id), status)


@bp.get("/review/<int:candidate_id>")
@bp.get("/review/<int:candidate_id>.json", endpoint="candidate_json")
@require("write")
def candidate(candidate_id: int):
    return _candidate_page(candidate_id)


@bp.post("/review/<int:candidate_id>/accept")
@require("write")
def accept(candidate_id: int):
    choices: dict[str, Any] = {
        k: request.form.get(k, "") for k in ("kind", "subject", "type", "status", "ru", "en",
                                             "ru_note", "en_note", "source", "definition")}
    choices["palladius"] = request.form.get("palladius") == "on"
    if request.form.get("suggested") == "1":  # the renderings come from the suggestions
        _note_suggestions(candidate_id, choices)
    try:
        with db.transaction() as session:
            concept = review_service.accept(session, candidate_id, choices, user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except ValidationError as exc:
        return _candidate_page(candidate_id, exc.errors, 422, request.form)
    flash(_("Accepted as a new concept."), "success")
    return _done({"concept": concept}, url_for("web.concept", key=concept["id"]))


def _note_suggestions(candidate_id: int, choices: dict[str, Any]) -> None:
    """Accept chosen suggestions as proposed, each rendering noting what it rests on (taken
    from the suggestions as they are now, not from the form, which anyone can write)."""
    choices["status"] = "proposed"
    try:
        found = suggestion_service.for_candidate(db.session(), candidate_id,
                                                 limit=suggestion_service.LIMIT)
    except NotFound:
        return  # accept() says so
    for lang in ("ru", "en"):
        chosen = (choices.get(lang) or "").strip()
        match = next((s for s in found["suggestions"][lang] if s["text"] == chosen), None)
        choices[f"{lang}_note"] = match["note"] if match else ""


@bp.post("/review/<int:candidate_id>/merge")
@require("write")
def merge(candidate_id: int):
    form = request.form
    try:
        with db.transaction() as session:
            concept = review_service.merge(
                session, candidate_id, form.get("concept", "").strip(),
                term_type=form.get("type", "variant"), status=form.get("status", "admitted"),
                expected_version=optional_int(form.get("version")), user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except ValidationError as exc:
        return _candidate_page(candidate_id, exc.errors, 422, form)
    except Conflict as exc:
        return _candidate_page(candidate_id, [{"field": "concept", "message": exc.args[0]}], 409,
                               form, current=exc.current)
    flash(_("Added to the concept."), "success")
    return _done({"concept": concept}, url_for("web.concept", key=concept["id"]))


@bp.post("/review/<int:candidate_id>/reject")
@require("write")
def reject(candidate_id: int):
    try:
        with db.transaction() as session:
            review_service.reject(session, candidate_id, user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except ValidationError as exc:
        abort(409, description=translate(exc))
    flash(_("Rejected."), "success")
    return _done({"rejected": candidate_id},
                 safe_next(request.form.get("next") or url_for("web.review")))


@bp.post("/review/bulk")
@require("write")
def bulk():
    ids = [i for i in (optional_int(v) for v in request.form.getlist("ids")) if i is not None]
    try:
        with db.transaction() as session:
            result = review_service.decide_many(session, ids, request.form.get("action", ""),
                                                user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except ValidationError as exc:
        abort(422, description=translate(exc))
    flash(_("%(count)d candidates decided.", count=result["count"]), "success")
    return _done(result, safe_next(request.form.get("next") or url_for("web.review")))
