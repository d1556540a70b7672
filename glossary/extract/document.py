"""A text prepared for extraction: normalised, folded to simplified script, cut into words.

Every rule works on `Prepared.simple`, the normalised text in simplified script, which has the
same length as the normalised text (script folding is checked to keep every offset), so one
span means the same characters in both and maps back to the original file text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from glossary import chinese
from glossary.chinese.segment import Segmenter, dictionary
from glossary.extract.lexicon import lexicon

_lock = threading.Lock()
_tokenizer: Segmenter | None = None
_added: set[str] = set()
#: The longest termbase term that becomes a word of the segmenter (银联体, 上合组织, 互联互通).
#: Longer entries are names and phrases (上合组织秘书长, 多式联运物流中心) that the rules and the
#: termbase matcher find anyway; made words, they would hide their parts from the rules.
MAX_USER_WORD = 4


class Word(NamedTuple):
    """A word of the segmented text (a tuple: a megabyte of text makes 600,000 of them)."""

    start: int
    end: int
    text: str
    #: jieba's dictionary part of speech ("x" for words it does not know).
    tag: str


@dataclass
class Prepared:
    original: str
    norm: chinese.Normalised
    #: The normalised text in the script it was written in.
    text: str
    #: The same text in simplified script: what rules and statistics read.
    simple: str
    sentences: list[tuple[int, int]]
    words: list[Word]
    #: Offsets where a line of the file began that normalisation joined to the line before
    #: (a heading or a short line, see line_breaks): no name runs across one.
    breaks: frozenset[int] = frozenset()
    _word_at: dict[int, int] = field(default_factory=dict, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _word_starts: list[int] = field(default_factory=list, repr=False)
    _by_word: dict[tuple[str, str], list[int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._word_starts = [w[0] for w in self.words]
        self._word_at = dict(zip(self._word_starts, range(len(self.words)), strict=True))
        self._sentence_starts = [s for s, _ in self.sentences]

    def words_within(self, start: int, end: int) -> list[Word]:
        """The words that lie wholly between `start` and `end`."""
        first = bisect.bisect_left(self._word_starts, start)
        last = bisect.bisect_left(self._word_starts, end, lo=first)
        return [w for w in self.words[first:last] if w.end <= end]

    @functools.cached_property
    def sorted_breaks(self) -> list[int]:
        """`breaks` in order."""
        return sorted(self.breaks)

    def where(self, test: Callable[[str, str], bool]) -> list[int]:
        """Indexes, in text order, of the words whose text and tag pass `test`, asked once
        for each distinct word: a rule that looks at a few words (offices, heads, 反...)
        skips a pass over all the words of the text."""
        if self._by_word is None:
            by_word: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
            for i, word in enumerate(self.words):
                by_word[word[2:]].append(i)
            self._by_word = dict(by_word)
        chosen = [places for (text, tag), places in self._by_word.items() if test(text, tag)]
        return sorted(itertools.chain.from_iterable(chosen))

    def word_index(self, offset: int) -> int | None:
        """Index of the word that starts exactly at `offset`, or None."""
        return self._word_at.get(offset)

    def word_containing(self, offset: int) -> int | None:
        """Index of the word that holds the character at `offset`, or None."""
        i = bisect.bisect_right(self._word_starts, offset) - 1
        return i if i >= 0 and self.words[i].end > offset else None

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence span containing `offset` (the whole text if there are none)."""
        i = max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)
        return self.sentences[i] if self.sentences else (0, len(self.simple))


def prepare(original: str, extra_words: Iterable[str] = ()) -> Prepared:
    """Normalise `original`, fold it to simplified script and cut it into words.

    :param extra_words: words the segmenter must keep whole (the termbase's terms; only those
        of at most MAX_USER_WORD characters are taken).
    """
    norm = chinese.normalise_long(original)  # pieces: a 4 MB text in tens of megabytes
    simple = _fold(norm.text)
    tokenizer = _segmenter(extra_words)
    tags = dictionary().tags
    breaks = line_breaks(original, norm, tokenizer)
    tokens: list[str] = []
    for lo, hi in itertools.pairwise([0, *sorted(breaks), len(simple)]):
        # Each piece between joined lines is cut on its own: no word spans a heading's end.
        for whole in tokenizer.cut(simple[lo:hi]):
            if len(whole) >= 6:
                tokens.extend(_state_and_body(whole, tags))
            else:
                tokens.append(whole)
    return Prepared(original, norm, norm.text, simple, chinese.sentences(simple),
                    _words(tokens, tags, lexicon().attributives), breaks)


def _words(tokens: list[str], tags: dict[str, str], attributives: frozenset[str]) -> list[Word]:
    """The tokens (which cover the text from its start) as Words with their offsets and tags.

    Built a list at a time rather than a Word at a time (600,000 of them in a megabyte); each
    distinct token is looked up once, and the Words of one token share its string.
    """
    vocabulary: dict[str, tuple[str, str]] = {}  # token → (one string for all, tag)
    for token in tokens:
        if token not in vocabulary:
            vocabulary[token] = (token, "b" if token in attributives else tags.get(token, "x"))
    pairs = map(vocabulary.__getitem__, tokens)
    texts, word_tags = zip(*pairs, strict=True) if tokens else ((), ())
    ends = list(itertools.accumulate(map(len, texts)))
    starts = [0, *ends[:-1]]
    new = tuple.__new__
    return [new(Word, fields) for fields in zip(starts, ends, texts, word_tags, strict=True)]


#: A numbered heading: 一、 （二） 第三章 4. 5、
_NUMERAL = "一二三四五六七八九十"
_HEADING = re.compile(
    f"([{_NUMERAL}]+、|（[{_NUMERAL}]+）|第[{_NUMERAL}\\d]+[章节部分条]|\\d+[.、])")


