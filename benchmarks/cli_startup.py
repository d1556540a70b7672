"""How long the command line takes to answer (issue 17, item 3): `glossary --help` and
`glossary search 反恐 --json` against `python -c pass`, in the same run.

    .venv/bin/python benchmarks/cli_startup.py [--runs 10] [--instance DIR]

Each command runs RUNS times as a fresh process (`python -m glossary ...`, what the console
script runs too), the commands taking turns so that a machine busy with other work slows
them all alike. Reported per command: the median and the lowest wall time, and the median
CPU time (user + system of the child; it varies less than wall time on a shared machine).

The search needs an initialised instance: --instance names one (GLOSSARY_INSTANCE), else a
temporary one is made with `glossary init` first (about 20 s) and removed afterwards.

Two more rows show where the search's time goes, since the command line alone cannot go
below them: `import flask, sqlalchemy.orm` (what any command that reads the database through
the app loads) and `import glossary.chinese` (the Chinese analysis a Chinese query folds its
script with).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "glossary --help": [PY, "-m", "glossary", "--help"],
    "glossary search 反恐 --json": [PY, "-m", "glossary", "search", "反恐", "--json"],
    "(import flask, sqlalchemy.orm)": [PY, "-c", "import flask, sqlalchemy.orm"],
    "(import glossary.chinese)": [PY, "-c", "import glossary.chinese"],
}


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run; the command must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int, env: dict[str, str]) -> dict[str, tuple[list[float], list[float]]]:
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in COMMANDS}
    for argv in COMMANDS.values():  # once each first: bytecode written, files in the cache
        _run(argv, env)
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            wall, cpu = _run(argv, env)
            times[name][0].append(wall)
            times[name][1].append(cpu)
    return times


def _padded(text: str, width: int) -> str:
    """`text` left-aligned in `width` columns; a Chinese character takes two."""
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--instance", type=Path,
                        help="An initialised instance folder (default: a new temporary one).")
    args = parser.parse_args()
    made = None
    instance = args.instance
    if instance is None:
        made = instance = Path(tempfile.mkdtemp(prefix="glossary-cli-bench-"))
    env = {**os.environ, "GLOSSARY_INSTANCE": str(instance.resolve())}
    # Cached bytecode, as an installed package has: without it every run compiles the
    # project's modules from source (a fifth of a second more for a search).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if made:  # a new instance is a new SQLite database, whatever the environment says
        env.pop("GLOSSARY_DATABASE_URL", None)
    try:
        if made:
            print(f"glossary init in {instance} ...", file=sys.stderr)
            subprocess.run([PY, "-m", "glossary", "init"], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        times = measure(args.runs, env)
    finally:
        if made:
            shutil.rmtree(made, ignore_errors=True)
    print(f"{args.runs} runs each, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"{'command':<32} {'wall median':>12} {'wall min':>9} {'CPU median':>11}")
    for name, (walls, cpus) in times.items():
        print(f"{_padded(name, 32)} {statistics.median(walls):>10.3f} s {min(walls):>7.3f} s "
              f"{statistics.median(cpus):>9.3f} s")


if __name__ == "__main__":
    main()
