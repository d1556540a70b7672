"""Suggestions measured leave-one-out over the shipped termbase (benchmarks/SUGGEST.md).

For each concept of one half (glossary.suggest.knowledge.half): hide it (`exclude`), ask for
suggestions for its Chinese head term with its kind, and compare them with its curated
preferred and admitted Russian and English terms after `same_rendering`. Reported per class
(the rule is in SUGGEST.md and in `classify` below), Russian and English apart:

- top-1 / top-3: the right rendering first / among the first three, over every concept;
- given: the share with a confident top suggestion (score >= CONFIDENT);
- right when given: the share of confident top suggestions that are right;
- time per term (both languages, every suggester), mean and p95.

    .venv/bin/python benchmarks/suggest_loo.py --half development [--misses]
    .venv/bin/python benchmarks/suggest_loo.py --half test          # only to report
    .venv/bin/python benchmarks/suggest_loo.py --half test --scale 100000   # time at 100k

`--scale N` times the same queries against a Knowledge grown to N concepts with copies of
the shipped ones under other keys and other Chinese (each copy's terms get a distinct suffix),
so lookups run in tables of that size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from glossary.chinese import is_han  # noqa: E402
from glossary.datafiles import read_termbase  # noqa: E402
from glossary.suggest import CONFIDENT, Query, same_rendering, suggest  # noqa: E402
from glossary.suggest.knowledge import Entry, Knowledge, half  # noqa: E402
from glossary.suggest.pieces import pieces  # noqa: E402

CLASSES = ("chinese-name", "foreign-name", "composite", "other")
#: The composite class split in two (a split added after the first runs, when the composite
#: numbers showed that most composites have a part no concept holds; see SUGGEST.md).
COMPOSITE_SPLIT = ("composite, every part known", "composite, a part unknown")
NAME_KINDS = ("person", "place", "state")


def classify(entry: Entry, chinese_name: bool, knowledge: Knowledge) -> str:
    """The class of a concept, by a rule fixed before any suggester ran:

    - chinese-name: a person or place whose Chinese head term the termbase marks for the
      Palladius transcription (a curator's mark that it is a Chinese name);
    - foreign-name: any other person, place or state;
    - composite: another kind whose Chinese head term contains, as a proper part of two or
      more characters, a zh-Hans term of another concept;
    - other: the rest.

    The composite class is also reported in two parts (`every_part_known`).
    """
    if entry.kind in ("person", "place") and chinese_name:
        return "chinese-name"
    if entry.kind in NAME_KINDS:
        return "foreign-name"
    head = entry.zh[0]
    for i in range(len(head)):
        for j in range(i + 2, len(head) + 1):
            if (j - i) < len(head) and knowledge.knows(head[i:j], exclude=entry.key):
                return "composite"
    return "other"


def every_part_known(entry: Entry, knowledge: Knowledge) -> bool:
    """Whether the Chinese head term is made entirely of two or more parts: other concepts'
    zh-Hans terms (two characters or more), ordinals, years and numbers; punctuation and
    brackets between them do not count."""
    head = entry.zh[0]
    n = len(head)
    spans: dict[int, list[int]] = defaultdict(list)
    for p in pieces(head):
        spans[p.start].append(p.end)
    for i in range(n):
        for j in range(i + 2, min(n, i + 40) + 1):
            if j - i < n and knowledge.knows(head[i:j], exclude=entry.key):
                spans[i].append(j)
    fewest: list[int | None] = [0] + [None] * n  # fewest parts covering head[:i]
    for i in range(n):
        here = fewest[i]
        if here is None:
            continue
        if not is_han(head[i]) and not head[i].isalnum():
            step = fewest[i + 1]
            fewest[i + 1] = here if step is None else min(step, here)
        for j in spans[i]:
            step = fewest[j]
            fewest[j] = here + 1 if step is None else min(step, here + 1)
    return fewest[n] is not None and fewest[n] >= 2


def gold(entry: Entry, lang: str) -> set[str]:
    return {same_rendering(r.text) for r in (entry.ru if lang == "ru" else entry.en)
            if r.status in ("preferred", "admitted")}


def grown(knowledge: Knowledge, size: int) -> Knowledge:
    """`knowledge` with copies of its concepts added until it has `size`."""
    entries = list(knowledge)
    bigger = Knowledge(entries)
    suffixes = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    n = 0
    while len(bigger) < size:
        for e in entries:
            if len(bigger) >= size:
                break
            tag = suffixes[n % 22] + suffixes[(n // 22) % 22] + suffixes[(n // 484) % 22]
            bigger.add(Entry(f"{e.key}-copy{n}", e.kind, [z + tag for z in e.zh],
                             list(e.ru), list(e.en)))
            n += 1
    return bigger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("development", "test"), required=True)
    parser.add_argument("--data", type=Path, default=HERE.parent / "data")
    parser.add_argument("--misses", action="store_true",
                        help="List every concept whose confident top suggestion is wrong, "
                             "and every one with no right suggestion in the top 3.")
    parser.add_argument("--scale", type=int, default=0,
                        help="Time the queries against a Knowledge of this many concepts.")
    args = parser.parse_args()

    termbase = read_termbase(args.data)
    marked = {c.key for c in termbase.concepts
              if any(t.lang == "zh-Hans" and t.palladius for t in c.terms)}
    knowledge = Knowledge.from_rows(
        (c.key, c.kind, t.lang, t.text, t.status, t.type, t.gender, t.pos)
        for c in termbase.concepts for t in c.terms)
    chosen = [e for e in knowledge if half(e.key) == args.half and e.zh]
    classes = {e.key: classify(e, e.key in marked, knowledge) for e in chosen}
    split = {e.key: COMPOSITE_SPLIT[0 if every_part_known(e, knowledge) else 1]
             for e in chosen if classes[e.key] == "composite"}
    asked = knowledge if not args.scale else grown(knowledge, args.scale)

    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    times: list[float] = []
    misses: list[str] = []
    suggest(Query("上海合作组织"), asked)  # load what the suggesters load once
    for entry in chosen:
        t0 = time.perf_counter()
        found = suggest(Query(entry.zh[0], entry.kind, entry.key), asked, limit=3)
        times.append(time.perf_counter() - t0)
        for lang in ("ru", "en"):
            right = gold(entry, lang)
            if not right:
                continue
            got = found[lang]
            rows = [counts[(classes[entry.key], lang)]]
            if entry.key in split:
                rows.append(counts[(split[entry.key], lang)])
            keys = [same_rendering(s.text) for s in got]
            for row in rows:
                row["n"] += 1
                row["top1"] += bool(keys[:1]) and keys[0] in right
                row["top3"] += any(k in right for k in keys[:3])
                if got and got[0].score >= CONFIDENT:
                    row["given"] += 1
                    row["given_right"] += keys[0] in right
            if got and got[0].score >= CONFIDENT:
                if keys[0] not in right:
                    misses.append(f"WRONG\t{classes[entry.key]}\t{lang}\t{entry.key}\t"
                                  f"{entry.zh[0]}\t{got[0].text} ({got[0].method})\t"
                                  f"want {sorted(right)[0]}")
            elif not any(k in right for k in keys[:3]) and got:
                misses.append(f"MISS\t{classes[entry.key]}\t{lang}\t{entry.key}\t"
                              f"{entry.zh[0]}\t{got[0].text}?\twant {sorted(right)[0]}")

    print(f"# Leave-one-out, {args.half} half: {len(chosen)} concepts; Knowledge of "
          f"{len(asked)} concepts")
    print("| class | lang | n | top-1 | top-3 | given | right when given |")
    print("|---|---|---|---|---|---|---|")
    total: dict[str, int] = defaultdict(int)
    for cls in (*CLASSES, *COMPOSITE_SPLIT):
        for lang in ("ru", "en"):
            row = counts.get((cls, lang))
            if not row:
                continue
            n = row["n"]
            if cls in CLASSES:
                for k, v in row.items():
                    total[k] += v
            print(f"| {cls} | {lang} | {n} | {row['top1'] / n:.3f} | {row['top3'] / n:.3f} | "
                  f"{row['given'] / n:.3f} | "
                  + (f"{row['given_right'] / row['given']:.3f} |" if row["given"] else "– |"))
    n = total["n"]
    print(f"| all | both | {n} | {total['top1'] / n:.3f} | {total['top3'] / n:.3f} | "
          f"{total['given'] / n:.3f} | "
          + (f"{total['given_right'] / total['given']:.3f} |" if total["given"] else "– |"))
    times.sort()
    print(f"\nTime per term (ru and en, every suggester): mean "
          f"{statistics.mean(times) * 1000:.1f} ms, p95 "
          f"{times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
    if args.misses:
        print("\n" + "\n".join(sorted(misses)))


if __name__ == "__main__":
    main()
