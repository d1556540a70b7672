"""Chinese text helpers: normalisation with an offset map, script conversion, pinyin, Palladius.

Everything here is pure and thread-safe; the expensive resources (OpenCC converters, the jieba
dictionary, the Palladius table) are created once, on first use.

>>> normalise("至 2025 年").text
'至2025年'
>>> pinyin_forms("上海合作组织", proper=True).tone
'Shànghǎi Hézuò Zǔzhī'
>>> palladius("长安")
'Чанъань'
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

import jieba
import opencc
import pypinyin
from pypinyin.contrib.tone_convert import to_tone, to_tone3

__all__ = [
    "PALLADIUS_EXCEPTIONS",
    "PINYIN_CORRECTIONS",
    "Normalised",
    "PinyinForms",
    "fold_script",
    "han_ratio",
    "is_han",
    "normalise",
    "palladius",
    "palladius_syllable",
    "pinyin_forms",
    "script_of",
    "sentences",
    "to_simplified",
    "to_traditional",
]


# --------------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------------


def is_han(ch: str) -> bool:
    """True for a Han character: CJK Unified Ideographs (with Ext A and the supplementary
    planes), CJK Compatibility Ideographs, and 〇 (ideographic zero, read líng).

    >>> is_han("中"), is_han("〇"), is_han("A"), is_han("。")
    (True, True, False, False)
    """
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF  # planes 2 and 3 hold nothing but ideographs
        or cp == 0x3007
    )


def han_ratio(text: str) -> float:
    """Share of Han characters among the non-space characters of `text` (0.0 for none).

    >>> han_ratio("SCO 上合组织")
    0.5714285714285714
    """
    solid = [ch for ch in text if not ch.isspace()]
    return sum(map(is_han, solid)) / len(solid) if solid else 0.0


def script_of(text: str) -> str:
    """The script most letters of `text` are written in: "han", "cyrillic", "latin", "mixed"
    (no script has a majority) or "other" (no letters at all). Digits and punctuation don't count.

    >>> [script_of(t) for t in ("上合组织", "ШОС", "SCO", "ШОС SCO", "2017")]
    ['han', 'cyrillic', 'latin', 'mixed', 'other']
    """
    counts = {"han": 0, "cyrillic": 0, "latin": 0, "other": 0}
    for ch in text:
        if is_han(ch):
            counts["han"] += 1
        elif ch.isalpha():
            counts[_letter_script(ch)] += 1
    total = sum(counts.values())
    if not total:
        return "other"
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 2 > total else "mixed"


_CYRILLIC_RANGES = ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))


def _letter_script(ch: str) -> str:
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _CYRILLIC_RANGES):
        return "cyrillic"
    # Latin with diacritics (pinyin tone marks), Latin Extended and the full-width forms
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF or 0xFF21 <= cp <= 0xFF5A:
        return "latin"
    return "other"


# Full-width punctuation that only occurs in CJK text; “ ” ‘ ’ … — are shared with Western text.
_CJK_PUNCT_RANGES = ((0x3001, 0x3006), (0x3008, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),
                     (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))
_TYPOGRAPHIC = frozenset("“”‘’…—–·")


@functools.lru_cache(maxsize=8192)
def _kind(ch: str) -> str:
    """H Han, P CJK punctuation, Q shared typographic punctuation, A other letter/digit, O other."""
    if is_han(ch):
        return "H"
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _CJK_PUNCT_RANGES):
        return "P"
    if ch in _TYPOGRAPHIC:
        return "Q"
    return "A" if ch.isalnum() else "O"


def _is_word_char(ch: str) -> bool:
    """A letter or digit that is not Han: part of a Latin/Cyrillic/digit run."""
    return ch.isalnum() and not is_han(ch)


# --------------------------------------------------------------------------------------------
# normalise()
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus, for each of its characters, where it came from in the original.

    `offsets[i]` is the index in the original string of normalised character `i`; one more final
    entry (the original's length) lets a span ending at the last character map back. `ends` is
    only filled when some character came from more than one original character (a composed
    NFC cluster, CR LF); then `ends[i]` is the original index just past character `i`.

    >>> n = normalise("会议 (总理)")
    >>> n.text, n.to_original(2, 6)
    ('会议（总理）', (3, 7))
    """

    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError("offsets must have one entry per character plus a final one")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the span of the original it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside 0..{len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        stop = self.ends[end - 1] if self.ends else self.offsets[end - 1] + 1
        return self.offsets[start], stop


_DROPPED = frozenset("\ufeff\u200b")  # BOM / zero-width no-break space, zero-width space

_ONE_TO_ONE = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)},  # ０-９
    **{cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
    **{cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    **{ord(ch): " " for ch in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
       "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
    **{ord(ch): "\n" for ch in "\x0b\x0c\x85\u2028\u2029"},
}

# A line ending in one of these (possibly followed by closing quotes/brackets) ends a paragraph.
# Both semicolons count: after normalisation an ASCII ";" after Han is "；" anyway, and a line
# ending in a semicolon is a list item in official texts.
_FINAL = frozenset("。！？；!?;…．｡")
_CLOSERS = "”’\"'）)」』】〕〉》]"
_OPENERS = "“‘\"'（(「『【〔〈《["
_BRACKET_FAMILIES = {
    opening: family
    for family in (("(（", ")）"), ("[【", "]】"), ("〔", "〕"))
    for opening in family[0]
}
_CLAUSE_PUNCT = re.compile("[，,、；;：:。！？!?]")
_NUMBERING = re.compile(
    r"^(第[〇零一二三四五六七八九十百千\d]+[章节条款编部篇]|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*"
)
_HEADING_MAX_CHARS = 40
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def normalise(text: str) -> Normalised:
    """Clean a Chinese text copied from the web or a PDF, keeping a map back to the original.

    - NFC; drop BOMs and zero-width spaces; CR LF / CR → LF; full-width letters and digits → ASCII.
    - Line breaks. A break (with any blank or whitespace-only lines after it) is kept as one
      "\\n" paragraph break when the next line is a Markdown heading ("# ...") or the line
      before it
        * ends a sentence: its last character, after any closing quotes/brackets, is one of
          。！？；!?;… (or "." right after Han); the ASCII ";" counts too, as it becomes "；", or
        * is a Markdown heading, or
        * starts a paragraph (the text's first line, or the line after a kept break) and is
          either wholly inside one pair of brackets (the dateline "(2017年6月8日至9日，阿斯塔纳)")
          or a title: at most 40 characters, no clause punctuation (，、；：。 ... "." outside
          3.5) after an optional section number (第一章, 一、, （一）, 1.), not cut between two
          Latin words, and not cut inside a word (no jieba word spans the break: "实现国|家和平"
          is cut). A short unpunctuated first piece of a sentence broken between two words
          ("元首们支持|阿富汗...") reads as a title: nothing in the text tells them apart.
      Every other break falls in the middle of a sentence and is removed (a space is left only
      between two Latin/digit words).
    - Punctuation next to Han text (looking past spaces and quotes/brackets) becomes full-width:
      , ; : ? ! → ，；：？！; "." ending a sentence after Han → 。; ASCII ( ) pairs and
      "..." / '...' pairs (taken in order within a paragraph, apostrophes in Latin words skipped)
      whose content or surroundings are Han → （）“”‘’. ASCII punctuation inside Latin/digit runs
      (2017-2018, 3.5, e-mail, http://) is kept.
    - Spaces are removed next to CJK punctuation, and between a Han character and a Han
      character, a letter/digit run or a curly quote (至 2025 年 → 至2025年); other runs of
      spaces become one space (between Latin words, after "#"), none at a paragraph's ends.

    >>> normalise("实现国\\n\\n家和平, 稳定。\\r\\n\\r\\n下一段").text
    '实现国家和平，稳定。\\n下一段'
    """
    chars, offs, ends = _clean(text)
    out_chars: list[str] = []
    out_offs: list[int] = []
    out_ends: list[int] = []
    previous_break = 0
    for para_chars, para_offs, line_break in _paragraphs(chars, offs):
        _fix_punctuation(para_chars)
        kept = _squeeze_spaces(para_chars)
        if out_chars:
            out_chars.append("\n")
            out_offs.append(previous_break)
        out_chars.extend(para_chars[i] for i in kept)
        out_offs.extend(para_offs[i] for i in kept)
        previous_break = line_break
    if ends is not None:
        out_ends = [ends[o] for o in out_offs]
    out_offs.append(len(text))
    return Normalised("".join(out_chars), tuple(out_offs), tuple(out_ends))


#: `normalise_long` cuts texts longer than this many characters into pieces.
NORMALISE_PIECE = 100_000
_PIECE_END = re.compile(r"[。！？]\n")


def normalise_long(text: str, piece: int = NORMALISE_PIECE) -> Normalised:
    """`normalise` of a long text, a piece at a time, with the same result: each piece ends
    with a line break right after 。！？, a paragraph break that `normalise` always keeps, and
    quotes, brackets and spaces are fixed within paragraphs. The offsets are an array of
    machine integers. For a 4 MB document this takes tens of megabytes instead of hundreds.
    A text that needs NFC or has CR line ends is normalised whole.
    """
    if len(text) <= piece or "\r" in text or not unicodedata.is_normalized("NFC", text):
        return normalise(text)
    cuts = [0]
    while len(text) - cuts[-1] > piece:
        window = text[cuts[-1]:cuts[-1] + piece]
        ends = [m.end() for m in _PIECE_END.finditer(window)]
        if not ends or ends[-1] < piece // 2:
            return normalise(text)  # no safe place to cut: whole
        cuts.append(cuts[-1] + ends[-1])
    cuts.append(len(text))
    parts: list[str] = []
    offsets = array("q")
    for lo, hi in itertools.pairwise(cuts):
        norm = normalise(text[lo:hi])
        if norm.ends:
            return normalise(text)
        if not norm.text:
            continue
        if parts:
            parts.append("\n")
            offsets.append(lo - 1)  # the line break that ended the previous piece
        parts.append(norm.text)
        offsets.extend(o + lo for o in norm.offsets[:-1])
    offsets.append(len(text))
    return Normalised("".join(parts), offsets)  # type: ignore[arg-type]


def _clean(text: str) -> tuple[list[str], list[int], dict[int, int] | None]:
    """NFC, one-to-one character fixes, dropped characters and line ends, with offsets.

    Returns the characters, their original offsets and, when some character spans several
    original ones, a map offset → original end.
    """
    if unicodedata.is_normalized("NFC", text):
        chars, offs, ends = list(text), list(range(len(text))), None
    else:
        chars, offs, ends = _nfc_with_offsets(text)
    chars = list("".join(chars).translate(_ONE_TO_ONE))
    if "\r" not in chars and not _DROPPED.intersection(chars):
        return chars, offs, ends
    kept_chars: list[str] = []
    kept_offs: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _DROPPED or (ch == "\n" and i and chars[i - 1] == "\r"):
            continue
        kept_chars.append("\n" if ch == "\r" else ch)
        kept_offs.append(offs[i])
    if "\r" in chars:
        ends = ends or {o: o + 1 for o in offs}
        for i, ch in enumerate(chars[:-1]):
            if ch == "\r" and chars[i + 1] == "\n":
                ends[offs[i]] = offs[i + 1] + 1  # the LF of CR LF belongs to its line end
    return kept_chars, kept_offs, ends


def _nfc_with_offsets(text: str) -> tuple[list[str], list[int], dict[int, int]]:
    """NFC cluster by cluster (a starter and its combining marks / Hangul jamo)."""
    chars: list[str] = []
    offs: list[int] = []
    ends: dict[int, int] = {}
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or 0x1160 <= ord(text[j]) <= 0x11FF):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]):
            chars.append(ch)
            offs.append(i)
        ends[i] = j
        i = j
    return chars, offs, ends


