"""Annotate speed: 100 KB texts against the shipped termbase plus 100,000 synthetic concepts.

    .venv/bin/python benchmarks/annotate_bench.py [--synthetic 100000] [--rounds 5]

The termbase is built once (benchmarks/api_termbase.py). Four texts of 100 KB of UTF-8 each,
made of sentences that use the termbase's terms the way documents do: Chinese (the shipped
communique and sentences naming terms, some in traditional script), Russian (terms in the
genitive and instrumental), English (plurals, possessives, lower case) and a mix of the three.
A text talks about --vocabulary concepts (Zipf-distributed, as a document repeats its terms);
--vocabulary 0 draws every mention from all concepts, the worst case.
For each text: the first call (word keys not yet cached) and the median of --rounds more,
each timed end to end through `services.annotate.annotate` (matching and the concept shapes
of every concept found). Target: at most 0.3 s per 100 KB. The matcher's build (once per
change-log position) is reported apart.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

SIZE = 100 * 1024
TARGET_SECONDS = 0.3
COMMUNIQUE = HERE.parent / "data" / "documents" / "sco-astana-2017-press-communique.zh.txt"


def _fill(make_sentence, rng: random.Random) -> str:
    parts, size = [], 0
    while size < SIZE:
        sentence = make_sentence(rng)
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
    text = "".join(parts)
    while len(text.encode("utf-8")) > SIZE:
        text = text[:-100]
    return text


def make_texts(seed: int, synthetic: int, vocabulary: int | None) -> dict[str, str]:
    """The four texts, from the synthetic concepts (same seed as the termbase) and the
    shipped communique.

    :param vocabulary: how many concepts one text talks about, drawn by a Zipf law as in a
        real document (the same few terms again and again); None: every mention draws from
        all concepts (the worst case: thousands of different concepts in 100 KB).
    """
    import search_synth

    from glossary import chinese

    concepts = search_synth.generate(min(synthetic, 20_000), 5)
    rng = random.Random(seed)
    zh = [t.text for c in concepts for t in c.terms if t.lang == "zh-Hans"]
    en = [t.text for c in concepts for t in c.terms if t.lang == "en"]
    ru = [c.ru_phrase for c in concepts if c.ru_phrase]
    communique = [p for p in COMMUNIQUE.read_text(encoding="utf-8").split("\n") if p.strip()]
    draw = _drawer(rng, vocabulary)

    def zh_sentence(r):
        if r.random() < 0.3:
            return r.choice(communique) + "\n"
        first, second = draw(zh), draw(zh)
        if r.random() < 0.25:
            first = chinese.to_traditional(first)
        return f"会议期间，{first}代表与{second}负责人举行会谈，双方表示愿意加强合作。"

    def ru_sentence(r):
        a, b = draw(ru), draw(ru)
        return (f"Представители {search_synth.russian_phrase(*a, case='gent')} обсудили "
                f"сотрудничество с {search_synth.russian_phrase(*b, case='ablt')}. ")

    def en_sentence(r):
        first, second = draw(en), draw(en)
        if r.random() < 0.3:
            first = first.lower()
        return (f"The {first}'s delegation met two {second}s in Tashkent, and both sides "
                "agreed to deepen practical cooperation. ")

    def mixed_sentence(r):
        return r.choice((zh_sentence, ru_sentence, en_sentence))(r)

    return {name: _fill(make, rng) for name, make in (
        ("zh", zh_sentence), ("ru", ru_sentence), ("en", en_sentence), ("mixed", mixed_sentence))}


def _drawer(rng: random.Random, vocabulary: int | None):
    """A function picking an item of a list: Zipf-weighted among the first `vocabulary`
    items of a shuffled order, or uniformly among all."""
    orders: dict[int, list[int]] = {}

    def draw(items: list):
        if vocabulary is None:
            return rng.choice(items)
        order = orders.setdefault(id(items), rng.sample(range(len(items)), vocabulary))
        rank = min(int(rng.paretovariate(1.0)) - 1, vocabulary - 1)
        return items[order[rank]]

    return draw


def measure(instance: Path, texts: dict[str, str], rounds: int) -> dict:
    from api_termbase import app_for

    from glossary import db
    from glossary.services.annotate import annotate

    app = app_for(instance)
    report: dict = {"texts": {}}
    with app.app_context():
        session = db.session()
        started = time.perf_counter()
        annotate(session, "上合组织")
        report["build_seconds"] = time.perf_counter() - started
        for name, text in texts.items():
            started = time.perf_counter()
            result = annotate(session, text)
            first = time.perf_counter() - started
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                annotate(session, text)
                times.append(time.perf_counter() - started)
            report["texts"][name] = {
                "bytes": len(text.encode("utf-8")), "first": first,
                "median": statistics.median(times), "max": max(times),
                "marks": len(result["marks"]), "concepts": len(result["concepts"])}
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def table(report: dict, synthetic: int, vocabulary: int | None) -> str:
    texts = (f"each text about {vocabulary} concepts, Zipf-distributed" if vocabulary else
             "every mention drawn from all concepts (worst case)")
    lines = [f"Annotate, shipped termbase + {synthetic:,} synthetic concepts; {texts} "
             f"(matcher built in {report['build_seconds']:.1f} s; peak RSS "
             f"{report['peak_rss_mb']:.0f} MB)", "",
             "| text (100 KB) | first call | median | max | marks | concepts | ≤ 0.3 s |",
             "|---|---|---|---|---|---|---|"]
    for name, row in report["texts"].items():
        ok = "yes" if max(row["first"], row["median"]) <= TARGET_SECONDS else "NO"
        lines.append(f"| {name} | {row['first']:.3f} s | {row['median']:.3f} s | "
                     f"{row['max']:.3f} s | {row['marks']:,} | {row['concepts']:,} | {ok} |")
    return "\n".join(lines)


def main() -> None:
    import api_termbase

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--vocabulary", type=int, default=300,
                        help="Concepts one text talks about (0: all, the worst case).")
    parser.add_argument("--work", type=Path, default=api_termbase.DEFAULT_WORK)
    args = parser.parse_args()
    instance = api_termbase.build(args.work, args.synthetic)
    vocabulary = args.vocabulary or None
    texts = make_texts(args.seed, args.synthetic, vocabulary)
    print(table(measure(instance, texts, args.rounds), args.synthetic, vocabulary))


if __name__ == "__main__":
    main()
