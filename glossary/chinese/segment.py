"""Cutting Chinese text: into sentences, and a run of Han characters into words as pinyin
writes them apart (GB/T 16159), for pinyin, Palladius and the line-break rules of normalise.

jieba is imported, and its dictionary read, on the first call that needs words.

>>> _words("上海合作组织成员国元首理事会")
('上海', '合作', '组织', '成员国', '元首', '理事会')
"""

from __future__ import annotations

import functools
import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

__all__ = ["FIXED_WORDS", "sentences", "split_sentences"]


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

_tokenizer_lock = threading.Lock()
_tokenizer_instance: jieba.Tokenizer | None = None


def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer: words other modules add to jieba's global one must not
    change how pinyin is grouped. Importing jieba takes a tenth of a second and reading its
    dictionary a second, so both wait for the first text that needs words."""
    global _tokenizer_instance
    if _tokenizer_instance is None:
        with _tokenizer_lock:
            if _tokenizer_instance is None:
                import jieba

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
