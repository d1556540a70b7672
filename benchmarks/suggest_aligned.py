"""Suggestions from bilingual material, on the self-written parallel set
(benchmarks/gold/parallel/README.md), through the real import path.

Every text of one half is imported as a Chinese document with its Russian translation and
again with its English one (`services.bitexts.import_parallel`: decoding, sentence splitting,
alignment, storage) into a fresh database holding the shipped termbase. Then each gold term
is asked for with its own concept, if the termbase has it, left out (leave-one-out), and the
top suggestion is compared with the gold rendering after `same_rendering`. Reported per
language, for terms whose Chinese is in at least two sentences (`count_zh` >= 2, the issue's
target) and for the rest: top-1; how many top suggestions were confident and how many of
those right. Twice: the aligned suggester alone, and every suggester together (what the
review page shows).

    .venv/bin/python benchmarks/suggest_aligned.py --half development [--misses]
    .venv/bin/python benchmarks/suggest_aligned.py --half test         # only to report
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from glossary import create_app, db  # noqa: E402
from glossary.cli import initialise  # noqa: E402
from glossary.services import bitexts, term_knowledge  # noqa: E402
from glossary.suggest import CONFIDENT, Query, same_rendering, suggest  # noqa: E402

GOLD = HERE / "gold" / "parallel"


def read_gold(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("development", "test"), required=True)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    folder = GOLD / args.half
    names = sorted(p.name[:-len(".zh.txt")] for p in folder.glob("*.zh.txt"))

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "DATABASE_URL": f"sqlite:///{tmp}/b.sqlite",
                          "SECRET_KEY": "bench", "JOBS": "off"})
        with app.app_context():
            initialise()
            session = db.session()
            t0 = time.perf_counter()
            for name in names:
                zh = (folder / f"{name}.zh.txt").read_bytes()
                for lang in ("ru", "en"):
                    bitexts.import_parallel(
                        session, zh, (folder / f"{name}.{lang}.txt").read_bytes(),
                        zh_name=f"{name}.zh.txt", target_name=f"{name}.{lang}.txt",
                        lang=lang)
                    session.commit()
            print(f"# {args.half}: {len(names)} texts imported with their ru and en "
                  f"translations in {time.perf_counter() - t0:.1f} s")
            knowledge = term_knowledge.knowledge(session)
            material = bitexts.BitextMaterial(session)
            for label, only in (("aligned suggester alone", ("aligned",)),
                                ("every suggester", ("names", "compose", "aligned"))):
                report(label, only, names, folder, knowledge, material, args.misses)


def report(label, only, names, folder, knowledge, material, show_misses: bool) -> None:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    times: list[float] = []
    for name in names:
        for row in read_gold(folder / f"{name}.gold.tsv"):
            term = row["zh"]
            known = knowledge.lookup(term)
            exclude = known[0].key if known else None
            t0 = time.perf_counter()
            found = suggest(Query(term, None, exclude), knowledge, material, limit=3,
                            only=only)
            times.append(time.perf_counter() - t0)
            group = "≥2" if int(row["count_zh"] or 0) >= 2 else "1"
            for lang in ("ru", "en"):
                want = same_rendering(row[lang])
                got = found[lang]
                c = counts[(group, lang)]
                c["n"] += 1
                right = bool(got) and same_rendering(got[0].text) == want
                c["top1"] += right
                if got and got[0].score >= CONFIDENT:
                    c["given"] += 1
                    c["given_right"] += right
                if not right:
                    mark = "WRONG" if got and got[0].score >= CONFIDENT else "miss"
                    misses.append(f"{mark}\t{group}\t{lang}\t{term}\t"
                                  f"{got[0].text if got else '-'}\twant {row[lang]}")
    print(f"\n## {label}\n")
    print("| occurs | lang | n | top-1 | confident | right when confident |")
    print("|---|---|---|---|---|---|")
    for group in ("≥2", "1"):
        for lang in ("ru", "en"):
            c = counts[(group, lang)]
            if not c["n"]:
                continue
            print(f"| {group} | {lang} | {c['n']} | {c['top1'] / c['n']:.3f} | {c['given']} | "
                  + (f"{c['given_right'] / c['given']:.3f} |" if c["given"] else "– |"))
    times.sort()
    print(f"\nTime per term: median {times[len(times) // 2] * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms")
    if show_misses:
        print("\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
