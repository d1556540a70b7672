"""TBX-Basic 2008: the format contract, and every file written here passes the official schema."""

from tests.formats.contract import TextFormatContract, sample
from tests.tbx_schemas import v2008_problems


class TestTbx(TextFormatContract):
    name = "tbx"
    empty_file_allowed = False  # <body> needs one entry or more

    def check_written(self, data: bytes) -> None:
        assert v2008_problems(data) == []

    def hard_text_expected(self, text: str) -> str:
        return text.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")


def test_the_schema_checks_would_catch_a_wrong_status():
    data = TestTbx().write([sample()]).replace(b"deprecatedTerm-admn-sts", b"forbidden")
    assert any("administrativeStatus" in p for p in v2008_problems(data))


def test_the_schema_checks_would_catch_a_context_at_the_wrong_level():
    data = TestTbx().write([sample()]).replace(
        b"<langSet", b'<descrip type="context">misplaced</descrip><langSet', 1)
    assert any("context" in p for p in v2008_problems(data))
