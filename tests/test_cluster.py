"""Indexing through a Dask.distributed cluster equals indexing on this machine's cores."""

from __future__ import annotations

import pytest

from indexer.index.sync import CHUNK, PARALLEL_FROM, sync_index
from indexer.search import SearchRequest, open_snapshot, search
from web.cli import main

from .conftest import indexed, seeds_and_generated

distributed = pytest.importorskip("distributed")


def test_index_through_a_local_dask_cluster_equals_a_local_build(tmp_path, capsys):
    corpus, local_index = seeds_and_generated(tmp_path, PARALLEL_FROM + 16, seed=5)
    cluster_index = tmp_path / "cluster-index"
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        argv = ["index", "--quiet", "--corpus", str(corpus), "--index", str(cluster_index)]
        assert main([*argv, "--scheduler", cluster.scheduler_address]) == 0
        with distributed.Client(cluster) as client:  # the workers did the extraction
            ran = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert sum(ran.values()) == -(-(PARALLEL_FROM + 16 + 5) // CHUNK)
    assert f"{PARALLEL_FROM + 16 + 5} added" in capsys.readouterr().out
    assert indexed(cluster_index) == indexed(local_index)
    request = SearchRequest(q="research")
    with open_snapshot(local_index) as a, open_snapshot(cluster_index) as b:
        ours, theirs = search(a, request), search(b, request)
    assert ours.total == theirs.total > 0
    assert [h.article.id for h in ours.hits] == [h.article.id for h in theirs.hits]


def test_a_scheduler_nobody_runs_is_a_clear_error(corpus_dir, index_dir, capsys):
    argv = ["index", "--corpus", str(corpus_dir), "--index", str(index_dir)]
    assert main([*argv, "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert sync_index(corpus_dir, index_dir).added == 5  # nothing was left half-done
