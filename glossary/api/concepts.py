"""/concepts: list (cursor-paged), read, create, edit and delete concepts."""

from __future__ import annotations

from flask import Response, url_for

from glossary import db
from glossary.api import bp
from glossary.api.auth import writer
from glossary.api.conditional import (
    concept_etag,
    expected_version,
    read_response,
    write_response,
)
from glossary.api.json_schemas import ref
from glossary.api.parsing import (
    choice_param,
    int_param,
    json_body,
    known_params,
    make_cursor,
    read_cursor,
)
from glossary.api.problems import ApiProblem
from glossary.api.spec import JSON, MERGE_PATCH, operation, query
from glossary.models import KINDS, SUBJECTS
from glossary.services import concepts as concept_service
from glossary.services import editing

MAX_PAGE = 200
_ETAG_HEADER = "The concept's ETag: its version."


@operation(
    summary="List concepts, by id, a page at a time", tag="concepts",
    params=(query("kind", {"enum": list(KINDS)}, "Only concepts of this kind."),
            query("subject", {"enum": list(SUBJECTS)}, "Only concepts of this subject."),
            query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                  "Concepts per page (default PAGE_SIZE, 50)."),
            query("cursor", {"type": "string"}, "next_cursor of the page before.")),
    responses={200: ("A page of concepts in id order.", ref("ConceptList"))}, etag=True)
@bp.get("/concepts")
def list_concepts() -> Response:
    known_params("kind", "subject", "limit", "cursor")
    kind, subject = choice_param("kind", KINDS), choice_param("subject", SUBJECTS)
    limit = int_param("limit", 50, 1, MAX_PAGE)
    after = read_cursor({"kind": kind, "subject": subject})
    if after is not None and not isinstance(after, str):
        raise ApiProblem(400, "cursor: not a cursor of this list")
    session = db.session()
    keys, total = concept_service.page_keys(session, after=after, limit=limit, kind=kind,
                                            subject=subject)
    more = len(keys) > limit
    keys = keys[:limit]
    cursor = make_cursor(keys[-1], {"kind": kind, "subject": subject}) if more else None
    data = {"concepts": concept_service.get_concepts(session, keys), "total": total,
            "limit": limit, "next_cursor": cursor}
    response = read_response(data)
    if cursor:
        next_url = url_for("api.list_concepts", kind=kind, subject=subject, limit=limit,
                           cursor=cursor)
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


@operation(
    summary="Create a concept", tag="concepts", access="write", rate="write",
    description="The body is the concept shape; only its editable fields count (id, kind, "
                "subject, terms, definition, note, relations). Without an id, one is made "
                "from the English (or pinyin) head term. Pinyin, Palladius and traditional "
                "forms are derived.",
    body={JSON: ref("ConceptInput")},
    responses={201: ("The concept as stored; Location names it.", ref("Concept")),
               409: ("A concept with this id exists.", ref("Problem"))},
    links={201: {"GetConcept": {"operationId": "get_concept",
                                "parameters": {"key": "$response.body#/id"}},
                 "UpdateConcept": {"operationId": "update_concept",
                                   "parameters": {"key": "$response.body#/id",
                                                  "header.If-Match": "$response.header.ETag"}},
                 "DeleteConcept": {"operationId": "delete_concept",
                                   "parameters": {"key": "$response.body#/id",
                                                  "header.If-Match": "$response.header.ETag"}},
                 "AddTerm": {"operationId": "add_term",
                             "parameters": {"key": "$response.body#/id"}}}})
@bp.post("/concepts")
def create_concept() -> Response:
    known_params()
    data = json_body()
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        _refuse_existing(data["id"])
    with db.transaction() as session:
        concept = editing.create_concept(session, data, user=writer().name)
    return write_response(concept, status=201, etag=concept_etag(concept),
                          location=url_for("api.get_concept", key=concept["id"]))


def _refuse_existing(key: str) -> None:
    try:
        current = concept_service.get_concept(db.session(), key)
    except concept_service.NotFound:
        return
    raise ApiProblem(409, f"a concept with id {key!r} exists; PATCH it, or choose another "
                          "id", headers={"Location": url_for("api.get_concept", key=key)},
                     current=current)


@operation(summary="Read a concept", tag="concepts", etag=True,
           responses={200: ("The concept.", ref("Concept"))})
@bp.get("/concepts/<key>")
def get_concept(key: str) -> Response:
    known_params()
    concept = concept_service.get_concept(db.session(), key)
    return read_response(concept, etag=concept_etag(concept))


@operation(
    summary="Edit a concept", tag="concepts", access="write", rate="write",
    if_match="required", etag=True,
    description="Only the fields sent change (a JSON merge patch of the editable fields); a "
                "language's term list, when sent, replaces that language's terms.",
    body={JSON: ref("ConceptPatch"), MERGE_PATCH: ref("ConceptPatch")},
    responses={200: ("The concept as stored, with its new version.", ref("Concept"))})
@bp.patch("/concepts/<key>")
def update_concept(key: str) -> Response:
    known_params()
    # The body first: a malformed request is 400/415 whatever its If-Match says.
    data = json_body()
    version = expected_version(required=True, current_version=lambda: _version(key))
    if isinstance(data, dict) and data.get("id") not in (None, key):
        _version(key)  # 404 for a concept that does not exist, before its id is argued
        raise ApiProblem(422, "a concept's id cannot change; create a new concept instead",
                         errors=[{"field": "id", "message": f"must be {key!r} or left out"}])
    with db.transaction() as session:
        concept = editing.update_concept(session, key, data, expected_version=version,
                                         user=writer().name)
    return write_response(concept, etag=concept_etag(concept))


@operation(summary="Delete a concept", tag="concepts", access="write", rate="write",
           if_match="required", responses={204: ("Deleted.", None)})
@bp.delete("/concepts/<key>")
def delete_concept(key: str) -> Response:
    known_params()
    version = expected_version(required=True, current_version=lambda: _version(key))
    with db.transaction() as session:
        editing.delete_concept(session, key, expected_version=version, user=writer().name)
    return write_response(None, status=204)


def _version(key: str) -> int:
    return concept_service.get_concept(db.session(), key)["version"]
