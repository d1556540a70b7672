"""Benchmark of the full-text step (the termbase's prose in Whoosh), beside search_bench.py.

    .venv/bin/python benchmarks/search_text_bench.py --sizes 100000
    .venv/bin/python benchmarks/search_text_bench.py --smoke      # tiny, for the test suite

Uses the termbase search_bench.py generates (search_synth.py, about a fifth of the concepts
with a definition or a note, search_prose.py) in the same --work folder, generating it if
needed, and the index its build phase made (built again here if missing). Each phase in a
fresh process:
  textbuild  the full-text index alone, from the database: concepts read per second, the
             concepts with prose indexed per second, size on disk, peak RSS
  textserve  queries only the prose can answer (search_prose.make_text_queries): words of
             an English text, Russian words in another case form, 3-5 Chinese characters, a
             question worded otherwise than the definition: latency of the text step alone
             (`fulltext.search`, a page of 10 with the total) and of the whole cascade
             (`query.run` with the term steps before it); found@10: the concept the query
             was drawn from is in the text step's top 10 (many concepts share the same
             words, so this is a floor of the quality, not a recall); the median number of
             matches; how often the cascade's page of 10 showed text hits (the term steps
             did not fill it)
  textedit   edit a concept's note through the write service, commit (the sync writes the
             term index and Whoosh), search a new word of the note: time until it is found
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import search_bench  # noqa: E402
from search_bench import child, emit, peak_rss_mb, percentile  # noqa: E402


def phase_text_queries(work: Path, size: int, per_kind: int) -> dict:
    import search_prose
    import search_synth

    concepts = search_synth.generate(size)
    queries = search_prose.make_text_queries(concepts, per_kind)
    (work / "text_queries.json").write_text(json.dumps(queries, ensure_ascii=False))
    return {"queries": len(queries),
            "with_prose": sum(1 for c in concepts if c.definition or c.note
                              or any(t.note for t in c.terms))}


def phase_text_build(work: Path) -> dict:
    import shutil

    from glossary import db
    from glossary.search import fulltext
    from glossary.search.records import read_all

    folder = work / "textonly"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    scanned = 0
    with db.make_engine(f"sqlite:///{work / 'glossary.sqlite'}").connect() as conn:
        builder = fulltext.TextBuilder(folder)
        for record in read_all(conn):
            builder.add(record, record.prose_digest())
            scanned += 1
        builder.finish()
    seconds = time.perf_counter() - t
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder, ignore_errors=True)
    return {"seconds": seconds, "concepts": scanned, "documents": builder.count,
            "rate": scanned / seconds, "doc_rate": builder.count / seconds, "bytes": size,
            "peak_rss_mb": peak_rss_mb()}


def phase_text_serve(work: Path, repeat: int) -> dict:
    from glossary.search import fulltext, query
    from glossary.search.engine import Index

    queries = json.loads((work / "text_queries.json").read_text())
    index = Index(work / "index")
    step = query.text_step(index.text_searcher)
    keys: dict[int, str] = {}

    def key_of(conn, cid: int) -> str:
        if cid not in keys:
            keys[cid] = conn.execute("SELECT key FROM concepts WHERE cid = ?",
                                     (cid,)).fetchone()[0]
        return keys[cid]

    for q in queries:  # warm up
        query.run(index.reader(), q["q"], limit=10, text=step)
    alone: dict[str, list[float]] = defaultdict(list)
    cascade: dict[str, list[float]] = defaultdict(list)
    found: dict[str, list[int]] = defaultdict(list)
    totals: dict[str, list[int]] = defaultdict(list)
    steps: dict[str, list[int]] = defaultdict(list)
    for round_ in range(repeat):
        for q in queries:
            conn = index.reader()
            t = time.perf_counter()
            hits, total = fulltext.search(index.text_searcher(), q["q"], 10)
            alone[q["kind"]].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            result = query.run(conn, q["q"], limit=10, text=step)
            cascade[q["kind"]].append((time.perf_counter() - t) * 1000)
            if round_ == 0:
                found[q["kind"]].append(q["target"] in [key_of(conn, h.cid) for h in hits])
                totals[q["kind"]].append(total)
                steps[q["kind"]].append(any(h.step == query.TEXT_STEP for h in result.hits))
    return {"alone": alone, "cascade": cascade, "found": found, "totals": totals,
            "text_hits": steps, "peak_rss_mb": peak_rss_mb()}


def phase_text_edit(work: Path, edits: int) -> dict:
    """Edit a concept's English note; time until a search finds its new word."""
    import random

    from sqlalchemy import func, select

    from glossary import db
    from glossary.models import Concept
    from glossary.services import editing
    from glossary.services import search as search_service
    from glossary.services.concepts import get_concept

    app = search_bench.bench_app(work)
    rng = random.Random(23)
    timings = []
    with app.app_context():
        search_service.search(db.session(), "warm up")
        size = db.session().scalar(select(func.count(Concept.id)))
        for i in range(edits):
            key = f"c{rng.randint(1, size)}"
            concept = get_concept(db.session(), key)
            word = f"Qwxnote{i}bench"
            note = {**concept["note"], "en": f"{concept['note'].get('en', '')} See {word}."}
            t = time.perf_counter()
            with db.transaction() as session:
                editing.update_concept(session, key, {"note": note},
                                       expected_version=concept["version"], user="bench")
            found = search_service.search(db.session(), word, limit=5)
            timings.append((time.perf_counter() - t) * 1000)
            assert found["hits"] and found["hits"][0]["concept"]["id"] == key, found
            db.session().rollback()
    return {"timings_ms": timings, "peak_rss_mb": peak_rss_mb()}


