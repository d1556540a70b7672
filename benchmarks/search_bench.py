"""Benchmark of the search (issue 5) against SQLite FTS5 (trigram), on synthetic termbases.

    .venv/bin/python benchmarks/search_bench.py --sizes 10000 100000 1000000
    .venv/bin/python benchmarks/search_bench.py --smoke          # tiny, for the test suite

For each size: generate a termbase (search_synth.py; cached in --work), then, each phase in
a fresh process so that peak memory is its own:
  build    glossary: `Index.rebuild` from the database (the term index and the full-text
           index of the prose); fts5: one trigram row per concept
  serve    every query once to warm up, then --repeat timed rounds: latency per query kind
           (p50/p95/p99; ours with the text step wired in, as the service runs it) and the
           top 10 for recall@10; peak RSS of the serving process
  service  the same through `services.search.search` in a Flask app (concepts loaded from
           the database, as the web page and the API get them)
  update   edit one concept through the write service and time until search finds it
recall@10 = relevant results in the top 10 / min(10, relevant concepts), judged by one rule per
kind (search_synth.relevant) for both engines. Results: a Markdown table on stdout and JSON
in --out. The full-text step has its own companion, search_text_bench.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(data: dict) -> None:
    print("RESULT " + json.dumps(data, ensure_ascii=False), flush=True)


#: Run phases in this process instead (--smoke: quick, but memory figures are shared).
INLINE = False


def child(*args: str, script: str = __file__, runner=None) -> dict:
    """Run a phase in a fresh interpreter (of `script`, this one by default); return the
    dict it emitted. `runner`: the script's run_phase, for INLINE runs."""
    if INLINE:
        return (runner or run_phase)(args[0], Path(args[1]), list(args[2:]))
    out = subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                         check=False)
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"phase {args[0]} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")


# ---- phases ---------------------------------------------------------------------------------

def phase_generate(work: Path, size: int, per_kind: int) -> dict:
    import search_synth

    t = time.perf_counter()
    concepts = search_synth.generate(size)
    db = work / "glossary.sqlite"
    db.unlink(missing_ok=True)
    search_synth.write_database(f"sqlite:///{db}", concepts)
    queries = search_synth.make_queries(concepts, per_kind)
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False))
    return {"seconds": time.perf_counter() - t, "terms": sum(len(c.terms) for c in concepts)}


def phase_build(work: Path, engine: str) -> dict:
    from glossary import db

    url = f"sqlite:///{work / 'glossary.sqlite'}"
    t = time.perf_counter()
    if engine == "glossary":
        import shutil

        from sqlalchemy import text

        from glossary.search.engine import Index
        from glossary.search.records import read_all

        shutil.rmtree(work / "index", ignore_errors=True)
        with db.make_engine(url).connect() as conn:
            last = conn.execute(text("SELECT max(id) FROM changes")).scalar() or 0
            count = Index(work / "index").rebuild(read_all(conn), {"last_change": last})
        size = sum(p.stat().st_size for p in (work / "index").rglob("*") if p.is_file())
    elif engine == "whoosh":
        import shutil

        import whoosh_baseline

        shutil.rmtree(work / "whoosh", ignore_errors=True)
        count = whoosh_baseline.build(url, work / "whoosh")
        size = sum(p.stat().st_size for p in (work / "whoosh").iterdir())
    else:
        import fts5_baseline

        count = fts5_baseline.build(url, work / "fts5.sqlite")
        size = (work / "fts5.sqlite").stat().st_size
    seconds = time.perf_counter() - t
    return {"engine": engine, "concepts": count, "seconds": seconds, "rate": count / seconds,
            "bytes": size, "peak_rss_mb": peak_rss_mb()}


def _searcher(work: Path, engine: str):
    """A function query, prefix -> (top-10 concept keys, total)."""
    if engine == "glossary":
        from glossary.search import query
        from glossary.search.engine import Index

        index = Index(work / "index")
        keys: dict[int, str] = {}
        text = query.text_step(index.text_searcher)  # as the service runs it

        def run(q: str, prefix: bool):
            conn = index.reader()
            result = query.run(conn, q, limit=10, prefix=prefix, text=text)
            missing = [h.cid for h in result.hits if h.cid not in keys]
            if missing:
                marks = ",".join("?" * len(missing))
                keys.update(conn.execute(f"SELECT cid, key FROM concepts WHERE cid IN ({marks})",
                                         missing))
            return [keys[h.cid] for h in result.hits], result.total
        return run
    if engine == "service":
        from glossary.services import search as search_service

        app = bench_app(work)
        ctx = app.app_context()
        ctx.push()
        from glossary import db

        def run(q: str, prefix: bool):
            out = search_service.search(db.session(), q, limit=10, prefix=prefix)
            db.session().rollback()
            return [h["concept"]["id"] for h in out["hits"]], out["total"]
        return run
    if engine == "whoosh":
        import whoosh_baseline

        return whoosh_baseline.searcher(work / "whoosh")
    import fts5_baseline

    return fts5_baseline.searcher(work / "fts5.sqlite")


