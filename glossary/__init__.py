"""Glossary: a Chinese–Russian–English terminology service for SCO documents.

`create_app` is the only way to get an application; nothing runs at import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary import config

if TYPE_CHECKING:  # imported in create_app: `glossary --help` needs no Flask
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None, *, serving: bool = True) -> Flask:
    """Build the Flask application.

    Settings come from `config.defaults`, then `GLOSSARY_*` environment variables, then
    `test_config` (tests pass a mapping; it wins over the environment).

    With `serving` false the app answers no requests: it has the database, the search index,
    the write guard and the jobs, but not the web pages, the API or their request hooks, nor
    what they import (the extractor, Babel, the rate limiter). The commands other than
    `glossary serve` use such an app, so that they start fast.
    """
    from flask import Flask

    instance = Path((test_config or {}).get("INSTANCE_PATH") or config.instance_path())
    app = Flask(
        __name__,
        instance_path=str(instance),
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(config.defaults(instance))
    app.config.from_prefixed_env("GLOSSARY")
    if test_config:
        app.config.from_mapping(test_config)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.secret_key(instance)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies > 0:  # only when configured: otherwise X-Forwarded-For is anyone's to forge
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore
    # Chinese and Russian must stay readable in every JSON answer.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from glossary import cli, db, search, worker, writeguard

    db.init_app(app)
    search.init_app(app)
    writeguard.init_app(app)
    worker.init_app(app)
    if serving:
        from glossary import api, bodies, errors, web

        errors.init_app(app)
        bodies.init_app(app)  # after errors: its hook must run before the NUL check reads a form
        web.init_app(app)
        api.init_app(app)
    cli.init_app(app)
    return app
