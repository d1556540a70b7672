"""Leave-one-out measure of the names suggester over the shipped termbase.

For every person, place and state of one half of the termbase (glossary.suggest.knowledge.half):
hide the concept, ask the names suggester for its head Chinese term (with the concept's kind),
and compare the top suggestion with the concept's preferred and admitted terms (proposed ones
when it has neither) after same_rendering. Chinese names (a zh-Hans term marked `palladius`)
and foreign ones are counted apart, Russian and English apart:

- top-1: the top suggestion is right (share of all concepts of the group);
- coverage: share with a confident top suggestion (score >= CONFIDENT);
- precision: share of the confident top suggestions that are right.

Usage, from the checkout (PYTHONPATH=. so that this tree is imported, not an installed one):
    PYTHONPATH=. .venv/bin/python benchmarks/suggest_names_dev.py [development|test] [--misses]
Rules are tuned on the development half only; the test half is run once, to report.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from glossary.datafiles import read_termbase
from glossary.suggest import CONFIDENT, Query, same_rendering, suggest
from glossary.suggest.knowledge import Knowledge, half

KINDS = ("person", "place", "state")


def targets(concept, lang: str) -> set[str]:
    terms = [t for t in concept.terms if t.lang == lang]
    curated = [t.text for t in terms if t.status in ("preferred", "admitted")]
    return {same_rendering(t) for t in curated or [t.text for t in terms
                                                    if t.status == "proposed"]}


def main(argv: list[str]) -> None:
    which = argv[0] if argv and not argv[0].startswith("-") else "development"
    show_misses = "--misses" in argv
    data = Path(__file__).resolve().parent.parent / "data"
    termbase = read_termbase(data)
    knowledge = Knowledge.from_data(data)
    for warm in (Query("习近平", "person"), Query("王毅"), Query("谢尔盖·绍伊古", "person"),
                 Query("义乌市", "place")):
        suggest(warm, knowledge, only=("names",))  # load pypinyin, jieba, the learned parts
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    times: list[float] = []
    for concept in termbase.concepts:
        if concept.kind not in KINDS or half(concept.key) != which:
            continue
        zh = [t for t in concept.terms if t.lang == "zh-Hans"]
        if not zh:
            continue
        group = "chinese" if any(t.palladius for t in zh) else "foreign"
        started = time.perf_counter()
        found = suggest(Query(zh[0].text, concept.kind, exclude=concept.key), knowledge,
                        only=("names",))
        times.append(time.perf_counter() - started)
        for lang in ("ru", "en"):
            wanted = targets(concept, lang)
            if not wanted:
                continue
            c = counts[(group, lang)]
            c["n"] += 1
            top = found[lang][0] if found[lang] else None
            right = top is not None and same_rendering(top.text) in wanted
            c["right"] += right
            if top is not None and top.score >= CONFIDENT:
                c["confident"] += 1
                c["confident_right"] += right
            if show_misses and top is not None and not right:
                print(f"  miss {group} {lang} {concept.key} {zh[0].text}: {top.text} "
                      f"({top.score:.2f}) not in {sorted(wanted)}")
    print(f"{which} half, leave-one-out, names suggester (CONFIDENT = {CONFIDENT})")
    print(f"{'group':8} {'lang':4} {'n':>4} {'top-1':>6} {'coverage':>8} {'precision':>9}")
    for (group, lang), c in sorted(counts.items()):
        precision = f"{c['confident_right'] / c['confident']:.2f}" if c["confident"] else "-"
        print(f"{group:8} {lang:4} {c['n']:4} {c['right'] / c['n']:6.2f} "
              f"{c['confident'] / c['n']:8.2f} {precision:>9}")
    confident = sum(c["confident"] for c in counts.values())
    right = sum(c["confident_right"] for c in counts.values())
    print(f"all confident top suggestions: {right}/{confident} right")
    times.sort()
    print(f"time per term: median {times[len(times) // 2] * 1000:.2f} ms, "
          f"max {times[-1] * 1000:.2f} ms over {len(times)} terms")


if __name__ == "__main__":
    main(sys.argv[1:])
