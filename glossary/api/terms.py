"""Terms: add one to a concept, edit or delete one. A term has no version of its own: the
ETag and If-Match of a term edit are its concept's, and every answer is the concept."""

from __future__ import annotations

from flask import Response, url_for

from glossary import db
from glossary.api import bp
from glossary.api.auth import writer
from glossary.api.conditional import concept_etag, expected_version, write_response
from glossary.api.json_schemas import ref
from glossary.api.parsing import json_body, known_params, normalise_lang
from glossary.api.problems import ApiProblem
from glossary.api.spec import JSON, MAX_ID, MERGE_PATCH, operation
from glossary.models import LANGUAGES
from glossary.services import editing
from glossary.services.concepts import NotFound

_TERM_ID = "<int:term_id>"


def _known_id(term_id: int) -> int:
    # Ids beyond the column's range cannot exist (and would overflow the database driver).
    if term_id > MAX_ID:
        raise NotFound(f"no term with id {term_id}")
    return term_id


@operation(
    summary="Add a term to a concept", tag="terms", access="write", rate="write",
    if_match="optional",
    description="The body is a term with its language (`lang`, BCP 47). If-Match is "
                "optional here: adding a term cannot overwrite anyone's edit.",
    body={JSON: ref("NewTerm")},
    responses={201: ("The concept with its new term.", ref("Concept"))}, etag=True)
@bp.post("/concepts/<key>/terms")
def add_term(key: str) -> Response:
    known_params()
    data = json_body()  # before If-Match: a malformed request is 400/415 whatever it says
    version = expected_version(required=False)
    if not isinstance(data, dict):
        raise editing.ValidationError([{"field": "", "message": "must be a JSON object"}])
    data = dict(data)
    lang = _lang(data.pop("lang", None))
    with db.transaction() as session:
        concept = editing.add_term(session, key, data, lang=lang, expected_version=version,
                                   user=writer().name)
    return write_response(concept, status=201, etag=concept_etag(concept),
                          location=url_for("api.get_concept", key=key))


def _lang(value) -> str:
    tag = normalise_lang(value)
    if tag not in LANGUAGES:
        raise ApiProblem(422, f"lang: {value!r} is not a term language; use one of "
                              f"{', '.join(LANGUAGES)}",
                         errors=[{"field": "lang", "message": "one of " + ", ".join(
                             LANGUAGES)}])
    return tag


@operation(
    summary="Edit a term", tag="terms", access="write", rate="write", if_match="required",
    etag=True, description="Only the fields sent change. If-Match is the ETag of the "
                           "term's concept.",
    body={JSON: ref("TermPatch"), MERGE_PATCH: ref("TermPatch")},
    responses={200: ("The term's concept as stored.", ref("Concept"))})
@bp.patch(f"/terms/{_TERM_ID}")
def update_term(term_id: int) -> Response:
    known_params()
    term_id = _known_id(term_id)
    data = json_body()  # before If-Match: a malformed request is 400/415 whatever it says
    version = expected_version(required=True)
    with db.transaction() as session:
        concept = editing.update_term(session, term_id, data, expected_version=version,
                                      user=writer().name)
    return write_response(concept, etag=concept_etag(concept))


@operation(
    summary="Delete a term", tag="terms", access="write", rate="write", if_match="required",
    etag=True, description="A concept keeps at least one term: delete the concept instead.",
    responses={200: ("The term's concept without it.", ref("Concept")),
               422: ("The term is its concept's last: delete the concept instead.",
                     ref("Problem"))})
@bp.delete(f"/terms/{_TERM_ID}")
def delete_term(term_id: int) -> Response:
    known_params()
    term_id = _known_id(term_id)
    version = expected_version(required=True)
    with db.transaction() as session:
        concept = editing.delete_term(session, term_id, expected_version=version,
                                      user=writer().name)
    return write_response(concept, etag=concept_etag(concept))
