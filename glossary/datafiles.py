"""The shipped data files (`data/`): read, validate and turn into plain records.

The YAML format is described in data/README.md. Everything is checked before anything is
written, and every problem names the file and line, so a broken edit never reaches the
database. What is valid is `glossary.concept_rules` (the rules every write keeps, and what
curated data adds to them); this module reads YAML and reports against them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glossary import concept_rules as rules
from glossary.concept_rules import (
    CURATED_RULES,
    GENDERS,
    KINDS,
    LANGUAGES,
    NOTE_LANGS,
    PARTS_OF_SPEECH,
    SLUG,
    STATUSES,
    SUBJECTS,
    TERM_TYPES,
)

SOURCED_LANGS = CURATED_RULES.sourced_langs


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataError(Exception):
    """The data files are not valid; `problems` lists each one with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data files:\n{shown}{more}")


@dataclass
class SourceRecord:
    key: str
    title: str
    publisher: str | None = None
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    file: str = ""
    line: int = 0


@dataclass
class TermRecord:
    lang: str
    text: str
    type: str = "fullForm"
    status: str = CURATED_RULES.default_status
    pos: str | None = None
    gender: str | None = None
    note: str | None = None
    sources: list[str] = field(default_factory=list)
    #: A pinyin reading a person checked (the YAML key is `pinyin`: concept_rules).
    reading: str | None = None
    #: True: transcribe by Palladius; a string: the transcription itself.
    palladius: bool | str = False
    homonym: bool = False
    line: int = 0


@dataclass
class ConceptRecord:
    key: str
    kind: str
    subject: str
    terms: list[TermRecord]
    definition: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0


@dataclass
class DocumentRecord:
    key: str
    file: Path
    title: dict[str, str]
    lang: str
    date: str | None
    origin: str | None
    meta: dict[str, Any]


@dataclass
class Termbase:
    sources: list[SourceRecord]
    concepts: list[ConceptRecord]
    documents: list[DocumentRecord]


