"""Terms that stand as the object of a governing verb: 打击跨国有组织犯罪, 巩固国际信息安全,
应对紧急事态, 建立司法鉴定合作机制.

Official Chinese names what the states fight, keep, strengthen or build right after the verb
(lexicon object_verbs). The object runs over the words that can stand in a name, up to
punctuation, a function word or another verb; generic nouns at its end (能力, 机制, 合作 ...:
lexicon generic_nouns) are taken off; what is left is a term when it is a short noun phrase
with at least one specific word (one that is rare in general Chinese), so that everyday
objects (地区安全, 国际合作) are not taken. A single word counts only when a generic noun
followed it (巩固|睦邻友好|合作关系): a lone word is just whatever the verb governs.
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.extract.document import Prepared, Word, all_han, word_frequencies
from glossary.extract.heads import head_kind, nameable
from glossary.extract.hits import Hit, span
from glossary.extract.lexicon import Lexicon, lexicon
from glossary.extract.statistics import RARE

MAX_WORDS = 4
#: Parts of speech an object may end in: nouns (jieba tags some terms as names: 司法鉴定/nr),
#: nominal verbs and adjectives, set phrases, abbreviations.
_LAST_TAGS = ("n", "vn", "an", "l", "j")


def objects(doc: Prepared) -> Iterator[Hit]:
    lex = lexicon()
    freq = word_frequencies()
    words = doc.words
    for i in doc.where(lambda text, _: text in lex.object_verbs):
        j = i + 1
        while j < len(words) and j - i <= MAX_WORDS + 2 and _in_object(words[j], lex):
            j += 1
        run = words[i + 1:j]
        whole = len(run)
        while run and run[-1].text in lex.generic_nouns:
            run = run[:-1]
        if len(run) == 1 and whole == 1:
            continue  # 深化|相互理解: one word is just what the verb governs
        if _term_like(run, lex, freq):
            yield span(run[0].start, run[-1].end, "concept", "object")


def _in_object(word: Word, lex: Lexicon) -> bool:
    if word.text in lex.object_verbs or not all_han(word.text):
        return False
    return nameable(word.text, word.tag, lex) or (word.tag == "a"
                                                  and word.text not in lex.boundaries)


def _term_like(run: list[Word], lex: Lexicon, freq: dict[str, int]) -> bool:
    """A short noun phrase with a specific word, that names nothing (names are found by their
    heads) and holds no unknown word (a piece of a name the segmenter did not know)."""
    if not 1 <= len(run) <= MAX_WORDS or not run[-1].tag.startswith(_LAST_TAGS):
        return False
    length = run[-1].end - run[0].start
    if not 4 <= length <= 10:
        return False
    if any(w.tag in ("x", "ns", "nt", "nrt") or head_kind(w.text, lex) for w in run):
        return False
    return min(freq.get(w.text, 0) for w in run) < RARE
