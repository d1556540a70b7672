"""Analysis of the termbase's prose (definitions and notes) for the full-text index.

One analysis per language, each a Whoosh tokenizer that keeps only the words of its own
script, so that any text can be given to all three (the termbase's notes quote across
scripts: an English note cites 主管部门 and «компетентные органы»):

- `ChineseBigrams`: overlapping character bigrams of every run of Han characters, folded
  to simplified script (OpenCC, as the term index does), so 反恐 finds 地區反恐怖機構 in a note;
- `RussianStems`: Cyrillic words, case- and ё→е-folded, brought to their most probable
  lemma (pymorphy3, as the term index does) and stemmed by PyStemmer (Snowball in C),
  function words dropped. Snowball alone splits the paradigm of nouns in -ан/-ян, which
  are the SCO's member states: Казахстан, Казахстана → казахста but Казахстане, Казахстаном
  → казахстан (Пакистан, Узбекистан, Иран, орган alike); the lemma first makes them one. A
  query word is looked up by the stems of every lemma pymorphy3 proposes for it;
- `EnglishStems`: every other word (Latin, digits), case- and accent-folded, British
  spellings folded to American ones, stemmed by PyStemmer, function words dropped.

The tokenizers are module-level classes with no state: Whoosh pickles the schema, with its
analyzers, into the index, and a `Stemmer.Stemmer` cannot be pickled (the stemmers live in
glossary.analysis, one per thread). The same functions make the tokens of a query
(`analyse_query`) and find, in a text as stored, what a query matched (`spans`, `snippet`),
so the three sides cannot drift apart.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass

from whoosh.analysis import Token, Tokenizer

from glossary.analysis import american, is_cyrillic, is_han, norms, primary_norm, stemmer, words
from glossary.search.keys import MAX_QUERY_WORDS, clean_query

#: The full-text fields by language; a query token is looked up in its language's fields.
LANGS = ("zh", "ru", "en")
#: Most distinct tokens a query is looked up with (words, or bigrams of Chinese).
MAX_TOKENS = MAX_QUERY_WORDS
#: Longest snippet shown around a match, in characters.
SNIPPET_CHARS = 160

_EN_STOP_LIST = """
a about an and are as at be been but by can could did do does for from had has have he her
his how if in into is it its may might must no not of on or our shall she should so such
than that the their them then there these they this those to under upon us was we were
when whether which while who whom whose will with within would yet you your
"""
_RU_STOP_LIST = """
а без бы был была были было быть в вам вас во вот все всех вы где да даже для до его ее её
ей ем если есть еще ещё же за и из или им их к как ко когда кто ли либо между мы на над не
него нее неё ней нет ни них но ну о об однако он она они оно от по под при про с со так
также такой там то того тоже той том только у уже чем что чтобы эта эти это этой этом этот
"""
#: Words a question about the termbase carries that its prose need not contain ("which
#: concept's note mentions Nur-Sultan", "сепаратизм экстремизм определение"): dropped from a
#: query when other words remain.
_QUESTION_LIST = """
concept concepts definition definitions define defined defines mean means meaning note notes
noted mention mentions mentioned mentioning term terms what
определение определения определений определением понятие понятия понятий примечание
примечания примечании термин термина термины упоминание упоминается упоминает означает
какой какая какое какие который которая которое которые
"""
_EN_STOP = frozenset(_EN_STOP_LIST.split())
_RU_STOP = frozenset(_RU_STOP_LIST.split())
_QUESTION_WORDS = frozenset(_QUESTION_LIST.split())

#: What joins the parts of a compound word (Nur-Sultan, Xi'an): marked with them.
_JOINERS = frozenset("-‐‑'’ʼ")
@functools.lru_cache(maxsize=200_000)
def russian_stem(word: str) -> str:
    """A folded Russian word's stem, by its most probable lemma ('' for a function word).

    >>> [russian_stem(w) for w in ("казахстан", "казахстане", "экстремизма", "для")]
    ['казахста', 'казахста', 'экстремизм', '']
    """
    if word in _RU_STOP:
        return ""
    return stemmer("russian").stemWord(primary_norm(word))


@functools.lru_cache(maxsize=50_000)
def russian_stems(word: str) -> tuple[str, ...]:
    """The stems a Russian query word is looked up by: its own first, then those of its
    other possible lemmas.

    >>> russian_stems("стали")
    ('стат', 'стал')
    """
    first = russian_stem(word)
    if not first:
        return ()
    others = (stemmer("russian").stemWord(n) for n in norms(word)[1:])
    return tuple(dict.fromkeys([first, *others]))


@functools.lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """A folded English word's stem, either spelling ('' for a function word).

    >>> english_stem("organisations"), english_stem("fights"), english_stem("the")
    ('organiz', 'fight', '')
    """
    if word in _EN_STOP:
        return ""
    if word.isdigit():
        return word
    return stemmer("english").stemWord(american(word))


@dataclass(frozen=True, slots=True)
class Found:
    """A token of a text and where it stands in the text as given."""

    lang: str
    text: str
    start: int
    end: int


def chinese_tokens(text: str) -> list[Found]:
    """Bigrams of each run of Han characters, in simplified script.

    >>> [t.text for t in chinese_tokens("地區反恐 and 上合")]
    ['地区', '区反', '反恐', '上合']
    """
    out: list[Found] = []
    for start, run in _han_runs(text):
        folded = _simplified(run)
        out += [Found("zh", folded[j:j + 2], start + j, start + j + 2)
                for j in range(len(folded) - 1)]
    return out


@functools.lru_cache(maxsize=65_536)
def _simplified(run: str) -> str:
    """A run of Han characters in simplified script, character for character."""
    from glossary.chinese import fold_script

    normal = unicodedata.normalize("NFKC", run)
    if len(normal) != len(run):
        normal = run
    folded = fold_script(normal)
    if len(folded) == len(run):
        return folded
    return "".join(fold_script(ch)[:1] or ch for ch in normal)  # keep the offsets


def word_tokens(text: str, lang: str | None = None) -> list[Found]:
    """Stems of the Russian ("ru") or other ("en") words of a text (both when lang is None).

    >>> [(t.lang, t.text) for t in word_tokens("The Ёлка is in «Нур-Султане»")]
    [('ru', 'елк'), ('ru', 'нур'), ('ru', 'султа')]
    """
    out: list[Found] = []
    for word in words(text):
        russian = any(map(is_cyrillic, word.text))
        if lang is not None and (lang == "ru") != russian:
            continue
        stem = russian_stem(word.text) if russian else english_stem(word.text)
        if stem:
            out.append(Found("ru" if russian else "en", stem, word.start, word.end))
    return out


def tokens(text: str, lang: str | None = None) -> list[Found]:
    """The tokens of a text in one language's analysis, or in all three."""
    if lang == "zh":
        return chinese_tokens(text)
    if lang is not None:
        return word_tokens(text, lang)
    return sorted([*chinese_tokens(text), *word_tokens(text)], key=lambda t: t.start)


