"""Crashes and concurrent runs: kill -9 mid-run, two index runs at once."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from bench.corpus import generate
from bench.indexing import index_command
from indexer.index.sync import sync_index

from .conftest import REPO, indexed


@pytest.fixture
def big_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus / "first", 40, seed=1)
    return corpus


def test_kill_9_at_any_moment_loses_nothing_and_the_next_run_recovers(big_corpus, tmp_path):
    index = tmp_path / "index"
    assert sync_index(big_corpus, index).added == 40
    before = indexed(index)
    generate(big_corpus / "second", 300, seed=2)

    started = time.perf_counter()  # how long a full run takes, to aim the kills at its end
    probe = tmp_path / "probe-index"
    subprocess.run(index_command(big_corpus, probe), cwd=REPO, check=False)
    duration = time.perf_counter() - started

    for fraction in (0.5, 0.8, 0.9, 0.95, 0.99):
        run = subprocess.Popen(index_command(big_corpus, index), cwd=REPO)
        time.sleep(duration * fraction)
        run.send_signal(signal.SIGKILL)
        run.wait()
        after = indexed(index)
        assert set(before) <= set(after), "an article indexed before the crash was lost"
        assert len(after) in (40, 340), "a half-committed run is visible"
        for path, fields in after.items():
            assert fields["title"] and fields["body"] and fields["sha256"], path

    result = subprocess.run(
        index_command(big_corpus, index), cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert len(indexed(index)) == 340
    assert sync_index(big_corpus, index).unchanged == 340


def test_a_second_index_run_waits_then_says_another_run_holds_the_index(big_corpus, tmp_path):
    index = tmp_path / "index"
    generate(big_corpus / "second", 300, seed=2)
    first = subprocess.Popen(index_command(big_corpus, index), cwd=REPO)
    try:
        deadline = time.time() + 20
        while not list(index.glob("*WRITELOCK")) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        second = subprocess.run(
            index_command(big_corpus, index, "--wait", "0.5"),
            cwd=REPO,
            capture_output=True,
            text=True,
        )
    finally:
        assert first.wait(timeout=120) == 0
    assert second.returncode == 2
    assert "another `sixg-search index` run holds the index" in second.stderr
    assert len(indexed(index)) == 340


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_lock_is_released_when_the_holder_dies(big_corpus, tmp_path):
    index = tmp_path / "index"
    sync_index(big_corpus, index)
    generate(big_corpus / "second", 300, seed=2)
    run = subprocess.Popen(index_command(big_corpus, index), cwd=REPO)
    time.sleep(1.0)
    run.send_signal(signal.SIGKILL)
    run.wait()
    report = sync_index(big_corpus, index, lock_timeout=2)
    assert report.added + report.unchanged == 340
