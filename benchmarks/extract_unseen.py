"""Extraction on the unseen evaluation set (benchmarks/gold/unseen/README.md): recall, the
share of candidates outside the gold list, kind accuracy, and jieba TF-IDF and TextRank at
the same number of candidates, per text and pooled, for one half at a time.

    .venv/bin/python benchmarks/extract_unseen.py --half development [--misses]
    .venv/bin/python benchmarks/extract_unseen.py --half test     # only to report

The published texts are not in the repository: they are read from $GLOSSARY_EVAL_TEXTS
(default /work/eval-texts), each checked against the sha256 in its gold list's header; a
missing or different text is skipped and said so. The extractor runs without a termbase
(known=None), as in extract_quality.py. `--misses` lists, per text, the gold entries not
found and the candidates outside the gold list (the junk judgement of the README is made by
reading that list; the script does not judge).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from extract_quality import evaluate, key, read_gold  # noqa: E402

from glossary.chinese import fold_script  # noqa: E402
from glossary.extract import extract  # noqa: E402

GOLD = HERE / "gold" / "unseen"
TEXTS = Path(os.environ.get("GLOSSARY_EVAL_TEXTS", "/work/eval-texts"))


def header(path: Path) -> dict[str, str]:
    """`sha256` and `half` from a gold list's comment header."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if m := re.search(r"sha256 of the text file: ([0-9a-f]{64})", line):
            found["sha256"] = m.group(1)
        if m := re.search(r"half: ([a-z-]+)", line):
            found["half"] = m.group(1)
    return found


def kind_accuracy(found: list[dict], gold: list[tuple[str, str, set[str]]],
                  kinds: tuple[str, ...] | None) -> tuple[int, int]:
    """(right, counted): candidates matching a gold entry of those kinds (None: any kind;
    a gold abbreviation accepts any kind), whose kind agrees."""
    by_key = {k: g[1] for g in gold for k in g[2]}
    right = counted = 0
    for c in found:
        gold_kind = by_key.get(key(c["term"]))
        if gold_kind is None or (kinds is not None and gold_kind not in kinds):
            continue
        counted += 1
        right += gold_kind == "abbreviation" or c["kind"] == gold_kind
    return right, counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("development", "test"), required=True)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    pooled: dict[str, list[float]] = {}
    persons_places = [0, 0]
    every_kind = [0, 0]
    print(f"{'text':34} {'method':9} {'gold':>4} {'cands':>5} {'in gold':>7} {'recall':>6}")
    for gold_path in sorted(GOLD.glob("*.tsv")):
        info = header(gold_path)
        if info.get("half") != args.half:
            continue
        name = gold_path.stem
        text_path = TEXTS / f"{name}.zh.txt"
        if not text_path.exists():
            print(f"{name:34} skipped: {text_path} is missing (README: getting the texts back)")
            continue
        raw = text_path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != info.get("sha256"):
            print(f"{name:34} skipped: {text_path} is not the text the gold list was made for")
            continue
        text = raw.decode("utf-8")
        gold = read_gold(f"unseen/{name}")
        found = extract(text)
        ours = [c["term"] for c in found]
        folded = fold_script(text)
        for method, terms in (("extract", ours),
                              ("tfidf", jieba.analyse.extract_tags(folded, topK=len(ours))),
                              ("textrank", jieba.analyse.textrank(folded, topK=len(ours)))):
            m = evaluate(terms, gold)
            print(f"{name:34} {method:9} {len(gold):4} {m['n']:5} {m['precision']:7.3f} "
                  f"{m['recall']:6.3f}")
            sums = pooled.setdefault(method, [0, 0, 0, 0])
            sums[0] += len(gold)
            sums[1] += m["recall"] * len(gold)
            sums[2] += m["n"]
            sums[3] += m["precision"] * m["n"]
        for total, kinds in ((persons_places, ("person", "place")), (every_kind, None)):
            right, counted = kind_accuracy(found, gold, kinds)
            total[0] += right
            total[1] += counted
        if args.misses:
            every = set().union(*(g[2] for g in gold))
            keys = {key(t) for t in ours}
            print("  missed:", " ".join(g[0] for g in gold if not g[2] & keys))
            print("  outside the gold list:", " ".join(
                f"{c['term']}/{c['kind']}" for c in found if key(c["term"]) not in every))
    print()
    for method, (n_gold, hits, n_cands, right) in pooled.items():
        print(f"pooled {method:9} recall {hits / n_gold:.3f} ({hits:.0f}/{n_gold}), "
              f"in gold {right / n_cands:.3f} of {n_cands} candidates")
    if persons_places[1]:
        print(f"kind right: persons and places {persons_places[0]}/{persons_places[1]} "
              f"({persons_places[0] / persons_places[1]:.3f}); all matched "
              f"{every_kind[0]}/{every_kind[1]} ({every_kind[0] / every_kind[1]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