class _ProseTokenizer(Tokenizer):
    """A Whoosh tokenizer over one language's tokens (`LANG`); stateless, so picklable."""

    LANG = ""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, found in enumerate(tokens(value, self.LANG)):
            token.text = found.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = found.text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + found.start
                token.endchar = start_char + found.end
            yield token


class ChineseBigrams(_ProseTokenizer):
    LANG = "zh"


class RussianStems(_ProseTokenizer):
    LANG = "ru"


class EnglishStems(_ProseTokenizer):
    LANG = "en"


ANALYZERS = {"zh": ChineseBigrams, "ru": RussianStems, "en": EnglishStems}


# ---- the query side -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Wanted:
    """A token of the query: its language and the forms it matches (a word's stems by each
    of its lemmas; a bigram or an English stem alone)."""

    lang: str
    forms: tuple[str, ...]


@dataclass
class ProseQuery:
    """What the prose is searched for: tokens; units, what a text must hold (a word, or all
    the bigrams of a run of Chinese: a typed fragment is not a bag of bigrams), as lists of
    token indexes; and the runs of Chinese as typed (folded to simplified script), to
    highlight whole fragments."""

    tokens: list[Wanted]
    units: list[list[int]]
    pieces: list[str]

    def keys(self) -> set[tuple[str, str]]:
        """Every (language, form) a token of the prose may have to match."""
        return {(t.lang, form) for t in self.tokens for form in t.forms}


