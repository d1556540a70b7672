"""Who is asking and what they may do: sign-in, roles, CSRF and login throttling.

- The session cookie is signed, HttpOnly, SameSite=Lax, and Secure whenever the request came
  over HTTPS (or always, with GLOSSARY_SESSION_COOKIE_SECURE=true).
- Every state-changing request to the web pages carries the session's CSRF token (a hidden
  form field or the X-CSRF-Token header), compared in constant time.
- Sign-in tries are limited per account and client, and more slowly per account, without
  letting a stranger lock the owner out (glossary/web/signin_limits.py).
"""

from __future__ import annotations

import functools
import hmac
import secrets

from flask import (
    Flask,
    abort,
    current_app,
    g,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _

from glossary import db
from glossary.errors import wants_json
from glossary.services import accounts
from glossary.services.accounts import Identity
from glossary.web import bp, signin_limits

#: Pages anyone may open even when reading needs an account.
OPEN_ENDPOINTS = {"web.login", "web.set_language", "web.healthz"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        forced = bool(app.config.get("SESSION_COOKIE_SECURE"))
        return forced or (has_request_context() and request.is_secure)


def identity() -> Identity | None:
    """The signed-in user of this request, or None."""
    return g.get("identity")


def csrf_token() -> str:
    """The session's CSRF token, made on first use (templates call it in every form)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


#: What a browser drops from anywhere in a URL before it reads it (WHATWG URL standard).
_URL_IGNORED = str.maketrans("", "", "\t\n\r")


def safe_next(target: str | None) -> str:
    """A path on this site to go back to after a form; anything else goes home.

    Judged as a browser will read it: tabs and line breaks are dropped, a backslash is a
    slash, leading spaces and controls are stripped. So `/\t/evil.example/` (which a browser
    reads as `//evil.example/`) and `/\\evil.example` go home, and no line break ever reaches
    a Location header. The cleaned path is what is returned."""
    if not target:
        return url_for("web.index")
    cleaned = target.translate(_URL_IGNORED).lstrip("".join(map(chr, range(0x21))))
    as_browser = cleaned.replace("\\", "/")
    if (not as_browser.startswith("/") or as_browser.startswith("//")
            or any(ord(c) < 0x20 or c == "\x7f" for c in as_browser)):
        return url_for("web.index")
    return as_browser


def require(right: str):
    """Decorate a view: anonymous visitors go to the login form, the wrong role gets 403."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            who = identity()
            if who is None:
                if wants_json():
                    abort(401, description=_("Sign in first."))
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if not who.can(right):
                abort(403, description=_("Your account may not do this."))
            return view(**kwargs)
        return wrapped
    return decorate


def _load_identity() -> None:
    g.identity = None
    name = session.get("user")
    if name:
        # A session made before the user signed out elsewhere, changed the password or was
        # disabled carries an older version: it is no longer signed in.
        g.identity = accounts.identity_of(db.session(), name, int(session.get("sv", -1)))
        if g.identity is None:
            session.pop("user", None)
            session.pop("sv", None)


def _check_csrf() -> None:
    if request.method in SAFE_METHODS:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description=_("This form has expired or did not come from this site. "
                                 "Reload the page and try again."))


def _check_public_read():
    if current_app.config["PUBLIC_READ"] or identity() is not None:
        return None
    if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None:
        return None
    if wants_json():
        abort(401, description=_("Sign in first."))
    return redirect(url_for("web.login", next=request.full_path.rstrip("?")))


def _security_headers(response):
    # No inline script or style anywhere: the pages work under a strict policy.
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    # Every response, not only the pages: errors, 404s, static files and the API too.
    app.after_request(_security_headers)
    signin_limits.init_app(app)
    app.before_request(_load_identity)
    app.context_processor(lambda: {"current_user": identity()})
    # A global, not a context variable: imported form macros see globals only.
    app.add_template_global(csrf_token, "csrf_token")


# Blueprint hooks are set once, at import: a blueprint cannot change after registration.
bp.before_request(_check_public_read)
bp.before_request(_check_csrf)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; on success the session starts afresh (no fixation)."""
    next_url = request.values.get("next", "")
    if request.method == "GET":
        return render_template("login.html", next=next_url, error=None)
    name = request.form.get("name", "").strip()
    client = request.remote_addr or "unknown"
    wait = signin_limits.limits().admit(name, client, signin_limits.is_known_device(name))
    if wait:
        error = _("Too many failed attempts. Try again in %(minutes)d minutes.",
                  minutes=max(wait // 60, 1))
        response = make_response(render_template("login.html", next=next_url, error=error,
                                                 name=name), 429)
        response.headers["Retry-After"] = str(wait)
        return response
    who = accounts.authenticate(db.session(), name, request.form.get("password", ""))
    if who is None:
        signin_limits.limits().failed(name)
        error = _("Unknown name or wrong password.")
        return render_template("login.html", next=next_url, error=error, name=name), 401
    signin_limits.limits().succeeded(name, client)
    session.clear()
    session["user"] = who.name
    session["sv"] = who.session_version
    session.permanent = True
    response = redirect(safe_next(next_url))
    signin_limits.remember_device(response, who.name)
    return response


@bp.post("/logout")
def logout():
    """Sign out: this session and every other session of the user end (a saved cookie
    cannot be replayed)."""
    who = identity()
    if who is not None:
        with db.transaction() as db_session:
            accounts.end_sessions(db_session, who.name)
    session.clear()
    return redirect(url_for("web.index"))
