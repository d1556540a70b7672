"""How a command ends when something expected goes wrong: one line on stderr, exit status 1
(or the status given), never a traceback.

Every command's callback is `guarded`: a missing or unwritable file, a database that cannot
be reached and a search index that cannot be written each end with a message; a reader that
closes the pipe early (`glossary report pinyin | head`) ends the command quietly.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def describe_os_error(exc: OSError) -> str:
    """`/proc/version: No such file or directory` rather than a traceback."""
    where = exc.filename if exc.filename is not None else ""
    why = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {why}" if where else why


def _expected(exc: Exception) -> str | None:
    """The message for a failure the user can act on, or None for a bug (which propagates).

    The classes are looked up among the modules already imported: a command that never
    loaded SQLAlchemy (`glossary --help`, `glossary extract`) cannot have raised its errors,
    and importing it here would cost a command that fails fast a third of a second."""
    writeguard = sys.modules.get("glossary.writeguard")
    if writeguard is not None and isinstance(exc, writeguard.IndexUnwritable):
        return str(exc)
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is not None and isinstance(
            exc, (sqlalchemy_exc.OperationalError, sqlalchemy_exc.InterfaceError)):
        return f"the database cannot be used: {str(exc.orig or exc).strip()}"
    return None


def guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    """A command's callback whose expected failures end with a message and exit 1."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except BrokenPipeError:  # `glossary report ... | head`: the reader has had enough
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # unwritable output, missing file, full disk, port in use
            fail(describe_os_error(exc))
        except Exception as exc:
            message = _expected(exc)
            if message is None:
                raise
            fail(message)
    run._glossary_guarded = True  # type: ignore[attr-defined]
    return run


def guard(command: click.Command) -> click.Command:
    """Guard the callback of `command` and, for a group, of every subcommand (once)."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            guard(sub)
    if command.callback is not None and not getattr(command.callback, "_glossary_guarded",
                                                    False):
        command.callback = guarded(command.callback)
    return command
