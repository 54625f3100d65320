"""Incremental indexing: the index follows the corpus folder, file by file."""

from __future__ import annotations

import os
import shutil

import pytest

from indexer.article import article_id
from indexer.index import store
from indexer.index.store import open_index
from indexer.index.sync import IndexBusy, sync_index

from .conftest import FIXTURES, indexed, oulu_article

NEW_ARTICLE = oulu_article("Operators and vendors launch Oulu 6G spectrum testbed")


def test_first_run_adds_everything_and_second_run_changes_nothing(corpus_dir, index_dir):
    first = sync_index(corpus_dir, index_dir)
    assert (first.added, first.updated, first.removed, first.failed) == (5, 0, 0, [])
    second = sync_index(corpus_dir, index_dir)
    assert (second.added, second.unchanged) == (0, 5) and not second.changed
    assert second.summary().startswith("0 added, 0 updated, 0 removed, 5 unchanged, 0 failed in")


def test_add_modify_delete(built_index, corpus_dir):
    (corpus_dir / "sub" / "deeper").mkdir(parents=True)
    (corpus_dir / "sub" / "deeper" / "oulu.txt").write_text(NEW_ARTICLE, "utf-8")
    shutil.copy(FIXTURES / "press_release.html", corpus_dir / "sub" / "ngmn.html")
    report = sync_index(corpus_dir, built_index)
    assert (report.added, report.updated, report.removed) == (2, 0, 0)
    docs = indexed(built_index)
    assert (
        docs["sub/deeper/oulu.txt"]["title"]
        == "Operators and vendors launch Oulu 6G spectrum testbed"
    )
    assert docs["sub/ngmn.html"]["format"] == "html"

    target = corpus_dir / "sub" / "deeper" / "oulu.txt"
    target.write_text(NEW_ARTICLE.replace("Oulu 6G", "Helsinki 6G"), "utf-8")
    os.utime(target, ns=(1, 1))  # a different mtime, whatever the clock says
    (corpus_dir / "000_3408b5ef8843c45f.txt").unlink()
    report = sync_index(corpus_dir, built_index)
    assert (report.added, report.updated, report.removed) == (0, 1, 1)
    docs = indexed(built_index)
    assert "000_3408b5ef8843c45f.txt" not in docs
    assert docs["sub/deeper/oulu.txt"]["title"].startswith("Operators and vendors launch Helsinki")
    assert docs["sub/deeper/oulu.txt"]["id"] == article_id("sub/deeper/oulu.txt")
    assert len(docs) == 6


def test_touched_but_unchanged_file_is_only_restamped(built_index, corpus_dir):
    seed = next(corpus_dir.glob("001_*.txt"))
    os.utime(seed, ns=(10**18, 10**18))
    report = sync_index(corpus_dir, built_index)
    assert (report.updated, report.unchanged) == (0, 5)
    assert indexed(built_index)[seed.name]["mtime_ns"] == 10**18
    assert not sync_index(corpus_dir, built_index).changed


def test_unreadable_file_is_reported_and_the_run_goes_on(built_index, corpus_dir):
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(300))
    (corpus_dir / "good.txt").write_text(NEW_ARTICLE, "utf-8")
    report = sync_index(corpus_dir, built_index)
    assert report.added == 1
    assert {(f.path, f.reason) for f in report.failed} == {
        ("empty.txt", "empty file"),
        ("picture.html", "binary file, not text"),
    }
    assert "good.txt" in indexed(built_index)


def test_a_file_that_turns_bad_keeps_its_indexed_version(built_index, corpus_dir):
    seed = next(corpus_dir.glob("003_*.txt"))
    title = indexed(built_index)[seed.name]["title"]
    seed.write_bytes(b"\x00\x01\x02" * 100)
    report = sync_index(corpus_dir, built_index)
    assert [f.path for f in report.failed] == [seed.name]
    assert indexed(built_index)[seed.name]["title"] == title


def test_rebuild_reindexes_everything(built_index, corpus_dir):
    report = sync_index(corpus_dir, built_index, rebuild=True)
    assert report.added == 5 and len(indexed(built_index)) == 5


