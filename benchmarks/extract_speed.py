"""Extraction speed and peak memory, side by side with jieba's TF-IDF keyword extraction.

    .venv/bin/python benchmarks/extract_speed.py [--repeat 3] [--root DIR] [--before DIR]
                                                 [--only 1mb]

Each measurement runs in a fresh process pinned to one core (os.sched_setaffinity); the time
is the wall time of the call after the dictionaries are loaded (the one-time loading is shown
as "cold start"), "cpu" the processor time of the same call (what the call costs on one core
whatever else the machine runs), the memory the process's peak resident set size (ru_maxrss)
at the end. A process measuring the extractor imports only the extractor (not jieba.analyse,
whose import alone reads jieba's table of parts of speech), and the TF-IDF one only jieba.
Every measurement is made `--repeat` times, the methods taking turns, and the median is
shown (the peak: the largest); "x tfidf" is the extractor's median over TF-IDF's (wall/cpu),
same text, same run. `--root` names the directory whose `glossary` package is measured
(default: this checkout's), `--before` another one measured in turns with it, in the row
"before": before and after on the same texts in the same run.
The 1 MB text is made of the sentences of the shipped communique, the fixtures and the texts
written for issue 14 (tests/data/extract/own/: news, an interview, a speech, a declaration in
traditional script) in a seeded random order, until it holds 1,048,576 bytes of UTF-8; the
4 MB text is four times as much, for peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data/documents/sco-astana-2017-press-communique.zh.txt"
FIXTURE = ROOT / "tests/data/extract/declaration.zh.txt"
#: The other texts in the mix (not the held-out communique: it is not read while tuning).
FIXTURES = (ROOT / "tests/data/extract/news.zh-Hant.txt",
            *sorted((ROOT / "tests/data/extract/own").glob("*.zh.txt")))
MEGABYTE = 1024 * 1024


def one_megabyte(megabytes: int = 1) -> str:
    """About 1 MiB of SCO-style Chinese: real sentences, shuffled, repeated until full."""
    import re

    sentences = [s for path in (SHIPPED, FIXTURE, *FIXTURES)
                 for s in re.findall(r"[^。\n]+。?", path.read_text(encoding="utf-8"))
                 if len(s) > 5]
    rng = random.Random(2017)
    parts: list[str] = []
    size = 0
    while size < megabytes * MEGABYTE:
        paragraph = "".join(rng.sample(sentences, 5)) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "".join(parts).encode("utf-8")[:megabytes * MEGABYTE].decode("utf-8",
                                                                          errors="ignore")


def measure(method: str, corpus: str, runs: int) -> dict:
    """Run in this process: time `method` on `corpus` (after a warm-up)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    text = SHIPPED.read_text(encoding="utf-8") if corpus == "shipped" else \
        one_megabyte(4 if corpus == "4mb" else 1)
    start = time.perf_counter()
    if method == "extract":
        from glossary.extract import extract

        extract("上海合作组织成员国元首理事会会议在阿斯塔纳举行。")  # loads the dictionaries

        def run() -> object:
            return extract(text)
    else:
        import jieba
        import jieba.analyse

        jieba.setLogLevel(60)
        jieba.analyse.extract_tags("上海合作组织成员国元首理事会会议在阿斯塔纳举行。")

        def run() -> object:
            return jieba.analyse.extract_tags(text, topK=200)
    cold = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"cold": cold, "median": statistics.median(times), "cpu": statistics.median(cpu),
            "runs": runs,
            "chars": len(text), "bytes": len(text.encode("utf-8")),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2], sys.argv[3],
                                 5 if sys.argv[3] == "shipped" else 1)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the directory whose glossary package is measured")
    parser.add_argument("--before", type=Path,
                        help="another directory whose glossary package is measured in turns "
                             "with --root's (its extractor's row is 'before')")
    parser.add_argument("--only", choices=("shipped", "1mb", "4mb"), action="append")
    args = parser.parse_args()
    roots = {"extract": args.root, "tfidf": args.root}
    if args.before:
        roots = {"before": args.before, **roots}
    print(f"{'text':10} {'method':8} {'bytes':>9} {'cold s':>7} {'time s':>7} {'cpu s':>7} "
          f"{'peak MB':>8} {'x tfidf':>9}")
    for corpus in args.only or ("shipped", "1mb", "4mb"):
        found: dict[str, list[dict]] = {row: [] for row in roots}
        for _ in range(args.repeat):
            for row, root in roots.items():
                method = "tfidf" if row == "tfidf" else "extract"
                out = subprocess.run([sys.executable, __file__, "--one", method, corpus],
                                     capture_output=True, text=True, check=True,
                                     env={**os.environ, "PYTHONPATH": str(root)})
                found[row].append(json.loads(out.stdout))
        median = {row: {key: statistics.median(m[key] for m in runs)
                        for key in ("cold", "median", "cpu")}
                  for row, runs in found.items()}
        for row, runs in found.items():
            m = median[row]
            ratio = (f"{m['median'] / median['tfidf']['median']:.2f}/"
                     f"{m['cpu'] / median['tfidf']['cpu']:.2f}" if row != "tfidf" else "")
            print(f"{corpus:10} {row:8} {runs[0]['bytes']:9} {m['cold']:7.2f} "
                  f"{m['median']:7.3f} {m['cpu']:7.3f} {max(r['peak_mb'] for r in runs):8.0f} "
                  f"{ratio:>9}", flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