def _paragraphs(chars: list[str], offs: list[int]) -> Iterator[tuple[list[str], list[int], int]]:
    """Split into paragraphs, joining broken lines; yields (chars, offsets, offset of the
    line break that ends the paragraph)."""
    text = "".join(chars)
    lines = _solid_lines(text)
    para_chars: list[str] = []
    para_offs: list[int] = []
    starts_paragraph = True
    for k, (lo, hi) in enumerate(lines):
        if para_chars:  # joining a broken line: a space that _squeeze_spaces may drop
            para_chars.append(" ")
            para_offs.append(offs[lines[k - 1][1]])
        para_chars.extend(chars[lo:hi])
        para_offs.extend(offs[lo:hi])
        if k + 1 < len(lines):
            nxt_lo, nxt_hi = lines[k + 1]
            if not _keeps_break(text[lo:hi], text[nxt_lo:nxt_hi], starts_paragraph):
                starts_paragraph = False
                continue
        line_break = text.find("\n", hi)  # map the paragraph break to the line end itself
        yield para_chars, para_offs, offs[line_break] if line_break >= 0 else -1
        para_chars, para_offs = [], []
        starts_paragraph = True


def _solid_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that is not blank, without its leading/trailing spaces."""
    lines = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip(" "):
            start = m.start() + len(line) - len(line.lstrip(" "))
            lines.append((start, m.start() + len(line.rstrip(" "))))
    return lines


def _keeps_break(line: str, nxt: str, starts_paragraph: bool) -> bool:
    """Is the line break between `line` and `nxt` a real paragraph break?"""
    return _ends_sentence(line) or nxt.startswith("#") or _is_heading(line, nxt, starts_paragraph)


def _ends_sentence(line: str) -> bool:
    # ASCII quotes are stripped both ways here: "。\"\"" must read the same before and after
    # its quotes became “”.
    core = line.rstrip(_CLOSERS + "“‘")
    if not core:
        return False
    last = core[-1]
    return last in _FINAL or (last == "." and len(core) > 1 and is_han(core[-2]))


def _is_heading(line: str, nxt: str, starts_paragraph: bool) -> bool:
    if line.startswith("#"):
        return True
    if not starts_paragraph:
        return False
    if _is_bracketed(line):
        return True
    body = _NUMBERING.sub("", line, count=1)
    if len(body) > _HEADING_MAX_CHARS or _has_clause_punct(body):
        return False
    if _is_word_char(line[-1]) and _is_word_char(nxt[0]):
        return False  # Latin text broken between two words
    # A short unpunctuated line may still be the first piece of a broken sentence ("...为实现国"
    # + "家和平..."): a heading never ends in the middle of a word.
    return not _splits_word(line, nxt)


def _has_clause_punct(text: str) -> bool:
    """Clause punctuation, counting a "." anywhere but inside a Latin/digit run (3.5)."""
    if _CLAUSE_PUNCT.search(text):
        return True
    return any(ch == "." and not _inside_word_run(text, i) for i, ch in enumerate(text))


def _inside_word_run(text: Sequence[str], i: int) -> bool:
    return 0 < i < len(text) - 1 and _is_word_char(text[i - 1]) and _is_word_char(text[i + 1])


def _is_bracketed(line: str) -> bool:
    """Is the whole line inside one pair of brackets? ( and （ count as the same bracket."""
    family = _BRACKET_FAMILIES.get(line[0])
    if family is None or line[-1] not in family[1]:
        return False
    opening, closing = family
    depth = 0
    for i, ch in enumerate(line):
        depth += (ch in opening) - (ch in closing)
        if depth == 0 and i < len(line) - 1:
            return False  # "(a) text (b)": the first bracket closes before the end
    return True


def _splits_word(line: str, nxt: str) -> bool:
    """Does a word run across the end of `line` into `nxt`? (Both sides must be Han.)"""
    if not (is_han(line[-1]) and is_han(nxt[0])):
        return False
    left, right = line.replace(" ", "")[-6:], nxt.replace(" ", "")[:6]
    window, cut = left + right, len(left)
    for m in _fixed_words_re().finditer(window):
        if m.start() < cut < m.end():
            return True
    position = 0
    for word in _tokenizer().cut(window, HMM=False):
        if position < cut < position + len(word):
            return True
        position += len(word)
    return False


def _fix_punctuation(chars: list[str]) -> None:
    """Make ASCII punctuation in Han context full-width, in place (one character for one)."""
    _fix_brackets(chars)
    _fix_quotes(chars, '"', "“", "”")
    _fix_quotes(chars, "'", "‘", "’")
    for i, ch in enumerate(chars):
        if ch in ",;:?!" and (_han_before(chars, i) or _han_after(chars, i)):
            chars[i] = _ASCII_TO_FULL[ch]
        elif ch == "." and _is_han_full_stop(chars, i):
            chars[i] = "。"


def _fix_brackets(chars: list[str]) -> None:
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            if _han_between(chars, start, i) or _han_before(chars, start) or _han_after(chars, i):
                chars[start], chars[i] = "（", "）"
        elif ch == ")" and (_han_before(chars, i) or _han_after(chars, i)):
            chars[i] = "）"
    for i in stack:  # an unclosed "(" follows its neighbours
        if _han_before(chars, i) or _han_after(chars, i):
            chars[i] = "（"


def _fix_quotes(chars: list[str], quote: str, opening: str, closing: str) -> None:
    # an apostrophe inside a Latin word (Xi'an, don't) is not a quote
    marks = [i for i, ch in enumerate(chars) if ch == quote and not _inside_word_run(chars, i)]
    for start, end in zip(marks[::2], marks[1::2], strict=False):
        if _han_between(chars, start, end) or _han_before(chars, start) or _han_after(chars, end):
            chars[start], chars[end] = opening, closing


def _han_between(chars: list[str], start: int, end: int) -> bool:
    return any(is_han(ch) for ch in chars[start + 1 : end])


def _han_before(chars: list[str], i: int) -> bool:
    """Is the nearest letter/digit/symbol before `i`, past spaces and punctuation, Han?"""
    j = i - 1
    while j >= 0 and _is_transparent(chars[j]):
        j -= 1
    return j >= 0 and is_han(chars[j])


def _han_after(chars: list[str], i: int) -> bool:
    """Is the nearest letter/digit/symbol after `i`, past spaces and punctuation, Han?"""
    j, n = i + 1, len(chars)
    while j < n and _is_transparent(chars[j]):
        j += 1
    return j < n and is_han(chars[j])


_TRANSPARENT = frozenset(" ,;:?!." + _CLOSERS + _OPENERS)


def _is_transparent(ch: str) -> bool:
    """Punctuation looked past when deciding whether a mark stands in Chinese text; looking
    past the marks being converted too makes the result the same whichever is converted first."""
    return ch in _TRANSPARENT or _kind(ch) in "PQ"


def _is_han_full_stop(chars: list[str], i: int) -> bool:
    """A single "." after Han that is not followed by a letter/digit (3.5, 上合.org stay)."""
    n = len(chars)
    if (i and chars[i - 1] == ".") or (i + 1 < n and chars[i + 1] == "."):
        return False  # an ellipsis "..."
    return _han_before(chars, i) and not (i + 1 < n and _is_word_char(chars[i + 1]))


def _squeeze_spaces(chars: list[str]) -> list[int]:
    """Indexes of the characters to keep: spaces go where Chinese has none, others collapse."""
    kept: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i] != " ":
            kept.append(i)
            i += 1
            continue
        j = i
        while j < n and chars[j] == " ":
            j += 1
        if i > 0 and j < n and not _space_removable(chars[i - 1], chars[j]):
            kept.append(i)
        i = j
    return kept


def _space_removable(left: str, right: str) -> bool:
    kinds = _kind(left) + _kind(right)
    if "P" in kinds:
        return True
    return "H" in kinds and kinds.replace("H", "", 1) in "HAQ"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised text: split after 。！？； (with the closing quotes and
    brackets that follow) and at line breaks; spaces around a sentence are left out.

    >>> t = "他说：“好。”然后走了；\\n标题"
    >>> [t[a:b] for a, b in sentences(t)]
    ['他说：“好。”', '然后走了；', '标题']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() if m.group() == "\n" else m.end()
        _add_span(spans, text, start, end)
        start = m.end()
    _add_span(spans, text, start, len(text))
    return spans


_SENTENCE_END = re.compile(r"[。！？；]+[”’」』）》】〕]*|\n")


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# --------------------------------------------------------------------------------------------
# Script conversion (OpenCC)
# --------------------------------------------------------------------------------------------

_TRADITIONAL_VARIANTS = frozenset({"s2t", "s2tw", "s2twp", "s2hk"})


class _Converter:
    """One OpenCC converter behind a lock: the binding does not promise thread safety."""

    def __init__(self, config: str) -> None:
        self._opencc = opencc.OpenCC(config)
        self._lock = threading.Lock()

    def convert(self, text: str) -> str:
        with self._lock:
            return self._opencc.convert(text)


@functools.cache
def _converter(config: str) -> _Converter:
    return _Converter(config)


def to_traditional(text: str, variant: str = "s2t") -> str:
    """Simplified → traditional. Variants: "s2t" (OpenCC standard), "s2tw" (Taiwan characters),
    "s2twp" (Taiwan characters and vocabulary), "s2hk" (Hong Kong characters).

    >>> to_traditional("地区反恐怖机构")
    '地區反恐怖機構'
    """
    if variant not in _TRADITIONAL_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; use one of {sorted(_TRADITIONAL_VARIANTS)}")
    return _converter(variant).convert(text)


def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC t2s).

    >>> to_simplified("三股勢力")
    '三股势力'
    """
    return _converter("t2s").convert(text)


def fold_script(text: str) -> str:
    """The search key for Han text: its simplified form, whichever script it was typed in.

    >>> fold_script("地區反恐怖機構") == fold_script("地区反恐怖机构")
    True
    """
    return to_simplified(text)


# --------------------------------------------------------------------------------------------
# Word segmentation (shared by pinyin and Palladius)
# --------------------------------------------------------------------------------------------

# Names jieba does not know or cuts wrongly, spaces between the words GB/T 16159 writes apart
# (a foreign name is one word; a place name's specific and generic parts are separate words).
FIXED_WORDS = (
    "纳扎尔巴耶夫", "阿塔姆巴耶夫", "米尔济约耶夫", "阿利莫夫", "瑟索耶夫", "卢卡申科",
    "额勒贝格道尔吉", "古特雷斯", "列别捷夫", "然库利耶夫", "拉赫蒙", "扎里夫", "谢里夫",
    "阿斯塔纳", "比什凯克", "塔什干", "杜尚别", "阿拉木图", "乔蓬阿塔", "巴雷克奇", "奇姆肯特",
    "伊赛克 湖 州",
)
_FIXED = {entry.replace(" ", ""): tuple(entry.split()) for entry in FIXED_WORDS}

# Transliterated foreign personal names of 2-4 characters, which pinyin_forms(person=True) must
# not split into a Chinese surname and given name.
FOREIGN_NAMES = frozenset({"普京", "加尼", "莫迪", "阿利莫夫", "瑟索耶夫", "卢卡申科", "古特雷斯",
                           "列别捷夫", "拉赫蒙", "扎里夫", "谢里夫"})

# GB/T 16159: a long compound naming one concept is written word by word (Zhōnghuá Rénmín
# Gònghéguó). jieba keeps such compounds whole; split a word of 4+ characters when it is an
# exact sequence of dictionary words of 2+ characters that are all at least this frequent
# (transliterations like 阿斯|塔纳 fall below it).
_SPLIT_MIN_FREQ = 100

_tokenizer_lock = threading.Lock()
_tokenizer_instance: jieba.Tokenizer | None = None


def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer: words other modules add to jieba's global one must not
    change how pinyin is grouped."""
    global _tokenizer_instance
    if _tokenizer_instance is None:
        with _tokenizer_lock:
            if _tokenizer_instance is None:
                jieba.setLogLevel(jieba.logging.WARNING)  # "Building prefix dict..." is noise
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer_instance = tokenizer
    return _tokenizer_instance


@functools.cache
def _fixed_words_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, _FIXED), key=len, reverse=True)))


@functools.lru_cache(maxsize=65536)
def _words(han: str) -> tuple[str, ...]:
    """Words of a run of Han characters, as pinyin writes them apart."""
    words: list[str] = []
    position = 0
    for m in _fixed_words_re().finditer(han):
        words.extend(_jieba_words(han[position : m.start()]))
        words.extend(_FIXED[m.group()])
        position = m.end()
    words.extend(_jieba_words(han[position:]))
    return tuple(words)


def _jieba_words(han: str) -> list[str]:
    if not han:
        return []
    words: list[str] = []
    for word in _tokenizer().cut(han, HMM=True):
        if word == "们" and words:
            words[-1] += word  # a suffix: 元首们 yuánshǒumen
        else:
            words.extend(_split_compound(word))
    return words


def _split_compound(word: str) -> tuple[str, ...]:
    """Split a compound into frequent dictionary words of 2+ characters, fewest pieces first."""
    if len(word) < 4:
        return (word,)
    freq = _tokenizer().FREQ
    best: dict[int, tuple[str, ...]] = {0: ()}
    for end in range(2, len(word) + 1):
        for start in range(end - 2, -1, -1):
            piece = word[start:end]
            if start in best and piece != word and freq.get(piece, 0) >= _SPLIT_MIN_FREQ:
                candidate = (*best[start], piece)
                if end not in best or len(candidate) < len(best[end]):
                    best[end] = candidate
    pieces = best.get(len(word), (word,))
    if len(pieces) == 1:
        return pieces
    return tuple(w for piece in pieces for w in _split_compound(piece))


# --------------------------------------------------------------------------------------------
# Pinyin
# --------------------------------------------------------------------------------------------

# Readings pypinyin gets wrong, checked by eye against the shipped document: tone-marked
# syllables separated by spaces. Each entry goes into pypinyin's phrase dictionary (so it
# applies inside a word) and is also applied where it runs across words ("为主题": 为 is a word).
PINYIN_CORRECTIONS: dict[str, str] = {
    "耶夫": "yē fū",  # the Russian -ev of transliterated names: yē, not yé
    "纳扎尔巴耶夫": "nà zhā ěr bā yē fū",
    "阿塔姆巴耶夫": "ā tǎ mǔ bā yē fū",
    "米尔济约耶夫": "mǐ ěr jì yuē yē fū",
    "瑟索耶夫": "sè suǒ yē fū",
    "然库利耶夫": "rán kù lì yē fū",
    "额勒贝格道尔吉": "é lè bèi gé dào ěr jí",  # 勒 lè, not lēi
    "比什凯克": "bǐ shí kǎi kè",  # 什 shí, not shén
    "塔什干": "tǎ shí gān",  # 干 gān in transliterations (乌干达 Wūgāndá)
    "为主题": "wéi zhǔ tí",  # 以……为主题: 为 wéi "to take as"
    "阿什拉夫": "ā shí lā fū",  # 什 shí in transliterations (Ashraf)
}
pypinyin.load_phrases_dict({k: [[s] for s in v.split()] for k, v in PINYIN_CORRECTIONS.items()})

# Surnames whose reading as a surname differs from the character's common reading.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zēng", "单": "shàn", "仇": "qiú", "区": "ōu", "朴": "piáo", "解": "xiè", "查": "zhā",
    "盖": "gě", "乐": "yuè", "覃": "qín", "繁": "pó", "纪": "jǐ", "缪": "miào", "翟": "zhái",
    "任": "rén", "华": "huà", "种": "chóng", "秘": "bì", "员": "yùn", "过": "guō", "句": "gōu",
    "宁": "nìng", "贾": "jiǎ", "召": "shào", "重": "chóng", "柏": "bǎi", "谌": "chén",
    "藏": "zàng", "尉迟": "yù chí", "长孙": "zhǎng sūn", "万俟": "mò qí", "单于": "chán yú",
    "令狐": "líng hú", "澹台": "tán tái",
}

COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "夏侯", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "令狐", "端木", "独孤", "轩辕", "澹台", "闻人", "申屠", "太史", "呼延", "南宫", "万俟",
    "西门", "百里", "东郭", "公羊", "赫连", "钟离", "宗政", "濮阳", "淳于", "单于", "拓跋", "完颜",
})


@dataclass(frozen=True, slots=True)
class PinyinForms:
    """The pinyin of a Chinese text in the forms the glossary shows and indexes.

    - `tone`: display form, GB/T 16159: tone marks, syllables of a word together, an
      apostrophe before a/o/e inside a word (Xī'ān), words apart; digits, Latin and
      punctuation kept as in the text.
    - `numbered`: lowercase syllables with tone digits 1-4 (none for the neutral tone), ü as v.
    - `plain`: lowercase syllables without tones, ü as v.
    - `initials`: the first letter of every syllable (Latin/digit runs whole), lowercase.
    """

    tone: str
    numbered: str
    plain: str
    initials: str


@dataclass(frozen=True, slots=True)
class _Word:
    """One word in all forms; `tone` is lowercase."""

    tone: str
    numbered: tuple[str, ...]
    plain: tuple[str, ...]
    initials: str


_HAN_CLASS = "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_TOKEN = re.compile(
    rf"(?P<han>{_HAN_CLASS}+)|(?P<run>(?:(?!{_HAN_CLASS})[^\W_])+)|(?P<space>\s+)|(?P<punct>.)",
    re.DOTALL,
)


def pinyin_forms(text: str, *, proper: bool = False, person: bool = False) -> PinyinForms:
    """Pinyin of `text`, words grouped as GB/T 16159 writes them (jieba segmentation).

    `proper`: a proper name, every word capitalised. `person`: a personal name. A Chinese name
    (2-4 Han characters) is written surname, space, given name, both capitalised; compound
    surnames (欧阳, 司马 ...) and surname readings (单 Shàn, 曾 Zēng ...) are known. A foreign
    name (with a separating dot, longer than four characters, or in FOREIGN_NAMES) is written
    one word per part. Digits and Latin runs are kept as they are, punctuation too (an opening
    mark binds to the next word, others to the previous one); a name dot (·) separates words.

    >>> f = pinyin_forms("上海合作组织")
    >>> f.tone, f.numbered, f.plain, f.initials
    ('shànghǎi hézuò zǔzhī', 'shang4 hai3 he2 zuo4 zu3 zhi1', 'shang hai he zuo zu zhi', 'shhzzz')
    >>> pinyin_forms("习近平", person=True).tone
    'Xí Jìnpíng'
    >>> pinyin_forms("《上合组织至2025年发展战略》").tone
    '《shànghé zǔzhī zhì 2025 nián fāzhǎn zhànlüè》'
    """
    name = text.strip()
    if person and _is_chinese_name(name):
        family, given = _name_words(name)
        parts = [("word", "", family), ("word", "", given)]
    else:
        parts = _parts(text, whole_runs=person)
    numbered: list[str] = []
    plain: list[str] = []
    initials: list[str] = []
    for kind, chunk, forms in parts:
        if forms is not None:
            numbered.extend(forms.numbered)
            plain.extend(forms.plain)
            initials.append(forms.initials)
        elif kind == "run":
            numbered.append(chunk.lower())
            plain.append(chunk.lower())
            initials.append(chunk.lower())
    return PinyinForms(
        tone=_join_spaced([
            (kind, chunk if forms is None
             else _tone_shown(forms, (proper or person) and (i == 0 or chunk not in
                                                             _FUNCTION_WORDS)))
            for i, (kind, chunk, forms) in enumerate(parts)
        ]),
        numbered=" ".join(numbered),
        plain=" ".join(plain),
        initials="".join(initials),
    )


def pinyin_forms_from(text: str, display: str) -> PinyinForms:
    """All forms from a reading checked by a person (`display`, as `tone` writes it).

    The shipped data pins readings that no dictionary gets right this way. The display form
    must have one syllable per Han character of `text`; ValueError says what is wrong.

    >>> pinyin_forms_from("峰会", "fēnghuì").numbered
    'feng1 hui4'
    >>> pinyin_forms_from("西安", "Xī'ān").plain
    'xi an'
    """
    syllables: list[str] = []
    sequence: list[str] = []  # numbered syllables and Latin/digit runs, in reading order
    for word in display.replace("\u2019", "'").split():
        for piece in re.split(r"[-'·]", word.strip("《》“”‘’（）()、，,\"")):
            if not piece:
                continue
            if piece.isdigit() or (piece.isascii() and piece.isupper()):
                sequence.append(piece.lower())
                continue
            found = _segment_marked(piece)
            if found is None:
                raise ValueError(f"{piece!r} in {display!r} is not a sequence of pinyin syllables")
            syllables.extend(found)
            sequence.extend(to_tone3(s.lower(), v_to_u=False) for s in found)
    han = sum(1 for ch in text if is_han(ch))
    if len(syllables) != han:
        raise ValueError(f"{display!r} has {len(syllables)} syllables for {han} characters "
                         f"in {text!r}")
    plain = [s.rstrip("12345") for s in sequence]
    return PinyinForms(
        tone=display,
        numbered=" ".join(sequence),
        plain=" ".join(plain),
        initials="".join(p if p.isdigit() else p[:1] for p in plain),
    )


def _segment_marked(piece: str) -> list[str] | None:
    """Split a tone-marked word into syllables (longest first, backtracking)."""
    bare = "".join(_strip_mark(ch) for ch in unicodedata.normalize("NFC", piece.lower()))
    if len(bare) != len(piece):
        return None
    inventory = _palladius_table()

    @functools.cache
    def split(start: int) -> tuple[int, ...] | None:
        if start == len(bare):
            return ()
        for end in range(min(len(bare), start + 6), start, -1):
            if bare[start:end] in inventory:
                rest = split(end)
                if rest is not None:
                    return (end, *rest)
        return None

    ends = split(0)
    if ends is None:
        return None
    out, start = [], 0
    for end in ends:
        out.append(piece[start:end])
        start = end
    return out


def _strip_mark(ch: str) -> str:
    """ā → a, ǖ → ü, v → ü: the letters the syllable table uses."""
    decomposed = unicodedata.normalize("NFD", ch)
    if decomposed[0] in "uv" and ("\u0308" in decomposed or decomposed[0] == "v"):
        return "ü"
    return decomposed[0]


def _tone_shown(forms: _Word, capitalise: bool) -> str:
    return _capitalise(forms.tone) if capitalise else forms.tone


def _is_chinese_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and all(map(is_han, name)) and name not in FOREIGN_NAMES


_NAME_DOTS = frozenset("·•‧・")
_OPENING_PUNCT = frozenset("“‘（(「『【〔〈《[")


def _parts(text: str, *, whole_runs: bool = False) -> list[tuple[str, str, _Word | None]]:
    """Split `text` into ("word", han word, pinyin), ("run", Latin/digit run, None) and
    ("punct", mark, None); spaces and name dots only separate. `whole_runs` makes each run of
    Han characters one word (a transliterated foreign name)."""
    parts: list[tuple[str, str, _Word | None]] = []
    for m in _TOKEN.finditer(text):
        kind, chunk = m.lastgroup, m.group()
        if kind == "han" and whole_runs:
            syllables = [s for _, forms in _run_words(chunk) for s in forms.numbered]
            parts.append(("word", chunk, _forms_from_syllables(syllables)))
        elif kind == "han":
            parts.extend(("word", word, forms) for word, forms in _run_words(chunk))
        elif kind == "run" or (kind == "punct" and chunk not in _NAME_DOTS):
            parts.append((kind, chunk, None))
    return parts


# Pinyin is Latin text: Chinese punctuation inside it is written the Latin way (GB/T 16159),
# except the title marks, which have no Latin equivalent translators would recognise.
_PINYIN_PUNCT = {"，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "“": '"',
                 "”": '"', "‘": "'", "’": "'", "。": ".", "！": "!", "？": "?", "—": "-",
                 "–": "-"}
_JOINING_PUNCT = frozenset("-/")
# Function words stay lowercase inside a capitalised name (GB/T 16159: Zhōngguó hé Éluósī).
_FUNCTION_WORDS = frozenset({"和", "与", "及", "的", "之", "于", "兼", "或", "同", "跟"})


def _join_spaced(items: list[tuple[str, str]]) -> str:
    """Words and runs apart; punctuation binds to the previous item, an opening mark to the
    next, a hyphen to both ("Hézuò-2016")."""
    out: list[str] = []
    glue = True  # no space before the next item: start of text, or after an opening mark
    for kind, shown in items:
        if kind == "punct" and shown in _JOINING_PUNCT:
            out.append(shown)
            glue = True
            continue
        if kind == "punct" and shown not in _OPENING_PUNCT:
            out.append(_PINYIN_PUNCT.get(shown, shown))
            glue = False
            continue
        if kind == "punct":
            shown = _PINYIN_PUNCT.get(shown, shown)
        out.append(shown if glue else " " + shown)
        glue = kind == "punct"
    return "".join(out)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _run_words(han: str) -> list[tuple[str, _Word]]:
    """The words of a run of Han characters with their pinyin."""
    words = _words(han)
    if not _needs_context(han, words):
        return [(word, _word_forms(word)) for word in words]
    return _words_in_context(han, words)


@functools.lru_cache(maxsize=131072)
def _word_forms(word: str) -> _Word:
    """All pinyin forms of one word; cached, as indexing asks for the same words again and again."""
    return _forms_from_syllables(_syllables(word))


def _syllables(word: str) -> list[str]:
    """Numbered syllables (TONE3, v for ü, no digit for the neutral tone), one per character."""
    # Style.TONE is pypinyin's own storage form: asking for it skips its slow style conversion.
    marked = pypinyin.lazy_pinyin(word, style=pypinyin.Style.TONE, errors=list)
    syllables = [_numbered(s) for s in marked]
    # GB/T 16159 writes 一 and 不 with their own tones; pypinyin's phrases sometimes carry the
    # spoken tone change (进一步 jìn yí bù, 不要 bú yào).
    for i, ch in enumerate(word):
        if ch == "一" and syllables[i] in ("yi2", "yi4"):
            syllables[i] = "yi1"
        elif ch == "不" and syllables[i] == "bu2":
            syllables[i] = "bu4"
    return syllables


@functools.lru_cache(maxsize=4096)
def _numbered(marked: str) -> str:
    """"lǜ" → "lv4" ("men" stays); anything that is not pinyin (an unknown character) is kept."""
    return to_tone3(marked, v_to_u=False) if _is_pinyin(marked) else marked


@functools.lru_cache(maxsize=4096)
def _marked(numbered: str) -> str:
    """"lv4" → "lǜ" """
    return to_tone(numbered) if _is_pinyin(numbered) else numbered


def _is_pinyin(syllable: str) -> bool:
    return syllable.isascii() or all(ch.isalpha() and not is_han(ch) for ch in syllable)


@functools.cache
def _corrections_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, PINYIN_CORRECTIONS), key=len, reverse=True)))


@functools.cache
def _corrections_tone3() -> dict[str, list[str]]:
    return {
        word: [to_tone3(s, v_to_u=False) for s in reading.split()]
        for word, reading in PINYIN_CORRECTIONS.items()
    }


def _needs_context(han: str, words: tuple[str, ...]) -> bool:
    """Does a reading depend on more than the word itself (a correction across words, the
    particle 地)?"""
    return _corrections_re().search(han) is not None or any(
        _is_particle_de(words, i) for i, word in enumerate(words) if word == "地"
    )


def _is_particle_de(words: tuple[str, ...], i: int) -> bool:
    """地 standing alone after a word of two or more characters and before another word is the
    adverbial particle de (有计划地落实, 积极地推动); 地区, 本地, 土地 are words of their own."""
    return 0 < i < len(words) - 1 and len(words[i - 1]) >= 2


def _words_in_context(han: str, words: tuple[str, ...]) -> list[tuple[str, _Word]]:
    syllables = [s for word in words for s in _word_forms(word).numbered]
    for m in _corrections_re().finditer(han):
        syllables[m.start() : m.end()] = _corrections_tone3()[m.group()]
    result: list[tuple[str, _Word]] = []
    position = 0
    for i, word in enumerate(words):
        own = syllables[position : position + len(word)]
        if word == "地" and _is_particle_de(words, i):
            own = ["de"]
        result.append((word, _forms_from_syllables(own)))
        position += len(word)
    return result


def _forms_from_syllables(syllables: list[str]) -> _Word:
    marked: list[str] = []
    for i, syllable in enumerate(syllables):
        shown = _marked(syllable)
        if i and shown[:1] in "aāáǎàoōóǒòeēéěè":
            shown = "'" + shown  # GB/T 16159: Xī'ān, Tiān'ānmén
        marked.append(shown)
    plain = tuple(s.rstrip("12345") for s in syllables)
    return _Word(
        tone="".join(marked),
        numbered=tuple(syllables),
        plain=plain,
        initials="".join(s[:1] for s in plain),
    )


def _split_name(name: str) -> tuple[str, str]:
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:surname_length], name[surname_length:]


@functools.lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[_Word, _Word]:
    """Surname and given name of a Chinese personal name."""
    surname, _ = _split_name(name)
    syllables = _syllables(name)  # the whole name, so pypinyin sees the given name in context
    family = _surname_syllables(surname) or syllables[: len(surname)]
    return _forms_from_syllables(family), _forms_from_syllables(syllables[len(surname) :])


def _surname_syllables(surname: str) -> list[str] | None:
    reading = SURNAME_READINGS.get(surname)
    if reading is None:
        return None
    return [to_tone3(s, v_to_u=False) for s in reading.split()]


# --------------------------------------------------------------------------------------------
# Palladius
# --------------------------------------------------------------------------------------------

# Established Russian names that do not follow the system (historical or non-Mandarin origin).
# Guangzhou is Гуанчжоу in modern Russian usage (mid.ru, TASS); "Кантон" is historical only.
PALLADIUS_EXCEPTIONS: dict[str, str] = {
    "北京": "Пекин",
    "南京": "Нанкин",
    "哈尔滨": "Харбин",
    "香港": "Гонконг",
    "澳门": "Аомынь",
    "西藏": "Тибет",
    "拉萨": "Лхаса",
    "乌鲁木齐": "Урумчи",
    "喀什": "Кашгар",
    "呼和浩特": "Хух-Хото",
    "长江": "Янцзы",
}

_RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")


@functools.cache
def _palladius_table() -> dict[str, str]:
    table: dict[str, str] = {}
    data = resources.files("glossary").joinpath("data/palladius.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            pinyin, cyrillic = line.split("\t")
            table[pinyin] = cyrillic
    return table


def palladius_syllable(syllable: str) -> str:
    """Palladius spelling of one toneless pinyin syllable (ü may be written v or u:).

    >>> palladius_syllable("zhi"), palladius_syllable("nv"), palladius_syllable("hui")
    ('чжи', 'нюй', 'хуэй')
    """
    key = syllable.strip().lower().replace("u:", "ü").replace("v", "ü")
    try:
        return _palladius_table()[key]
    except KeyError:
        raise ValueError(f"not a Mandarin syllable: {syllable!r}") from None


def palladius(text: str, *, person: bool = False) -> str:
    """Russian (Palladius) transcription of a Chinese name.

    Words as in pinyin_forms, each capitalised; inside a word the syllables are joined and a
    syllable ending in -н (pinyin -ng) takes ъ before a vowel (Чанъань, Пэнъю; but Яньань).
    Established exceptions (PALLADIUS_EXCEPTIONS: Пекин, Гонконг ...) replace whole words.
    `person`: surname, a space, the given name as one word. Digits, Latin and punctuation are
    kept. Not meant for non-Chinese names (黎良明 is Vietnamese, 纳扎尔巴耶夫 Kazakh): those
    have established Russian spellings of their own.

    >>> palladius("习近平", person=True), palladius("上海"), palladius("西安"), palladius("北京")
    ('Си Цзиньпин', 'Шанхай', 'Сиань', 'Пекин')
    """
    name = text.strip()
    if name in PALLADIUS_EXCEPTIONS:
        return PALLADIUS_EXCEPTIONS[name]
    if person and _is_chinese_name(name):
        family, given = _name_words(name)
        return f"{_palladius_word(family.plain)} {_palladius_word(given.plain)}"
    items = [
        (kind, PALLADIUS_EXCEPTIONS.get(chunk) or _palladius_word(forms.plain) if forms else chunk)
        for kind, chunk, forms in _parts(text, whole_runs=person)
    ]
    return _join_spaced(items)


def _palladius_word(plain_syllables: list[str] | tuple[str, ...]) -> str:
    word = ""
    for syllable in plain_syllables:
        try:
            cyrillic = palladius_syllable(syllable)
        except ValueError:
            cyrillic = syllable  # an interjection (m, ng) or a character pypinyin does not know
        if word.endswith("н") and cyrillic[:1] in _RUSSIAN_VOWELS:
            word += "ъ"  # Чанъань: -ng before a vowel, unlike Яньань (-n)
        word += cyrillic
    return _capitalise(word)
