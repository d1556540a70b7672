"""The command line starts fast (issue 17, item 3): its help page is the project's own, and
nothing heavy is imported until a command needs it. No timings here (they belong to
benchmarks/cli_startup.py); what is checked is what each process loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"concepts", "db", "export", "extract", "import", "import-termbase",
            "import-tm", "index", "init", "jobs", "report", "search", "serve", "token", "user"}
HEAVY = ("flask", "sqlalchemy", "whoosh", "jieba", "pymorphy3", "pypinyin", "opencc")


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def _loaded_after(code: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The top-level packages loaded once `code` has run (even if it ended with sys.exit),
    and what it printed."""
    done = _python("import atexit, json, sys\n"
                   "atexit.register(lambda: print('\\n' + json.dumps(sorted(sys.modules)), "
                   "file=sys.stderr))\n" + code, env)
    *output, modules = done.stderr.rstrip("\n").split("\n")
    names = set(json.loads(modules))
    return names | {name.split(".")[0] for name in names}, done.stdout + "\n".join(output)


def test_the_help_page_lists_the_projects_commands_and_not_flasks_options():
    done = subprocess.run([sys.executable, "-m", "glossary", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split("Commands:\n", 1)[1].splitlines()
    assert {line.split()[0] for line in listed if line.strip()} == COMMANDS
    for flask_own in ("--app", "--env-file", "--debug", "limiter", "Flask", "python-dotenv"):
        assert flask_own not in done.stdout
    assert "--version" in done.stdout


def test_version_is_glossarys_own():
    done = subprocess.run([sys.executable, "-m", "glossary", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.startswith("glossary, version ")


def test_importing_the_command_line_loads_nothing_heavy():
    loaded, _ = _loaded_after("import glossary.cli")
    assert "glossary.cli.search" in loaded  # the check sees what was imported
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_the_help_page_and_a_bad_option_load_nothing_heavy():
    for args in (["--help"], ["user", "--help"], ["export", "--no-such-option"]):
        loaded, output = _loaded_after(f"from glossary.cli import main\nmain({args!r})")
        assert "Usage:" in output, output
        assert not loaded & set(HEAVY), (args, loaded & set(HEAVY))


def test_a_search_loads_neither_the_web_pages_nor_the_api_nor_the_extractor(app):
    env = {**os.environ, "GLOSSARY_INSTANCE": app.instance_path,
           "GLOSSARY_DATABASE_URL": app.config["DATABASE_URL"],
           "GLOSSARY_DATA_DIR": app.config["DATA_DIR"]}
    loaded, output = _loaded_after(
        "from glossary.cli import main\nmain(['search', 'RATS', '--json'])", env)
    assert json.loads(output.split("\n", 1)[0])["hits"][0]["concept"]["id"] == "rats"
    unwanted = {"glossary.web", "glossary.api", "glossary.extract", "glossary.services.extraction",
                "flask_babel", "flask_limiter", "jieba.posseg"}
    assert not loaded & unwanted, loaded & unwanted
