"""The search benchmark (benchmarks/search_bench.py) runs: a tiny smoke run, no timing."""

from __future__ import annotations

import subprocess
import sys

from glossary import config


def test_the_search_benchmark_runs_end_to_end(tmp_path):
    script = config.PROJECT_ROOT / "benchmarks" / "search_bench.py"
    out = subprocess.run([sys.executable, str(script), "--smoke", "--work", str(tmp_path),
                          "--out", str(tmp_path / "results.json")],
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "| query kind | p50 ms |" in out.stdout
    for kind in ("zh_substring", "pinyin_toned", "russian_inflected", "fuzzy"):
        assert f"| {kind} |" in out.stdout
    assert "edit → searchable" in out.stdout
    assert (tmp_path / "results.json").exists()


def test_the_full_text_benchmark_runs_end_to_end(tmp_path):
    script = config.PROJECT_ROOT / "benchmarks" / "search_text_bench.py"
    out = subprocess.run([sys.executable, str(script), "--smoke", "--work", str(tmp_path),
                          "--out", str(tmp_path / "results.json")],
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "| query kind | text step p50 ms |" in out.stdout
    for kind in ("text_en", "text_ru", "text_zh", "text_question"):
        assert f"| {kind} |" in out.stdout
    assert "full-text index alone" in out.stdout and "note edited → searchable" in out.stdout