def run_phase(phase: str, work: Path, rest: list[str]) -> dict:
    if phase == "_text_queries":
        return phase_text_queries(work, int(rest[0]), int(rest[1]))
    if phase == "_text_build":
        return phase_text_build(work)
    if phase == "_text_serve":
        return phase_text_serve(work, int(rest[0]))
    if phase == "_text_edit":
        return phase_text_edit(work, int(rest[0]))
    return search_bench.run_phase(phase, work, rest)


def _child(*args: str) -> dict:
    return search_bench.child(*args, script=__file__, runner=run_phase)


def measure(size: int, args) -> dict:
    work = Path(args.work) / str(size)
    work.mkdir(parents=True, exist_ok=True)
    marker = work / "generated.json"
    if not marker.exists() or json.loads(marker.read_text()).get("per_kind") != args.per_kind:
        info = child("_generate", str(work), str(size), str(args.per_kind))
        marker.write_text(json.dumps({"per_kind": args.per_kind, **info}))
    report: dict = {"size": size}
    report["queries"] = _child("_text_queries", str(work), str(size), str(args.text_per_kind))
    if not (work / "index" / "CURRENT").exists():
        report["build"] = child("_build", str(work), "glossary")
    report["text_build"] = _child("_text_build", str(work))
    report["serve"] = _child("_text_serve", str(work), str(args.repeat))
    if args.edits:
        report["edit"] = _child("_text_edit", str(work), str(args.edits))
    return report


def table(report: dict) -> str:
    serve = report["serve"]
    lines = [f"### {report['size']:,} concepts, {report['queries']['with_prose']:,} with prose "
             f"({report['queries']['queries']} text queries)", "",
             "| query kind | text step p50 ms | p95 ms | p99 ms | cascade p50 ms | p95 ms | "
             "p99 ms | found@10 | median matches | text hits shown |", "|" + "---|" * 10]
    for kind, alone in serve["alone"].items():
        whole = serve["cascade"][kind]
        found = serve["found"][kind]
        shown = serve["text_hits"][kind]
        lines.append(
            f"| {kind} | {percentile(alone, 50):.2f} | {percentile(alone, 95):.2f} | "
            f"{percentile(alone, 99):.2f} | {percentile(whole, 50):.2f} | "
            f"{percentile(whole, 95):.2f} | {percentile(whole, 99):.2f} | "
            f"{sum(found) / len(found):.2f} | {statistics.median(serve['totals'][kind]):.0f} | "
            f"{sum(shown) / len(shown):.0%} |")
    b = report["text_build"]
    lines += ["", f"- full-text index alone: {b['seconds']:.1f} s for {b['concepts']:,} concepts "
              f"({b['rate']:,.0f} concepts/s; {b['documents']:,} with prose, "
              f"{b['doc_rate']:,.0f} documents/s), {b['bytes'] / 1e6:.1f} MB "
              f"({b['bytes'] / max(b['documents'], 1):,.0f} B/document), build peak RSS "
              f"{b['peak_rss_mb']:.0f} MB; serving peak RSS {serve['peak_rss_mb']:.0f} MB"]
    if "build" in report:
        b = report["build"]
        lines.append(f"- whole index (term index and full text): {b['seconds']:.1f} s "
                     f"({b['rate']:,.0f} concepts/s), {b['bytes'] / 1e6:.0f} MB")
    if "edit" in report:
        t = report["edit"]["timings_ms"]
        lines.append(f"- note edited → searchable (write service, commit, sync of both indexes, "
                     f"search): p50 {percentile(t, 50):.0f} ms, max {max(t):.0f} ms over "
                     f"{len(t)} edits")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        phase, work, *rest = sys.argv[1:]
        emit(run_phase(phase, Path(work), rest))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--per-kind", type=int, default=200,
                        help="term queries per kind (search_bench.py's; part of the cache key)")
    parser.add_argument("--text-per-kind", type=int, default=200, help="text queries per kind")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--work", default=os.environ.get("TMPDIR", "/tmp") + "/glossary-bench")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for the test suite")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.per_kind, args.text_per_kind, args.repeat, args.edits = \
            [300], 3, 3, 1, 2
        search_bench.INLINE = True
    reports = [measure(size, args) for size in args.sizes]
    for report in reports:
        print(table(report) + "\n")
    if args.out:
        Path(args.out).write_text(json.dumps(reports, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
