"""Editing concepts and terms (editors). Every write goes through services/editing.py:
validation errors come back beside the fields (422), and a stale edit is refused with the
current version shown next to the visitor's own values (409), never silently overwritten."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from glossary import db
from glossary.bodies import takes_text
from glossary.models import LANGUAGES
from glossary.services import concepts as concept_service
from glossary.services import editing as editing_service
from glossary.services import review as review_service
from glossary.services.concepts import NotFound
from glossary.services.editing import Conflict, ValidationError
from glossary.web import bp, forms
from glossary.web.auth import identity, require
from glossary.web.i18n import translate
from glossary.web.rendering import render


def _user() -> str:
    return identity().name  # type: ignore[union-attr]  # require() ran first


def _form_page(template: str, data: dict, status: int = 200):
    data.setdefault("errors", {})
    data.setdefault("form", None)
    data.setdefault("current", None)
    data["sources"] = review_service.source_keys(db.session())
    return render(template, data, None, status)


def _concept(key: str) -> dict:
    try:
        return concept_service.get_concept(db.session(), key)
    except NotFound as exc:
        abort(404, description=translate(exc))


@bp.route("/concepts/new", methods=["GET", "POST"])
@require("write")
@takes_text
def new_concept():
    if request.method == "GET":
        return _form_page("concept_new.html", {})
    try:
        with db.transaction() as session:
            concept = editing_service.create_concept(session, forms.new_concept(request.form),
                                                     user=_user())
    except ValidationError as exc:
        return _form_page("concept_new.html", {"errors": forms.field_errors(exc.errors),
                                               "form": request.form}, 422)
    flash(_("Concept created."), "success")
    return redirect(url_for("web.concept", key=concept["id"]))


@bp.route("/concepts/<key>/edit", methods=["GET", "POST"])
@require("write")
@takes_text
def edit_concept(key: str):
    """The concept's fields, its terms (each with its own form) and a form to add a term."""
    if request.method == "GET":
        return _form_page("concept_edit.html", {"concept": _concept(key),
                                                "languages": LANGUAGES})
    version = forms.optional_int(request.form.get("version"))
    try:
        with db.transaction() as session:
            editing_service.update_concept(session, key, forms.concept_patch(request.form),
                                           expected_version=version, user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except ValidationError as exc:
        return _form_page("concept_edit.html", {
            "concept": _concept(key), "languages": LANGUAGES, "form": request.form,
            "errors": forms.field_errors(exc.errors)}, 422)
    except Conflict as exc:
        return _form_page("concept_edit.html", {
            "concept": exc.current, "languages": LANGUAGES, "form": request.form,
            "current": exc.current}, 409)
    flash(_("Changes saved."), "success")
    return redirect(url_for("web.concept", key=key))


@bp.post("/concepts/<key>/terms")
@require("write")
@takes_text
def add_term(key: str):
    lang = request.form.get("lang", "")
    version = forms.optional_int(request.form.get("version"))
    try:
        with db.transaction() as session:
            editing_service.add_term(session, key, forms.term_fields(request.form), lang=lang,
                                     expected_version=version, user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except (ValidationError, Conflict) as exc:
        conflict = isinstance(exc, Conflict)
        errors = {} if conflict else forms.field_errors(exc.errors)  # type: ignore[union-attr]
        concept = exc.current if conflict else _concept(key)  # type: ignore[union-attr]
        return _form_page("concept_edit.html", {
            "concept": concept, "languages": LANGUAGES, "term_form": request.form,
            "term_errors": errors, "current": concept if conflict else None},
            409 if conflict else 422)
    flash(_("Term added."), "success")
    return redirect(url_for("web.edit_concept", key=key))


def _term_context(key: str, term_id: int) -> tuple[dict, dict, str]:
    """The term (as in the concept shape), its concept and its language; 404 if not there."""
    concept = _concept(key)
    for lang, terms in concept["terms"].items():
        for term in terms:
            if term["id"] == term_id:
                return term, concept, lang
    abort(404, description=_("Concept %(id)s has no term %(term)d.", id=key, term=term_id))


@bp.route("/concepts/<key>/terms/<int:term_id>/edit", methods=["GET", "POST"])
@require("write")
@takes_text
def edit_term(key: str, term_id: int):
    term, concept, lang = _term_context(key, term_id)
    data = {"term": term, "concept": concept, "lang": lang}
    if request.method == "GET":
        return _form_page("term_edit.html", data)
    version = forms.optional_int(request.form.get("version"))
    try:
        with db.transaction() as session:
            editing_service.update_term(session, term_id, forms.term_fields(request.form),
                                        expected_version=version, user=_user())
    except ValidationError as exc:
        return _form_page("term_edit.html", {**data, "form": request.form,
                                             "errors": forms.field_errors(exc.errors)}, 422)
    except Conflict as exc:
        return _form_page("term_edit.html", {**data, "concept": exc.current,
                                             "form": request.form, "current": exc.current},
                          409)
    flash(_("Term saved."), "success")
    return redirect(url_for("web.edit_concept", key=concept["id"]))


@bp.post("/concepts/<key>/terms/<int:term_id>/delete")
@require("write")
def delete_term(key: str, term_id: int):
    _term, concept, _lang = _term_context(key, term_id)
    version = forms.optional_int(request.form.get("version"))
    try:
        with db.transaction() as session:
            editing_service.delete_term(session, term_id, expected_version=version,
                                        user=_user())
    except (ValidationError, Conflict) as exc:
        abort(409, description=translate(exc))
    flash(_("Term deleted."), "success")
    return redirect(url_for("web.edit_concept", key=concept["id"]))


@bp.post("/concepts/<key>/delete")
@require("write")
def delete_concept(key: str):
    version = forms.optional_int(request.form.get("version"))
    try:
        with db.transaction() as session:
            editing_service.delete_concept(session, key, expected_version=version,
                                           user=_user())
    except NotFound as exc:
        abort(404, description=translate(exc))
    except Conflict as exc:
        abort(409, description=translate(exc))
    flash(_("Concept deleted."), "success")
    return redirect(url_for("web.index"))
