"""Exports stream: peak memory and time of exporting a large termbase in every format.

    python benchmarks/export_memory.py [--concepts 1000000] [--formats tbx,csv] [--db FILE]

Builds (once, or reuses with --db) a SQLite termbase of synthetic concepts shaped like the
real ones (zh-Hans, zh-Hant, ru and en terms with pinyin, sources on ru/en terms, notes,
definitions, relations), then exports it in each format in a fresh process and reports the
peak resident memory (ru_maxrss), the time and the file size. The goal (issue 8): a million
concepts stay under 200 MB in every format.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 10_000


def _app(db_file: Path):
    from glossary import create_app

    instance = db_file.parent / "instance"
    return create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{db_file}",
                       "SECRET_KEY": "benchmark", "DATA_DIR": str(instance)})


def _rows(start: int, stop: int, now: dt.datetime):
    concepts, terms, cites, relations = [], [], [], []
    for i in range(start, stop):
        cid = i + 1
        concepts.append({"id": cid, "key": f"concept-{cid}", "kind": "organization",
                         "subject": "security", "version": 1, "created_at": now,
                         "updated_at": now, "origin": "benchmark",
                         "definition": {"en": f"Definition number {cid} of a body."},
                         "note": {"ru": f"Примечание {cid}."} if i % 3 == 0 else {}})
        for position, (lang, text) in enumerate((
                ("zh-Hans", f"上海合作组织第{cid}机构"), ("zh-Hant", f"上海合作組織第{cid}機構"),
                ("ru", f"Региональная структура № {cid}"), ("en", f"Regional body {cid}"))):
            tid = cid * 4 + position
            zh = lang.startswith("zh")
            terms.append({"id": tid, "concept_id": cid, "lang": lang, "text": text,
                          "type": "fullForm", "status": "preferred", "position": 0,
                          "homonym": False, "pos": None, "gender": None, "note": None,
                          "pinyin": f"Shànghǎi Hézuò Zǔzhī dì {cid} jīgòu" if zh else None,
                          "pinyin_numbered": "shang4 hai3" if zh else None,
                          "pinyin_plain": "shanghai" if zh else None,
                          "pinyin_initials": "sh" if zh else None, "cyrillic": None})
            if lang in ("ru", "en"):
                cites.append({"term_id": tid, "source_id": 1 if lang == "ru" else 2})
        if i % 10 and cid > 1:
            relations.append({"source_id": cid, "target_id": cid - 1, "type": "broader"})
    return concepts, terms, cites, relations


def build(db_file: Path, count: int) -> None:
    """A termbase of `count` synthetic concepts, written with bulk inserts."""
    from glossary import db
    from glossary.models import Concept, Relation, Source, Term, term_sources

    app = _app(db_file)
    started = time.perf_counter()
    with app.app_context():
        db.create_schema(db.engine())
        now = dt.datetime(2026, 11, 28, 3, 0, 0)
        with db.engine().begin() as conn:
            conn.execute(Source.__table__.insert(), [
                {"id": 1, "key": "communique-2017-ru", "title": "Информационное сообщение",
                 "lang": "ru"},
                {"id": 2, "key": "communique-2017-en", "title": "Press release", "lang": "en"}])
            for start in range(0, count, BATCH):
                concepts, terms, cites, relations = _rows(start, min(start + BATCH, count), now)
                conn.execute(Concept.__table__.insert(), concepts)
                conn.execute(Term.__table__.insert(), terms)
                conn.execute(term_sources.insert(), cites)
                if relations:
                    conn.execute(Relation.__table__.insert(), relations)
    print(f"built {count} concepts in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _rss_mb(field: str) -> float:
    """A memory figure of this process from /proc (VmRSS now, VmHWM the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure(db_file: Path, name: str, languages: str) -> dict:
    """Export in this process; return the peak resident memory of the export (MB), what the
    application held before it, the seconds and the bytes written."""
    from glossary import db
    from glossary.services import exchange

    app = _app(db_file)
    # What the application holds before exporting anything (dictionaries of the Chinese
    # text tools, extraction data ...); then the peak is reset, so that it is the export's.
    baseline = _rss_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # Linux: resets VmHWM to the current RSS
    with app.app_context(), tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        filters = exchange.Filters(languages=tuple(languages.split(",")) if languages else ())
        for chunk in exchange.export(db.session(), name, filters):
            out.write(chunk)
        seconds = time.perf_counter() - started
        size = out.tell()
    peak = _rss_mb("VmHWM")
    return {"format": name, "peak_rss_mb": peak, "app_baseline_mb": baseline,
            "export_mb": round(peak - baseline, 1), "seconds": round(seconds, 1),
            "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=1_000_000)
    parser.add_argument("--formats", default="tbx,tbx3,csv,memoq,omegat,xlsx")
    parser.add_argument("--db", type=Path, help="reuse (or keep) this SQLite file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--languages", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.db, args.measure, args.languages)))
        return
    folder = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    db_file = args.db or folder / "bench.sqlite"
    if not db_file.exists():
        db_file.parent.mkdir(parents=True, exist_ok=True)
        build(db_file, args.concepts)
    results = []
    for name in args.formats.split(","):
        languages = "zh-Hans,ru" if name == "omegat" else ""
        run = subprocess.run([sys.executable, __file__, "--db", str(db_file), "--measure",
                              name, "--languages", languages],
                             capture_output=True, text=True, check=True, env=os.environ)
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    print("| format | concepts | peak RSS (MB) | app before export (MB) | export's share (MB) "
          "| seconds | file (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['format']} | {args.concepts:,} | {r['peak_rss_mb']} "
              f"| {r['app_baseline_mb']} | {r['export_mb']} | {r['seconds']} "
              f"| {r['bytes'] / 1e6:.0f} |")


if __name__ == "__main__":
    main()
