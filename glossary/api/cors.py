"""Cross-origin access to /api (CORS), for browser-based CAT plug-ins and tools.

API_CORS_ORIGINS is "*" (any origin: the API authenticates with bearer tokens, never with
cookies, so letting any page call it grants nothing that a script elsewhere could not do),
a list of origins, or a comma-separated string of them; empty turns CORS off.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match"
EXPOSED_HEADERS = ("ETag, Location, Link, Retry-After, WWW-Authenticate, X-RateLimit-Limit, "
                   "X-RateLimit-Remaining, X-RateLimit-Reset")
MAX_AGE = "600"


def allowed_origin(origin: str) -> str | None:
    """The Access-Control-Allow-Origin value for `origin`, or None when it is not allowed."""
    setting = current_app.config["API_CORS_ORIGINS"]
    origins = setting.split(",") if isinstance(setting, str) else list(setting or ())
    origins = [o.strip().rstrip("/") for o in origins if o.strip()]
    if "*" in origins:
        return "*"
    return origin if origin.rstrip("/") in origins else None


def _add_cors_headers(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    allowed = allowed_origin(origin) if origin else None
    if allowed is None:
        return response
    response.headers["Access-Control-Allow-Origin"] = allowed
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        # A preflight: say which methods and headers the real request may use.
        response.headers["Access-Control-Allow-Methods"] = response.headers.get(
            "Allow", "GET, HEAD, POST, PATCH, DELETE, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = MAX_AGE
    return response


def init_app(app: Flask) -> None:
    # On the app, not the blueprint: 404s and 405s under /api need the headers too, or a
    # browser hides the problem document from the page that asked.
    app.after_request(_add_cors_headers)
