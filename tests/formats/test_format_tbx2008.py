"""TBX-Basic 2008: the format contract, and every file written here passes the official schema."""

from tests.formats.contract import TextFormatContract
from tests.tbx_schemas import v2008_problems


class TestTbx2008(TextFormatContract):
    name = "tbx2008"
    empty_file_allowed = False  # <body> needs one entry or more

    def check_written(self, data: bytes) -> None:
        assert v2008_problems(data) == []

    def hard_text_expected(self, text: str) -> str:
        return text.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")
