"""TBX-Basic v3: the format contract, and every file written here passes the official schemas."""

from tests.formats.contract import TextFormatContract, sample
from tests.tbx_schemas import v3_problems


class TestTbx3(TextFormatContract):
    name = "tbx3"
    empty_file_allowed = False  # <body> needs one entry or more

    def check_written(self, data: bytes) -> None:
        assert v3_problems(data) == []

    def hard_text_expected(self, text: str) -> str:
        # XML 1.0 cannot hold C0 controls other than tab and line ends.
        return text.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")


def test_the_schema_checks_would_catch_a_wrong_status():
    data = TestTbx3().write([sample()]).replace(b"deprecatedTerm-admn-sts", b"forbidden")
    assert any("administrativeStatus" in p for p in v3_problems(data))


def test_the_schema_checks_would_catch_an_entry_without_its_id():
    data = TestTbx3().write([sample()]).replace(b'<conceptEntry id="rats">', b"<conceptEntry>")
    assert any("TBXcoreStructV03.rng" in p for p in v3_problems(data))
