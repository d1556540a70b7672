"""The JSON term API at /api/v1, for CAT plug-ins, QA scripts and translation pipelines.

One blueprint, `bp`, whose views live in modules named for what they serve (concepts, terms,
search, texts, documents, meta). Each view is declared with `spec.operation(...)`, which is
also what the OpenAPI document, content negotiation, authorisation and rate limits read, so
the document cannot leave out a route or a response.

The layers a request goes through, in order: the rate limit (limits.py), content
negotiation (406) and authorisation (auth.py) in `hooks.py`, then the view, which parses the
request (parsing.py), calls a service and shapes the answer with conditional-request
handling (conditional.py). Every error is RFC 9457 problem+json (problems.py).
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")


def init_app(app: Flask) -> None:
    """Register the API on `app`: routes, hooks, rate limits, CORS."""
    # Importing the view modules adds their routes and hooks to `bp` (once per process).
    from glossary.api import (  # noqa: F401
        bitexts,
        candidates,
        concepts,
        cors,
        documents,
        export,
        hooks,
        jobs,
        limits,
        meta,
        problems,
        search,
        terms,
        texts,
    )

    limits.init_app(app)
    cors.init_app(app)
    app.register_blueprint(bp)