class _Mapping(dict):
    """A YAML mapping that remembers the line it starts on."""

    line = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    data = _Mapping()
    data.line = node.start_mark.line + 1
    yield data
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.MarkedYAMLError(
                "in a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    data.update(loader.construct_mapping(node))


def _construct_date(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text (ISO 8601): the model stores them as written.
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def read_yaml(path: Path, display: str) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(display, 1, f"not UTF-8 text ({exc.reason})")]) from exc
    try:
        return yaml.load(text.lstrip("\ufeff"), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError([Problem(display, line, f"YAML: {exc.problem or exc}")]) from exc
    except yaml.YAMLError as exc:
        raise DataError([Problem(display, 1, f"YAML: {exc}")]) from exc


class _Checker:
    """Collects problems while walking one file, so that all are reported at once."""

    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def text(self, mapping: dict, key: str, *, required: bool = True) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.add(_line(mapping), f"missing '{key}'")
            return None
        if isinstance(value, dt.date | int | float):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(_line(mapping), f"'{key}' must be non-empty text")
            return None
        return value.strip()

    def choice(self, mapping: dict, key: str, allowed: tuple[str, ...], default: str | None):
        value = mapping.get(key, default)
        if value is None:
            return None
        if value not in allowed:
            self.add(_line(mapping), f"'{key}' is {value!r}; allowed: {', '.join(allowed)}")
            return default
        return value

    def text_list(self, mapping: dict, key: str) -> list[str]:
        value = mapping.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(_line(mapping), f"'{key}' must be a list of ids")
            return []
        return value

    def per_language(self, mapping: dict, key: str) -> dict[str, str]:
        value = mapping.get(key, {})
        if not isinstance(value, dict):
            self.add(_line(mapping), f"'{key}' must map a language (zh, ru, en) to text")
            return {}
        out = {}
        for lang, text in value.items():
            if lang not in NOTE_LANGS or not isinstance(text, str) or not text.strip():
                self.add(_line(value), f"'{key}.{lang}': language must be zh, ru or en "
                                       "and the text non-empty")
                continue
            out[lang] = rules.clean_text(text)
            if len(out[lang]) > rules.MAX_NOTE_LENGTH:
                self.add(_line(value), f"'{key}.{lang}': at most {rules.MAX_NOTE_LENGTH} "
                                       "characters")
        return out


def _line(mapping: Any) -> int:
    return getattr(mapping, "line", 0)


def _unknown_keys(check: _Checker, mapping: dict, allowed: set[str], what: str) -> None:
    for key in mapping:
        if key not in allowed:
            check.add(_line(mapping), f"unknown field '{key}' in {what}")


SOURCE_FIELDS = set(rules.SOURCE_FIELDS)
CONCEPT_FIELDS = set(rules.YAML_CONCEPT_FIELDS)
TERM_FIELDS = set(rules.YAML_TERM_FIELDS)


def parse_source(check: _Checker, raw: Any) -> SourceRecord | None:
    if not isinstance(raw, dict):
        check.add(_line(raw), "a source must be a mapping")
        return None
    _unknown_keys(check, raw, SOURCE_FIELDS, "a source")
    key, title = check.text(raw, "id"), check.text(raw, "title")
    if key and not SLUG.match(key):
        check.add(_line(raw), f"source id {key!r} must match {SLUG.pattern}")
    lang = check.choice(raw, "lang", (*LANGUAGES, "zh"), None)
    if not key or not title:
        return None
    return SourceRecord(key, title, check.text(raw, "publisher", required=False),
                        check.text(raw, "url", required=False), lang,
                        check.text(raw, "date", required=False), check.display, _line(raw))


def parse_term(check: _Checker, lang: str, raw: Any) -> TermRecord | None:
    if not isinstance(raw, dict):
        check.add(_line(raw), f"a {lang} term must be a mapping with 'text'")
        return None
    _unknown_keys(check, raw, TERM_FIELDS, "a term")
    text = check.text(raw, "text")
    if text is None:
        return None
    term = TermRecord(
        lang=lang,
        text=rules.clean_text(text),
        type=check.choice(raw, "type", TERM_TYPES, rules.DEFAULT_TERM_TYPE),
        status=check.choice(raw, "status", STATUSES, CURATED_RULES.default_status),
        pos=check.choice(raw, "pos", PARTS_OF_SPEECH, None),
        gender=check.choice(raw, "gender", GENDERS, None),
        note=check.text(raw, "note", required=False),
        sources=check.text_list(raw, "sources"),
        reading=check.text(raw, rules.YAML_NAMES["reading"], required=False),
        palladius=raw.get("palladius", False),
        homonym=bool(raw.get("homonym", False)),
        line=_line(raw),
    )
    problems = [rules.term_text_problem(term.text), rules.gender_problem(lang, term.gender),
                rules.palladius_problem(term.palladius)]
    check.problems += [Problem(check.display, term.line, f"{field}: {problem}")
                       for field, problem in zip(("text", "gender", "palladius"), problems,
                                                 strict=True) if problem]
    if lang in SOURCED_LANGS and not term.sources:
        check.add(term.line, f"{lang} term {term.text!r} has no 'sources'")
    if (term.reading or term.palladius) and not lang.startswith("zh"):
        check.add(term.line, "'pinyin' and 'palladius' are for Chinese terms only")
    elif lang.startswith("zh"):
        _check_chinese(check, term)
    return term


def _check_chinese(check: _Checker, term: TermRecord) -> None:
    """A Chinese term is written as normalised text reads (so it is found in documents),
    and a pinned reading must fit the characters."""
    problem = rules.chinese_form_problem(term.text)
    if problem:
        check.add(term.line, problem)
    if term.reading:
        problem = rules.reading_problem(term.lang, term.text, term.reading)
        if problem:
            check.add(term.line, f"pinyin: {problem}")


def parse_concept(check: _Checker, raw: Any) -> ConceptRecord | None:
    if not isinstance(raw, dict):
        check.add(_line(raw), "a concept must be a mapping")
        return None
    _unknown_keys(check, raw, CONCEPT_FIELDS, "a concept")
    key = check.text(raw, "id")
    if key and not SLUG.match(key):
        check.add(_line(raw), f"concept id {key!r} must match {SLUG.pattern}")
    terms_raw = raw.get("terms")
    terms: list[TermRecord] = []
    if not isinstance(terms_raw, dict) or CURATED_RULES.required_lang not in terms_raw:
        check.add(_line(raw), "'terms' must map languages to lists and include "
                              f"{CURATED_RULES.required_lang}")
    else:
        for lang, items in terms_raw.items():
            if lang not in LANGUAGES:
                check.add(_line(terms_raw), f"unknown language {lang!r}; "
                                            f"allowed: {', '.join(LANGUAGES)}")
                continue
            if not isinstance(items, list) or not items:
                check.add(_line(terms_raw), f"'{lang}' must be a non-empty list of terms")
                continue
            terms += [t for t in (parse_term(check, lang, item) for item in items) if t]
    if not key:
        return None
    return ConceptRecord(
        key=key,
        kind=check.choice(raw, "kind", KINDS, None) or rules.DEFAULT_KIND,
        subject=check.choice(raw, "subject", SUBJECTS, None) or rules.DEFAULT_SUBJECT,
        terms=terms,
        definition=check.per_language(raw, "definition"),
        note=check.per_language(raw, "note"),
        broader=check.text_list(raw, "broader"),
        related=check.text_list(raw, "related"),
        file=check.display,
        line=_line(raw),
    )


def _check_sorted(check: _Checker, items: list, what: str) -> None:
    keys = [item.key for item in items]
    for before, after, item in zip(keys, keys[1:], items[1:], strict=False):
        if after < before:
            check.add(item.line if hasattr(item, "line") else 0,
                      f"{what} {after!r} is out of order (after {before!r}): keep them sorted")


def parse_termbase_file(path: Path, display: str) -> tuple[list[SourceRecord],
                                                           list[ConceptRecord], list[Problem]]:
    check = _Checker(display)
    doc = read_yaml(path, display)
    if doc is None:
        return [], [], []
    if not isinstance(doc, dict):
        return [], [], [Problem(display, 1, "the file must be a mapping with 'sources' "
                                            "and 'concepts'")]
    _unknown_keys(check, doc, {"sources", "concepts"}, "the file")
    sources = [s for s in (parse_source(check, r) for r in doc.get("sources") or []) if s]
    concepts = [c for c in (parse_concept(check, r) for r in doc.get("concepts") or []) if c]
    if sorted(s.key for s in sources) != [s.key for s in sources]:
        check.add(_line(doc), "sources are not sorted by id")
    _check_sorted(check, concepts, "concept")
    return sources, concepts, check.problems


def _cross_check(sources: list[SourceRecord], concepts: list[ConceptRecord]) -> list[Problem]:
    """Rules that span files: unique ids, resolvable references, no accidental homonyms."""
    problems: list[Problem] = []
    source_keys: set[str] = set()
    for s in sources:
        if s.key in source_keys:
            problems.append(Problem("data/termbase", 0, f"source id {s.key!r} is defined twice"))
        source_keys.add(s.key)
    concept_at: dict[str, ConceptRecord] = {}
    for c in concepts:
        if c.key in concept_at:
            other = concept_at[c.key]
            problems.append(Problem(c.file, c.line, f"concept id {c.key!r} is already used at "
                                                    f"{other.file}:{other.line}"))
        concept_at[c.key] = c
    owner: dict[tuple[str, str], tuple[ConceptRecord, TermRecord]] = {}
    for c in concepts:
        for ref in (*c.broader, *c.related):
            if ref not in concept_at:
                problems.append(Problem(c.file, c.line, f"relation to unknown concept {ref!r}"))
            elif ref == c.key:
                problems.append(Problem(c.file, c.line, "a concept cannot relate to itself"))
        for t in c.terms:
            problems += [Problem(c.file, t.line, f"unknown source {ref!r}")
                         for ref in t.sources if ref not in source_keys]
            seen = owner.get((t.lang, t.text))
            if seen is None:
                owner[(t.lang, t.text)] = (c, t)
            elif seen[0] is c:
                problems.append(Problem(c.file, t.line, f"{t.lang} term {t.text!r} is listed "
                                                        "twice in this concept"))
            elif not (t.homonym and seen[1].homonym):
                problems.append(Problem(
                    c.file, t.line, f"{t.lang} term {t.text!r} also names concept "
                    f"{seen[0].key!r} ({seen[0].file}:{seen[1].line}); mark both "
                    "'homonym: true' if that is deliberate"))
    return problems


def parse_documents(path: Path, display: str) -> tuple[list[DocumentRecord], list[Problem]]:
    check = _Checker(display)
    raw = read_yaml(path, display) or []
    if not isinstance(raw, list):
        return [], [Problem(display, 1, "the file must be a list of documents")]
    documents = []
    for item in raw:
        if not isinstance(item, dict):
            check.add(_line(item), "a document must be a mapping")
            continue
        key, file = check.text(item, "id"), check.text(item, "file")
        lang = check.choice(item, "lang", LANGUAGES, None)
        title = item.get("title")
        if not isinstance(title, dict) or not title:
            check.add(_line(item), "'title' must map languages to the document's title")
            title = {}
        if not key or not file or not lang:
            check.add(_line(item), "a document needs 'id', 'file' and 'lang'")
            continue
        target = path.parent / file
        if not target.is_file():
            check.add(_line(item), f"file {file!r} does not exist next to {display}")
            continue
        meta = {k: v for k, v in item.items() if k not in {"id", "file", "title", "lang",
                                                          "date", "origin"}}
        documents.append(DocumentRecord(key, target, dict(title), lang,
                                        check.text(item, "date", required=False),
                                        check.text(item, "origin", required=False), meta))
    return documents, check.problems


def read_termbase(data_dir: Path) -> Termbase:
    """Read and validate everything under `data_dir`; raise DataError listing every problem."""
    sources: list[SourceRecord] = []
    concepts: list[ConceptRecord] = []
    problems: list[Problem] = []
    termbase_dir = data_dir / "termbase"
    if not termbase_dir.is_dir():
        raise DataError([Problem(str(termbase_dir), 0, "folder not found")])
    for path in sorted(termbase_dir.glob("*.yaml")):
        display = f"{data_dir.name}/termbase/{path.name}"
        try:
            s, c, p = parse_termbase_file(path, display)
        except DataError as exc:
            problems += exc.problems
            continue
        sources += s
        concepts += c
        problems += p
    problems += _cross_check(sources, concepts)
    documents: list[DocumentRecord] = []
    documents_file = data_dir / "documents" / "documents.yaml"
    if documents_file.is_file():
        try:
            documents, p = parse_documents(documents_file,
                                           f"{data_dir.name}/documents/documents.yaml")
            problems += p
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return Termbase(sources, concepts, documents)
