"""The translator's web lookup: HTML pages with their JSON twins, sign-in, review, editing.

One blueprint, `web`, whose views live in modules named for what they show (pages,
documents, review, editing, auth, i18n). `init_app` wires it with what every page needs:
the interface language, who is asking, CSRF protection and the session cookie settings.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("web", __name__)


def init_app(app: Flask) -> None:
    """Register the blueprint and the per-request hooks of the web pages."""
    # Importing the view modules adds their routes to `bp` (once per process).
    from glossary.web import (  # noqa: F401
        auth,
        documents,
        downloads,
        editing,
        i18n,
        labels,
        pages,
        review,
        text,
    )

    app.jinja_env.add_extension("jinja2.ext.do")
    i18n.init_app(app)
    labels.init_app(app)
    text.init_app(app)
    auth.init_app(app)
    app.register_blueprint(bp)