def test_a_second_run_waits_then_says_the_index_is_busy(built_index, corpus_dir):
    writer = open_index(built_index).writer()
    try:
        with pytest.raises(IndexBusy, match="another `sixg-search index` run"):
            sync_index(corpus_dir, built_index, lock_timeout=0.2)
    finally:
        writer.cancel()
    assert sync_index(corpus_dir, built_index).unchanged == 5


def test_index_is_never_inside_the_corpus(built_index, corpus_dir):
    assert not list(corpus_dir.rglob("*.toc")) and not list(corpus_dir.rglob("*.seg"))


def test_touching_files_keeps_their_dates_and_sort_order(built_index, corpus_dir):
    from indexer.search import SearchRequest, open_snapshot, search

    for path in corpus_dir.iterdir():  # what a fresh `git checkout` does
        os.utime(path, ns=(10**18, 10**18))
    assert sync_index(corpus_dir, built_index).restamped == 5
    with open_snapshot(built_index) as s:
        dates = [h.article.date for h in search(s, SearchRequest(sort="newest")).hits]
    assert [d.isoformat() for d in dates[:3]] == ["2026-05-07", "2025-04-18", "2022-06-02"]


def test_rebuild_keeps_the_earlier_version_of_a_file_that_now_fails(built_index, corpus_dir):
    seed = next(corpus_dir.glob("002_*.txt"))
    seed.write_bytes(b"")
    report = sync_index(corpus_dir, built_index, rebuild=True)
    assert [f.path for f in report.failed] == [seed.name]
    assert indexed(built_index)[seed.name]["title"].startswith("Finland and Japan")
    assert len(indexed(built_index)) == 5


def test_edited_data_files_re_extract_every_article(built_index, corpus_dir, monkeypatch):
    monkeypatch.setattr("indexer.index.sync.extractor_fingerprint", lambda: "edited-rules")
    report = sync_index(corpus_dir, built_index)
    assert (report.updated, report.unchanged) == (5, 0)
    assert {d["extractor"] for d in indexed(built_index).values()} == {"edited-rules"}
    assert sync_index(corpus_dir, built_index).unchanged == 5


def test_the_extraction_cache_keeps_only_the_current_extractor(
    built_index, corpus_dir, monkeypatch
):
    import sqlite3

    from indexer.index.cache import cache_path

    def versions():
        with sqlite3.connect(cache_path(built_index)) as db:
            return dict(db.execute("SELECT extractor, COUNT(*) FROM articles GROUP BY 1"))

    sync_index(corpus_dir, built_index, rebuild=True)  # fills the cache
    assert sum(versions().values()) == 5
    monkeypatch.setattr("indexer.index.sync.extractor_fingerprint", lambda: "edited-rules")
    sync_index(corpus_dir, built_index)
    assert versions() == {"edited-rules": 5}


def test_schema_upgrade_builds_beside_the_old_index_and_keeps_failures(
    corpus_dir, index_dir, monkeypatch
):
    monkeypatch.setattr(store, "INDEX_NAME", "v0")
    sync_index(corpus_dir, index_dir)
    monkeypatch.setattr(store, "INDEX_NAME", "v1")
    next(corpus_dir.glob("003_*.txt")).write_bytes(b"\x00\x01" * 40)
    report = sync_index(corpus_dir, index_dir)
    assert report.added == 4 and len(report.failed) == 1
    assert len(indexed(index_dir)) == 5
    assert not [p for p in index_dir.iterdir() if p.name.startswith(("v0_", "_v0_"))]


def test_file_names_that_are_not_utf8_are_indexed(built_index, corpus_dir):
    odd = os.fsencode(corpus_dir) + b"/caf\xe9 6G.txt"
    with open(odd, "wb") as fh:
        fh.write(NEW_ARTICLE.encode())
    report = sync_index(corpus_dir, built_index)
    assert report.added == 1 and not report.failed
    assert "caf\\xe9 6G.txt" in indexed(built_index)


