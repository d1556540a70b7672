"""Every command, given bad arguments, missing files or an output it cannot write, ends with
a message and a non-zero exit status: never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import on_postgresql

GLOSSARY = str(Path(sys.executable).parent / "glossary")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.tbx").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "folder").mkdir()
    return {"empty": str(tmp_path / "empty.txt"), "binary": str(tmp_path / "binary.tbx"),
            "folder": str(tmp_path / "folder")}


BAD = [
    ["export", "--format", "csv", "-o", "/proc/version"],
    ["export", "--format", "csv", "-o", "{empty}/out.csv"],
    ["export", "--format", "no-such-format"],
    ["import", "/no/such/file.txt"],
    ["import", "{folder}"],
    ["import", "{empty}"],
    ["import", "--parallel", "/no/such/zh.txt", "/no/such/ru.txt"],
    ["import", "--parallel", "{empty}", "{binary}"],
    ["import", "{empty}", "--parallel", "{empty}", "{empty}"],
    ["import"],
    ["import-tm", "/no/such/file.tmx"],
    ["import-tm", "{binary}"],
    ["import-tm", "{folder}"],
    ["import-termbase", "/no/such/file.tbx"],
    ["import-termbase", "{binary}"],
    ["import-termbase", "{folder}"],
    ["extract", "/no/such/file.txt"],
    ["extract", "{empty}"],
    ["extract", "{binary}"],
    ["search"],
    ["search", "反恐", "--limit", "many"],
    ["report", "coverage", "/no/such/file.txt"],
    ["report", "no-such-report"],
    ["index", "--no-such-option"],
    ["token", "create", "--user", "nobody"],
    ["token", "revoke", "glos_nothing"],
    ["user", "role", "nobody", "admin"],
    ["user", "disable", "nobody"],
    ["user", "enable", "nobody"],
    ["user", "password", "nobody", "--password-stdin"],
    ["user", "add", "someone", "--password-stdin"],
    ["init", "--data", "/no/such/folder"],
    ["init", "--data", "{folder}"],
    ["db", "upgrade", "--revision", "no-such-revision"],
    ["concepts", "--no-such-option"],
    ["serve", "--port", "not-a-port"],
    ["jobs", "no-such-subcommand"],
    ["jobs", "work", "--no-such-option"],
    ["no-such-command"],
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a) for a in BAD])
def test_bad_input_ends_with_a_message_not_a_traceback(runner, files, args):
    args = [a.format(**files) for a in args]
    result = runner.invoke(args=args, input="short\n")
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    assert result.output.strip(), "no word on what went wrong"


def _environment(app) -> dict[str, str]:
    import os

    return {**os.environ, "GLOSSARY_INSTANCE": app.instance_path,
            "GLOSSARY_DATABASE_URL": app.config["DATABASE_URL"],
            "GLOSSARY_DATA_DIR": app.config["DATA_DIR"]}


def test_serving_on_a_port_in_use_says_so_and_exits(app):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([GLOSSARY, "serve", "--port", str(port)], env=_environment(app),
                              capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "in use" in done.stderr and "serving" not in done.stdout


@pytest.mark.skipif(on_postgresql(), reason="one database is enough for a file error")
def test_an_export_to_a_path_that_cannot_be_written_says_so(app):
    done = subprocess.run([GLOSSARY, "export", "--format", "csv", "-o", "/proc/version"],
                          env=_environment(app), capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("Error:")
