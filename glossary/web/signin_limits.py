"""How often a password may be tried: per account and client, and more slowly per account.

- **Per account and client** (LOGIN_MAX_FAILURES in LOGIN_FAILURE_WINDOW seconds): each try is
  counted *before* the password is checked, atomically, so twenty guesses sent at once get
  exactly the limit checked and the rest 429. A correct password clears this count.
- **Per account, from browsers it has never signed in from** (LOGIN_ACCOUNT_MAX_FAILURES in
  the same window): failures from every address together. It slows a guesser who spreads over
  many addresses, but cannot lock the owner out: a browser that signed in before carries a
  signed device cookie and is held only by its own per-client count. A stranger failing five
  times under the owner's name locks out only the stranger.

The counts live in the storage of RATELIMIT_STORAGE_URI (the `limits` library behind
Flask-Limiter, which the API's rate limits use too): `memory://` keeps them per process;
`redis://host:6379` shares them between every worker and host, atomically. The client is
`request.remote_addr`, which is the proxy's address unless GLOSSARY_PROXY_COUNT says how many
trusted proxies stand in front (then werkzeug's ProxyFix takes it from X-Forwarded-For).
"""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

DEVICE_COOKIE = "glossary_device"
DEVICE_MAX_AGE = 365 * 24 * 3600


class SigninLimits:
    """The sign-in counts of one application."""

    def __init__(self, storage_uri: str, per_client: int, per_account: int, window: int):
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._per_client = RateLimitItemPerSecond(per_client, window)
        self._per_account = RateLimitItemPerSecond(per_account, window)

    def admit(self, name: str, client: str, known_device: bool) -> int:
        """Count one try of `name` from `client`; 0 if it may go ahead, else the seconds to
        wait (nothing is counted then)."""
        account = name.casefold()
        if not known_device and not self._limiter.test(self._per_account, "account", account):
            return self._wait(self._per_account, "account", account)
        if not self._limiter.hit(self._per_client, "client", account, client):
            return self._wait(self._per_client, "client", account, client)
        return 0

    def failed(self, name: str) -> None:
        self._limiter.hit(self._per_account, "account", name.casefold())

    def succeeded(self, name: str, client: str) -> None:
        self._limiter.clear(self._per_client, "client", name.casefold(), client)

    def _wait(self, item, *identifiers: str) -> int:
        reset_at, _ = self._limiter.get_window_stats(item, *identifiers)
        return max(int(reset_at - time.time()) + 1, 1)


def limits() -> SigninLimits:
    return current_app.extensions["glossary.signin_limits"]


def _devices() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt="glossary.signin-device")


def is_known_device(name: str) -> bool:
    """Whether this browser has signed in as `name` before (its device cookie says so)."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return False
    try:
        names = _devices().loads(cookie, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return isinstance(names, list) and name.casefold() in names


def remember_device(response: Response, name: str) -> None:
    """Mark this browser as one `name` signs in from (up to five names per browser)."""
    names: list[str] = []
    cookie = request.cookies.get(DEVICE_COOKIE)
    if cookie:
        try:
            loaded = _devices().loads(cookie, max_age=DEVICE_MAX_AGE)
            names = [n for n in loaded if isinstance(n, str)] if isinstance(loaded, list) else []
        except BadSignature:
            names = []
    names = [name.casefold(), *(n for n in names if n != name.casefold())][:5]
    response.set_cookie(DEVICE_COOKIE, _devices().dumps(names), max_age=DEVICE_MAX_AGE,
                        httponly=True, samesite="Lax", secure=request.is_secure)


def init_app(app: Flask) -> None:
    app.extensions["glossary.signin_limits"] = SigninLimits(
        app.config["RATELIMIT_STORAGE_URI"], int(app.config["LOGIN_MAX_FAILURES"]),
        int(app.config["LOGIN_ACCOUNT_MAX_FAILURES"]), int(app.config["LOGIN_FAILURE_WINDOW"]))
