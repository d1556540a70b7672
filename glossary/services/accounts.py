"""Users and API tokens: creation, password checks, token issue and revocation.

Passwords are stored with werkzeug's salted scrypt hashes; tokens as SHA-256 digests of
256-bit random strings (a token is shown once and cannot be recovered from the database).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from glossary.messages import message
from glossary.models import ROLES, Token, User, utcnow
from glossary.services.concepts import NotFound
from glossary.services.editing import ValidationError

TOKEN_PREFIX = "glos_"
MIN_PASSWORD_LENGTH = 8
#: What each role may do; a role includes the rights of the roles before it.
RIGHTS = {"reader": {"read"}, "editor": {"read", "write"}, "admin": {"read", "write", "admin"}}


@functools.cache
def _dummy_hash() -> str:
    """A fixed hash checked when the user does not exist, so that timing does not tell names
    apart. Made on first use: scrypt takes a tenth of a second that importing this module
    (every command, every web process) should not pay."""
    return generate_password_hash("not-a-real-password")


@dataclass(frozen=True)
class Identity:
    """Who is acting, and what they may do."""

    name: str
    role: str
    scope: str | None = None  # for token logins: the token's scope
    #: The user's session version when this identity was made (web sessions carry it).
    session_version: int = 0

    def can(self, right: str) -> bool:
        if self.scope == "read" and right != "read":
            return False
        return right in RIGHTS.get(self.role, set())


def create_user(session: Session, name: str, password: str, role: str = "reader") -> User:
    errors = []
    name = name.strip()
    if not name or len(name) > 80:
        errors.append({"field": "name", "message": message("1 to 80 characters")})
    elif session.scalar(select(User.id).where(User.name == name)) is not None:
        errors.append({"field": "name",
                       "message": message("user %(name)r already exists", name=name)})
    if len(password) < MIN_PASSWORD_LENGTH:
        errors.append({"field": "password", "message": message(
            "at least %(count)d characters", count=MIN_PASSWORD_LENGTH)})
    if role not in ROLES:
        errors.append({"field": "role",
                       "message": message("one of %(choices)s", choices=", ".join(ROLES))})
    if errors:
        raise ValidationError(errors)
    user = User(name=name, password_hash=generate_password_hash(password), role=role)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> Identity | None:
    """The identity for a correct name and password of an enabled account, else None (in
    constant-ish time)."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password) or user.disabled_at is not None:
        return None
    return Identity(user.name, user.role, session_version=user.session_version)


def identity_of(session: Session, name: str, session_version: int | None = None
                ) -> Identity | None:
    """The identity of an enabled account; None if it is gone, disabled, or (when a session
    version is given) its sessions were ended since that version."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None or user.disabled_at is not None:
        return None
    if session_version is not None and session_version != user.session_version:
        return None
    return Identity(user.name, user.role, session_version=user.session_version)


def _user_named(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(message("no user named %(name)r", name=name))
    return user


def end_sessions(session: Session, name: str) -> None:
    """Sign the user out everywhere: every web session made before this ends."""
    user = _user_named(session, name)
    user.session_version += 1


def set_password(session: Session, name: str, password: str) -> None:
    """A new password; every session of the user ends."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError([{"field": "password", "message": message(
            "at least %(count)d characters", count=MIN_PASSWORD_LENGTH)}])
    user = _user_named(session, name)
    user.password_hash = generate_password_hash(password)
    user.session_version += 1


def set_disabled(session: Session, name: str, disabled: bool) -> None:
    """Disable (or enable again) an account: a disabled user cannot sign in, every session
    ends, and the user's API tokens stop working while disabled."""
    user = _user_named(session, name)
    if disabled:
        user.disabled_at = user.disabled_at or utcnow()
        user.session_version += 1
    else:
        user.disabled_at = None


def set_role(session: Session, name: str, role: str) -> None:
    """Give the account another role (it applies from the user's next request)."""
    if role not in ROLES:
        raise ValidationError([{"field": "role", "message": message(
            "one of %(choices)s", choices=", ".join(ROLES))}])
    _user_named(session, name).role = role


def list_users(session: Session) -> list[dict]:
    """Every account by name: {"name", "role", "disabled"}."""
    return [{"name": u.name, "role": u.role, "disabled": u.disabled_at is not None}
            for u in session.scalars(select(User).order_by(User.name))]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user_name: str, scope: str = "read") -> tuple[Token, str]:
    """Issue a token; return the row and the token text (shown once, never stored)."""
    user = session.scalar(select(User).where(User.name == user_name))
    if user is None:
        raise NotFound(message("no user named %(name)r", name=user_name))
    if scope not in ("read", "write"):
        raise ValidationError([{"field": "scope", "message": message("read or write")}])
    text = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = Token(user=user, prefix=text[:12], digest=_digest(text), scope=scope)
    session.add(token)
    session.flush()
    return token, text


def verify_token(session: Session, text: str) -> Identity | None:
    """The identity behind a bearer token, or None if unknown or revoked."""
    if not text.startswith(TOKEN_PREFIX) or len(text) > 200:
        return None
    digest = _digest(text)
    token = session.scalar(select(Token).where(Token.digest == digest))
    if token is None or token.revoked_at is not None or not hmac.compare_digest(
            token.digest, digest) or token.user.disabled_at is not None:
        return None
    return Identity(token.user.name, token.user.role, scope=token.scope)


def revoke_token(session: Session, token_id_or_prefix: str) -> Token:
    query = select(Token).where(Token.prefix == token_id_or_prefix)
    if token_id_or_prefix.isdigit():
        query = select(Token).where(Token.id == int(token_id_or_prefix))
    token = session.scalar(query)
    if token is None:
        raise NotFound(message("no token %(token)r", token=token_id_or_prefix))
    token.revoked_at = token.revoked_at or utcnow()
    return token


def list_tokens(session: Session, user_name: str | None = None) -> list[dict]:
    query = select(Token).join(Token.user).order_by(Token.id)
    if user_name:
        query = query.where(User.name == user_name)
    return [{"id": t.id, "prefix": t.prefix, "user": t.user.name, "scope": t.scope,
             "created": t.created_at.isoformat(timespec="seconds") + "Z",
             "revoked": t.revoked_at is not None} for t in session.scalars(query)]
