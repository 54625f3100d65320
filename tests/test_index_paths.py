"""The fast path: index_paths() indexes just the paths it is given, as a full run would.

Each test changes a corpus, then brings one copy of the index up to date with
index_paths() (naming only the changed paths) and another with a full
sync_index(): both must end with the same documents and report the same
failures, and index_paths() must not look at the other files.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from indexer.index import sync
from indexer.index.store import hold_write_lock
from indexer.index.sync import IndexBusy, index_paths, sync_index

from .conftest import FIXTURES, indexed

TEXT = """{title}

Oulu, 3 March 2026

Operators and vendors opened a sub-terahertz spectrum testbed in {place} on Tuesday,
where partners of the 6G Flagship will measure propagation between university buildings.

The testbed is funded for three years and open to companies that want to trial equipment.
"""


def article(title: str, place: str = "Oulu") -> str:
    return TEXT.format(title=title, place=place)


COMPARED = ("path", "title", "organisation", "topic", "date", "sidecar", "sha256", "size")


def contents(index_dir):
    return {path: _compared(fields) for path, fields in indexed(index_dir).items()}


def _compared(fields: dict) -> dict:
    kept = {k: fields.get(k) for k in COMPARED}
    if kept["sidecar"].startswith("invalid:"):  # signed with the time: never the same twice
        kept["sidecar"] = "invalid"
    return kept


@pytest.fixture
def twin(built_index, tmp_path):
    """A second copy of the built index, brought up to date by full runs."""
    copy = tmp_path / "twin-index"
    shutil.copytree(built_index, copy)
    return copy


def both_ways(corpus, fast_index, full_index, changed):
    fast = index_paths(corpus, fast_index, changed)
    full = sync_index(corpus, full_index)
    assert contents(fast_index) == contents(full_index)
    return fast, full


def failures(report):
    return sorted((f.path, f.reason) for f in report.failed)


def test_add_change_remove_as_a_full_run(built_index, twin, corpus_dir):
    sub = corpus_dir / "sub" / "deeper"
    sub.mkdir(parents=True)
    (sub / "oulu.txt").write_text(article("Oulu testbed opens"), "utf-8")
    shutil.copy(FIXTURES / "press_release.html", corpus_dir / "ngmn.html")
    fast, full = both_ways(
        corpus_dir, built_index, twin, [sub / "oulu.txt", corpus_dir / "ngmn.html"]
    )
    assert (fast.added, fast.updated, fast.removed, fast.unchanged) == (2, 0, 0, 0)
    assert full.added == 2

    (sub / "oulu.txt").write_text(article("Helsinki testbed opens", "Helsinki"), "utf-8")
    os.utime(sub / "oulu.txt", ns=(1, 1))
    seed = next(corpus_dir.glob("000_*.txt"))
    seed.unlink()
    # relative paths are taken from the corpus folder
    fast, _ = both_ways(corpus_dir, built_index, twin, ["sub/deeper/oulu.txt", seed.name])
    assert (fast.added, fast.updated, fast.removed) == (0, 1, 1)
    assert indexed(built_index)["sub/deeper/oulu.txt"]["title"] == "Helsinki testbed opens"
    assert seed.name not in indexed(built_index)


def test_nothing_changed_commits_nothing(built_index, corpus_dir):
    from indexer.index.store import latest_generation

    before = latest_generation(built_index)
    report = index_paths(corpus_dir, built_index, sorted(corpus_dir.glob("*.txt")))
    assert not report.changed and report.unchanged == 5
    assert latest_generation(built_index) == before


def test_a_touched_file_is_only_restamped(built_index, twin, corpus_dir):
    seed = next(corpus_dir.glob("001_*.txt"))
    os.utime(seed, ns=(10**18, 10**18))
    fast, _ = both_ways(corpus_dir, built_index, twin, [seed])
    assert (fast.updated, fast.restamped) == (0, 1)
    assert indexed(built_index)[seed.name]["mtime_ns"] == 10**18


def test_failures_and_duplicates_as_a_full_run(built_index, twin, corpus_dir):
    seed = next(corpus_dir.glob("002_*.txt"))
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "copy.txt").write_bytes(seed.read_bytes())  # an exact copy of an article
    (corpus_dir / "a.txt").write_text(article("Twins"), "utf-8")
    (corpus_dir / "b.txt").write_text(article("Twins"), "utf-8")  # a copy of a new file
    (corpus_dir / "menu.html").write_text("<html><nav>Home</nav></html>", "utf-8")
    (corpus_dir / "link.txt").symlink_to(seed)
    (corpus_dir / "notes.md~").write_text("an editor's backup", "utf-8")
    changed = ["empty.txt", "copy.txt", "a.txt", "b.txt", "menu.html", "link.txt", "notes.md~"]
    fast, full = both_ways(corpus_dir, built_index, twin, changed)
    assert failures(fast) == failures(full)
    failed = {f.path for f in fast.failed}
    assert failed == {"empty.txt", "copy.txt", "b.txt", "menu.html", "link.txt"}
    assert fast.added == 1


def test_an_article_that_turns_bad_keeps_its_indexed_version(built_index, twin, corpus_dir):
    seed = next(corpus_dir.glob("003_*.txt"))
    title = indexed(built_index)[seed.name]["title"]
    seed.write_bytes(b"")
    fast, full = both_ways(corpus_dir, built_index, twin, [seed])
    assert failures(fast) == failures(full) == [(seed.name, "empty file")]
    assert indexed(built_index)[seed.name]["title"] == title


def test_a_sidecar_re_indexes_its_article(built_index, twin, corpus_dir):
    seed = next(corpus_dir.glob("004_*.txt"))
    sidecar = corpus_dir / (seed.stem + ".meta.json")
    sidecar.write_text(json.dumps({"title": "Corrected by hand", "date": "2024-05-02"}), "utf-8")
    fast, _ = both_ways(corpus_dir, built_index, twin, [sidecar])
    assert fast.updated == 1
    assert indexed(built_index)[seed.name]["title"] == "Corrected by hand"

    sidecar.write_text("{not json", "utf-8")
    fast, full = both_ways(corpus_dir, built_index, twin, [sidecar])
    assert failures(fast) == failures(full)
    assert [f.path for f in fast.failed] == [sidecar.name]
    assert fast.failed[0].reason.startswith("ignored: not valid JSON")

    sidecar.unlink()
    fast, _ = both_ways(corpus_dir, built_index, twin, [sidecar])
    assert fast.updated == 1
    assert indexed(built_index)[seed.name]["title"] != "Corrected by hand"


def test_folders_moved_in_and_out(built_index, twin, corpus_dir, tmp_path):
    outside = tmp_path / "incoming"
    (outside / "inner").mkdir(parents=True)
    for n in range(3):
        (outside / "inner" / f"n{n}.txt").write_text(article(f"Testbed number {n}"), "utf-8")
    (outside / "inner" / ".hidden.txt").write_text(article("Hidden"), "utf-8")
    os.rename(outside, corpus_dir / "batch")
    fast, _ = both_ways(corpus_dir, built_index, twin, [corpus_dir / "batch"])
    assert fast.added == 3
    assert "batch/inner/n1.txt" in indexed(built_index)

    os.rename(corpus_dir / "batch", tmp_path / "gone")
    fast, _ = both_ways(corpus_dir, built_index, twin, [corpus_dir / "batch"])
    assert fast.removed == 3
    assert not any(p.startswith("batch/") for p in indexed(built_index))


def test_a_file_renamed_hidden_is_removed(built_index, twin, corpus_dir):
    seed = next(corpus_dir.glob("000_*.txt"))
    hidden = corpus_dir / ("." + seed.name)
    seed.rename(hidden)
    fast, _ = both_ways(corpus_dir, built_index, twin, [seed, hidden])
    assert (fast.added, fast.removed) == (0, 1)


def test_paths_outside_the_corpus_are_ignored(built_index, corpus_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(article("Not in the corpus"), "utf-8")
    report = index_paths(corpus_dir, built_index, [elsewhere, "../elsewhere.txt", corpus_dir])
    assert not report.changed and not report.failed
    assert len(indexed(built_index)) == 5


def test_the_other_files_are_not_scanned(built_index, corpus_dir, monkeypatch):
    def no_scan(*_args, **_kwargs):
        raise AssertionError("index_paths scanned the corpus")

    monkeypatch.setattr(sync, "discover", no_scan)
    monkeypatch.setattr(sync, "_indexed_files", no_scan)
    (corpus_dir / "new.txt").write_text(article("One more testbed"), "utf-8")
    assert index_paths(corpus_dir, built_index, [corpus_dir / "new.txt"]).added == 1


def test_before_the_first_commit_it_is_a_full_run(corpus_dir, index_dir):
    report = index_paths(corpus_dir, index_dir, [])
    assert report.added == 5


def test_a_running_index_makes_it_wait_then_say_so(built_index, corpus_dir):
    lock = hold_write_lock(built_index, 1.0)
    try:
        with pytest.raises(IndexBusy):
            index_paths(corpus_dir, built_index, ["x.txt"], lock_timeout=0.2)
    finally:
        lock.release()


def test_a_folder_and_a_file_in_it_are_one_article(built_index, twin, corpus_dir):
    (corpus_dir / "news").mkdir()
    (corpus_dir / "news" / "one.txt").write_text(article("One article"), "utf-8")
    fast, _ = both_ways(
        corpus_dir, built_index, twin, [corpus_dir / "news", corpus_dir / "news" / "one.txt"]
    )
    assert fast.added == 1
    from indexer.index.store import open_searcher

    with open_searcher(built_index) as searcher:
        assert searcher.doc_count() == 6


def test_a_generation_built_on_the_previous_one_equals_one_built_afresh(
    built_index, corpus_dir, monkeypatch
):
    """After a small commit, facet postings and spellings are carried over from the
    previous generation and only the new segments read: the result must be what a
    generation built from nothing holds."""
    import numpy as np

    from indexer.index.arrays import IndexArrays
    from indexer.search.copies import BucketHistory
    from indexer.search.snapshot import Generation, Generations, open_snapshot

    generations = Generations()

    def compare() -> None:
        reads = []
        real = IndexArrays.postings
        monkeypatch.setattr(
            IndexArrays, "postings", lambda self, *a: reads.append(a) or real(self, *a)
        )
        with open_snapshot(built_index, generations) as snapshot:
            carried = snapshot.generation
            monkeypatch.undo()
            afresh = Generation(snapshot.reader, BucketHistory())
        assert not reads  # nothing read again from the segments the generations share
        assert carried.value_docs.keys() == afresh.value_docs.keys()
        for field, values in afresh.value_docs.items():
            assert list(carried.value_docs[field]) == list(values), field
            for value, docnums in values.items():
                assert np.array_equal(carried.value_docs[field][value], docnums), value
        assert carried.spellings == afresh.spellings

    with open_snapshot(built_index, generations):
        pass
    for n, org in enumerate(("6G-IA", "NGMN", "ETSI")):
        (corpus_dir / f"added-{n}.txt").write_text(
            article(f"{org} opens testbed {n}").replace("6G Flagship", org), "utf-8"
        )
    assert index_paths(corpus_dir, built_index, corpus_dir.glob("added-*.txt")).added == 3
    compare()

    seeds = sorted(corpus_dir.glob("00*.txt"))
    seeds[0].unlink()  # documents of the first segment deleted and re-written
    seeds[1].write_text(article("Rewritten by its editor").replace("6G Flagship", "3GPP"))
    (corpus_dir / "added-0.txt").unlink()
    report = index_paths(corpus_dir, built_index, [seeds[0], seeds[1], "added-0.txt"])
    assert (report.updated, report.removed) == (1, 2)
    compare()


def test_commits_without_merging_then_one_merge(built_index, corpus_dir):
    from indexer.index.store import open_index
    from indexer.index.sync import merge_small_segments

    def segments() -> int:
        return len(open_index(built_index)._segments())

    assert not merge_small_segments(built_index)  # one segment: nothing to merge
    for n in range(6):
        (corpus_dir / f"small-{n}.txt").write_text(article(f"Small commit {n}"), "utf-8")
        index_paths(corpus_dir, built_index, [f"small-{n}.txt"], merge=False)
    assert segments() == 7
    before = contents(built_index)
    assert merge_small_segments(built_index)
    assert segments() < 7
    assert contents(built_index) == before


def test_did_you_mean_over_many_segments_matches_whoosh(built_index, corpus_dir):
    """Small commits leave many segments; corrections are found segment by segment
    (fast) and must be those Whoosh's own corrector finds over the whole index."""
    from whoosh.spelling import ReaderCorrector

    from indexer.search import SearchRequest, open_snapshot, search
    from indexer.search.suggestions import SegmentsCorrector

    for n, place in enumerate(("Espoo", "Tampere", "Turku")):
        (corpus_dir / f"s{n}.txt").write_text(article(f"Spectrum trial {n}", place), "utf-8")
        index_paths(corpus_dir, built_index, [f"s{n}.txt"], merge=False)
    with open_snapshot(built_index) as snapshot:
        reader = snapshot.reader
        assert len(reader.leaf_readers()) == 4
        whoosh = ReaderCorrector(reader, "body", reader.schema["body"])
        ours = SegmentsCorrector(reader, "body")
        for word in ("spectrun", "tamprere", "espo", "turkku", "oulu", "zzzzz"):
            assert ours.suggest(word, limit=3) == whoosh.suggest(word, limit=3), word
        assert search(snapshot, SearchRequest(q="tamprere")).suggestion.q == "tampere"
