"""syndication.toml: signature settings rebuild the index; grouping settings do not."""

from __future__ import annotations

import shutil

import pytest

from indexer import datafiles
from indexer.extract import pipeline
from indexer.index import store
from indexer.index.sync import sync_index
from indexer.search import SearchRequest, open_snapshot, search


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the data files that a test may edit, used in place of the package's."""
    target = tmp_path / "data"
    shutil.copytree(datafiles.DATA_DIR, target)
    monkeypatch.setattr(datafiles, "DATA_DIR", target)
    _forget_settings()
    yield target
    _forget_settings()


def _forget_settings() -> None:
    for loaded in (
        datafiles.signature_settings,
        datafiles.grouping_settings,
        pipeline.extractor_fingerprint,
    ):
        loaded.cache_clear()


def _edit(data_dir, old: str, new: str) -> None:
    path = data_dir / "syndication.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    _forget_settings()


def test_new_signature_settings_build_a_new_index_that_searches(
    built_index, corpus_dir, data_dir, monkeypatch
):
    """Was: the signature column's width was read at import, so the next `index`
    crashed inside Whoosh and every search failed afterwards."""
    before = store.current_index_name()
    _edit(data_dir, "permutations = 64", "permutations = 32")
    _edit(data_dir, "bands = 16", "bands = 8")
    assert store.current_index_name() != before  # what a restarted process names its index
    monkeypatch.setattr(store, "INDEX_NAME", store.current_index_name())
    report = sync_index(corpus_dir, built_index)
    assert report.added == 5 and not report.failed
    with open_snapshot(built_index) as snapshot:
        assert search(snapshot, SearchRequest(q="MoU")).total == 3
        assert snapshot.generation.arrays.size == 5
    assert not store.older_versions(built_index)  # the old version's files are gone


def test_grouping_settings_change_neither_the_index_nor_the_extraction(
    built_index, corpus_dir, data_dir
):
    """Was: every *.toml fed the extractor fingerprint, so a new threshold
    re-extracted the whole corpus (20 minutes at 100,000 articles)."""
    fingerprint = pipeline.extractor_fingerprint()
    _edit(data_dir, "threshold = 0.5", "threshold = 0.8")
    assert pipeline.extractor_fingerprint() == fingerprint
    assert datafiles.grouping_settings().threshold == 0.8
    report = sync_index(corpus_dir, built_index)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)


def test_an_edit_to_an_extraction_file_still_re_extracts(built_index, corpus_dir, data_dir):
    fingerprint = pipeline.extractor_fingerprint()
    (data_dir / "topics.toml").write_text(
        (data_dir / "topics.toml").read_text("utf-8") + "\n# a comment\n", "utf-8"
    )
    _forget_settings()
    assert pipeline.extractor_fingerprint() != fingerprint
    assert sync_index(corpus_dir, built_index).updated == 5


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("bands = 16", "bands = 7", "must divide"),
        ("threshold = 0.5", "threshold = 2", "threshold"),
        ("permutations = 64", "permutations = 0", "permutations"),
    ],
)
def test_bad_settings_are_named_clearly(data_dir, old, new, message):
    _edit(data_dir, old, new)
    with pytest.raises(datafiles.DataFileError, match=message):
        datafiles.signature_settings()
        datafiles.grouping_settings()


def test_an_index_signed_with_other_settings_still_groups_its_copies(
    built_index, data_dir, monkeypatch
):
    """Was a 500 on every search: the signature column was read at the width the
    running process's settings give, not the width the served index was written
    with (an upgrade under way, or a site started before the settings changed)."""
    _edit(data_dir, "permutations = 64", "permutations = 32")
    _edit(data_dir, "bands = 16", "bands = 8")
    with open_snapshot(built_index) as snapshot:
        assert search(snapshot, SearchRequest(q="MoU")).total == 3


def test_writers_with_different_signature_settings_exclude_each_other(
    built_index, corpus_dir, data_dir, monkeypatch
):
    """Was: the write lock was named after the index (`v7s5p64_WRITELOCK`), so an
    index run and a watcher started with other [signature] settings wrote the
    folder at the same time."""
    from indexer.index.sync import IndexBusy, index_paths

    shipped = store.INDEX_NAME
    lock = store.hold_write_lock(built_index, 1.0)  # a writer with the shipped settings
    try:
        _edit(data_dir, "permutations = 64", "permutations = 32")
        _edit(data_dir, "bands = 16", "bands = 8")
        monkeypatch.setattr(store, "INDEX_NAME", store.current_index_name())
        with pytest.raises(IndexBusy):
            sync_index(corpus_dir, built_index, lock_timeout=0.2)
        with pytest.raises(IndexBusy):
            index_paths(corpus_dir, built_index, ["x.txt"], lock_timeout=0.2)
    finally:
        lock.release()
    other = store.hold_write_lock(built_index, 1.0)  # and the other way round
    try:
        monkeypatch.setattr(store, "INDEX_NAME", shipped)
        with pytest.raises(IndexBusy):
            sync_index(corpus_dir, built_index, lock_timeout=0.2)
    finally:
        other.release()
