"""Sentence alignment of a Chinese text and its Russian or English translation.

A dynamic program in the manner of Gale and Church (1993): the path through the two lists of
sentences that costs least, where a bead's cost is
- how unlikely its kind is (1:1 is the rule; a Chinese sentence is often split in two in
  translation, so 1:2 is more likely than 2:1);
- how far the target's length (characters) is from the Chinese length times the ratio of the
  two texts (learned from the text itself, starting from a typical ratio for short texts): the
  squared deviation in standard deviations, the variance growing with the length;
- minus what the two sides share: the same termbase concept (a Chinese term and a rendering
  of it, Russian compared by lemmas), the same number or month, the same Latin word; plus a
  little for what one side has and the other lacks. An anchor counts by how rare it is in the
  text (IDF), so 成员国 in every sentence of a declaration ties nothing.

The program runs in a band around the diagonal; when the best path touches the band's edge
the band is doubled and the program run again, so a long omission is still found. Pure Python:
2,000 × 2,000 sentences take one to three seconds (benchmarks/aligned_quality.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from glossary.analysis import words
from glossary.bitext.anchors import known_terms, latin, numbers, phrase_key, tokens
from glossary.suggest.knowledge import Knowledge

__all__ = ["BEADS", "Bead", "align"]

Bead = tuple[tuple[int, ...], tuple[int, ...]]  # indices of zh sentences, of target sentences

#: Bead kinds (Chinese sentences, target sentences) and their prior probabilities.
BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.80), (1, 2, 0.08), (2, 1, 0.04), (1, 0, 0.02), (0, 1, 0.02),
    (2, 2, 0.01), (1, 3, 0.01), (3, 1, 0.005),
)
#: Target characters per Chinese character in typical SCO texts (before the text's own).
RATIO = {"ru": 4.3, "en": 3.6}
#: Variance of the target length per expected target character.
VARIANCE = 8.0
#: Weight of an anchor both sides share, and of one only one side has.
SHARED, UNSHARED = 1.0, 0.2
#: Half the band's width to start with.
BAND = 24


def _length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def align(zh: Sequence[str], target: Sequence[str], *, lang: str,
          knowledge: Knowledge | None = None) -> list[Bead]:
    """Beads covering every sentence of both sides in order, each a few Chinese sentences
    and the target sentences that translate them.

    >>> align(["会议于2030年7月4日在比什凯克举行。", "成员国支持扩大合作，下次会议于2031年举行。"],
    ...       ["Заседание состоялось 4 июля 2030 года в Бишкеке.",
    ...        "Государства-члены поддерживают расширение сотрудничества.",
    ...        "Следующее заседание пройдет в 2031 году."], lang="ru")
    [((0,), (0,)), ((1,), (1, 2))]
    """
    n, m = len(zh), len(target)
    if not n or not m:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    lz = [0]
    for s in zh:
        lz.append(lz[-1] + _length(s))
    lt = [0]
    for s in target:
        lt.append(lt[-1] + _length(s))
    # The text's own ratio, pulled towards the typical one when the text is short.
    prior = RATIO.get(lang, 4.0)
    ratio = (lt[-1] + prior * 300) / (lz[-1] + 300)
    za, ta, weight = _anchors(zh, target, lang, knowledge)
    band = BAND
    while True:
        beads, touched = _program(n, m, lz, lt, ratio, za, ta, weight, band)
        if not touched or band >= max(n, m):
            return beads
        band *= 2


def _anchors(zh: Sequence[str], target: Sequence[str], lang: str,
             knowledge: Knowledge | None
             ) -> tuple[list[set[str]], list[set[str]], dict[str, float]]:
    """Anchors of every sentence on both sides, and each anchor's weight."""
    za = [numbers(s, "zh") | {f"lat:{w.text}" for token in latin(s) for w in words(token)
                              if not w.text.isdigit()} for s in zh]
    ta = [numbers(s, lang) for s in target]
    latin_words = {a for anchors in za for a in anchors if a.startswith("lat:")}
    if latin_words:  # Latin words stand for themselves
        for j, s in enumerate(target):
            ta[j] |= {a for w in words(s) if (a := f"lat:{w.text}") in latin_words}
    if knowledge is not None:
        concepts: dict[str, list[tuple[str, ...]]] = {}
        for i, s in enumerate(zh):
            for _, _, entry in known_terms(knowledge, s):
                za[i].add(f"c:{entry.key}")
                if entry.key not in concepts:
                    concepts[entry.key] = [k for r in entry.renderings(lang)
                                           if (k := phrase_key(r.text))]
        if concepts:
            postings: dict[str, set[int]] = {}
            for j, s in enumerate(target):
                for t in tokens(s):
                    for norm in t.norms:
                        postings.setdefault(norm, set()).add(j)
            for key, keys in concepts.items():
                for k in keys:
                    found_in = set.intersection(*(postings.get(w, set()) for w in k))
                    for j in found_in:
                        ta[j].add(f"c:{key}")
    df: dict[str, int] = {}
    for anchors in za:
        for a in anchors:
            df[a] = df.get(a, 0) + 1
    # Only what the Chinese has can be shared; an anchor's weight is how rare it is.
    weight = {a: math.log((len(zh) + 1) / count) + 0.1 for a, count in df.items()}
    ta = [{a for a in anchors if a in weight} for anchors in ta]
    return za, ta, weight


