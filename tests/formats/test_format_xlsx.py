"""XLSX in both layouts: the format contract."""

from glossary.formats import Options
from tests.formats.contract import FormatContract


class TestXlsxPerConcept(FormatContract):
    name = "xlsx"

    def hard_text_expected(self, text: str) -> str:
        # A workbook cannot hold C0 controls other than tab and line ends either.
        return text.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")


class TestXlsxPerTerm(TestXlsxPerConcept):
    def options(self, records):
        return Options(layout="term", max_terms=super().options(records).max_terms)
