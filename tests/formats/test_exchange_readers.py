"""Real readers load our exports of the shipped termbase: OmegaT's own glossary readers
(`GlossaryReaderTSV`, `GlossaryReaderTBX`, called from tests/omegat/GlossaryProbe.java,
compiled here against Debian's OmegaT.jar) and translate-toolkit's TBX and CSV readers.

Without OmegaT (Debian's `omegat` package brings it and Java; `.ci/run` installs it) the
OmegaT tests are skipped saying so, except under CI, where they fail.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from translate.storage import csvl10n, tbx

from glossary import create_app
from glossary.config import PROJECT_ROOT
from tests.databases import fresh_database_url

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
PROBE = Path(__file__).parent.parent / "omegat" / "GlossaryProbe.java"
#: The files each test reads: (name, export arguments).
EXPORTS = {
    "zh-ru.utf8": ["--for", "omegat"],
    "zh-en.utf8": ["--for", "omegat", "--languages", "zh-Hans,en"],
    "ru-en.utf8": ["--for", "omegat", "--languages", "ru,en"],
    "plain.tbx": ["--format", "tbx"],
    "generic.csv": ["--format", "csv"],
}
OMEGAT_LANG = {"zh-Hans": "zh-CN", "ru": "ru", "en": "en"}
ORDER = {"preferred": 0, "admitted": 1, "proposed": 2, "deprecated": 3}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped termbase's concepts (as `glossary concepts --json` gives them) and the
    exported files, by name."""
    folder: Path = tmp_path_factory.mktemp("readers")
    with fresh_database_url(folder / "db") as url:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder),
                          "DATA_DIR": str(PROJECT_ROOT / "data"), "DATABASE_URL": url,
                          "SECRET_KEY": "test"})
        runner = app.test_cli_runner()
        assert runner.invoke(args=["init"]).exit_code == 0
        concepts = json.loads(runner.invoke(args=["concepts", "--json"]).stdout)
        files = {}
        for name, args in EXPORTS.items():
            result = runner.invoke(args=["export", *args, "-o", str(folder / name)])
            assert result.exit_code == 0, result.output
            files[name] = folder / name
        app.extensions["glossary.engine"].dispose()
    return concepts, files


def require_omegat(jar: Path = OMEGAT_JAR) -> str:
    """javac's path, once OmegaT's jar is there too; else skip saying why (fail under CI)."""
    javac = shutil.which("javac")
    if not jar.exists() or javac is None:
        why = (f"OmegaT is not installed ({jar} or javac missing): "
               "apt-get install omegat default-jdk-headless, as .ci/run does")
        if os.environ.get("CI"):
            pytest.fail(why + " (CI must run these tests)")
        pytest.skip(why)
    return javac


@pytest.fixture(scope="module")
def omegat(tmp_path_factory, shipped):
    """A function reading every exported glossary file through OmegaT, for a project of
    the given source and target language: the entries, by file name."""
    javac = require_omegat()
    files = [path for name, path in shipped[1].items() if not name.endswith(".csv")]
    classes = tmp_path_factory.mktemp("probe")
    subprocess.run([javac, "-encoding", "UTF-8", "-cp", str(OMEGAT_JAR), "-d", str(classes),
                    str(PROBE)], check=True, capture_output=True, timeout=300)

    @functools.cache  # one Java run per language pair, however many tests ask
    def read(source: str, target: str) -> dict[str, list[dict]]:
        done = subprocess.run(
            ["java", "-Djava.awt.headless=true", "-cp", f"{OMEGAT_JAR}:{classes}",
             "GlossaryProbe", OMEGAT_LANG[source], OMEGAT_LANG[target], *map(str, files)],
            check=True, capture_output=True, text=True, timeout=300)
        entries: dict[str, list[dict]] = {f.name: [] for f in files}
        for line in done.stdout.splitlines():
            entry = json.loads(line)
            entries[entry["file"]].append(entry)
        return entries

    return read


def terms(concept: dict, lang: str) -> list[dict]:
    return concept["terms"].get(lang, [])


def deprecated_targets(concepts: list[dict], target: str) -> set[str]:
    return {t["text"] for c in concepts for t in terms(c, target) if t["status"] == "deprecated"}


# ---- OmegaT: the tab-separated glossaries of --for omegat ---------------------------------

@pytest.mark.parametrize(("name", "source", "target"), [
    ("zh-ru.utf8", "zh-Hans", "ru"), ("zh-en.utf8", "zh-Hans", "en"), ("ru-en.utf8", "ru", "en")])
def test_omegat_reads_every_pair_of_terms_exactly(shipped, omegat, name, source, target):
    concepts, _ = shipped
    read = omegat(source, target)[name]
    expected = [(s["text"], t["text"]) for c in concepts for s in terms(c, source)
                for t in sorted(terms(c, target), key=lambda t: t["status"] != "preferred")]
    assert len(read) == len(expected) > 150
    assert sorted((e["source"], e["target"]) for e in read) == sorted(expected)


def test_omegat_keeps_chinese_russian_english_and_their_quotation_marks(omegat):
    read = omegat("zh-Hans", "ru")["zh-ru.utf8"]
    pairs = {(e["source"], e["target"]) for e in read}
    assert ("“一带一路”倡议", "«Пояс и путь»") in pairs
    english = omegat("ru", "en")["ru-en.utf8"]
    assert any(e["target"] == "Shanghai Cooperation Organisation" for e in english)


