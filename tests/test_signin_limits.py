"""Sign-in tries are limited per account and client, atomically, and more slowly per account,
without letting a stranger lock the owner out (glossary/web/signin_limits.py)."""

from __future__ import annotations

import threading
import uuid

import pytest

from glossary import db
from glossary.cli import initialise
from glossary.models import User
from tests.test_web_support import FAST_HASH, PASSWORD, csrf

pytest_plugins = ["tests.test_web_support"]


def signin_app(make_app, **settings):
    app = make_app(**settings)
    with app.app_context():
        initialise()
    return app


def add_user(app, name: str) -> None:
    with app.app_context(), db.transaction() as session:
        session.add(User(name=name, password_hash=FAST_HASH, role="editor"))


def from_address(app, address: str, **headers):
    """A browser at `address` (the connecting address, as the server sees it)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.environ_base.update({f"HTTP_{k.upper().replace('-', '_')}": v
                                for k, v in headers.items()})
    return client


def try_password(client, name: str, password: str = PASSWORD) -> int:
    return client.post("/login", data={"csrf_token": csrf(client), "name": name,
                                       "password": password}).status_code


def test_twenty_guesses_at_once_get_only_the_limit_checked(make_app, monkeypatch):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=5)
    add_user(app, "owner")
    from glossary.services import accounts

    checked, real = [], accounts.authenticate
    barrier = threading.Barrier(20)

    def slow_check(session, name, password):
        checked.append(name)
        return real(session, name, password)

    monkeypatch.setattr(accounts, "authenticate", slow_check)
    statuses: list[int] = []

    def guess(n: int) -> None:
        client = from_address(app, "203.0.113.7")
        token = csrf(client)
        barrier.wait()
        statuses.append(client.post("/login", data={
            "csrf_token": token, "name": "owner", "password": f"guess-{n}"}).status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == 5
    assert sorted(statuses) == [401] * 5 + [429] * 15


def test_a_stranger_failing_under_the_owners_name_does_not_lock_the_owner_out(make_app):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=5)
    add_user(app, "owner")
    stranger = from_address(app, "198.51.100.9")
    for _ in range(5):
        assert try_password(stranger, "owner", "wrong-guess") == 401
    assert try_password(stranger, "owner") == 429  # the stranger waits, even with it right
    assert try_password(from_address(app, "192.0.2.1"), "owner") == 302


def test_many_addresses_hit_the_slower_limit_of_the_account(make_app):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=5, LOGIN_ACCOUNT_MAX_FAILURES=6)
    add_user(app, "owner")
    for n in range(3):
        guesser = from_address(app, f"198.51.100.{n}")
        assert [try_password(guesser, "owner", "wrong") for _ in range(2)] == [401, 401]
    assert try_password(from_address(app, "198.51.100.77"), "owner") == 429


def test_a_browser_that_signed_in_before_passes_the_accounts_limit(make_app):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=5, LOGIN_ACCOUNT_MAX_FAILURES=6)
    add_user(app, "owner")
    owners = from_address(app, "192.0.2.1")
    assert try_password(owners, "owner") == 302  # remembered as the owner's browser
    owners.post("/logout", data={"csrf_token": csrf(owners)})
    for n in range(3):
        guesser = from_address(app, f"198.51.100.{n}")
        assert [try_password(guesser, "owner", "wrong") for _ in range(2)] == [401, 401]
    assert try_password(owners, "owner") == 302


def test_a_forged_forwarded_address_is_ignored_without_a_configured_proxy(make_app):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=3)
    add_user(app, "owner")
    for n in range(3):
        client = from_address(app, "198.51.100.5", **{"X-Forwarded-For": f"10.0.0.{n}"})
        assert try_password(client, "owner", "wrong") == 401
    client = from_address(app, "198.51.100.5", **{"X-Forwarded-For": "10.0.0.99"})
    assert try_password(client, "owner", "wrong") == 429


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(make_app):
    app = signin_app(make_app, LOGIN_MAX_FAILURES=3, PROXY_COUNT=1)
    add_user(app, "owner")
    for _ in range(3):
        client = from_address(app, "127.0.0.1", **{"X-Forwarded-For": "198.51.100.5"})
        assert try_password(client, "owner", "wrong") == 401
    other = from_address(app, "127.0.0.1", **{"X-Forwarded-For": "198.51.100.6"})
    assert try_password(other, "owner") == 302


def _redis_url() -> str:
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {url} ({exc}): the shared counts cannot be tested here")
    return url


def test_with_redis_the_counts_are_shared_by_every_process(make_app):
    url = _redis_url()
    name = f"owner-{uuid.uuid4().hex[:8]}"  # Redis keeps counts across runs: a fresh account
    first = signin_app(make_app, LOGIN_MAX_FAILURES=3, RATELIMIT_STORAGE_URI=url)
    add_user(first, name)
    second = make_app(LOGIN_MAX_FAILURES=3, RATELIMIT_STORAGE_URI=url)
    for _ in range(3):
        assert try_password(from_address(first, "198.51.100.5"), name, "wrong") == 401
    assert try_password(from_address(second, "198.51.100.5"), name) == 429