def phase_serve(work: Path, engine: str, repeat: int) -> dict:
    queries = json.loads((work / "queries.json").read_text())
    run = _searcher(work, engine)
    for q in queries:  # warm up
        run(q["q"], q.get("prefix", False))
    latencies: dict[str, list[float]] = defaultdict(list)
    tops: list[list[str]] = []
    for round_ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            top, _total = run(q["q"], q.get("prefix", False))
            latencies[q["kind"]].append((time.perf_counter() - t) * 1000)
            if round_ == 0:
                tops.append(top)
    return {"engine": engine, "latencies": latencies, "tops": tops,
            "peak_rss_mb": peak_rss_mb()}


def bench_app(work: Path):
    """The application on the generated termbase and index in `work`."""
    from glossary import create_app

    return create_app({"INSTANCE_PATH": str(work / "instance"),
                       "DATABASE_URL": f"sqlite:///{work / 'glossary.sqlite'}",
                       "INDEX_DIR": str(work / "index"), "SECRET_KEY": "bench"})


def phase_update(work: Path, edits: int) -> dict:
    """Edit concepts through the write service; time until the new wording is found."""
    import random

    from glossary import db
    from glossary.services import editing
    from glossary.services import search as search_service
    from glossary.services.concepts import get_concept

    app = bench_app(work)
    rng = random.Random(11)
    timings = []
    with app.app_context():
        search_service.search(db.session(), "warm up")
        from sqlalchemy import func, select

        from glossary.models import Concept

        size = db.session().scalar(select(func.count(Concept.id)))
        for i in range(edits):
            key = f"c{rng.randint(1, size)}"
            concept = get_concept(db.session(), key)
            term = concept["terms"]["en"][0]
            word = f"Zyxwv{i}benchmark"
            t = time.perf_counter()
            with db.transaction() as session:
                editing.update_term(session, term["id"], {"text": f"{term['text']} {word}"},
                                    expected_version=concept["version"], user="bench")
            found = search_service.search(db.session(), word, limit=5)
            timings.append((time.perf_counter() - t) * 1000)
            assert found["hits"] and found["hits"][0]["concept"]["id"] == key, found
            db.session().rollback()
    return {"timings_ms": timings, "peak_rss_mb": peak_rss_mb()}


# ---- the report -----------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def recall(work: Path, queries: list[dict], tops: list[list[str]]) -> dict[str, float]:
    """Mean recall@10 per query kind, judged on the concepts' terms in the database."""
    import sqlite3

    import search_synth

    conn = sqlite3.connect(work / "glossary.sqlite")
    per_kind: dict[str, list[float]] = defaultdict(list)
    for q, top in zip(queries, tops, strict=True):
        if not q["n_relevant"]:
            continue
        good = 0
        for key in top[:10]:
            terms = [dict(zip(("lang", "text", "type", "plain", "initials"), row, strict=True))
                     for row in conn.execute(
                         "SELECT t.lang, t.text, t.type, t.pinyin_plain, t.pinyin_initials "
                         "FROM terms t JOIN concepts c ON c.id = t.concept_id WHERE c.key = ?",
                         (key,))]
            good += search_synth.relevant(q["kind"], q, terms)
        per_kind[q["kind"]].append(good / q["n_relevant"])
    conn.close()
    return {k: statistics.fmean(v) for k, v in per_kind.items()}


def measure(size: int, args) -> dict:
    work = Path(args.work) / str(size)
    work.mkdir(parents=True, exist_ok=True)
    marker = work / "generated.json"
    if not marker.exists() or json.loads(marker.read_text()).get("per_kind") != args.per_kind:
        info = child("_generate", str(work), str(size), str(args.per_kind))
        marker.write_text(json.dumps({"per_kind": args.per_kind, **info}))
    queries = json.loads((work / "queries.json").read_text())
    report: dict = {"size": size, "queries": len(queries), "engines": {}}
    for engine in args.engines:
        build = child("_build", str(work), engine)
        engines = [engine] + (["service"] if engine == "glossary" and args.service else [])
        for name in engines:
            served = child("_serve", str(work), name, str(args.repeat))
            report["engines"][name] = {
                "build": build,
                "serve_rss_mb": served["peak_rss_mb"],
                "latency": {k: {"p50": percentile(v, 50), "p95": percentile(v, 95),
                                "p99": percentile(v, 99)} for k, v in served["latencies"].items()},
                "recall": recall(work, queries, served["tops"]),
            }
        print(f"  {size}: {engine} done", file=sys.stderr, flush=True)
    if "glossary" in args.engines and args.edits:
        report["update"] = child("_update", str(work), str(args.edits))
    if "whoosh" in args.engines and args.edits:
        report["whoosh_update"] = child("_whoosh_update", str(work), str(args.edits))
    return report


