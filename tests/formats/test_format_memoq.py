"""memoQ CSV: the format contract."""

from tests.formats.contract import TextFormatContract


class TestMemoq(TextFormatContract):
    name = "memoq"
