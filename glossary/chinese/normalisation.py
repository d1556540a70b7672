"""Normalisation of Chinese text copied from the web or a PDF, with a map back to the original.

>>> n = normalise("至 2025 年, 实现国\\n家和平.")
>>> n.text, n.to_original(0, 2)
('至2025年，实现国家和平。', (0, 3))
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from glossary.chinese.chars import _is_word_char, _kind, is_han
from glossary.chinese.segment import _fixed_words_re, _tokenizer

__all__ = ["NORMALISE_PIECE", "Normalised", "normalise", "normalise_long"]



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

_ONE_TO_ONE: dict[int, int | str] = {
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
#: The ASCII marks _fix_punctuation may change.
_ASCII_MARKS = frozenset(",;:?!.()\"'")


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
        if out_chars:
            out_chars.append("\n")
            out_offs.append(previous_break)
        if " " in para_chars:
            kept = _squeeze_spaces(para_chars)
            out_chars.extend(map(para_chars.__getitem__, kept))
            out_offs.extend(map(para_offs.__getitem__, kept))
        else:  # most Chinese paragraphs: no space to squeeze
            out_chars.extend(para_chars)
            out_offs.extend(para_offs)
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
        offsets.extend(map(lo.__add__, norm.offsets[:-1]))
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
    for word in _tokenizer().cut(window, hmm=False):
        if position < cut < position + len(word):
            return True
        position += len(word)
    return False


def _fix_punctuation(chars: list[str]) -> None:
    """Make ASCII punctuation in Han context full-width, in place (one character for one).
    (`chars` holds one character an item; only the marks' places are visited, in order.)"""
    if _ASCII_MARKS.isdisjoint(chars):
        return  # most paragraphs of a Chinese text: nothing to look at
    text = "".join(chars)  # where the marks are: each step changes only marks of its kind
    _fix_brackets(chars, text)
    _fix_quotes(chars, text, '"', "“", "”")
    _fix_quotes(chars, text, "'", "‘", "’")
    for m in _STOP_MARKS.finditer(text):
        i = m.start()
        ch = chars[i]
        if ch in ",;:?!" and (_han_before(chars, i) or _han_after(chars, i)):
            chars[i] = _ASCII_TO_FULL[ch]
        elif ch == "." and _is_han_full_stop(chars, i):
            chars[i] = "。"


_STOP_MARKS = re.compile("[,;:?!.]")
_ROUND_BRACKETS = re.compile("[()]")


def _fix_brackets(chars: list[str], text: str) -> None:
    if "(" not in text and ")" not in text:
        return
    stack: list[int] = []
    for m in _ROUND_BRACKETS.finditer(text):
        i = m.start()
        ch = chars[i]
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


def _fix_quotes(chars: list[str], text: str, quote: str, opening: str, closing: str) -> None:
    if quote not in text:
        return
    # an apostrophe inside a Latin word (Xi'an, don't) is not a quote
    marks = [i for i in _positions(text, quote) if not _inside_word_run(chars, i)]
    for start, end in zip(marks[::2], marks[1::2], strict=False):
        if _han_between(chars, start, end) or _han_before(chars, start) or _han_after(chars, end):
            chars[start], chars[end] = opening, closing


def _positions(text: str, ch: str) -> list[int]:
    """Every index of `ch` in `text`."""
    found = []
    i = text.find(ch)
    while i >= 0:
        found.append(i)
        i = text.find(ch, i + 1)
    return found


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
    """Indexes of the characters to keep: spaces go where Chinese has none, others collapse.
    (`chars` holds one character an item.)"""
    kept: list[int] = []
    n = len(chars)
    after = 0  # the end of the last run of spaces
    for run in _SPACE_RUN.finditer("".join(chars)):
        i, j = run.span()
        kept.extend(range(after, i))
        if i > 0 and j < n and not _space_removable(chars[i - 1], chars[j]):
            kept.append(i)  # one space of the run
        after = j
    kept.extend(range(after, n))
    return kept


_SPACE_RUN = re.compile(" +")


def _space_removable(left: str, right: str) -> bool:
    kinds = _kind(left) + _kind(right)
    if "P" in kinds:
        return True
    return "H" in kinds and kinds.replace("H", "", 1) in "HAQ"

