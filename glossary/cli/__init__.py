"""The `glossary` command: a thin layer over the services, one module per command family.

    data.py     init, concepts, db, import (a document; --parallel), import-tm,
                import-termbase, export
    search.py   search, index
    suggest.py  suggest (ru/en renderings for a Chinese term)
    extract.py  extract
    report.py   report pinyin|coverage|lint|corpus
    users.py    user, token
    jobs.py     jobs list|work
    serve.py    serve

Importing this package loads click and the command definitions only (see lazy.py); a
command builds the application (`create_app`, the same GLOSSARY_* settings as the web
service) when it runs. Bad input ends with a message on stderr and a non-zero exit status,
never a traceback (errors.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from glossary.cli import data, extract, jobs, report, search, serve, suggest, users
from glossary.cli.data import initialise
from glossary.cli.errors import describe_os_error, fail, guard

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["COMMANDS", "describe_os_error", "fail", "init_app", "initialise", "main"]

COMMANDS: tuple[click.Command, ...] = tuple(
    guard(command) for module in (data, search, suggest, extract, report, users, jobs, serve)
    for command in module.COMMANDS)


@click.group("glossary", commands=COMMANDS)
@click.version_option(package_name="glossary", prog_name="glossary")
def main() -> None:
    """Glossary: the SCO Chinese–Russian–English termbase."""


def init_app(app: Flask) -> None:
    """Put the commands on `app.cli` too, so that `app.test_cli_runner()` runs them against
    that app (each command uses the app of the runner's ScriptInfo; see lazy.with_app)."""
    for command in COMMANDS:
        app.cli.add_command(command)
