"""Cutting Chinese text: into sentences, and a run of Han characters into words as pinyin
writes them apart (GB/T 16159), for pinyin, Palladius and the line-break rules of normalise.

jieba is imported, and its dictionary read, on the first call that needs words.

>>> _words("上海合作组织成员国元首理事会")
('上海', '合作', '组织', '成员国', '元首', '理事会')
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from math import log
from typing import NamedTuple

__all__ = ["FIXED_WORDS", "Dictionary", "Segmenter", "dictionary", "sentences",
           "split_sentences"]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised text: split after 。！？； (with the closing quotes and
    brackets that follow) and at line breaks; spaces around a sentence are left out.

    >>> t = "他说：“好。”然后走了；\\n标题"
    >>> [t[a:b] for a, b in sentences(t)]
    ['他说：“好。”', '然后走了；', '标题']
    """
    return split_sentences(text, _SENTENCE_END)


_SENTENCE_END = re.compile(r"[。！？；]+[”’」』）》】〕]*|\n")


def split_sentences(text: str, ends: re.Pattern[str]) -> list[tuple[int, int]]:
    """Sentence spans of a text whose sentence ends `ends` matches (a match of a line break
    alone ends a sentence before it, any other after it); spaces around each left out. The
    one splitter of Chinese (`sentences`) and of Russian and English document texts."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in ends.finditer(text):
        end = m.start() if m.group() == "\n" else m.end()
        _add_span(spans, text, start, end)
        start = m.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# --------------------------------------------------------------------------------------------
# Words
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

# GB/T 16159: a long compound naming one concept is written word by word (Zhōnghuá Rénmín
# Gònghéguó). jieba keeps such compounds whole; split a word of 4+ characters when it is an
# exact sequence of dictionary words of 2+ characters that are all at least this frequent
# (transliterations like 阿斯|塔纳 fall below it).
_SPLIT_MIN_FREQ = 100

# --------------------------------------------------------------------------------------------
# jieba's dictionary, read once, and a segmenter over it
# --------------------------------------------------------------------------------------------


class Dictionary(NamedTuple):
    """jieba's dictionary (its dict.txt), read once per process and shared.

    The pinyin grouping here and the extractor's segmenter both cut text with it; before,
    each held a jieba.Tokenizer of its own (about 65 MB each) and the extractor also held
    jieba.posseg's table of parts of speech (about 50 MB), keyed by strings of their own.
    Read here once, the words are stored once and the tags point at the same strings.
    """

    #: jieba's prefix dictionary: each word's frequency, and 0 for every prefix of a word
    #: that is no word itself (jieba.Tokenizer.FREQ).
    freq: dict[str, int]
    #: The sum of the words' frequencies (jieba.Tokenizer.total).
    total: int
    #: Each word's part of speech (jieba.posseg's word_tag_tab): n, v, ns, nt, nr ...
    tags: dict[str, str]


_dictionary_lock = threading.Lock()
_dictionary_instance: Dictionary | None = None


def dictionary() -> Dictionary:
    """jieba's dictionary, read on first use (about half a second on a quiet machine)."""
    global _dictionary_instance
    if _dictionary_instance is None:
        with _dictionary_lock:
            if _dictionary_instance is None:
                _dictionary_instance = _read_dictionary()
    return _dictionary_instance


def _read_dictionary() -> Dictionary:
    """Build what jieba.Tokenizer.initialize and jieba.posseg build from dict.txt ("word
    frequency tag" a line), in one pass: the same frequencies, total and tags."""
    from importlib import resources

    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    intern = sys.intern  # some 50 tags for 349,000 words: one string each
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count, tag = line.split()
            n = int(count)
            freq[word] = n
            tags[word] = intern(tag)
            total += n
            # Every word's prefixes are in freq as soon as the word is: the first prefix
            # found ends the walk.
            for k in range(len(word) - 1, 0, -1):
                prefix = word[:k]
                if prefix in freq:
                    break
                freq[prefix] = 0
    return Dictionary(freq, total, tags)


#: The weight of a prefix that is no word (a word's is log(f / total) <= 0).
_PREFIX = 1.0
#: jieba's blocks: runs of these characters are cut into words, the rest character by
#: character (jieba.re_han_default, re_skip_default, re_eng).
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_LATIN = re.compile("[a-zA-Z0-9]")


