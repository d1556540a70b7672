"""Validating TBX files against the official schemas (copies in tests/data/schemas/tbx/).

TBX-Basic v3: the core RELAX NG (lxml) and the dialect's ISO Schematron (XSLT 2, run with
saxonche). TBX-Basic 2008: the integrated RELAX NG (lxml) and the Schematron 1.5 rules
embedded in it (XPath 1, lxml). Each function returns the list of problems, empty if valid.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from lxml import etree

from tests import schematron

SCHEMAS = Path(__file__).parent / "data" / "schemas" / "tbx"


@functools.cache
def _relaxng(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


@functools.cache
def _rules(name: str):
    return schematron.load_rules(str(SCHEMAS / name))


@functools.cache
def _saxon():
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


def _relaxng_problems(data: bytes, name: str) -> list[str]:
    schema = _relaxng(name)
    if schema.validate(etree.fromstring(data).getroottree()):
        return []
    return [f"{name}: line {e.line}: {e.message}" for e in schema.error_log]


def _schematron_problems(data: bytes, name: str, xpath31: bool) -> list[str]:
    _binding, ns, patterns = _rules(name)
    with tempfile.NamedTemporaryFile(suffix=".tbx") as tmp:
        tmp.write(data)
        tmp.flush()
        failures = (schematron.validate_xpath31(_saxon(), ns, patterns, tmp.name) if xpath31
                    else schematron.validate_xpath1(ns, patterns, tmp.name))
    return [f"{name}: [{pattern}] {where}: {message}" for pattern, where, message in failures]


def v3_problems(data: bytes) -> list[str]:
    """Problems of a TBX-Basic v3 (DCA) file: core RELAX NG, then the dialect Schematron."""
    return (_relaxng_problems(data, "TBXcoreStructV03.rng")
            + _schematron_problems(data, "TBX-Basic_DCA.sch", xpath31=True))


def v2008_problems(data: bytes) -> list[str]:
    """Problems of a TBX-Basic 2008 file: RELAX NG and its embedded Schematron rules."""
    return (_relaxng_problems(data, "TBXBasicRNGV02.rng")
            + _schematron_problems(data, "TBXBasicRNGV02.rng", xpath31=False))
