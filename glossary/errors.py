"""One error shape for every surface: RFC 9457 problem details as JSON, or an HTML page.

No traceback ever reaches a user: unexpected errors are logged and answered with a plain 500.
"""

from __future__ import annotations

from typing import Any, cast

from flask import Flask, Response, abort, current_app, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from glossary.messages import message


def wants_json() -> bool:
    """JSON for the API, for `.json` URLs, and for clients that prefer it over HTML."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(
        ["text/html", "application/json", "application/problem+json"])
    return best in ("application/json", "application/problem+json")


def problem(status: int, detail: str, *, title: str | None = None,
            **extra: Any) -> Response:
    """An error response in the shape the client asked for."""
    from werkzeug.http import HTTP_STATUS_CODES

    title = title or HTTP_STATUS_CODES.get(status, "Error")
    if wants_json():
        body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
                **extra}
        response = cast(Response, current_app.json.response(body))
        response.mimetype = "application/problem+json"
    else:
        html = render_template("error.html", status=status, title=title, detail=detail)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def _http_error(exc: HTTPException) -> Response:
    response = problem(exc.code or 500, exc.description or exc.name, title=exc.name)
    allowed = getattr(exc, "valid_methods", None)  # MethodNotAllowed (405) has them
    if exc.code == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return _http_error(InternalServerError(
        message("Something went wrong on our side; the error has been logged.")))


def _database_away(exc: Exception) -> Response:
    # The database restarting or unreachable: the service recovers by itself (connections are
    # checked before use), so the client is told to come back, not that we broke.
    current_app.logger.warning("database unavailable on %s %s: %s", request.method,
                               request.path, exc)
    response = problem(503, message("The termbase's database cannot be reached just now; "
                                    "nothing was changed. Try again in a moment."),
                       title="Service Unavailable")
    response.headers["Retry-After"] = "5"
    return response


def _index_unwritable(exc: Exception) -> Response:
    current_app.logger.error("write refused: %s", exc)
    response = problem(503, f"{str(exc)[:1].upper()}{str(exc)[1:]}. Tell the administrator; "
                            "try again when it is fixed.", title="Service Unavailable")
    response.headers["Retry-After"] = "60"
    return response


def init_app(app: Flask) -> None:
    from glossary.writeguard import IndexUnwritable

    app.before_request(_refuse_nul)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(IndexUnwritable, _index_unwritable)
    app.register_error_handler(OperationalError, _database_away)
    app.register_error_handler(InterfaceError, _database_away)
    app.register_error_handler(Exception, _unexpected)


#: Parameters and form fields that are searched or annotated, never looked up as keys.
FREE = frozenset({"q", "text"})


def _refuse_nul() -> None:
    """Refuse U+0000 in the address, a parameter or a form field that names something. No
    text in the database can hold it (PostgreSQL refuses even to compare one), so a key or
    a filter with a NUL would otherwise fail deep inside a query instead of being answered.
    What a person types to be searched or annotated (`q`, `text`) stays free: it is data."""
    values = [request.path, *(v for k, vs in request.args.lists() for v in vs if k not in FREE)]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [v for k, vs in request.form.lists() for v in vs if k not in FREE]
    if any("\x00" in value for value in values):
        abort(400, description=message("NUL characters (U+0000) are not allowed in "
                                       "addresses, queries or forms."))

