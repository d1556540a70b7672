"""Settings: defaults here, overridden by GLOSSARY_* environment variables, then by the
mapping a caller passes to create_app (tests do)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

#: The repository's top level: templates/, static/ and data/ live there, not in the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_path() -> Path:
    """The folder that holds the database, the search index and the secret key."""
    return Path(os.environ.get("GLOSSARY_INSTANCE", "instance")).resolve()


def defaults(instance: Path) -> dict[str, Any]:
    """Default settings for an instance folder. Every key can be set as GLOSSARY_<KEY>."""
    return {
        "DATABASE_URL": f"sqlite:///{instance / 'glossary.sqlite'}",
        "INDEX_DIR": str(instance / "index"),
        "DATA_DIR": str(PROJECT_ROOT / "data"),
        "SECRET_KEY": None,  # read from or written to instance/secret_key when not set
        "PUBLIC_READ": True,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # Form bodies (glossary/bodies.py): small forms, and forms that carry a text (annotate
        # takes 1 MiB of UTF-8, at most 3 MiB once percent-encoded, plus its other fields).
        "FORM_MAX_BYTES": 256 * 1024,
        "FORM_TEXT_MAX_BYTES": 3 * 1024 * 1024 + 64 * 1024,
        "PAGE_SIZE": 50,
        # Web sign-in: the session cookie is HttpOnly and SameSite=Lax, and Secure on HTTPS
        # (set SESSION_COOKIE_SECURE=true to insist); failed logins are throttled.
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        # Sign-in tries (glossary/web/signin_limits.py): per account and client, and per
        # account from browsers it never signed in from; counted in RATELIMIT_STORAGE_URI.
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_ACCOUNT_MAX_FAILURES": 50,
        "LOGIN_FAILURE_WINDOW": 15 * 60,
        # How many reverse proxies stand in front (their X-Forwarded-For/-Proto are trusted);
        # 0: the client is the address that connected.
        "PROXY_COUNT": 0,
        # JSON API (glossary/api): CORS origins ("*", a list, or comma-separated; "" = off),
        # rate limits per token or address (Flask-Limiter syntax), and where the counters live
        # ("memory://" per process, or e.g. "redis://localhost:6379" shared by all workers).
        "API_CORS_ORIGINS": "*",
        "API_READ_LIMIT": "1200 per minute",
        "API_WRITE_LIMIT": "120 per minute",
        "API_TEXT_LIMIT": "60 per minute",
        "RATELIMIT_STORAGE_URI": "memory://",
    }


def secret_key(instance: Path) -> str:
    """A stable secret key per instance folder, made once, so sessions survive restarts."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key, encoding="ascii")
    path.chmod(0o600)
    return key
