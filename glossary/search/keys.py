"""The keys a term is stored under in the search index and a query looks up: the same
functions make both, so the two sides cannot drift apart. The words and their normal forms
come from glossary.analysis, which annotate uses too.

- `clean_query`: user input as data: control characters, lone surrogates and excess length
  removed; nothing in it is syntax.
- `zh_key`: a Chinese text folded to simplified script, letters and digits only.
- `term_key`: the exact-match key of a Russian/English term (its folded words, one space apart).
- `lemma_key`: the same words by their most probable lemma or stem: a term in another case
  form, number or spelling has the same lemma key.
- `STOPWORDS`: function words a query may carry that a term need not contain.
"""

from __future__ import annotations

import unicodedata

from glossary.analysis import fold, is_han, primary_norm, words

#: Longest query we analyse; the rest of a 10 KB paste is noise, not a search.
MAX_QUERY_CHARS = 256
#: Most words of one script we look up for one query.
MAX_QUERY_WORDS = 16

#: Function words a query may carry that a term need not contain ("в Астане", "of the SCO").
_STOPWORD_LIST = """
a an and at by for from in of on or the to with
а в во для до и из к ко на о об от по при с со у
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


def clean_query(text: str) -> str:
    """The query as plain text: NFKC, no control/format/private/unassigned characters or
    lone surrogates, whitespace collapsed, at most MAX_QUERY_CHARS characters.

    >>> clean_query("  RATS\\x00 \\ud800 OR\\t(sco)*  ")
    'RATS OR (sco)*'
    """
    if not isinstance(text, str):
        text = str(text or "")
    kept = "".join(ch for ch in text[: MAX_QUERY_CHARS * 4]
                   if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r")
    kept = unicodedata.normalize("NFKC", kept)
    return " ".join(kept.split())[:MAX_QUERY_CHARS]


def term_key(text: str) -> str:
    """The exact-match key of a non-Chinese term: its folded words, one space apart.

    >>> term_key("Shanghai  Cooperation Organisation")
    'shanghai cooperation organisation'
    >>> term_key("Государства – члены ШОС")
    'государства члены шос'
    """
    return " ".join(w.text for w in words(text))


def zh_key(text: str) -> str:
    """The key of a Chinese text: simplified script, letters and digits only, folded.

    >>> zh_key("《地區反恐怖機構》")
    '地区反恐怖机构'
    """
    from glossary.chinese import fold_script

    simplified = fold_script(unicodedata.normalize("NFKC", text))
    return "".join(ch if is_han(ch) else fold(ch) for ch in simplified if ch.isalnum())


def lemma_key(text: str) -> str:
    """A term's words by their most probable normal forms, in order, one space apart: the
    key that finds a whole term (or its start) typed in another case form or spelling.

    >>> lemma_key("Шанхайская конвенция"), lemma_key("Shanghai Cooperation Organization")
    ('шанхайский конвенция', 'shanghai cooper organiz')
    """
    return " ".join(primary_norm(w.text) for w in words(text))