def line_breaks(original: str, norm: chinese.Normalised,
                tokenizer: Segmenter) -> frozenset[int]:
    """Offsets of `norm.text` where a line of `original` began that normalisation joined to the
    line before it, where that line was a heading, a byline or a list item that its author
    wrote without final punctuation (一、基本原则⏎上合组织, 人民日报记者 陈晓东⏎⏎记者：...):

    - the line before is a numbered heading (一、 （二） 第三章 4.): always;
    - the line before is short (at most 40 characters, no comma or full stop) or the break
      is a single line break (no blank line after it), and the break falls between two
      words (a page break inside a paragraph cuts a word: the communique's 实现国⏎⏎家和平);
    - in a hard-wrapped text (more lines joined than kept) only numbered headings count: its
      lines may end anywhere, inside a name too.
    """
    if "\n" not in original:
        return frozenset()
    text, offsets = norm.text, norm.offsets
    joined = []  # (offset, numbered heading, short line or single break)
    for m in re.finditer(r"[ \t\u3000]*\n\s*", original):
        p = original.index("\n", m.start())
        i = bisect.bisect_left(offsets, p, 0, len(text))
        if not (0 < i < len(text)) or offsets[i] <= p or "\n" in text[i - 1:i + 1] \
                or m.end() == len(original):
            continue
        line = original[original.rfind("\n", 0, m.start()) + 1:m.start()].strip()
        single = m.group().count("\n") == 1
        short = len(line) <= 40 and not re.search(r"[，。；、,;]", line)
        joined.append((i, _HEADING.match(line) is not None, single or short))
    wrapped = len(joined) > max(text.count("\n"), 2)
    found = []
    for i, numbered, candidate in joined:
        if numbered:  # 一、基本原则⏎上合组织: jieba's 原则上 does not hold a heading together
            found.append(i)
            continue
        if wrapped or not candidate:
            continue
        window = _fold(text[max(0, i - 6):i + 6])
        cut = i - max(0, i - 6)
        if cut in set(itertools.accumulate(len(w) for w in tokenizer.cut(window))):
            found.append(i)
    return frozenset(found)


def _state_and_body(token: str, tags: dict[str, str]) -> tuple[str, ...]:
    """jieba knows some organs of a state as one word (中华人民共和国国务院, 俄罗斯联邦政府): cut
    them into the state and the organ, so that rules see the state and the title after it."""
    if len(token) < 6 or tags.get(token) != "nt":
        return (token,)
    for k in range(len(token) - 2, 2, -1):
        if tags.get(token[:k]) == "ns" and token[k:] in tags:
            return token[:k], token[k:]
    return (token,)


_ALL_HAN: dict[str, bool] = {}


def all_han(text: str) -> bool:
    """Is every character of `text` Han? (Remembered per word: rules ask it of every word.)"""
    try:
        return _ALL_HAN[text]
    except KeyError:
        if len(_ALL_HAN) > 200_000:
            _ALL_HAN.clear()
        answer = _ALL_HAN[text] = all(map(chinese.is_han, text))
        return answer


def occurrences(text: str, terms: Iterable[str]) -> dict[str, list[int]]:
    """Where each term starts in `text`, each occurrence after the end of the one before (as a
    str.find loop that goes on from the end of each match finds them), for all the terms in
    one pass over the text (Aho–Corasick) instead of one pass for each.

    >>> occurrences("上海合作组织上海", ["上海", "合作", "海海"])
    {'上海': [0, 6], '合作': [2], '海海': []}
    """
    found: dict[str, list[int]] = {term: [] for term in terms if term}
    if not found:
        return found
    automaton = ahocorasick.Automaton()
    for term in found:
        automaton.add_word(term, term)
    automaton.make_automaton()
    free = dict.fromkeys(found, 0)  # where each term's next occurrence may start
    for last, term in automaton.iter(text):  # by end, so each term's by start too
        start = last - len(term) + 1
        if start >= free[term]:
            free[term] = last + 1
            found[term].append(start)
    return found


def word_frequencies() -> dict[str, int]:
    """jieba's dictionary frequencies (how common a word is in general Chinese)."""
    return _segmenter(()).freq


def _fold(text: str) -> str:
    """Simplified script with the same length: OpenCC phrases may change the length of a
    paragraph; such a paragraph is then folded character by character."""
    folded = chinese.fold_script(text)
    if len(folded) == len(text):
        return folded
    pieces = []
    for part in re.split(r"(\n)", text):
        simple = chinese.fold_script(part)
        if len(simple) != len(part):
            simple = "".join(c if len(s := chinese.fold_script(c)) != 1 else s for c in part)
        pieces.append(simple)
    return "".join(pieces)


def _segmenter(extra_words: Iterable[str]) -> Segmenter:
    """A segmenter of the extractor's own that keeps offices, heads and the given words whole.

    Its own, so that pinyin grouping (which cuts with jieba's dictionary alone) is not changed
    by what the extractor adds; it shares jieba's dictionary with it (chinese.segment), and
    its frequency table is a copy of the shared one (the table, about 20 MB; the words
    themselves are not copied).
    """
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            shared = dictionary()
            tokenizer = Segmenter(dict(shared.freq), shared.total)
            lex = lexicon()
            for word in (*lex.offices, *lex.heads, *lex.name_verbs, *lex.attributives,
                         *lex.clause_words):
                _add(tokenizer, word)
            _tokenizer = tokenizer
        for word in extra_words:
            if word not in _added and 1 < len(word) <= MAX_USER_WORD \
                    and chinese.han_ratio(word) == 1:
                _add(_tokenizer, word)
        return _tokenizer


def _add(tokenizer: Segmenter, word: str) -> None:
    tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 10))
    _added.add(word)
