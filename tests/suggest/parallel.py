"""The parallel development texts of tests/data/parallel: sentences, gold beads, gold terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from glossary.bitext.align import Bead
from glossary.suggest import AlignedPair

DIR = Path(__file__).resolve().parent.parent / "data" / "parallel"
NAMES = ("declaration", "ministers", "rats")


@dataclass
class Text:
    name: str
    zh: list[str] = field(default_factory=list)
    target: dict[str, list[str]] = field(default_factory=lambda: {"ru": [], "en": []})
    beads: dict[str, list[Bead]] = field(default_factory=lambda: {"ru": [], "en": []})

    def pairs(self, lang: str, beads: list[Bead] | None = None) -> list[AlignedPair]:
        """The aligned pairs of `beads` (the gold ones by default), one per bead with both
        sides."""
        return [AlignedPair("".join(self.zh[i] for i in a),
                            " ".join(self.target[lang][j] for j in b), lang, self.name, k)
                for k, (a, b) in enumerate(beads if beads is not None else self.beads[lang])
                if a and b]


def read(name: str) -> Text:
    text = Text(name)
    for block in (DIR / f"{name}.txt").read_text(encoding="utf-8").split("\n\n"):
        lines = [line.split(": ", 1) for line in block.strip().splitlines()]
        zh = [s for lang, s in lines if lang == "zh"]
        zh_ids = tuple(range(len(text.zh), len(text.zh) + len(zh)))
        text.zh.extend(zh)
        for lang in ("ru", "en"):
            sents = [s for code, s in lines if code == lang]
            ids = tuple(range(len(text.target[lang]), len(text.target[lang]) + len(sents)))
            text.target[lang].extend(sents)
            text.beads[lang].append((zh_ids, ids))
    return text


def texts() -> list[Text]:
    return [read(name) for name in NAMES]


def gold_terms() -> list[tuple[str, list[str], list[str]]]:
    """(zh term, accepted ru forms, accepted en forms)."""
    out = []
    for line in (DIR / "gold.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            zh, ru, en = line.split("\t")
            out.append((zh, ru.split("|"), en.split("|")))
    return out