@pytest.mark.parametrize("name", ["zh-ru.utf8", "zh-en.utf8", "ru-en.utf8"])
def test_omegat_comments_are_short(omegat, name):
    read = omegat("zh-Hans", "ru")[name]
    assert statistics.median(len(e["comment"]) for e in read) <= 200


def test_omegat_shows_a_deprecated_term_as_do_not_use(shipped, omegat):
    concepts, _ = shipped
    deprecated = deprecated_targets(concepts, "ru")
    read = omegat("zh-Hans", "ru")["zh-ru.utf8"]
    assert deprecated
    assert {e["target"] for e in read if e["comment"].startswith("DEPRECATED, do not use")} \
        == deprecated


def test_omegat_shows_no_status_for_a_preferred_term(shipped, omegat):
    concepts, _ = shipped
    statuses: dict[tuple[str, str], set[str]] = {}
    for c in concepts:
        for s in terms(c, "zh-Hans"):
            for t in terms(c, "ru"):
                statuses.setdefault((s["text"], t["text"]), set()).add(t["status"])
    # A pair that two concepts hold with different statuses (homonyms) is left out.
    preferred = {pair for pair, found in statuses.items() if found == {"preferred"}}
    read = omegat("zh-Hans", "ru")["zh-ru.utf8"]
    marked = [e for e in read if (e["source"], e["target"]) in preferred
              and e["comment"].startswith(("DEPRECATED", "admitted", "proposed"))]
    assert marked == []


def test_omegat_lists_the_preferred_rendering_first(shipped, omegat):
    concepts, _ = shipped
    read = omegat("zh-Hans", "ru")["zh-ru.utf8"]
    first = {}
    for e in read:
        first.setdefault(e["source"], e["target"])
    preferred: dict[str, set[str]] = {}
    owners: dict[str, int] = {}
    for c in concepts:
        for s in terms(c, "zh-Hans"):
            owners[s["text"]] = owners.get(s["text"], 0) + 1
            preferred[s["text"]] = {t["text"] for t in terms(c, "ru")
                                    if t["status"] == "preferred"}
    # A Chinese term of several concepts (比什凯克宣言, homonyms) lists each concept's
    # renderings in turn: "first" is judged only where one concept owns the term.
    preferred = {s: p for s, p in preferred.items() if owners[s] == 1}
    assert [s for s, t in first.items() if preferred.get(s) and t not in preferred[s]] == []


# ---- OmegaT and translate-toolkit: the plain TBX (TBX-Basic 2008) -------------------------

@pytest.mark.parametrize(("source", "target"), [("zh-Hans", "ru"), ("zh-Hans", "en"),
                                                ("ru", "en")])
def test_omegat_reads_every_entry_of_the_plain_tbx(shipped, omegat, source, target):
    concepts, _ = shipped
    read = omegat(source, target)["plain.tbx"]
    # OmegaT matches languages by their code only: zh-CN and zh-TW terms are both sources;
    # an entry without a target term is read once per source term, with an empty target.
    sources = ("zh-Hans", "zh-Hant") if source == "zh-Hans" else (source,)
    expected = [(s["text"], t["text"]) for c in concepts
                for s in [t for lang in sources for t in terms(c, lang)]
                for t in (terms(c, target) or [{"text": ""}])]
    assert len(read) == len(expected) > 150
    assert sorted((e["source"], e["target"]) for e in read) == sorted(expected)


def test_omegat_sees_the_status_of_the_plain_tbx(shipped, omegat):
    concepts, _ = shipped
    deprecated = deprecated_targets(concepts, "en")
    read = omegat("zh-Hans", "en")["plain.tbx"]
    assert deprecated
    assert all("deprecatedTerm-admn-sts" in e["comment"] for e in read
               if e["target"] in deprecated)


def test_translate_toolkit_reads_every_concept_and_term_of_the_plain_tbx(shipped):
    concepts, files = shipped
    units = tbx.tbxfile.parsestring(files["plain.tbx"].read_bytes()).units
    assert [u.getid() for u in units] == [c["id"] for c in concepts]
    for code, lang in (("zh-CN", "zh-Hans"), ("zh-TW", "zh-Hant"), ("ru", "ru"), ("en", "en")):
        assert [sorted(t.text for t in u.get_target_terms(code)) for u in units] == [
            sorted(t["text"] for t in terms(c, lang)) for c in concepts]


def test_translate_toolkit_reads_every_term_of_the_generic_csv_with_its_own_guesses(shipped):
    concepts, files = shipped
    store = csvl10n.csvfile()
    store.parse(files["generic.csv"].read_bytes())  # it guesses the dialect from the start
    assert [(u.getid(), u.source) for u in store.units] == [
        (c["id"], t["text"]) for c in concepts for lang in ("zh-Hans", "zh-Hant", "ru", "en")
        for t in sorted(terms(c, lang), key=lambda t: ORDER[t["status"]])]


def test_without_omegat_the_tests_say_why_they_skip(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OmegaT is not installed"):
        require_omegat(tmp_path / "OmegaT.jar")


def test_without_omegat_ci_fails_instead_of_skipping(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must run these tests"):
        require_omegat(tmp_path / "OmegaT.jar")
