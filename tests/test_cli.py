"""The sixg-search command as a user types it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib

import pytest

from indexer import datafiles
from indexer.extract import organisations
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


def test_acronyms_defined_in_one_article_are_offered_to_resolve_them_in_others(
    tmp_path, capsys, monkeypatch
):
    """One article defines "Full Name (ACR)"; another names the bare ACR, which
    nothing resolves. `acronyms` offers the entry; added to the gazetteer, the
    bare ACR is that organisation in the other article too."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "defines.txt").write_text(
        "Baltic states form a 6G association\n\n"
        "Operators and universities of the three Baltic states have founded the "
        "Baltic Radio Innovation Association (BRIA) to coordinate their 6G research, "
        "their spectrum positions and their trials.\n",
        "utf-8",
    )
    bare = (
        "BRIA publishes its first 6G white paper\n\n"
        "The paper asks regulators to open the upper mid-band for trials by 2027 and "
        "sets out the research topics BRIA members will work on together.\n"
    )
    (corpus / "bare.txt").write_text(bare, "utf-8")
    (corpus / "other.txt").write_text(
        "Nokia tests a 6G radio\n\nNokia has tested a radio for the upper mid-band in "
        "Espoo, with results it will bring to 3GPP later this year.\n",
        "utf-8",
    )
    assert main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0
    capsys.readouterr()
    main(["search", "--org", "BRIA", "--json", "--index", str(index)])
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["path"] for h in hits] == ["defines.txt"]  # the bare BRIA is not resolved
    assert main(["acronyms", "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "# defined in defines.txt; named bare in bare.txt" in out
    entries = tomllib.loads(out)["organisation"]
    assert entries == [
        {"canonical": "BRIA", "name": "Baltic Radio Innovation Association", "kind": "association"}
    ]
    # the operator adds the entry: the bare BRIA now names the association
    gazetteer = (REPO / "indexer" / "data" / "organisations.toml").read_text("utf-8")
    (tmp_path / "organisations.toml").write_text(f"{gazetteer}\n{out}", "utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    _clear_gazetteer_caches()
    try:
        title, _, body = bare.partition("\n\n")
        found = organisations.find_organisations(title, body)
        assert [o.canonical for o in found if o.salient] == ["BRIA"]
    finally:
        monkeypatch.undo()
        _clear_gazetteer_caches()


def _clear_gazetteer_caches():
    for cached in (datafiles.organisations, datafiles.discovery_rules, organisations._index):
        cached.cache_clear()
    organisations._by_canonical.cache_clear()


def test_acronyms_without_an_index_is_a_clear_error(tmp_path, capsys):
    assert main(["acronyms", "--index", str(tmp_path / "none")]) == 2
    assert "run `sixg-search index` first" in capsys.readouterr().err


def _clear_data_caches():
    for loader in (datafiles.mail_words, datafiles.clutter_rules, datafiles.topics):
        loader.cache_clear()
    _clear_gazetteer_caches()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('"kimden"]', '"kimden", "date"]', "mail.toml [headers]: 'date' is both a sender and a"),
        ('"kimden"]', '"kimden"', "mail.toml: "),  # no longer TOML
    ],
)
def test_a_broken_data_file_stops_index_before_any_article(
    corpus_dir, tmp_path, monkeypatch, capsys, old, new, message
):
    """A broken mail.toml: the run stops at start, naming the file and the fault, and
    the index is left as it was (here: not made)."""
    data = tmp_path / "data"
    shutil.copytree(datafiles.DATA_DIR, data)
    mail = data / "mail.toml"
    text = mail.read_text("utf-8")
    assert old in text
    mail.write_text(text.replace(old, new, 1), "utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", data)
    _clear_data_caches()
    index = tmp_path / "index"
    try:
        code = main(["index", "--corpus", str(corpus_dir), "--index", str(index)])
    finally:
        monkeypatch.undo()
        _clear_data_caches()
    captured = capsys.readouterr()
    assert code == 2
    assert message in captured.err
    assert "added" not in captured.out and "failed:" not in captured.err
    assert not index.exists()


def test_a_broken_data_file_or_a_missing_corpus_is_a_message_from_the_web_reindex(
    corpus_dir, tmp_path, monkeypatch
):
    """POST /api/reindex runs what `index` runs: a broken data file (which now stops the
    run before any article) or a missing corpus is a 503 with its message (was: a 500)."""
    from web import create_app

    data = tmp_path / "data"
    shutil.copytree(datafiles.DATA_DIR, data)
    mail = data / "mail.toml"
    mail.write_text(mail.read_text("utf-8").replace('"kimden"]', '"kimden"', 1), "utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", data)
    _clear_data_caches()
    settings = {"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "ADMIN_TOKEN": "t0ken"}
    auth = {"Authorization": "Bearer t0ken"}
    try:
        client = create_app({**settings, "CORPUS_DIR": str(corpus_dir)}).test_client()
        broken = client.post("/api/reindex", headers=auth)
    finally:
        monkeypatch.undo()
        _clear_data_caches()
    assert broken.status_code == 503 and "mail.toml: " in broken.get_json()["error"]
    assert not (tmp_path / "index").exists()
    client = create_app({**settings, "CORPUS_DIR": str(tmp_path / "none")}).test_client()
    missing = client.post("/api/reindex", headers=auth)
    assert missing.status_code == 503 and "does not exist" in missing.get_json()["error"]