class Segmenter:
    """jieba's accurate mode, `jieba.Tokenizer(...).cut(text, HMM=...)` word for word, over a
    dictionary that is shared or owned.

    It finds the same best route through the same word graph as jieba (the same sums of the
    same logarithms, ties to the longer word), in one pass from the end of a block instead of
    a graph dictionary and a generator per character, and remembers each word's weight and
    what the HMM made of each unknown run: about three times as fast as jieba on the
    extraction benchmark's megabyte. Unknown runs go to jieba's own HMM (jieba.finalseg).

    :param freq: the prefix dictionary; `add_word` changes it, so a segmenter that adds
        words needs a copy of its own (`dict(dictionary().freq)`: the table only, the words
        are shared).
    """

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self.freq = freq
        self.total = total
        #: The HMM's words of each unknown run met so far: the same names recur through a
        #: text (the HMM knows no added word, so what it gives a run never changes).
        self._unknown_words: dict[str, tuple[str, ...]] = {}
        #: log(frequency) - log(total) of each word met so far, _PREFIX for a prefix that is
        #: no word: the same few thousand words make most of any text. A new table when a
        #: word is added (the total changes), so that a cut under way in another thread fills
        #: the old one.
        self._weights: dict[str, float] = {}

    def add_word(self, word: str, freq: int) -> None:
        """jieba.Tokenizer.add_word(word, freq): the word and its prefixes."""
        self.freq[word] = freq
        self.total += freq
        for k in range(1, len(word)):
            self.freq.setdefault(word[:k], 0)
        self._weights = {}  # after the total: _route reads the table first

    def suggest_freq(self, word: str) -> int:
        """jieba.Tokenizer.suggest_freq(word, tune=False): the frequency that keeps the word
        whole."""
        p = 1.0
        for piece in self.cut(word, hmm=False):
            p *= self.freq.get(piece, 1) / float(self.total)
        return max(int(p * self.total) + 1, self.freq.get(word, 1))

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """The words of `text`, as `jieba.Tokenizer.cut(text, HMM=hmm)` gives them."""
        words: list[str] = []
        for k, block in enumerate(_BLOCK.split(text)):
            if k % 2:  # a run of word characters (split puts them at odd places)
                if hmm:
                    self._cut_block(block, words)
                else:
                    self._cut_block_no_hmm(block, words)
            elif block:
                for j, piece in enumerate(_SPACE.split(block)):
                    if j % 2:
                        words.append(piece)  # a space, or \r\n, is one word
                    else:
                        words.extend(piece)  # anything else, a character at a time
        return words

    def _route(self, block: str) -> list[int]:
        """For each position, the end of the word that starts there on the best route
        (jieba's get_DAG and calc together)."""
        n = len(block)
        get = self.freq.get
        weights = self._weights  # before the total (see add_word)
        if len(weights) > 50_000:
            weights = self._weights = {}
        known = weights.get
        logtotal = log(self.total)
        score = [0.0] * (n + 1)
        end = list(range(1, n + 2))
        for start in range(n - 1, -1, -1):
            best = None
            i = start
            piece = block[start]
            while True:
                w = known(piece)
                if w is None:
                    f = get(piece)
                    if f is None:
                        break  # no word starts with this piece
                    w = weights[piece] = log(f) - logtotal if f else _PREFIX
                if w != _PREFIX:
                    s = w + score[i + 1]  # jieba's log(f) - logtotal + route[i + 1]
                    if best is None or s >= best:  # a tie goes to the longer word, as in jieba
                        best = s
                        end[start] = i + 1
                i += 1
                if i == n:
                    break
                piece = block[start:i + 1]
            score[start] = -logtotal + score[start + 1] if best is None else best
        return end

    def _cut_block(self, block: str, words: list[str]) -> None:
        end = self._route(block)
        x, n = 0, len(block)
        buf = ""
        while x < n:
            y = end[x]
            if y - x == 1:
                buf += block[x]
            else:
                if buf:
                    self._unknown(buf, words)
                    buf = ""
                words.append(block[x:y])
            x = y
        if buf:
            self._unknown(buf, words)

    def _unknown(self, buf: str, words: list[str]) -> None:
        """A run of single characters: jieba's HMM finds the words in it (finalseg)."""
        if len(buf) == 1:
            words.append(buf)
        elif not self.freq.get(buf):
            found = self._unknown_words.get(buf)
            if found is None:
                from jieba import finalseg

                if len(self._unknown_words) > 50_000:
                    self._unknown_words.clear()
                found = self._unknown_words[buf] = tuple(finalseg.cut(buf))
            words.extend(found)
        else:
            words.extend(buf)

    def _cut_block_no_hmm(self, block: str, words: list[str]) -> None:
        end = self._route(block)
        x, n = 0, len(block)
        buf = ""
        while x < n:
            y = end[x]
            word = block[x:y]
            if y - x == 1 and _LATIN.match(word):
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)


_tokenizer_lock = threading.Lock()
_tokenizer_instance: Segmenter | None = None


def _tokenizer() -> Segmenter:
    """The segmenter of pinyin grouping: jieba's dictionary alone (the words the extractor
    adds to its own must not change how pinyin is grouped). jieba's dictionary waits for the
    first text that needs words."""
    global _tokenizer_instance
    if _tokenizer_instance is None:
        with _tokenizer_lock:
            if _tokenizer_instance is None:
                shared = dictionary()
                _tokenizer_instance = Segmenter(shared.freq, shared.total)
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
    for word in _tokenizer().cut(han):
        if word == "们" and words:
            words[-1] += word  # a suffix: 元首们 yuánshǒumen
        else:
            words.extend(_split_compound(word))
    return words


def _split_compound(word: str) -> tuple[str, ...]:
    """Split a compound into frequent dictionary words of 2+ characters, fewest pieces first."""
    if len(word) < 4:
        return (word,)
    freq = _tokenizer().freq
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
