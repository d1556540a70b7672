"""Who is calling: bearer tokens (services.accounts), checked once per request.

Reads are public unless PUBLIC_READ is false; then a token (any scope) or a signed-in web
session is needed. Writes need a token of scope "write" whose user may write (editor,
admin); a browser session never writes through the API, so the API needs no CSRF defence.
A token that is sent must be valid, even on a public read: a client with a revoked token
should hear about it at once, not at its first write.
"""

from __future__ import annotations

from flask import current_app, g, request

from glossary import db
from glossary.api.problems import ApiProblem
from glossary.services import accounts

_REALM = 'Bearer realm="glossary"'
_KEY = "glossary.api_identity"


def _unauthorized(detail: str, error: str | None = None) -> ApiProblem:
    challenge = _REALM + (f', error="{error}"' if error else "")
    return ApiProblem(401, detail, headers={"WWW-Authenticate": challenge})


def token_identity() -> accounts.Identity | None:
    """The identity behind the request's bearer token; None when no Authorization is sent.

    :raises ApiProblem: 401 for another scheme, or a token that is unknown or revoked.
    """
    # Kept in the request's environ, not in g: an app context (and its g) may outlive a
    # request, as in a test that holds one open around several requests.
    if _KEY in request.environ:
        return request.environ[_KEY]
    header = request.headers.get("Authorization")
    identity = None
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("the Authorization header must be 'Bearer <token>'",
                                "invalid_request")
        identity = accounts.verify_token(db.session(), token.strip())
        if identity is None:
            raise _unauthorized("the bearer token is unknown or revoked", "invalid_token")
    request.environ[_KEY] = identity
    return identity


def check_access(access: str) -> accounts.Identity | None:
    """Allow the request for `access` ("public", "read" or "write"), or raise 401/403."""
    identity = token_identity()
    if access == "public":  # what the API is: readable even when the termbase is not
        return identity
    if access == "write":
        if identity is None:
            raise _unauthorized("writing needs 'Authorization: Bearer <token>' with a token "
                                "of scope write")
        if not identity.can("write"):
            why = ("the token's scope is read" if identity.scope == "read" else
                   f"user {identity.name!r} has the role {identity.role!r}, which may not "
                   "edit")
            raise ApiProblem(403, f"this token may not write: {why}", headers={
                "WWW-Authenticate": _REALM + ', error="insufficient_scope", scope="write"'})
        return identity
    if identity is None:
        identity = g.get("identity")  # a signed-in web session (web.auth)
        if identity is None and not current_app.config["PUBLIC_READ"]:
            raise _unauthorized("this termbase is not public: send 'Authorization: Bearer "
                                "<token>'")
    if identity is not None and not identity.can("read"):
        raise ApiProblem(403, f"user {identity.name!r} may not read")
    return identity


def writer() -> accounts.Identity:
    """The identity a write view acts for (the hook has checked it may write)."""
    identity = request.environ.get(_KEY)
    if identity is None:  # only if a view were declared without access="write"
        raise _unauthorized("writing needs 'Authorization: Bearer <token>'")
    return identity
