"""Quality and speed of the sentence aligner and of the `aligned` suggester on parallel texts.

    .venv/bin/python benchmarks/aligned_quality.py [DIR] [--gold-beads] [--misses]

DIR (default tests/data/parallel, the development texts) holds `*.txt` files of beads (a
blank line between beads; `zh:`, `ru:` and `en:` lines, one sentence each) and `gold.tsv`
(zh term, accepted ru forms, accepted en forms; alternatives separated by `|`).

Alignment: the share of gold beads the aligner finds, with and without the shipped termbase.
Suggestions: every text of DIR is aligned (or, with --gold-beads, taken as written) and put
into one in-memory Material; each gold term is asked with its own concept left out of the
termbase (leave-one-out). Reported per language: top-1 for terms in at least two pairs and
for terms in one, how many top suggestions were confident and how many of those right, and
milliseconds per term. Then the time to align 2,000 × 2,000 sentences.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from glossary.bitext.align import align
from glossary.suggest import CONFIDENT, AlignedPair, PairList, Query, same_rendering
from glossary.suggest.aligned import prepare, suggest
from glossary.suggest.knowledge import Knowledge

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "en")


def read_beads(path: Path):
    zh: list[str] = []
    target: dict[str, list[str]] = {lang: [] for lang in LANGS}
    beads: dict[str, list] = {lang: [] for lang in LANGS}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.split(": ", 1) for line in block.strip().splitlines()]
        sents = [s for code, s in lines if code == "zh"]
        ids = tuple(range(len(zh), len(zh) + len(sents)))
        zh += sents
        for lang in LANGS:
            mine = [s for code, s in lines if code == lang]
            beads[lang].append((ids, tuple(range(len(target[lang]),
                                                   len(target[lang]) + len(mine)))))
            target[lang] += mine
    return zh, target, beads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", type=Path, default=ROOT / "tests/data/parallel")
    parser.add_argument("--gold-beads", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    knowledge = Knowledge.from_data(ROOT / "data")
    texts = {p.stem: read_beads(p) for p in sorted(args.dir.glob("*.txt"))}

    for label, known in (("lengths, numbers", None), ("and the termbase", knowledge)):
        right = total = 0
        for zh, target, beads in texts.values():
            for lang in LANGS:
                found = align(zh, target[lang], lang=lang, knowledge=known)
                right += len(set(found) & set(beads[lang]))
                total += len(beads[lang])
        print(f"alignment ({label}): {right}/{total} gold beads = {right / total:.3f}")

    pairs = []
    for name, (zh, target, beads) in texts.items():
        for lang in LANGS:
            chosen = beads[lang] if args.gold_beads else align(zh, target[lang], lang=lang,
                                                                knowledge=knowledge)
            pairs += [AlignedPair("".join(zh[i] for i in a), " ".join(target[lang][j] for j in b),
                                  lang, name, k) for k, (a, b) in enumerate(chosen) if a and b]
    material = PairList(pairs)
    prepare(knowledge)  # as the service does when it builds the Knowledge
    stats: dict[tuple[str, str], list[int]] = {}
    times = []
    for line in (args.dir / "gold.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        term, *accepted = line.split("\t")
        concepts = knowledge.lookup(term)
        query = Query(term, exclude=concepts[0].key if concepts else None)
        start = time.perf_counter()
        found = list(suggest(query, knowledge, material))
        times.append(time.perf_counter() - start)
        for lang, forms in zip(LANGS, accepted, strict=True):
            seen = len(material.pairs_with(term, lang))
            best = next((s for s in found if s.lang == lang), None)
            ok = best is not None and same_rendering(best.text) in {
                same_rendering(f) for f in forms.split("|")}
            confident = best is not None and best.score >= CONFIDENT
            row = stats.setdefault((lang, "≥2" if seen >= 2 else "1"), [0, 0, 0, 0])
            row[0] += 1
            row[1] += ok
            row[2] += confident
            row[3] += confident and ok
            if args.misses and not ok:
                print(f"  miss {lang} {term} ({seen} pairs): "
                      f"{best.text if best else '—'} ≠ {forms}")
    for (lang, seen), (n, ok, confident, right) in sorted(stats.items()):
        print(f"{lang}, term in {seen} pairs: top-1 {ok}/{n}; confident {confident}, "
              f"right {right}")
    times.sort()
    print(f"suggest: median {1000 * times[len(times) // 2]:.1f} ms per term, "
          f"slowest {1000 * times[-1]:.1f} ms")

    zh_all: list[str] = []
    ru_all: list[str] = []
    while len(zh_all) < 2000:
        for zh, target, _ in texts.values():
            zh_all += zh
            ru_all += target["ru"]
    # Whole copies of the texts: cutting both sides at 2,000 would leave the end of one
    # side untranslated (the band then widens; see glossary.bitext.align).
    start = time.perf_counter()
    align(zh_all, ru_all, lang="ru", knowledge=knowledge)
    print(f"align {len(zh_all):,} × {len(ru_all):,} sentences with the termbase: "
          f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
