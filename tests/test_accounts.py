"""Users and API tokens."""

import pytest

from glossary.models import Token
from glossary.services import accounts
from glossary.services.concepts import NotFound
from glossary.services.editing import ValidationError


def test_a_user_signs_in_with_the_right_password_only(session):
    accounts.create_user(session, "anna", "correct horse", role="editor")
    assert accounts.authenticate(session, "anna", "correct horse").role == "editor"
    assert accounts.authenticate(session, "anna", "wrong horse") is None
    assert accounts.authenticate(session, "nobody", "correct horse") is None


def test_passwords_are_not_stored_in_clear(session):
    user = accounts.create_user(session, "anna", "correct horse")
    assert "correct horse" not in user.password_hash


@pytest.mark.parametrize("name, password, role", [
    ("", "long enough", "reader"), ("anna", "short", "reader"), ("anna", "long enough", "god"),
])
def test_bad_user_input_is_refused(session, name, password, role):
    with pytest.raises(ValidationError):
        accounts.create_user(session, name, password, role)


def test_a_token_is_stored_only_as_a_digest(session):
    accounts.create_user(session, "bot", "long enough", role="editor")
    token, text = accounts.create_token(session, "bot", "write")
    assert text.startswith("glos_")
    assert text not in (token.digest, token.prefix)
    assert session.query(Token).filter(Token.digest == text).count() == 0


def test_a_token_identifies_its_user_and_scope(session):
    accounts.create_user(session, "bot", "long enough", role="editor")
    _, text = accounts.create_token(session, "bot", "read")
    who = accounts.verify_token(session, text)
    assert who.name == "bot" and who.can("read") and not who.can("write")


def test_a_revoked_token_no_longer_works(session):
    accounts.create_user(session, "bot", "long enough", role="editor")
    token, text = accounts.create_token(session, "bot", "write")
    accounts.revoke_token(session, str(token.id))
    assert accounts.verify_token(session, text) is None


def test_a_write_token_of_a_reader_cannot_write(session):
    accounts.create_user(session, "reader", "long enough", role="reader")
    _, text = accounts.create_token(session, "reader", "write")
    assert not accounts.verify_token(session, text).can("write")


def test_unknown_tokens_are_refused(session):
    assert accounts.verify_token(session, "glos_made-up") is None
    assert accounts.verify_token(session, "Bearer nonsense") is None


def test_a_role_is_changed_through_the_service(session):
    accounts.create_user(session, "anna", "correct horse")
    accounts.set_role(session, "anna", "admin")
    assert accounts.identity_of(session, "anna").can("admin")
    with pytest.raises(ValidationError):
        accounts.set_role(session, "anna", "god")
    with pytest.raises(NotFound):
        accounts.set_role(session, "nobody", "editor")


def test_users_are_listed_by_name_with_role_and_state(session):
    accounts.create_user(session, "zoya", "correct horse", role="editor")
    accounts.create_user(session, "anna", "correct horse")
    accounts.set_disabled(session, "zoya", True)
    assert accounts.list_users(session) == [
        {"name": "anna", "role": "reader", "disabled": False},
        {"name": "zoya", "role": "editor", "disabled": True}]
