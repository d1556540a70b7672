"""Find every known term in a text: `annotate(session, text, lang=None)`.

The answer marks each term found (longest match first, never overlapping) with its span in
the text *as given* (offsets count Unicode code points), and carries the concept shapes of
exactly the concepts found: the glossary of this one text.

- Chinese is matched in either script: terms and text are folded to simplified script
  (`chinese.fold_script`), and whitespace between two Han characters is skipped, so a term
  broken across a PDF line still matches (han.py).
- Russian and English are matched word by word, by the word analysis search uses
  (glossary.analysis): a term's word by its most probable lemma or stem, a word of the text
  by any of its lemmas, so «Региональной антитеррористической структуры» marks «Региональная
  антитеррористическая структура», "Program" marks "Programme" and "в Астане" marks Астана
  (keys.py). Hyphens, dashes and quotes between words do not count; other punctuation must
  match. Abbreviations written in capitals (RATS, ШОС) match only in capitals, with a short
  ending (NGOs, МИДа), because "rats" or "sco" in lower case are ordinary words.
- The matchers are built once per database and rebuilt when the change log moves (a new
  Change row or a new term); the concept shapes found are kept for as long as the matchers
  (cache.py). annotator.py puts the matchers together and turns their spans into marks.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from glossary.messages import message
from glossary.services.annotate.cache import annotator

__all__ = ["MAX_TEXT_BYTES", "TEXT_LANGS", "TextTooLarge", "annotate"]

#: The largest text annotated at once (UTF-8 bytes).
MAX_TEXT_BYTES = 1 << 20
#: Language tags a text may be declared in ("zh": Chinese in either script).
TEXT_LANGS = ("zh", "zh-Hans", "zh-Hant", "ru", "en")

_SURROGATE = re.compile("[\ud800-\udfff]")


class TextTooLarge(ValueError):
    """The text is over MAX_TEXT_BYTES."""


def annotate(session: Session, text: str, *, lang: str | None = None) -> dict[str, Any]:
    """Mark every known term in `text`.

    :param text: any text, up to MAX_TEXT_BYTES of UTF-8. Unpaired surrogates are replaced
        by U+FFFD (one for one, so offsets still hold) in the text returned.
    :param lang: the text's language, one of TEXT_LANGS, to match only that language's
        terms; None matches every language.
    :return: {"text", "lang", "marks": [{"start", "end", "text", "concept", "term_id",
        "lang", "status"}], "concepts": [concept shapes]} with marks in text order; a span
        naming two concepts (a homonym) has one mark per concept.
    :raises TextTooLarge: over MAX_TEXT_BYTES.
    :raises ValueError: an unknown `lang`, or `text` not a string.
    """
    if not isinstance(text, str):
        raise ValueError(message("the text must be a string"))
    if lang is not None and lang not in TEXT_LANGS:
        raise ValueError(message("unknown language %(lang)r; use one of %(choices)s", lang=lang,
                                 choices=", ".join(TEXT_LANGS)))
    text = _SURROGATE.sub("\ufffd", text)
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise TextTooLarge(message("the text is %(size)d bytes of UTF-8; at most %(limit)d "
                                   "bytes are annotated at once", size=size,
                                   limit=MAX_TEXT_BYTES))
    current = annotator(session)
    marks = current.find(text, lang)
    keys = list(dict.fromkeys(mark["concept"] for mark in marks))
    return {"text": text, "lang": lang, "marks": marks,
            "concepts": current.shapes.get(session, keys)}
