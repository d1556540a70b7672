"""What every API request goes through before its view: content negotiation and access."""

from __future__ import annotations

from flask import Response, request

from glossary.api import bp
from glossary.api.auth import check_access
from glossary.api.problems import ApiProblem
from glossary.api.spec import current


@bp.before_request
def _negotiate_and_authorise() -> None:
    op = current()
    if op is None or request.method == "OPTIONS":  # CORS preflight: see cors.py
        return
    if request.accept_mimetypes and request.accept_mimetypes.best_match(op.produces) is None:
        raise ApiProblem(406, f"Accept {request.headers.get('Accept')!r} allows none of what "
                              f"this operation answers with: {', '.join(op.produces)}")
    check_access(op.access)


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
