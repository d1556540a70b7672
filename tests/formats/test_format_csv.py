"""Generic CSV in both layouts: the format contract."""

from glossary.formats import Options
from tests.formats.contract import TextFormatContract


class TestCsvPerTerm(TextFormatContract):
    name = "csv"


class TestCsvPerConcept(TextFormatContract):
    name = "csv"

    def options(self, records):
        return Options(layout="concept", max_terms=super().options(records).max_terms)
