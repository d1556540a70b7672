"""What a term gets automatically: the traditional form, pinyin in four forms and, for
Chinese names, the Palladius transcription. One place, so that loading, editing and
importing all derive the same values."""

from __future__ import annotations

from glossary import chinese
from glossary.models import PROPER_KINDS, Term


def traditional_forms(simplified: list[str]) -> list[str]:
    """zh-Hant forms for zh-Hans terms, without duplicates, in order.

    OpenCC s2tw: standard traditional characters without regional vocabulary. Plain s2t
    writes 祕書長 and 峯會, which neither Taiwan nor Hong Kong texts use (秘書長, 峰會).
    """
    return list(dict.fromkeys(chinese.to_traditional(text, "s2tw") for text in simplified))


def _dictionary_forms(text: str, kind: str) -> chinese.PinyinForms:
    return chinese.pinyin_forms(chinese.fold_script(text), proper=kind in PROPER_KINDS,
                                person=kind == "person")


def derived_pinyin(text: str, kind: str) -> str:
    """The pinyin (display form) the dictionary gives a Chinese term of a concept of
    `kind`: what a term gets when no person has checked its reading."""
    return _dictionary_forms(text, kind).tone


def fill_chinese(term: Term, kind: str, *, palladius: bool | str = False,
                 pinyin: str | None = None) -> None:
    """Set the pinyin forms (and Palladius when asked) of a zh-Hans or zh-Hant term.

    Pinyin is read from the simplified form, so both scripts always agree; `pinyin` is a
    reading checked by a person (display form), which wins over the dictionary.
    """
    if not term.lang.startswith("zh"):
        term.pinyin = term.pinyin_numbered = term.pinyin_plain = None
        term.pinyin_initials = term.cyrillic = None
        return
    person = kind == "person"
    simplified = chinese.fold_script(term.text)
    if pinyin:
        forms = chinese.pinyin_forms_from(simplified, pinyin)
    else:
        forms = _dictionary_forms(term.text, kind)
    term.pinyin = forms.tone
    term.pinyin_numbered = forms.numbered
    term.pinyin_plain = forms.plain
    term.pinyin_initials = forms.initials
    if isinstance(palladius, str):
        term.cyrillic = palladius
    elif palladius:
        term.cyrillic = chinese.palladius(simplified, person=person)
    else:
        term.cyrillic = None