def test_rebuild_and_schema_upgrade_take_articles_from_the_extraction_cache(
    built_index, corpus_dir, monkeypatch
):
    """A rebuild (or a new schema version) re-writes every document without cleaning
    a single page again; an edited file is still extracted anew."""
    before = indexed(built_index)

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted although the cache holds the article")

    monkeypatch.setattr("indexer.extract.pipeline.extract_bytes", no_extraction)
    report = sync_index(corpus_dir, built_index, rebuild=True)
    assert (report.added, report.failed) == (5, [])
    monkeypatch.setattr(store, "INDEX_NAME", "v999")
    report = sync_index(corpus_dir, built_index)
    assert (report.added, report.failed) == (5, [])
    after = indexed(built_index)
    for path, fields in before.items():
        for key in ("title", "body", "organisation", "topic", "date", "details", "minhash"):
            assert after[path].get(key) == fields.get(key), (path, key)
    edited = next(corpus_dir.glob("001_*.txt"))
    edited.write_text(NEW_ARTICLE, encoding="utf-8")
    report = sync_index(corpus_dir, built_index)
    assert report.updated == 0 and len(report.failed) == 1  # it had to be extracted


def test_a_damaged_extraction_cache_only_costs_re_extraction(built_index, corpus_dir):
    from indexer.index.cache import cache_path

    cache_path(built_index).write_bytes(b"not a database" * 100)
    report = sync_index(corpus_dir, built_index, rebuild=True)
    assert (report.added, report.failed) == (5, [])


def test_a_renamed_file_is_indexed_under_its_new_name(built_index, corpus_dir):
    """The extraction cache never hands an article its old path."""
    sync_index(corpus_dir, built_index, rebuild=True)  # fills the cache
    old = next(corpus_dir.glob("000_*.txt"))
    old.rename(corpus_dir / "renamed.txt")
    report = sync_index(corpus_dir, built_index)
    assert (report.added, report.removed) == (1, 1)
    assert "renamed.txt" in indexed(built_index) and old.name not in indexed(built_index)
    assert not sync_index(corpus_dir, built_index).changed


def test_a_build_on_worker_processes_leaves_none_behind(tmp_path):
    """The pool is shut down without waiting for its workers' exit (the commit runs
    beside it): they still end, and the index holds every article."""
    import multiprocessing

    from indexer.index import sync

    from .conftest import eventually, seeds_and_generated

    corpus, index_dir = seeds_and_generated(tmp_path, sync.PARALLEL_FROM + 3, seed=5)
    generated = {p.relative_to(corpus).as_posix() for p in (corpus / "generated").rglob("*.*")}
    assert generated <= indexed(index_dir).keys()
    assert eventually(lambda: not multiprocessing.active_children())


def test_the_indexing_command_starts_without_the_extraction_pipeline():
    """The parent of an index run only compares fingerprints; the cleaners and
    trafilatura load in the workers that extract (~0.2 s of every run's start).
    Nor does it load Flask, which only `serve` needs: each worker process imports
    the command's module again (~0.12 s of CPU per process)."""
    import subprocess
    import sys

    from .conftest import REPO

    check = (
        "import sys, web.cli, indexer.index.sync;"
        "from indexer.extract import extractor_fingerprint; extractor_fingerprint();"
        "print(sorted(m for m in sys.modules if m.startswith(('trafilatura', 'htmldate', 'flask'))"
        " or m == 'indexer.extract.pipeline'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_build_keeps_few_extracted_documents_waiting_for_the_writer(tmp_path, monkeypatch):
    """When the writer is slower than the extraction (a --rebuild from the cache, a
    busy indexing process), the documents extracted and not yet written stay a few
    chunks, not the whole corpus: Executor.map submitted every chunk at once and
    held every result until the writer took it (the memory grew with the corpus)."""
    from concurrent.futures import ThreadPoolExecutor

    from bench.corpus import generate
    from indexer.index import sync

    corpus = tmp_path / "corpus"
    generate(corpus, 150, seed=3)
    monkeypatch.setattr(sync, "CHUNK", 4)
    monkeypatch.setattr(sync, "IN_FLIGHT", 3)
    counts = {"submitted": 0, "written": 0, "waiting": 0}

    class Counting(ThreadPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            counts["submitted"] += len(args[0])
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(sync, "_executor", lambda scheduler: Counting(max_workers=2))
    write = sync._write

    def slow_write(*args):
        counts["waiting"] = max(counts["waiting"], counts["submitted"] - counts["written"])
        write(*args)
        counts["written"] += 1

    monkeypatch.setattr(sync, "_write", slow_write)
    report = sync_index(corpus, tmp_path / "index")
    assert report.added == counts["written"] == counts["submitted"] == 150
    assert counts["waiting"] <= 3 * 4
    assert len(indexed(tmp_path / "index")) == 150
