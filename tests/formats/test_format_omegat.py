"""OmegaT glossary: the format contract for a zh-Hans → ru glossary, and what the translator
reads in OmegaT's glossary pane (tests/formats/test_omegat_reads.py loads the files in
OmegaT itself)."""

import statistics

from glossary import formats
from glossary.formats import Options
from tests.formats.contract import FormatContract, person, sample

PAIR = ("zh-Hans", "ru")


def write(records, languages=PAIR) -> list[list[str]]:
    data = b"".join(formats.get_format("omegat").write(records, Options(languages=languages)))
    return [line.split("\t") for line in data.decode().splitlines() if not line.startswith("#")]


def without_definitions(record: dict) -> dict:
    return {**record, "definition": {}}


class TestOmegat(FormatContract):
    name = "omegat"
    languages = PAIR

    def hard_text_expected(self, text: str) -> str:
        # One line per entry, cells split on tabs, trimmed: tabs and breaks become spaces.
        return " ".join(text.replace("\t", " ").splitlines()).strip()

    def test_write_read_write_gives_the_same_bytes(self):
        # The definition is shown, shortened, and not read back (it would come back cut).
        first = self.write([without_definitions(sample()), person()])
        assert self.write(self.read(first)) == first


def test_one_row_per_source_and_target_term_preferred_first():
    rows = write([sample()])
    assert [(s, t) for s, t, _ in rows] == [
        (s, t) for s in ("地区反恐怖机构", "反恐机构")
        for t in ("Региональная антитеррористическая структура", "РАТС",
                  "Антитеррористический центр")]


def test_a_deprecated_term_says_do_not_use_with_its_usage_note():
    comments = {t: c for _, t, c in write([sample()])}
    assert comments["Антитеррористический центр"] == (
        "DEPRECATED, do not use — Outdated name. [rats]")


def test_a_preferred_term_has_no_status_in_its_comment():
    rows = write([without_definitions(sample())])
    assert rows[0][2] == "[rats]"


def test_the_definition_is_shown_once_per_source_term_short_in_the_target_language():
    record = sample()
    record["definition"]["ru"] = ("Постоянно действующий орган ШОС, расположенный в Ташкенте. "
                                  "Создан в 2004 году.")
    comments = [c for _, _, c in write([record])]
    assert comments[0] == "‖ Постоянно действующий орган ШОС, расположенный в Ташкенте. [rats]"
    assert comments[3].startswith("‖ Постоянно") and "‖" not in "".join(comments[1:3])


def test_a_long_definition_is_cut_at_a_word():
    record = sample()
    record["definition"] = {"en": "A body " + "with a very long description " * 10}
    comment = write([record])[0][2]
    definition = comment.split("‖ ")[1].removesuffix(" [rats]")
    assert definition.endswith(" long…") and len(definition) <= 90


def test_the_median_comment_stays_short():
    rows = write([sample(), person()], ("ru", "zh-Hans"))
    assert statistics.median(len(c) for _, _, c in rows) <= 200


def test_a_comment_typed_in_omegat_is_read_as_the_note():
    data = ("source\ttarget\ttranslator's remark — see the style guide\n").encode()
    record = formats.get_format("omegat").read(data, Options(languages=PAIR))[0]
    assert record["terms"]["ru"][0]["note"] == "translator's remark — see the style guide"
