"""The contract every exchange format keeps, subclassed once per format (as translate-toolkit's
test_base.py is): registration, a stable round trip, the fields the format says it carries,
hard text, empty files, byte order marks and foreign bytes.

A subclass sets `name` and may override `hard_text_expected` (what the format makes of a
text it cannot hold as is) and `check_written` (extra checks on every file it writes).
"""

from __future__ import annotations

import codecs

import pytest

from glossary import formats
from glossary.formats import FormatError, Options

SOURCES = [{"id": "communique-2017-ru", "title": "Информационное сообщение", "lang": "ru",
            "publisher": "Секретариат ШОС", "url": "http://infoshos.ru/ru/?idn=16839",
            "date": "2017-06-09"},
           {"id": "communique-2017-en", "title": "Press release", "lang": "en"}]


DOCUMENT = {"id": "astana-2017", "title": "阿斯塔纳新闻公报", "lang": "zh-Hans",
            "date": "2017-06-09"}
CONTEXTS = [{"text": "地区反恐怖机构理事会批准了报告。", "source": DOCUMENT["title"],
             "document": DOCUMENT},
            {"text": "成员国高度评价地区反恐怖机构的工作。", "source": DOCUMENT["title"],
             "document": DOCUMENT}]


def term(text: str, **fields) -> dict:
    values = {"type": "fullForm", "status": "preferred", "pos": None, "gender": None,
              "note": None, "sources": [], "pinyin": None, "cyrillic": None,
              "homonym": False}
    return {"text": text, **values, **fields}


def sample() -> dict:
    """One concept using every field the termbase has (zh-Hans, zh-Hant, ru, en)."""
    return {
        "id": "rats", "kind": "organization", "subject": "security",
        "created": "2017-06-09T08:30:00Z", "updated": "2017-06-10T09:00:00Z",
        "definition": {"en": "The permanent anti-terrorist body of the SCO.",
                       "zh": "上合组织常设反恐机构。"},
        "note": {"ru": "Всегда «РАТС» в текстах ШОС."},
        "relations": {"broader": ["sco"], "related": ["three-evil-forces"]},
        "sources": SOURCES,
        "terms": {
            "zh-Hans": [term("地区反恐怖机构", pinyin="Dìqū Fǎnkǒngbù Jīgòu", pos="properNoun",
                             contexts=CONTEXTS),
                        term("反恐机构", type="shortForm", status="admitted",
                             pinyin="Fǎnkǒng Jīgòu", homonym=True)],
            "zh-Hant": [term("地區反恐怖機構", pinyin="Dìqū Fǎnkǒngbù Jīgòu")],
            "ru": [term("Региональная антитеррористическая структура", gender="feminine",
                        pos="noun", sources=["communique-2017-ru"]),
                   term("РАТС", type="abbreviation", gender="plural",
                        sources=["communique-2017-ru"]),
                   term("Антитеррористический центр", status="deprecated",
                        note="Outdated name.", sources=["communique-2017-ru"])],
            "en": [term("Regional Anti-Terrorist Structure", sources=["communique-2017-en"]),
                   term("RATS", type="acronym", status="proposed", note="Unconfirmed.",
                        sources=["communique-2017-en"])],
        },
    }


def person() -> dict:
    """A Chinese name with its Palladius transcription."""
    return {"id": "xi-jinping", "kind": "person", "subject": "people", "definition": {},
            "note": {}, "relations": {"broader": [], "related": []}, "sources": [],
            "terms": {"zh-Hans": [term("习近平", pinyin="Xí Jìnpíng", cyrillic="Си Цзиньпин")],
                      "ru": [term("Си Цзиньпин")], "en": [term("Xi Jinping")]}}


HARD_TEXTS = {
    "xml-specials": "a < b && c > \"d\" 'e' ]]> <!-- x -->",
    "bidi": "\u202eevil\u202c and \u200fعربي\u200e",
    "emoji": "🇨🇳🤝🇷🇺 flags 👍🏽",
    "combining": "e\u0301 vs é, Ё\u0308",
    "formula-equals": "=HYPERLINK(\"http://evil\",\"x\")",
    "formula-plus": "+7 495 123",
    "formula-minus": "-2+3",
    "formula-at": "@SUM(A1)",
    "apostrophe": "'quoted",
    "tab-newline": "line one\tcolumn\nline two\r\nthree",
    "control": "bell\x07 and escape\x1b",
}


