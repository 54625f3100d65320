"""Corrections by sidecar file: they win, survive re-indexing, and re-index alone."""

from __future__ import annotations

import json
import os

from indexer.extract import extract_file
from indexer.extract.reading import SourceFile
from indexer.index.store import open_searcher
from indexer.index.sync import sync_index

SEED = "004_b9f6f264e5fc05a4"


def stored(index_dir, path):
    with open_searcher(index_dir) as s:
        return s.document(path=path)


def write_sidecar(corpus_dir, data) -> None:
    target = corpus_dir / f"{SEED}.meta.json"
    target.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    os.utime(target, ns=(10**18, 10**18))


def test_sidecar_fields_win_and_a_sidecar_change_alone_reindexes(built_index, corpus_dir):
    write_sidecar(
        corpus_dir,
        {
            "date": "2026-03-02",
            "organisations": ["Ministry of Industry and Information Technology", "China Mobile"],
            "topics": ["Policy and regulation"],
            "url": "https://example.org/miit-6g-pilot",
            "source": "China Daily Brief",
        },
    )
    report = sync_index(corpus_dir, built_index)
    assert (report.updated, report.unchanged) == (1, 4)
    doc = stored(built_index, f"{SEED}.txt")
    assert doc["organisation"] == "MIIT,China Mobile"  # names folded to canonical values
    assert doc["topic"] == "Policy and regulation"
    assert doc["year"] == "2026" and doc["url"] == "https://example.org/miit-6g-pilot"
    assert doc["title"].startswith("China Mobilizes Provinces")  # not overridden: automatic

    assert sync_index(corpus_dir, built_index).unchanged == 5  # survives, nothing to redo
    assert sync_index(corpus_dir, built_index, rebuild=True).added == 5
    assert stored(built_index, f"{SEED}.txt")["year"] == "2026"

    write_sidecar(corpus_dir, {"date": None})
    assert sync_index(corpus_dir, built_index).updated == 1
    doc = stored(built_index, f"{SEED}.txt")
    assert doc["year"] == "undated" and "MIIT" in doc["organisation"].split(",")

    (corpus_dir / f"{SEED}.meta.json").unlink()
    assert sync_index(corpus_dir, built_index).updated == 1


def test_a_bad_sidecar_is_reported_every_run_and_the_article_still_indexed(built_index, corpus_dir):
    write_sidecar(corpus_dir, '{"date": "next tuesday"}')
    for _ in range(2):
        report = sync_index(corpus_dir, built_index)
        assert [(f.path, f.reason) for f in report.failed] == [
            (f"{SEED}.meta.json", "ignored: date must be YYYY-MM-DD or null")
        ]
    assert stored(built_index, f"{SEED}.txt")["year"] == "undated"
    write_sidecar(corpus_dir, '{"colour": "red"}')
    assert "unknown fields ['colour']" in sync_index(corpus_dir, built_index).failed[0].reason
    write_sidecar(corpus_dir, "{not json")
    assert "not valid JSON" in sync_index(corpus_dir, built_index).failed[0].reason


def test_extract_applies_the_sidecar_and_says_so(corpus_dir):
    write_sidecar(corpus_dir, {"title": "MIIT pilot programme", "mentions": ["DJI", "Huawei"]})
    _, article = extract_file(SourceFile(corpus_dir / f"{SEED}.txt", f"{SEED}.txt"))
    data = article.to_json()
    assert data["title"] == "MIIT pilot programme"
    assert data["mentions"] == ["DJI", "Huawei"]
    assert data["overridden"] == ["mentions", "title"]
    assert data["evidence"]["organisations"]["Huawei"]["source"] == f"{SEED}.meta.json"


def test_sidecars_are_not_articles(built_index, corpus_dir):
    write_sidecar(corpus_dir, {"topics": ["AI"]})
    report = sync_index(corpus_dir, built_index)
    assert report.added == 0 and report.updated == 1