def table(report: dict) -> str:
    """The results as Markdown: one row per query kind, our engine beside the others."""
    engines = report["engines"]
    ours, svc = engines["glossary"], engines.get("service")
    others = [name for name in ("fts5", "whoosh") if name in engines]
    header = ["query kind", "p50 ms", "p95 ms", "p99 ms", "recall@10"]
    if svc:
        header.append("service p95 ms")
    for name in others:
        header += [f"{name} p95 ms", f"{name} recall@10", f"p95 {name}/ours"]
    lines = [f"### {report['size']:,} concepts ({report['queries']} queries)", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for kind, lat in ours["latency"].items():
        row = [kind, f"{lat['p50']:.2f}", f"{lat['p95']:.2f}", f"{lat['p99']:.2f}",
               f"{ours['recall'].get(kind, 0):.2f}"]
        if svc:
            row.append(f"{svc['latency'][kind]['p95']:.2f}")
        for name in others:
            other = engines[name]["latency"][kind]
            row += [f"{other['p95']:.2f}", f"{engines[name]['recall'].get(kind, 0):.2f}",
                    f"{other['p95'] / max(lat['p95'], 1e-6):.1f}"]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for name, data in report["engines"].items():
        if name == "service":
            lines.append(f"- service (Flask app, concepts from the database): serving peak RSS "
                         f"{data['serve_rss_mb']:.0f} MB")
            continue
        b = data["build"]
        lines.append(f"- {name}: build {b['seconds']:.1f} s ({b['rate']:,.0f} concepts/s), "
                     f"index {b['bytes'] / 1e6:.0f} MB ({b['bytes'] / max(b['concepts'], 1):,.0f}"
                     f" B/concept), build peak RSS {b['peak_rss_mb']:.0f} MB, serving peak RSS "
                     f"{data['serve_rss_mb']:.0f} MB")
    if "update" in report:
        t = report["update"]["timings_ms"]
        lines.append(f"- edit → searchable (write service, commit, index sync, search): "
                     f"p50 {percentile(t, 50):.0f} ms, max {max(t):.0f} ms over {len(t)} edits")
    if "whoosh_update" in report:
        t = report["whoosh_update"]["timings_ms"]
        lines.append(f"- whoosh: update_document + commit + new searcher: "
                     f"p50 {percentile(t, 50):.0f} ms, max {max(t):.0f} ms over {len(t)} edits")
    return "\n".join(lines)


def phase_whoosh_update(work: Path, edits: int) -> dict:
    import whoosh_baseline

    url = f"sqlite:///{work / 'glossary.sqlite'}"
    return {"timings_ms": whoosh_baseline.update_latency(url, work / "whoosh", edits),
            "peak_rss_mb": peak_rss_mb()}


def run_phase(phase: str, work: Path, rest: list[str]) -> dict:
    if phase == "_generate":
        return phase_generate(work, int(rest[0]), int(rest[1]))
    if phase == "_build":
        return phase_build(work, rest[0])
    if phase == "_serve":
        return phase_serve(work, rest[0], int(rest[1]))
    if phase == "_update":
        return phase_update(work, int(rest[0]))
    if phase == "_whoosh_update":
        return phase_whoosh_update(work, int(rest[0]))
    raise SystemExit(f"unknown phase {phase}")


def main() -> None:
    global INLINE
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        phase, work, *rest = sys.argv[1:]
        emit(run_phase(phase, Path(work), rest))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-kind", type=int, default=200, help="queries per kind")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds")
    parser.add_argument("--engines", nargs="+", default=["glossary", "fts5"])
    parser.add_argument("--no-service", dest="service", action="store_false")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--work", default=os.environ.get("TMPDIR", "/tmp") + "/glossary-bench")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for the test suite")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.per_kind, args.repeat, args.edits = [300], 3, 1, 2
        INLINE = True
    reports = [measure(size, args) for size in args.sizes]
    for report in reports:
        print(table(report) + "\n")
    if args.out:
        Path(args.out).write_text(json.dumps(reports, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
