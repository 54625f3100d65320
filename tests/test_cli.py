"""The sixg-search command as a user types it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from web.cli import main

from .conftest import FIXTURES, REPO


def test_index_prints_the_summary_line_and_exit_code(corpus_dir, index_dir, capsys):
    assert main(["index", "--corpus", str(corpus_dir), "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert out.startswith("5 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    (corpus_dir / "broken.html").write_bytes(b"\x00\x01" * 50)
    assert main(["index", "--corpus", str(corpus_dir), "--index", str(index_dir)]) == 1
    captured = capsys.readouterr()
    assert "failed: broken.html: binary file, not text" in captured.err
    assert "0 added, 0 updated, 0 removed, 5 unchanged, 1 failed" in captured.out


def test_missing_corpus_is_a_clear_error(tmp_path, capsys):
    code = main(["index", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i")])
    assert code == 2 and "does not exist" in capsys.readouterr().err


def test_search_prints_ranked_hits(built_index, capsys):
    assert main(["search", "MoU", "--index", str(built_index)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("2022-06-02  The 6G Smart Networks")
    assert out.strip().endswith("3 articles")
    main(["search", "--org", "MIIT", "--json", "--index", str(built_index)])
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) == 2 and all("MIIT" in h["organisations"] for h in hits)


def test_extract_json_has_the_stable_keys(tmp_path, capsys):
    page = tmp_path / "page.html"
    shutil.copy(FIXTURES / "press_release.html", page)
    seed = next((REPO / "corpus").glob("003_*.txt"))
    assert main(["extract", "--json", str(seed), str(page)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    for obj in lines:
        assert {"path", "title", "date", "organisations", "topics", "text"} <= set(obj)
    assert lines[0]["date"] == "2025-04-18" and "MIIT" in lines[0]["organisations"]
    assert lines[1]["title"].startswith("NGMN and Next G Alliance")


def test_extract_shows_what_was_removed(capsys):
    seed = next((REPO / "corpus").glob("004_*.txt"))
    main(["extract", str(seed)])
    out = capsys.readouterr().out
    assert "[share-widget] Share Article" in out and "date:          undated" in out


def test_console_script_is_installed():
    result = subprocess.run(
        [sys.executable, "-m", "web.cli", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("index", "serve", "search", "extract"):
        assert command in result.stdout
