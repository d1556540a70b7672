"""Rate limits (Flask-Limiter): per token when a valid one is sent, else per address.

Three budgets, each shared by every operation of its class (`Operation.rate`): reads,
writes, and the expensive text operations (annotate, extract). The counters live in memory
by default (one set per process; with several gunicorn workers each keeps its own), or in
Redis or Memcached when RATELIMIT_STORAGE_URI names one, so that all workers share them.
Behind a reverse proxy, wrap the app in werkzeug's ProxyFix so the address is the client's.
"""

from __future__ import annotations

import functools
import hashlib

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter

from glossary.api import bp
from glossary.api.auth import token_identity
from glossary.api.problems import ApiProblem
from glossary.api.spec import current

#: Operation class → the setting that holds its limit.
SETTINGS = {"read": "API_READ_LIMIT", "write": "API_WRITE_LIMIT", "text": "API_TEXT_LIMIT"}


def _client_key() -> str:
    # Only a valid token earns its own budget (made-up tokens count against the address),
    # and the key is its digest, never the token (the counters may live in Redis).
    try:
        identity = token_identity()
    except ApiProblem:
        identity = None
    if identity is not None:
        token = request.headers["Authorization"].partition(" ")[2].strip()
        return "token:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:24]
    return f"addr:{request.remote_addr or 'unknown'}"


def _not_counted_as(rate: str):
    def exempt() -> bool:
        op = current()
        return request.method == "OPTIONS" or (op.rate if op else "read") != rate
    return exempt


def _retry_after_only_when_refused(response: Response) -> Response:
    # Flask-Limiter adds Retry-After to every answer; it means something only on a 429 (and
    # a 503, which sets its own).
    if response.status_code not in (429, 503) and request.path.startswith("/api/"):
        response.headers.pop("Retry-After", None)
    return response


def _configured(setting: str) -> str:
    """The rate of a setting, read at each request (tests and operators may change it)."""
    return str(current_app.config[setting])


def init_app(app: Flask) -> None:
    """A limiter for this app, with one shared budget per operation class on the API."""
    limiter = Limiter(key_func=_client_key, strategy="moving-window",
                      storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      headers_enabled=True)
    # Registered first so that it runs after the limiter has added its headers.
    app.after_request(_retry_after_only_when_refused)
    limiter.init_app(app)
    for rate, setting in SETTINGS.items():
        limiter.shared_limit(functools.partial(_configured, setting),
                             scope=f"api-{rate}", exempt_when=_not_counted_as(rate))(bp)
    app.extensions["glossary.api_limiter"] = limiter
