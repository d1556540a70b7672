"""Reports for terminologists: the pinyin table and document coverage."""

import json


def test_coverage_lists_candidates_without_a_concept(runner, data_dir):
    result = runner.invoke(args=["report", "coverage", "--json",
                                 str(data_dir / "documents" / "mini.zh.txt")])
    (report,) = json.loads(result.stdout)
    missing = [c["term"] for c in report["missing"]]
    assert "成员国元首理事会会议" in missing or "成员国元首理事会" in missing
    assert "地区反恐怖机构" not in missing  # the small termbase knows it
    assert report["known"] >= 1


def test_coverage_gives_the_share_of_candidates_that_have_a_concept(runner, data_dir):
    path = str(data_dir / "documents" / "mini.zh.txt")
    (report,) = json.loads(runner.invoke(args=["report", "coverage", "--json", path]).stdout)
    assert report["share"] == round(report["known"] / report["candidates"], 3)
    line = runner.invoke(args=["report", "coverage", path]).stdout.splitlines()[0]
    assert f"({report['share']:.0%})" in line


def test_coverage_of_a_file_that_is_not_chinese_is_a_clear_error(runner, tmp_path):
    english = tmp_path / "english.txt"
    english.write_text("The heads of state met in Astana. " * 20, encoding="utf-8")
    result = runner.invoke(args=["report", "coverage", str(english)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_the_pinyin_report_lists_every_chinese_term_once(runner):
    lines = [line for line in runner.invoke(args=["report", "pinyin"]).stdout.splitlines()
             if not line.startswith("#")]
    texts = [line.split("\t")[0] for line in lines]
    assert texts == sorted(set(texts))
    assert "习近平\tXí Jìnpíng\tСи Цзиньпин" in lines


def test_the_corpus_report_counts_what_each_source_attests(runner):
    lines = runner.invoke(args=["report", "corpus"]).stdout.splitlines()
    row = next(line for line in lines if "Press release on the results" in line)
    # Four concepts of the small termbase cite it, in six terms (tests/data/small).
    assert row.startswith("| 4 | 6 | Press release on the results of the SCO Heads of State")
    assert "http://eng.sectsco.org/news/20170609/289274.html" in row
