"""Messages for people that the web interface can show in its own language.

The services, the text reader and the extractor speak English: their error messages go as
they are into the JSON API, problem details, the CLI and the logs. A message made with
`message()` is that English text (a `str`, equal to it in every way) that also remembers the
template it was made from and the values put into it, so that the web pages can look the
template up in their catalogues (docs/WEB.md, "Interface languages") and fill it in the
visitor's language.

Templates use `%(name)s` placeholders (gettext's python-format) and are literal strings at
the call, so that `pybabel extract -k message` finds them; `N_` marks a template kept in a
table for a later `message(template, ...)`.

>>> m = message("must be one of: %(choices)s", choices="a, b")
>>> m, m == "must be one of: a, b", m.template, m.params
('must be one of: a, b', True, 'must be one of: %(choices)s', {'choices': 'a, b'})
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """An English message (the string itself) with its `template` and `params`."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, template % params if params else template)
        self.template = template
        self.params = params
        return self


def message(template: str, /, **params: Any) -> Message:
    """`template % params`, remembering both (see the module docstring)."""
    return Message(template, **params)


def N_(template: str) -> str:
    """Mark a template for extraction without making a message of it yet."""
    return template
