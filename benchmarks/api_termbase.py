"""The benchmark termbase of the API and annotate benchmarks: the shipped SCO termbase plus
synthetic concepts (benchmarks/search_synth.py), with its search index, in an instance folder.

    .venv/bin/python benchmarks/api_termbase.py --synthetic 100000 --work /tmp/glossary-bench

Built once per (size, seed) and reused: the folder holds a READY file when complete.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

DEFAULT_WORK = Path("/tmp/glossary-bench")


def instance_for(work: Path, synthetic: int, seed: int = 5) -> Path:
    return work / f"instance-{synthetic}-{seed}"


def app_for(instance: Path, **overrides):
    from glossary import create_app

    return create_app({"INSTANCE_PATH": str(instance),
                       "DATABASE_URL": f"sqlite:///{instance / 'glossary.sqlite'}",
                       **overrides})


def build(work: Path = DEFAULT_WORK, synthetic: int = 100_000, seed: int = 5) -> Path:
    """The instance folder, built if it is not there yet; returns its path."""
    instance = instance_for(work, synthetic, seed)
    if (instance / "READY").exists():
        return instance
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(parents=True)
    started = time.perf_counter()
    app = app_for(instance)
    with app.app_context():
        from glossary.cli import initialise

        print(f"shipped termbase: {initialise().summary()}", file=sys.stderr)
    _add_synthetic(app, synthetic, seed)
    with app.app_context():
        from glossary.search import sync

        concepts = sync.rebuild(app)
    app.extensions["glossary.engine"].dispose()
    seconds = time.perf_counter() - started
    (instance / "READY").write_text(f"{concepts} concepts, built in {seconds:.0f} s\n")
    print(f"termbase ready: {concepts} concepts in {seconds:.0f} s ({instance})",
          file=sys.stderr)
    return instance


def _add_synthetic(app, n: int, seed: int) -> None:
    """Insert n generated concepts after the shipped ones (bulk, one Change row each)."""
    import search_synth
    from sqlalchemy import func, insert, select

    from glossary.models import Change, Concept, Term

    concepts = search_synth.generate(n, seed)
    engine = app.extensions["glossary.engine"]
    with engine.begin() as conn:
        concept_id = conn.execute(select(func.max(Concept.id))).scalar() or 0
        term_id = conn.execute(select(func.max(Term.id))).scalar() or 0
        for start in range(0, len(concepts), 20_000):
            crows, trows, changes = [], [], []
            for c in concepts[start:start + 20_000]:
                concept_id += 1
                key = f"synthetic-{c.key}"
                crows.append({"id": concept_id, "key": key, "kind": c.kind,
                              "subject": c.subject, "definition": {}, "note": {},
                              "version": 1, "origin": "benchmark"})
                changes.append({"concept_key": key, "action": "create", "version": 1,
                                "data": {}})
                positions: Counter = Counter()
                for t in c.terms:
                    term_id += 1
                    trows.append({"id": term_id, "concept_id": concept_id, "lang": t.lang,
                                  "text": t.text, "type": t.type, "status": t.status,
                                  "position": positions[t.lang], "homonym": False,
                                  "pinyin": t.pinyin, "pinyin_numbered": t.numbered,
                                  "pinyin_plain": t.plain, "pinyin_initials": t.initials,
                                  "cyrillic": t.cyrillic})
                    positions[t.lang] += 1
            conn.execute(insert(Concept), crows)
            conn.execute(insert(Term), trows)
            conn.execute(insert(Change), changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    print(build(args.work, args.synthetic, args.seed))


if __name__ == "__main__":
    main()
