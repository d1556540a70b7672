"""`glossary report lint`: consistency rules over the whole termbase (data/README.md, "Lint").

The loader (glossary.datafiles) rejects what cannot be loaded; this module finds what loads
but is wrong or inconsistent: genders of indeclinable names and abbreviations, the one
preferred term per language and type, sources whose publisher and host disagree or that are
in another language than the term, and (glossary.services.lint_pinyin) pinyin capitals and
word division. Each problem names the file and line, the concept, the
term, the rule and the edit that fixes it, so that fixing after a merge is mechanical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from glossary.datafiles import ConceptRecord, SourceRecord, Termbase, TermRecord

#: Languages whose terms a translator picks from: one preferred term per term type each.
#: zh-Hant is derived from zh-Hans and follows it.
PREFERRED_LANGS = ("zh-Hans", "ru", "en")


@dataclass(frozen=True, order=True)
class LintProblem:
    file: str
    line: int
    concept: str  # concept id, or "source <id>"
    term: str
    rule: str
    fix: str

    def __str__(self) -> str:
        term = f" «{self.term}»" if self.term else ""
        return f"{self.file}:{self.line}: {self.concept}{term}: [{self.rule}] {self.fix}"


def _problem(concept: ConceptRecord, term: TermRecord | None, rule: str,
             fix: str) -> LintProblem:
    return LintProblem(concept.file, term.line if term else concept.line, concept.key,
                       term.text if term else "", rule, fix)


# --- one-preferred --------------------------------------------------------------------

def one_preferred(termbase: Termbase) -> Iterable[LintProblem]:
    """One `preferred` term per language and term type: the lookup shows it as *the*
    rendering, so two preferred full forms (or two preferred short forms) leave the choice to
    the translator. A preferred full form beside a preferred abbreviation (ШОС) is one answer
    per form. A language needs a preferred term unless its first term is `proposed`: then no
    official rendering is confirmed, and the proposed one is the working rendering."""
    for c in termbase.concepts:
        for lang in PREFERRED_LANGS:
            terms = [t for t in c.terms if t.lang == lang]
            preferred = [t for t in terms if t.status == "preferred"]
            if terms and not preferred and terms[0].status != "proposed":
                yield _problem(c, terms[0], "one-preferred",
                               f"no preferred {lang} term: give the form the SCO uses "
                               "'status: preferred' (or, if no official form is confirmed, "
                               "list a 'status: proposed' term first)")
            first: dict[str, TermRecord] = {}
            for t in preferred:
                if t.type in first:
                    yield _problem(c, t, "one-preferred",
                                   f"second preferred {lang} {t.type} (after "
                                   f"«{first[t.type].text}»): make it 'status: admitted'")
                first.setdefault(t.type, t)


# --- genders of Russian nouns ---------------------------------------------------------------

# A foreign name ending in one of these vowels does not decline in Russian (Душанбе, Тбилиси,
# Баку, Сочи, Осло) and takes the gender of the generic word it names: a city (город) is
# masculine. A state name is not checked: it follows its own gender (Перу, Чили vary).
_INDECLINABLE = re.compile(r"^[А-ЯЁ][а-яё-]*[еиоуюэ]$")
# Slavic place names in -ово, -ево, -ино, -ыно (Иваново, Пушкино) are neuter nouns of their own.
_SLAVIC_NEUTER = re.compile(r"(?:ов|ев|ин|ын)о$")
#: Generic words a term's note may name when the place is not a city: their genders.
GENERIC_GENDERS = {"город": "masculine", "озеро": "neuter", "река": "feminine",
                   "область": "feminine", "остров": "masculine", "провинция": "feminine"}


def _generic_gender(term: TermRecord) -> tuple[str, str]:
    """The generic word the name agrees with: the first one the note names, else город."""
    note = (term.note or "").lower()
    named = [(note.find(word), word) for word in GENERIC_GENDERS if word in note]
    word = min(named)[1] if named else "город"
    return word, GENERIC_GENDERS[word]


def indeclinable_gender(termbase: Termbase) -> Iterable[LintProblem]:
    for c in termbase.concepts:
        if c.kind != "place":
            continue
        for t in c.terms:
            if (t.lang != "ru" or not t.gender or not _INDECLINABLE.match(t.text)
                    or _SLAVIC_NEUTER.search(t.text)):
                continue
            word, gender = _generic_gender(t)
            if t.gender != gender:
                yield _problem(c, t, "ru-gender-indeclinable",
                               f"an indeclinable name agrees with «{word}»: write "
                               f"'gender: {gender}' (a place that is not a city: name its "
                               f"generic word in the term's note, e.g. озеро)")


def abbreviation_gender(termbase: Termbase) -> Iterable[LintProblem]:
    """An abbreviation agrees like the head word of its full form (СНГ: Содружество,
    neuter; ШОС: организация, feminine), so its gender is the full form's."""
    for c in termbase.concepts:
        full = next((t for t in c.terms if t.lang == "ru" and t.type == "fullForm"
                     and t.status == "preferred" and t.gender), None)
        if full is None:
            continue
        for t in c.terms:
            if (t.lang == "ru" and t.type in ("abbreviation", "acronym") and t.gender
                    and t.gender != full.gender):
                yield _problem(c, t, "ru-gender-abbreviation",
                               f"write 'gender: {full.gender}' like the full form "
                               f"«{full.text}»")


