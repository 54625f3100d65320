"""An index written by an earlier version (schema 6, before the modules moved) still opens.

The fixture is the seeds' index as the code of schema 6 wrote it: its segments
record the posting codec by its old class path, `indexer.index.postings`.
"""

from __future__ import annotations

import tarfile

from indexer.index import store
from indexer.index.sync import sync_index
from indexer.search import SearchRequest, open_snapshot, search

from .conftest import FIXTURES, copy_seeds


def test_a_schema_6_index_is_upgraded_and_keeps_an_unreadable_files_article(tmp_path):
    with tarfile.open(FIXTURES / "index-v6-seeds.tar.gz") as archive:
        archive.extractall(tmp_path, filter="data")
    index = tmp_path / "fx-index"
    assert store.older_versions(index) == ["v6"]
    corpus = copy_seeds(tmp_path)
    broken = next(corpus.glob("002_*.txt"))
    broken.write_bytes(b"")  # empty now: its earlier article must stay
    report = sync_index(corpus, index)
    assert report.added == 4 and len(report.failed) == 1
    assert store.older_versions(index) == []  # the old version's files are gone
    with open_snapshot(index) as snapshot:
        assert search(snapshot, SearchRequest()).total == 5
        assert search(snapshot, SearchRequest(q='"Who are the two parties"')).total == 1
