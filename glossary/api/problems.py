"""Every API error as RFC 9457 problem+json, with a `detail` that says exactly what is wrong.

Views raise `ApiProblem` (or let a service raise its own error); the handlers here turn each
into a problem document. Validation errors carry `errors: [{field, message}]`; a stale edit
(412) carries `current`, the concept as it is now, so a client can merge and retry.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from glossary import db
from glossary.api import bp
from glossary.errors import problem
from glossary.services import editing
from glossary.services.annotate import TextTooLarge
from glossary.services.concepts import NotFound, get_concept
from glossary.services.extraction import ExtractionError
from glossary.services.search import InvalidSearch


class ApiProblem(Exception):
    """An error answer: status, detail, and optional headers and extension members."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None,
                 **extra: Any):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def bad_request(field: str, message: str) -> ApiProblem:
    """A 400 naming the query parameter or header at fault."""
    return ApiProblem(400, f"{field}: {message}", errors=[{"field": field, "message": message}])


def _answer(status: int, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> Response:
    response = problem(status, detail, **extra)
    response.headers.update(headers or {})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(ApiProblem)
def _api_problem(exc: ApiProblem) -> Response:
    return _answer(exc.status, exc.detail, exc.headers, **exc.extra)


@bp.errorhandler(editing.ValidationError)
def _invalid(exc: editing.ValidationError) -> Response:
    return _answer(422, f"the {_what()} breaks the termbase's rules: {exc}", errors=exc.errors)


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound) -> Response:
    return _answer(404, str(exc))


@bp.errorhandler(editing.Conflict)
def _stale(exc: editing.Conflict) -> Response:
    etag = f'"{exc.current["version"]}"'
    return _answer(412, f"{exc}; fetch the concept again (its ETag is {etag}) and re-apply "
                        "the edit", {"ETag": etag}, current=exc.current)


@bp.errorhandler(StaleDataError)
def _raced(_exc: StaleDataError) -> Response:
    detail = ("the concept was changed by another edit while this one was being saved; "
              "fetch it again and re-apply the edit")
    key = (request.view_args or {}).get("key")
    try:  # the edit's transaction has ended: this reads the concept as it is now
        current = get_concept(db.session(), key) if isinstance(key, str) else None
    except NotFound:
        current = None
    if current is None:
        return _answer(412, detail)
    return _answer(412, detail, {"ETag": f'"{current["version"]}"'}, current=current)


@bp.errorhandler(IntegrityError)
def _integrity(_exc: IntegrityError) -> Response:
    return _answer(409, "another write changed the same data at the same time; nothing was "
                        "saved: fetch the concept again and retry")


@bp.errorhandler(OperationalError)
def _unavailable(_exc: OperationalError) -> Response:
    from flask import current_app

    current_app.logger.exception("database error on %s %s", request.method, request.path)
    return _answer(503, "the database could not answer (busy, or not set up); nothing was "
                        "saved: retry in a moment", {"Retry-After": "5"})


@bp.errorhandler(InvalidSearch)
def _bad_search(exc: InvalidSearch) -> Response:
    message = str(exc).split(": ", 1)[-1]
    return _answer(400, str(exc), errors=[{"field": exc.field, "message": message}])


@bp.errorhandler(TextTooLarge)
def _text_too_large(exc: TextTooLarge) -> Response:
    return _answer(413, str(exc))


@bp.errorhandler(ExtractionError)
def _not_extractable(exc: ExtractionError) -> Response:
    return _answer(422, str(exc), errors=[{"field": "text", "message": str(exc)}])


@bp.errorhandler(RequestEntityTooLarge)
def _body_too_large(_exc: RequestEntityTooLarge) -> Response:
    from flask import current_app

    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return _answer(413, f"the request body is larger than the {limit} bytes accepted")


@bp.errorhandler(HTTPException)
def _http(exc: HTTPException) -> Response:
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    if exc.code == 429:
        return _answer(429, f"too many requests: at most {exc.description} from one "
                            f"{'token' if request.authorization else 'address'}; wait for "
                            "the time in Retry-After", headers)
    return _answer(exc.code or 500, exc.description or exc.name, headers)


def _what() -> str:
    return "term" if request.endpoint and "term" in request.endpoint else "concept"
