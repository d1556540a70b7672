"""`glossary report ...`: reports for terminologists."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from glossary import db
from glossary.services import reports


@click.group("report")
def report_group() -> None:
    """Reports on the termbase."""


@report_group.command("pinyin")
@with_appcontext
def pinyin_command() -> None:
    """Print the pinyin table of every zh-Hans term (data/pinyin.tsv is its checked copy)."""
    click.echo(reports.PINYIN_HEADER, nl=False)
    for line in reports.pinyin_table(db.session()):
        click.echo(line)


COMMANDS = (report_group,)
