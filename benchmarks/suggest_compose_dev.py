"""Leave-one-out measure of the composition suggester on the shipped termbase.

    python benchmarks/suggest_compose_dev.py [development|test] [--show] [--big N]

A concept is *composite* (rule fixed before any run) when it is not a name (kind not person,
place, state) and its zh-Hans head term holds, as a proper part of at least two characters,
a zh-Hans term of another concept. Each composite concept of the chosen half is hidden
(`Query.exclude`), its head term suggested from the rest, and the top suggestions compared
with its preferred and admitted terms by `same_rendering`. Rules are tuned on the
development half only; the test half is run once, to report.

--big N adds copies of the shipped concepts under new keys until the Knowledge has about N
concepts, to time a query against a large termbase.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from glossary.suggest import CONFIDENT, NoMaterial, Query, compose, russian, same_rendering
from glossary.suggest.knowledge import Entry, Knowledge, Rendering, half

NAME_KINDS = ("person", "place", "state")


def composite(entry: Entry, knowledge: Knowledge) -> bool:
    if entry.kind in NAME_KINDS or not entry.zh:
        return False
    head = entry.zh[0]
    return any(len(t) >= 2 and t != head and t in head and knowledge.knows(t, exclude=entry.key)
               for t in knowledge.chinese_terms())


def gold(entry: Entry, lang: str) -> set[str]:
    return {same_rendering(r.text) for r in (entry.ru if lang == "ru" else entry.en)
            if r.status in ("preferred", "admitted")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("half", nargs="?", default="development")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--big", type=int, default=0)
    args = parser.parse_args()
    knowledge = Knowledge.from_data(Path("data"))
    concepts = [e for e in knowledge if half(e.key) == args.half and composite(e, knowledge)]
    if args.big:
        # distinct concepts: each copy's terms carry a mark of their own, so the index has
        # ~N different Chinese terms to read, not N repeats
        shipped = list(knowledge)
        copy = 0
        while len(knowledge) < args.big:
            copy += 1
            mark = "".join(chr(ord("a") + int(d)) for d in str(copy))
            for e in shipped:
                knowledge.add(Entry(
                    f"{e.key}-copy{copy}", e.kind, [z + mark for z in e.zh],
                    [Rendering(f"{r.text} {mark}", r.status, r.type, r.gender, r.pos)
                     for r in e.ru],
                    [Rendering(f"{r.text} {mark}", r.status, r.type) for r in e.en]))
    # the analyser loads once per process (glossary.analysis); not a cost of a query
    russian.lemmas("заседание")
    started = time.perf_counter()
    compose.prepare(knowledge)
    built = time.perf_counter() - started
    stats = {lang: dict(n=0, top1=0, top3=0, covered=0, confident=0, confident_right=0)
             for lang in ("ru", "en")}
    times = []
    for entry in concepts:
        query = Query(entry.zh[0], kind=entry.kind, exclude=entry.key)
        started = time.perf_counter()
        found = list(compose.suggest(query, knowledge, NoMaterial()))
        times.append(time.perf_counter() - started)
        for lang in ("ru", "en"):
            right = gold(entry, lang)
            if not right:
                continue
            got = [s for s in found if s.lang == lang]
            s = stats[lang]
            s["n"] += 1
            keys = [same_rendering(g.text) for g in got]
            if got:
                s["covered"] += 1
                s["top1"] += keys[0] in right
                s["top3"] += any(k in right for k in keys[:3])
                if got[0].score >= CONFIDENT:
                    s["confident"] += 1
                    s["confident_right"] += keys[0] in right
            if args.show:
                mark = "=" if keys[:1] and keys[0] in right else ("3" if any(
                    k in right for k in keys[:3]) else "x")
                print(f"{mark} {lang} {entry.key} {entry.zh[0]}")
                print(f"     gold: {sorted(right)[:2]}")
                for g in got[:3]:
                    print(f"     {g.score:.2f} {g.text}   [{g.evidence[-1]['rule']}]")
    print(f"{args.half}: {len(concepts)} composite concepts; index built in {built:.2f}s "
          f"over {len(knowledge)} concepts")
    for lang, s in stats.items():
        n = s["n"] or 1
        conf = s["confident"] or 1
        covered = s["covered"] or 1
        print(f"{lang}: n={s['n']} top1={s['top1'] / n:.2f} top3={s['top3'] / n:.2f} "
              f"coverage={s['covered'] / n:.2f} confident={s['confident']} "
              f"precision(confident top1)={s['confident_right'] / conf:.2f}; "
              f"where it suggests: top1={s['top1'] / covered:.2f} "
              f"top3={s['top3'] / covered:.2f}")
    times.sort()
    print(f"time per term: median {times[len(times) // 2] * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
          f"(first queries learn templates)")


if __name__ == "__main__":
    main()