def _runs(anchors: list[set[str]], weight: dict[str, float]
          ) -> list[list[tuple[frozenset[str], float]]]:
    """runs[d][k]: the anchors of sentences k - d .. k - 1 and their total weight."""
    empty: tuple[frozenset[str], float] = (frozenset(), 0.0)
    runs = [[empty] * (len(anchors) + 1)]
    for d in (1, 2, 3):
        row = [empty] * (len(anchors) + 1)
        for k in range(d, len(anchors) + 1):
            found = frozenset().union(*anchors[k - d:k])
            row[k] = (found, sum(weight[a] for a in found))
        runs.append(row)
    return runs


def _program(n: int, m: int, lz: list[int], lt: list[int], ratio: float,
             za: list[set[str]], ta: list[set[str]], weight: dict[str, float],
             band: int) -> tuple[list[Bead], bool]:
    """The least-cost path in the band; and whether it touched the band's edge."""
    slope = m / n
    lo = [max(0, int(i * slope) - band) for i in range(n + 1)]
    hi = [min(m, int(i * slope) + band + 1) for i in range(n + 1)]
    # Every run of 1..3 sentences: its anchors and their weight (an anchor counts once in a
    # bead, however many of its sentences have it).
    zruns = _runs(za, weight)
    truns = _runs(ta, weight)
    shared_cache: dict[tuple[int, int], float] = {}

    priors = [(di, dj, -math.log(p)) for di, dj, p in BEADS]
    inf = math.inf
    cost: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        row_cost = [inf] * (hi[i] - lo[i] + 1)
        row_back = [-1] * (hi[i] - lo[i] + 1)
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            best, best_k = inf, -1
            for k, (di, dj, prior_cost) in enumerate(priors):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev_row = cost[pi] if di else row_cost
                offset = lo[pi]
                if not offset <= pj <= hi[pi]:
                    continue
                before = prev_row[pj - offset]
                if before == inf:
                    continue
                l1, l2 = lz[i] - lz[pi], lt[j] - lt[pj]
                expected = ratio * l1
                # A sentence left untranslated costs its prior, whatever its length.
                delta = (l2 - expected) ** 2 / (VARIANCE * (expected + l2) / 2 + 1.0) \
                    if di and dj else 0.0
                if di and dj:
                    zs, z_weight = zruns[di][i]
                    ts, t_weight = truns[dj][j]
                    if di == 1 and dj == 1:
                        common = shared_cache.get((i, j), -1.0)
                        if common < 0:
                            common = shared_cache[(i, j)] = sum(weight[a] for a in zs & ts)
                    else:
                        common = sum(weight[a] for a in zs & ts) if zs and ts else 0.0
                    alone = z_weight + t_weight - 2 * common
                else:
                    common, alone = 0.0, zruns[di][i][1] + truns[dj][j][1]
                c = before + prior_cost + delta / 2 - SHARED * common + UNSHARED * alone
                if c < best:
                    best, best_k = c, k
            row_cost[j - lo[i]], row_back[j - lo[i]] = best, best_k
        cost.append(row_cost)
        back.append(row_back)
    beads: list[Bead] = []
    touched = False
    i, j = n, m
    while i or j:
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
            touched = True
        di, dj, _ = BEADS[back[i][j - lo[i]]]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, touched
