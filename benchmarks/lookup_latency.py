"""The translator's lookup at 100k concepts: results on screen after a keystroke, in Chromium,
and the server time of a concept page (issue 18's targets).

    .venv/bin/python benchmarks/lookup_latency.py [--synthetic 100000] [--queries 40]

The termbase is the shipped one plus synthetic concepts (benchmarks/api_termbase.py, built
once and reused). `glossary serve` runs it on a free loopback port; Debian's Chromium
(Playwright) opens the search page at 1280×900 and types queries as a translator does —
Latin and Cyrillic letter by letter, Chinese in IME commits of one or two characters — and
after each keystroke waits for that query's results. The time is taken in the page, from the
`input` event to the first animation frame after the results were put into the page (the
next frame is when they are painted). Queries: every kind of benchmarks/search_synth.py
(Chinese fragments and full terms, pinyin, initials, Russian case forms, English, typos).

The concept page is timed in the server process (Flask's test client, no network): a page
of a random concept, shipped and synthetic, p50 and p95; beside it the same concept's JSON
(`/api/v1/concepts/KEY`) in the same run, as the plain alternative.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CHROMIUM = os.environ.get("GLOSSARY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Installed in the page: the time from each `input` event to the frame after the results of
#: that very query replaced the old ones (app.js sets the title last, after the swap).
PROBE = """
() => {
  window.__latencies = [];
  const input = document.querySelector('form[data-live-search] input[name=q]');
  input.addEventListener('input', () => {
    window.__t0 = performance.now(); window.__q = input.value.trim();
  }, true);
  const title = document.querySelector('title');
  new MutationObserver(() => {
    const q = window.__q, t0 = window.__t0;
    if (q && document.title.startsWith(q + ' · ')) {
      requestAnimationFrame(() => window.__latencies.push([q, performance.now() - t0]));
    }
  }).observe(title, {childList: true, subtree: true, characterData: true});
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def keystrokes(query: str) -> list[str]:
    """What one keystroke adds: a letter, or one IME commit of one or two characters; a
    space goes with the letter after it (a trailing space does not change the query)."""
    strokes: list[str] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if "\u4e00" <= ch <= "\u9fff":
            size = 2 if i + 1 < len(query) and "\u4e00" <= query[i + 1] <= "\u9fff" else 1
            strokes.append(query[i:i + size])
            i += size
        elif ch == " " and i + 1 < len(query):
            strokes.append(query[i:i + 2])
            i += 2
        else:
            strokes.append(ch)
            i += 1
    return strokes


def typing_latencies(base: str, queries: list[str]) -> tuple[list[float], int]:
    """Per keystroke, ms from the input event to the results painted; and the timeouts."""
    from playwright.sync_api import sync_playwright

    latencies: list[float] = []
    timeouts = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.goto(f"{base}/search")
        page.evaluate(PROBE)
        box = page.locator("form[data-live-search] input[name=q]")
        for query in queries:
            box.fill("")
            page.wait_for_timeout(250)
            typed = ""
            for stroke in keystrokes(query):
                typed += stroke
                before = page.evaluate("window.__latencies.length")
                box.focus()
                if len(stroke) == 1 and not ("\u4e00" <= stroke <= "\u9fff"):
                    page.keyboard.type(stroke)
                else:
                    page.keyboard.insert_text(stroke)
                try:
                    # A function, not a string: the page's CSP forbids eval.
                    page.wait_for_function("(n) => window.__latencies.length > n",
                                           arg=before, timeout=5000)
                except Exception:  # a keystroke whose results never came (timeout)
                    timeouts += 1
                    continue
                q, ms = page.evaluate("window.__latencies[window.__latencies.length - 1]")
                if q == typed.strip():
                    latencies.append(ms)
        browser.close()
    return latencies, timeouts


def page_times(instance: Path, keys: list[str]) -> dict[str, list[float]]:
    """Server time (ms) of each concept's page and of its JSON, in this process."""
    from api_termbase import app_for

    app = app_for(instance, PUBLIC_READ=True)
    client = app.test_client()
    times: dict[str, list[float]] = {"page": [], "json": []}
    for key in keys[:20]:  # warm the caches and the templates as a running server has them
        client.get(f"/concepts/{key}")
        client.get(f"/api/v1/concepts/{key}")
    for key in keys:
        for name, path in (("page", f"/concepts/{key}"), ("json", f"/api/v1/concepts/{key}")):
            started = time.perf_counter()
            response = client.get(path)
            times[name].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
    app.extensions["glossary.engine"].dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="typed queries (of each kind / 4)")
    parser.add_argument("--pages", type=int, default=300, help="concept pages timed")
    parser.add_argument("--work", type=Path, default=Path("/tmp/glossary-bench"))
    args = parser.parse_args()

    import api_termbase
    import search_synth

    instance = api_termbase.build(args.work, args.synthetic)
    concepts = search_synth.generate(args.synthetic, 5)
    rng = random.Random(11)
    queries = [q["q"] for q in search_synth.make_queries(concepts, max(1, args.queries // 4))]
    queries = rng.sample(queries, min(args.queries, len(queries)))

    keys = [f"synthetic-{c.key}" for c in rng.sample(concepts, args.pages - 20)]
    keys += ["rats", "sco", "three-evil-forces", "shanghai-convention", "xi-jinping"] * 4
    times = page_times(instance, keys)

    port = free_port()
    env = {**os.environ, "GLOSSARY_INSTANCE": str(instance)}
    server = subprocess.Popen([sys.executable, "-m", "glossary", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        latencies, timeouts = typing_latencies(base, queries)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"termbase: {args.synthetic:,} synthetic concepts + the shipped termbase")
    print(f"keystrokes timed: {len(latencies)} over {len(queries)} queries"
          f" ({timeouts} without results in 5 s)")
    print(f"results on screen after a keystroke: p50 {statistics.median(latencies):.0f} ms, "
          f"p95 {percentile(latencies, 95):.0f} ms, max {max(latencies):.0f} ms "
          "(target p95 <= 100 ms)")
    page, plain = times["page"], times["json"]
    print(f"concept page, server time: p50 {statistics.median(page):.1f} ms, "
          f"p95 {percentile(page, 95):.1f} ms (target <= 150 ms)")
    print(f"  the same concept as JSON:  p50 {statistics.median(plain):.1f} ms, "
          f"p95 {percentile(plain, 95):.1f} ms; page/JSON at p95: "
          f"{percentile(page, 95) / percentile(plain, 95):.2f}×")


if __name__ == "__main__":
    main()