def analyse_query(query: str, langs: set[str] | None = None) -> ProseQuery:
    """The query's tokens, distinct, in the order typed (at most MAX_TOKENS), of the
    languages `langs` (all when None): user input as data (cleaned, cut to size); function
    words dropped, and the words of a question about the termbase when others remain.

    >>> [t.forms for t in analyse_query("which concept's note mentions Nur-Sultan?").tokens]
    [('nur',), ('sultan',)]
    >>> [t.forms for t in analyse_query("сепаратизм экстремизм определение").tokens]
    [('сепаратизм',), ('экстремизм',)]
    >>> q = analyse_query("地區反恐 Tashkent")
    >>> q.pieces, [t.forms for t in q.tokens], q.units
    (['地区反恐'], [('地区',), ('区反',), ('反恐',), ('tashkent',)], [[0, 1, 2], [3]])
    """
    text = clean_query(query)
    asked = {(w.start, w.end) for w in words(text) if w.text in _QUESTION_WORDS}
    found: list[Wanted] = []
    kept: list[Wanted] = []
    for w in words(text):
        russian = any(map(is_cyrillic, w.text))
        forms = russian_stems(w.text) if russian else tuple(filter(None, [english_stem(w.text)]))
        if forms:
            token = Wanted("ru" if russian else "en", forms)
            found.append(token)
            if (w.start, w.end) not in asked:
                kept.append(token)
    groups: list[list[Wanted]] = []
    pieces: list[str] = []
    if langs is None or "zh" in langs:
        for _, run in _han_runs(text):
            grams = [Wanted("zh", (t.text,)) for t in chinese_tokens(run)]
            if grams:
                groups.append(grams)
                pieces.append(_simplified(run))
    if langs is None or langs & {"ru", "en"}:
        groups += [[t] for t in (kept or found) if langs is None or t.lang in langs]
    tokens: list[Wanted] = []
    units: list[list[int]] = []
    for group in groups:
        unit = []
        for token in group:
            if token not in tokens and len(tokens) < MAX_TOKENS:
                tokens.append(token)
            if token in tokens:
                unit.append(tokens.index(token))
        if unit and unit not in units:
            units.append(unit)
    return ProseQuery(tokens, units, pieces)


def required(n: int) -> int:
    """How many of a query's n units a text must hold: all of one or two; otherwise three
    in five (a description typed in full need not be worded as the note is).

    >>> [required(n) for n in (1, 2, 3, 4, 5, 10)]
    [1, 2, 2, 3, 3, 6]
    """
    return n if n <= 2 else math.ceil(0.6 * n)


# ---- where a query matched, for highlighting ------------------------------------------------

def spans(text: str, query: ProseQuery) -> tuple[list[list[int]], int]:
    """[start, end] of what the query matched in `text` (overlaps merged), and how many of
    its tokens the text holds. Chinese is marked where a run of the query occurs whole (by
    str.find on the simplified text), and by its bigrams only where it does not.

    >>> spans("设在塔什干的机构，打击恐怖主义、分裂主义", analyse_query("分裂主義"))
    ([[16, 20]], 3)
    """
    keys = query.keys()
    found = [t for t in tokens(text) if (t.lang, t.text) in keys]
    held = {(t.lang, t.text) for t in found}
    count = sum(any((t.lang, form) in held for form in t.forms) for t in query.tokens)
    marks: list[tuple[int, int]] = [(t.start, t.end) for t in found if t.lang != "zh"]
    if query.pieces and any(t.lang == "zh" for t in found):
        simplified = _simplified_text(text)
        for piece in query.pieces:
            at = simplified.find(piece) if len(piece) > 1 else -1
            if at < 0:  # not whole: its bigrams, where they are
                grams = {piece[i:i + 2] for i in range(len(piece) - 1)}
                marks += [(t.start, t.end) for t in found if t.lang == "zh" and t.text in grams]
            while at >= 0:
                marks.append((at, at + len(piece)))
                at = simplified.find(piece, at + len(piece))
    out: list[list[int]] = []
    for start, end in sorted(marks):
        # Overlapping bigrams are one mark; so are the parts of a compound (Nur-Sultan).
        if out and (start < out[-1][1] or (start == out[-1][1] + 1
                                           and text[start - 1] in _JOINERS)):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out, count


def _simplified_text(text: str) -> str:
    """The text with its Han runs in simplified script, character for character."""
    out, start = [], 0
    for run_start, run in _han_runs(text):
        out += [text[start:run_start], _simplified(run)]
        start = run_start + len(run)
    out.append(text[start:])
    return "".join(out)


def _han_runs(text: str) -> list[tuple[int, str]]:
    """The runs of Han characters of a text, with where each starts."""
    out, start = [], None
    for i, ch in enumerate([*text, " "]):
        if is_han(ch):
            start = i if start is None else start
        elif start is not None:
            out.append((start, text[start:i]))
            start = None
    return out


def snippet(text: str, found: list[list[int]],
            size: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """A fragment of `text` of about `size` characters around the first span (with as many
    of the others as fit), cut at spaces and marked with … where cut; the spans in it.

    >>> snippet("one two three four five six", [[8, 13]], size=12)
    ('…two three…', [[5, 10]])
    """
    if len(text) <= size:
        return text, [list(s) for s in found]
    first, first_end = found[0] if found else (0, 0)
    start = max(0, min(first - size // 3, len(text) - size))
    end = min(len(text), start + size)
    if start > 0 and not text[start - 1].isspace():  # do not begin inside a word
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text) and not text[end].isspace():  # nor end inside one
        space = text.rfind(" ", max(first_end, start), end)
        end = space if space > start else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    inside = [[max(s, start) - start + len(lead), min(e, end) - start + len(lead)]
              for s, e in found if s < end and e > start]
    return lead + text[start:end] + tail, inside
