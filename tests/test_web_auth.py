"""Accounts on the web: sign-in, roles, CSRF, session cookie settings, login throttling."""

from __future__ import annotations

import pytest

from tests.test_web_support import PASSWORD, csrf, login, make_users, post

pytest_plugins = ["tests.test_web_support"]


def test_sign_in_and_out(client, users):
    response = login(client, "editor")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Sign out" in page and "editor" in page
    post(client, "/logout")
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, users):
    response = login(client, "editor", "not-the-password")
    assert response.status_code == 401
    assert "Unknown name or wrong password." in response.get_data(as_text=True)
    assert login(client, "nobody", PASSWORD).status_code == 401


def test_sign_in_goes_back_where_the_visitor_was(client, users):
    response = post(client, "/login", {"name": "editor", "password": PASSWORD,
                                       "next": "/review"})
    assert response.headers["Location"] == "/review"


def test_sign_in_never_redirects_off_site(client, users):
    response = post(client, "/login", {"name": "editor", "password": PASSWORD,
                                       "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


HOSTILE_NEXT = ["//evil.example/", "/\t/evil.example/", "/\n/evil.example/", "/\\evil.example/",
                "\\\\evil.example/", "/\r\n/evil.example/", " //evil.example/",
                "https://evil.example/", "javascript:alert(1)"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_judges_next_as_a_browser_reads_it(client, users, target):
    response = post(client, "/login", {"name": "editor", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_language_switch_never_redirects_off_site(client, target):
    response = post(client, "/language", {"lang": "ru", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_a_line_break_in_next_never_reaches_the_location_header(client, users):
    response = post(client, "/login", {"name": "editor", "password": PASSWORD,
                                       "next": "/review\r\nSet-Cookie: planted=1"})
    assert response.status_code == 302
    assert "\n" not in response.headers["Location"] and "planted" not in response.headers.get(
        "Set-Cookie", "")


def test_a_next_path_with_a_query_is_kept(client, users):
    response = post(client, "/login", {"name": "editor", "password": PASSWORD,
                                       "next": "/search?q=%E5%8F%8D%E6%81%90"})
    assert response.headers["Location"] == "/search?q=%E5%8F%8D%E6%81%90"


def test_session_is_renewed_at_sign_in(client, users):
    before = csrf(client)
    login(client, "editor")
    assert csrf(client) != before  # a fixed session cannot be planted


def test_a_form_without_the_csrf_token_is_refused(client, users):
    """(Every form is checked: tests/test_web_routes.py.)"""
    response = client.post("/login", data={"name": "editor", "password": PASSWORD})
    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)


def test_a_wrong_csrf_token_is_refused(client, users):
    csrf(client)
    response = client.post("/login", data={"csrf_token": "forged", "name": "editor",
                                           "password": PASSWORD})
    assert response.status_code == 400


def test_csrf_token_may_come_in_a_header(client):
    token = csrf(client)
    response = client.post("/annotate", data={"text": "上合组织"},
                           headers={"X-CSRF-Token": token})
    assert response.status_code == 200


def test_session_cookie_is_http_only_and_same_site(client, users):
    response = login(client, "editor")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on a workstation


def test_session_cookie_is_secure_over_https(client, users):
    token = csrf(client)
    response = client.post("/login", data={"csrf_token": token, "name": "editor",
                                           "password": PASSWORD},
                           base_url="https://glossary.example")
    assert "Secure" in response.headers["Set-Cookie"]


def test_secure_cookie_can_be_forced(make_app):
    app = make_app(SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/login")
    assert "Secure" in response.headers["Set-Cookie"]


def test_failed_logins_are_throttled(make_app):
    from glossary.cli import initialise

    app = make_app(LOGIN_MAX_FAILURES=3)
    with app.app_context():
        initialise()
    make_users(app)
    client = app.test_client()
    for _ in range(3):
        assert login(client, "editor", "wrong-password").status_code == 401
    response = login(client, "editor")  # even the right password waits now
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many failed attempts" in response.get_data(as_text=True)


def test_editing_pages_send_anonymous_visitors_to_sign_in(client):
    response = client.get("/concepts/rats/edit")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/concepts/rats/edit"


def test_readers_may_not_edit_or_review(client, users):
    login(client, "reader")
    assert client.get("/review").status_code == 403


def test_json_clients_get_401_not_a_redirect(client):
    response = client.get("/review.json")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_reading_needs_an_account_when_public_reading_is_off(make_app):
    from glossary.cli import initialise

    app = make_app(PUBLIC_READ=False)
    with app.app_context():
        initialise()
    make_users(app)
    client = app.test_client()
    assert client.get("/concepts/rats").status_code == 302
    assert client.get("/concepts/rats.json").status_code == 401
    assert client.get("/login").status_code == 200
    login(client, "reader")
    assert client.get("/concepts/rats").status_code == 200


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_user_add_from_the_command_line(runner, app):
    result = runner.invoke(args=["user", "add", "olga", "--role", "editor",
                                 "--password-stdin"], input="a-long-password\n")
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert login(client, "olga", "a-long-password").status_code == 302


def test_user_add_asks_for_the_password_twice(runner):
    result = runner.invoke(args=["user", "add", "ivan"],
                           input="a-long-password\na-long-password\n")
    assert result.exit_code == 0, result.output
    assert "reader" in result.output
    listing = runner.invoke(args=["user", "list"])
    assert "ivan\treader" in listing.output


def test_user_add_refuses_a_short_password_and_a_duplicate(runner):
    short = runner.invoke(args=["user", "add", "ivan", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "password" in short.output
    runner.invoke(args=["user", "add", "ivan", "--password-stdin"], input="long-enough-1\n")
    again = runner.invoke(args=["user", "add", "ivan", "--password-stdin"],
                          input="long-enough-1\n")
    assert again.exit_code == 1 and "already exists" in again.output


def test_user_role_and_password_can_be_changed(runner, app):
    runner.invoke(args=["user", "add", "ivan", "--password-stdin"], input="long-enough-1\n")
    assert runner.invoke(args=["user", "role", "ivan", "admin"]).exit_code == 0
    assert runner.invoke(args=["user", "password", "ivan", "--password-stdin"],
                         input="another-password\n").exit_code == 0
    assert login(app.test_client(), "ivan", "another-password").status_code == 302


def _saved_cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str):
    """A fresh browser that presents a session cookie saved earlier."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def test_a_cookie_saved_before_sign_out_no_longer_opens_the_edit_form(app, client, users):
    login(client, "editor")
    saved = _saved_cookie(client)
    post(client, "/logout")
    replayed = _replay(app, saved)
    response = replayed.get("/concepts/rats/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_signing_out_in_one_browser_ends_the_users_other_sessions(app, users):
    first, second = app.test_client(), app.test_client()
    login(first, "editor")
    login(second, "editor")
    post(first, "/logout")
    assert second.get("/review").status_code == 302


def test_a_password_change_ends_every_session(app, client, users):
    login(client, "editor")
    assert client.get("/review").status_code == 200
    result = app.test_cli_runner().invoke(args=["user", "password", "editor",
                                                "--password-stdin"], input="another-pass-9\n")
    assert result.exit_code == 0, result.output
    assert client.get("/review").status_code == 302


def test_disabling_a_user_ends_their_sessions_and_refuses_sign_in(app, client, users):
    login(client, "editor")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["user", "disable", "editor"]).exit_code == 0
    assert client.get("/review").status_code == 302
    assert login(client, "editor").status_code == 401
    assert runner.invoke(args=["user", "enable", "editor"]).exit_code == 0
    assert login(client, "editor").status_code == 302


def test_a_disabled_users_api_token_is_refused(app, users):
    from glossary import db
    from glossary.services import accounts

    with app.app_context(), db.transaction() as session:
        _, token = accounts.create_token(session, "editor", "write")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/concepts/rats", headers=headers).status_code == 200
    app.test_cli_runner().invoke(args=["user", "disable", "editor"])
    assert client.get("/api/v1/concepts/rats", headers=headers).status_code == 401


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/concepts/no-such-concept",
                                  "/static/style.css", "/static/missing.js",
                                  "/api/v1/concepts/rats", "/api/v1/no-such-thing",
                                  "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed from an open file
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] or \
        "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"]
