"""What lets the command line start fast: the application, and the choices that come from
the heavy modules, are made only when a command needs them.

Importing `glossary.cli` loads click and the command definitions, nothing else: Flask,
SQLAlchemy, Whoosh, jieba and the extractor cost from a tenth of a second to a second each,
and `glossary --help` or a bad option needs none of them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click


def with_app(callback: Callable[..., Any] | None = None, *, serving: bool = False) -> Any:
    """Run the callback inside an application context, building the app if there is none.

    The app is the one `flask.cli.ScriptInfo` in the context's object holds when a test runs
    the command through `app.test_cli_runner()`, else a fresh `create_app()`, which reads the
    same settings (GLOSSARY_* variables) as the web service; without `serving` (only `serve`
    asks for it) that app has no web pages or API, which a command does not use. The context
    ends with the command, inside its guard, so a failure on the way out is reported like
    any other. Use as `@with_app` or `@with_app(serving=True)`."""
    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def run(*args, **kwargs):
            if _has_app_context():
                return callback(*args, **kwargs)
            with _app(click.get_current_context(), serving).app_context():
                return callback(*args, **kwargs)
        return run
    return decorate if callback is None else decorate(callback)


def _has_app_context() -> bool:
    if "flask" not in sys.modules:  # no Flask loaded: no app either
        return False
    from flask import has_app_context

    return has_app_context()


def _app(ctx: click.Context, serving: bool):
    load_app = getattr(ctx.find_root().obj, "load_app", None)  # a flask.cli.ScriptInfo
    if load_app is not None:
        return load_app()
    from glossary import create_app

    return create_app(serving=serving)


def need_database() -> None:
    """End the command with a message when the database has no schema yet."""
    from glossary import db
    from glossary.cli.errors import fail

    if not db.has_schema(db.engine()):
        fail("there is no database yet; run 'glossary init' first")


class LazyChoice(click.Choice):
    """A `click.Choice` whose values are read when first needed (to check a value given, or
    to show the help of its command), not when the command is defined."""

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True):
        self._load = load
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, values: Iterable[str]) -> None:
        self._choices = tuple(values)