def max_terms(records: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in records:
        for lang, terms in record["terms"].items():
            counts[lang] = max(counts.get(lang, 0), len(terms))
    return counts


class FormatContract:
    name = ""
    languages: tuple[str, ...] = ()

    @property
    def fmt(self) -> formats.Format:
        return formats.get_format(self.name)

    def options(self, records: list[dict]) -> Options:
        return Options(languages=self.languages, max_terms=max_terms(records))

    def check_written(self, data: bytes) -> None:
        """Checks every file this format writes in the tests must pass."""

    def write(self, records: list[dict]) -> bytes:
        data = b"".join(self.fmt.write(records, self.options(records)))
        self.check_written(data)
        return data

    def read(self, data: bytes) -> list[dict]:
        return self.fmt.read(data, Options(languages=self.languages))

    def round_trip(self, records: list[dict]) -> list[dict]:
        return self.read(self.write(records))

    def hard_text_expected(self, text: str) -> str:
        return text

    def test_is_registered_with_its_extensions_and_mimetype(self):
        assert self.fmt.name == self.name
        assert self.fmt.extensions and "/" in self.fmt.mimetype

    def test_write_read_write_gives_the_same_bytes(self):
        first = self.write([sample(), person()])
        assert self.write(self.read(first)) == first

    @pytest.mark.parametrize("field", sorted(formats.ALL_FIELDS))
    def test_a_carried_field_comes_back(self, field):
        if field not in self.fmt.carries:
            pytest.skip(f"{self.name} does not carry {field} (documented)")
        back = {r["id"]: r for r in self.round_trip([sample(), person()])}
        rats = back["rats"]
        ru, zh = rats["terms"]["ru"], rats["terms"]["zh-Hans"]
        checks = {  # field: (how to find it in what came back, what it must be)
            "id": (lambda: sorted(back), ["rats", "xi-jinping"]),
            "kind": (lambda: rats["kind"], "organization"),
            "subject": (lambda: rats["subject"], "security"),
            "definition": (lambda: rats["definition"]["en"], sample()["definition"]["en"]),
            "note": (lambda: rats["note"]["ru"], sample()["note"]["ru"]),
            "relations": (lambda: rats["relations"]["broader"], ["sco"]),
            "dates": (lambda: rats["created"][:10], "2017-06-09"),
            "sources": (lambda: [s["title"] for s in rats["sources"]],
                        ["Press release", "Информационное сообщение"]),
            "term.type": (lambda: ru[1]["type"], "abbreviation"),
            "term.status": (lambda: ru[2]["status"], "deprecated"),
            "term.pos": (lambda: zh[0]["pos"], "properNoun"),
            "term.gender": (lambda: [t["gender"] for t in ru[:2]], ["feminine", "plural"]),
            "term.note": (lambda: ru[2]["note"], "Outdated name."),
            "term.sources": (lambda: ru[0]["sources"], ["communique-2017-ru"]),
            "term.pinyin": (lambda: zh[0]["pinyin"], "Dìqū Fǎnkǒngbù Jīgòu"),
            "term.palladius": (lambda: back["xi-jinping"]["terms"]["zh-Hans"][0]["cyrillic"],
                               "Си Цзиньпин"),
            "term.homonym": (lambda: zh[1]["homonym"], True),
            # Contexts come back with their document (the import rebuilds it from them).
            "term.contexts": (lambda: zh[0]["contexts"], CONTEXTS),
        }
        found, want = checks[field]
        assert found() == want

    @pytest.mark.parametrize("case", sorted(HARD_TEXTS))
    def test_hard_text_in_a_term_note_survives(self, case):
        record = sample()
        record["terms"]["ru"][2]["note"] = HARD_TEXTS[case]
        back = {r["id"]: r for r in self.round_trip([record])}["rats"]
        assert back["terms"]["ru"][2]["note"] == self.hard_text_expected(HARD_TEXTS[case])

    @pytest.mark.parametrize("case", ["xml-specials", "bidi", "emoji", "combining",
                                      "formula-equals", "formula-at", "apostrophe"])
    def test_hard_text_in_a_term_survives(self, case):
        record = sample()
        record["terms"]["ru"][0]["text"] = HARD_TEXTS[case]
        back = {r["id"]: r for r in self.round_trip([record])}["rats"]
        assert back["terms"]["ru"][0]["text"] == HARD_TEXTS[case]

    #: Whether a file without concepts is valid in this format.
    empty_file_allowed = True

    def test_an_empty_export_reads_back_as_no_concepts(self):
        if not self.empty_file_allowed:
            with pytest.raises(FormatError, match="at least one"):
                self.write([])
        else:
            assert self.round_trip([]) == []

    def test_garbage_is_refused_with_a_format_error(self):
        with pytest.raises(FormatError):
            self.read(b"\x00\x01\x02 garbage \xff\xfe" * 10)


class TextFormatContract(FormatContract):
    """Formats that are text files: a byte order mark in front changes nothing."""

    def test_a_byte_order_mark_is_accepted(self):
        data = self.write([sample()])
        bare = data.removeprefix(codecs.BOM_UTF8)
        assert self.read(codecs.BOM_UTF8 + bare) == self.read(bare)
