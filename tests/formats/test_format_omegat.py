"""OmegaT glossary: the format contract for a zh-Hans → ru glossary."""

from tests.formats.contract import FormatContract


class TestOmegat(FormatContract):
    name = "omegat"
    languages = ("zh-Hans", "ru")

    def hard_text_expected(self, text: str) -> str:
        # One line per entry, cells split on tabs, trimmed: tabs and breaks become spaces.
        return " ".join(text.replace("\t", " ").splitlines()).strip()