# --- sources: publisher and host, language ------------------------------------------------

#: Official publishers whose texts are on known hosts. Kept small: only publishers cited
#: often enough that a mismatch is likely a copy-paste error, not a reprint.
PUBLISHER_HOSTS: dict[str, tuple[str, ...]] = {
    "RIA Novosti": ("ria.ru",), "РИА Новости": ("ria.ru",),
    "TASS": ("tass.ru", "tass.com"), "ТАСС": ("tass.ru", "tass.com"),
    "Kremlin": ("kremlin.ru",), "Президент России": ("kremlin.ru",),
    "MFA Russia": ("mid.ru",), "МИД России": ("mid.ru",),
    "UN": ("un.org",),
    "SCO Secretariat": ("sectsco.org",), "Секретариат ШОС": ("sectsco.org",),
    "上海合作组织秘书处": ("sectsco.org",),
    "Kazinform": ("inform.kz",),
}


def _host_matches(host: str, allowed: str) -> bool:
    return host == allowed or host.endswith("." + allowed)


def _source_problem(s: SourceRecord, fix: str) -> LintProblem:
    return LintProblem(s.file, s.line, f"source {s.key}", s.publisher or "", "source-host", fix)


def publisher_host(termbase: Termbase) -> Iterable[LintProblem]:
    """A known publisher's text lives on its own host. A reprint elsewhere is fine when the
    publisher field says so in parentheses ("РИА Новости (reprinted on news.rambler.ua)"),
    so that a reader knows the page is not the original."""
    for s in termbase.sources:
        if not s.publisher or not s.url:
            continue
        # Looked up whole: "РИА Новости (reprinted on …)" or "(via …)" is not in the table,
        # because the field already says where the text is.
        name = s.publisher.strip()
        host = (urlsplit(s.url).hostname or "").lower().removeprefix("www.")
        allowed = PUBLISHER_HOSTS.get(name)
        if allowed is None:
            continue
        if not any(_host_matches(host, a) for a in allowed):
            yield _source_problem(s, f"publisher {name!r} publishes on {', '.join(allowed)} "
                                     f"but the url is on {host}: cite the original page, or "
                                     f"write 'publisher: {name} (reprinted on {host})'")


def source_language(termbase: Termbase) -> Iterable[LintProblem]:
    """A preferred or admitted ru/en term is attested in its own language: a Russian page
    cannot attest an English wording. A proposed term cites what it was built from and a
    deprecated one where it was met, in any language."""
    lang_of = {s.key: s.lang for s in termbase.sources}
    for c in termbase.concepts:
        for t in c.terms:
            if t.lang not in ("ru", "en") or t.status not in ("preferred", "admitted"):
                continue
            langs = [lang_of.get(key) for key in t.sources]
            if langs and not any(lang in (t.lang, None) for lang in langs):
                yield _problem(c, t, "source-language",
                               f"its sources are all in {', '.join(sorted(set(map(str, langs))))}"
                               f": cite a page in {t.lang} where this wording is attested, or "
                               "make it 'status: proposed' with a note")


# --- running --------------------------------------------------------------------------------

Rule = Callable[[Termbase], Iterable[LintProblem]]


def rules() -> tuple[Rule, ...]:
    from glossary.services import lint_pinyin

    return (one_preferred, indeclinable_gender, abbreviation_gender, publisher_host,
            source_language,
            lint_pinyin.pinyin_case, lint_pinyin.pinyin_words)


def lint(termbase: Termbase) -> list[LintProblem]:
    """Every problem of every rule, sorted by file and line."""
    return sorted(p for rule in rules() for p in rule(termbase))
