"""Faults an unlucky operator or an attacker meets: links out of the corpus, hostile
sidecars, clashing file names, damaged and half-upgraded indexes, full disks,
killed runs (issue 18). Each test failed before its fix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from bench.corpus import generate
from bench.faults import _alive, _children
from bench.indexing import index_command
from indexer.article import article_id
from indexer.index.sync import sync_index

from .conftest import REPO, eventually, indexed
from .test_sync import NEW_ARTICLE

SECRET = "Top secret outside the corpus: the 6G spectrum plan for Oulu is signed. " * 5


# -- 7: symbolic links ----------------------------------------------------------------


def test_symlinks_out_of_the_corpus_are_never_followed(tmp_path, corpus_dir, index_dir):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    (corpus_dir / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus_dir / "elsewhere").symlink_to(outside, target_is_directory=True)
    report = sync_index(corpus_dir, index_dir)
    assert report.added == 5
    reasons = {f.path: f.reason for f in report.failed}
    assert set(reasons) == {"passwd.txt", "elsewhere"}
    assert all("symbolic link; not followed" in r for r in reasons.values())
    assert not any("secret" in f["body"] for f in indexed(index_dir).values())


def test_a_folder_swapped_for_a_link_after_the_scan_does_not_lead_outside(tmp_path, corpus_dir):
    from indexer.extract.reading import ReadError, discover, read_bytes

    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "a.txt").write_text(NEW_ARTICLE, "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text(SECRET, "utf-8")
    (source,) = [f for f in discover(corpus_dir) if f.relpath == "sub/a.txt"]
    (corpus_dir / "sub" / "a.txt").unlink()
    (corpus_dir / "sub").rmdir()
    (corpus_dir / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ReadError, match="symbolic link; not followed"):
        read_bytes(source.path, root=source.root)


# -- 10: sidecars ---------------------------------------------------------------------


def _sidecar_case(corpus_dir, name: str) -> str:
    (corpus_dir / f"{name}.txt").write_text(NEW_ARTICLE.replace("Oulu", name.title()), "utf-8")
    return str(corpus_dir / f"{name}.meta.json")


def test_fifo_and_device_sidecars_are_refused_without_hanging(corpus_dir, index_dir):
    os.mkfifo(_sidecar_case(corpus_dir, "fifo"))
    os.symlink("/dev/zero", _sidecar_case(corpus_dir, "zero"))
    report = sync_index(corpus_dir, index_dir, lock_timeout=1)
    docs = indexed(index_dir)
    assert {"fifo.txt", "zero.txt"} <= set(docs)  # indexed without their sidecars
    reasons = {f.path: f.reason for f in report.failed}
    assert "not a regular file" in reasons["fifo.meta.json"]
    assert "symbolic link; not followed" in reasons["zero.meta.json"]


def test_deep_or_unwritable_sidecars_leave_their_article_indexed_with_short_messages(
    corpus_dir, index_dir
):
    with open(_sidecar_case(corpus_dir, "deep"), "w") as fh:
        fh.write('{"topics": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with open(_sidecar_case(corpus_dir, "surrogate"), "w") as fh:
        fh.write('{"title": "Bad \\ud800 title\\u0000 here", "source": "X\\udfff"}')
    report = sync_index(corpus_dir, index_dir)
    docs = indexed(index_dir)
    assert {"deep.txt", "surrogate.txt"} <= set(docs)
    assert docs["surrogate.txt"]["title"] == "Bad \ufffd title  here"
    reasons = {f.path: f.reason for f in report.failed}
    assert set(reasons) == {"deep.meta.json"}
    assert "nested too deeply" in reasons["deep.meta.json"]
    assert all(len(r) < 300 for r in reasons.values())


def test_failure_messages_stay_short(corpus_dir, index_dir, monkeypatch):
    import indexer.index.sync as sync

    def explode(article, **_):
        raise UnicodeEncodeError("utf-8", article.text * 50, 0, 1, "surrogates not allowed")

    monkeypatch.setattr(sync, "to_document", explode)
    report = sync_index(corpus_dir, index_dir)
    assert len(report.failed) == 5
    assert all(len(f.reason) <= 220 for f in report.failed), report.failed[0].reason


# -- 13: one id per file --------------------------------------------------------------


def test_a_raw_byte_name_and_its_escaped_spelling_get_different_ids(corpus_dir, index_dir):
    raw = os.fsencode(corpus_dir) + b"/\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(NEW_ARTICLE.encode("utf-8"))
    (corpus_dir / "\\xff\\xfe.txt").write_text(NEW_ARTICLE.replace("Oulu", "Espoo"), "utf-8")
    first = sync_index(corpus_dir, index_dir)
    assert (first.added, first.failed) == (7, [])
    docs = indexed(index_dir)
    assert len(docs) == 7 and len({d["id"] for d in docs.values()}) == 7
    assert article_id("\\xff\\xfe.txt") != article_id("\\\\xff\\\\xfe.txt")
    again = sync_index(corpus_dir, index_dir)
    assert (again.updated, again.unchanged) == (0, 7)


# -- 12: workers die with their parent ------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="Linux /proc only")
def test_kill_9_of_index_takes_its_worker_processes_with_it(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 400, seed=3)
    run = subprocess.Popen(index_command(corpus, tmp_path / "index"), cwd=REPO)
    workers: set[int] = set()
    deadline = time.time() + 60
    while len(workers) < 2 and time.time() < deadline and run.poll() is None:
        time.sleep(0.1)
        workers = {p for p in _children(run.pid) if _alive(p)}
    assert len(workers) >= 2, "the run never started its workers"
    time.sleep(1.0)  # workers busy extracting
    run.send_signal(signal.SIGKILL)
    run.wait()
    eventually(lambda: not any(_alive(p) for p in workers), 10)
    left = [p for p in workers if _alive(p)]
    for pid in left:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} worker processes outlived their parent"


# -- 17: serve beside a running index, a bad SIXG_PORT ---------------------------------


def test_serve_serves_the_committed_index_while_another_run_holds_the_lock(
    built_index, corpus_dir, monkeypatch, capsys
):
    import waitress

    from indexer.index.store import index_writer, open_index
    from web.cli import main

    served = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.append(app))
    holder = index_writer(open_index(built_index))
    try:
        started = time.perf_counter()
        where = ["--corpus", str(corpus_dir), "--index", str(built_index)]
        code = main(["serve", "--workers", "1", *where])  # (one process: waitress.serve)
        waited = time.perf_counter() - started
    finally:
        holder.cancel()
    assert code == 0 and len(served) == 1 and waited < 10
    assert "serving the committed index" in capsys.readouterr().err
    assert served[0].test_client().get("/api/search").get_json()["total"] == 5


def test_a_bad_port_setting_stops_serve_with_a_message_and_not_index(
    built_index, corpus_dir, monkeypatch, capsys
):
    from web.cli import main

    monkeypatch.setenv("SIXG_PORT", "abc")
    locations = ["--corpus", str(corpus_dir), "--index", str(built_index)]
    assert main(["index", "--quiet", *locations]) == 0
    with pytest.raises(SystemExit) as stopped:
        main(["serve", *locations])
    assert stopped.value.code == 2
    assert "'abc' is not a port number" in capsys.readouterr().err


# -- 8: a schema upgrade killed half-way -----------------------------------------------

_UPGRADE_KILLED = """
import os, signal, sys
from pathlib import Path
import indexer.index.sync as sync

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[3] == "before-commit":
    real = sync._extract_and_write
    def write_then_die(*args, **kwargs):
        real(*args, **kwargs)
        die()
    sync._extract_and_write = write_then_die
else:  # after the commit, before the old version's files are removed
    sync.remove_older_versions = die
sync.sync_index(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _old_version_files(index_dir):
    return [p.name for p in index_dir.iterdir() if p.name.startswith(("v0_", "_v0_", "v0."))]


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_kill_9_during_a_schema_upgrade_keeps_serving_and_the_next_run_finishes(
    corpus_dir, index_dir, monkeypatch, point
):
    from indexer.index import store
    from web import create_app

    monkeypatch.setattr(store, "INDEX_NAME", "v0")  # an index of an older schema
    sync_index(corpus_dir, index_dir)
    monkeypatch.undo()
    unreadable = next(corpus_dir.glob("003_*.txt"))
    unreadable.write_bytes(b"\x00\x01" * 40)  # its old version must survive the upgrade
    killed = subprocess.run(
        [sys.executable, "-c", _UPGRADE_KILLED, corpus_dir, index_dir, point], cwd=REPO
    )
    assert killed.returncode == -signal.SIGKILL
    assert len(indexed(index_dir)) == 5  # the site never shows a half-built index
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    assert client.get("/api/search").get_json()["total"] == 5

    report = sync_index(corpus_dir, index_dir)
    assert [f.path for f in report.failed] == [unreadable.name]
    assert set(indexed(index_dir)) == {p.name for p in corpus_dir.glob("*.txt")}
    assert store.latest_generation(index_dir) >= 1
    assert not _old_version_files(index_dir)


# -- 9: a damaged index ----------------------------------------------------------------


def _damage(index_dir, kind: str) -> None:
    suffix, how = kind.split(":")
    (target,) = [p for p in index_dir.iterdir() if p.name.endswith("." + suffix)]
    size = target.stat().st_size
    if how == "empty":
        target.write_bytes(b"")
    elif how == "truncated":
        with open(target, "r+b") as fh:
            fh.truncate(size // 2)
    else:  # garbage of the same length
        target.write_bytes(bytes((i * 7 + 3) % 256 for i in range(size)))


@pytest.mark.parametrize(
    "kind", ["pst:truncated", "toc:empty", "toc:garbage", "trm:empty", "trm:garbage"]
)
def test_a_damaged_index_is_detected_reported_and_repaired_with_one_command(
    built_index, corpus_dir, monkeypatch, capsys, kind
):
    import waitress

    from web import create_app
    from web.cli import main

    where = ["--corpus", str(corpus_dir), "--index", str(built_index)]
    _damage(built_index, kind)
    capsys.readouterr()
    assert main(["index", *where]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "sixg-search index --repair" in err and "Traceback" not in err
    assert main(["check", "--index", str(built_index)]) == 1
    assert "damaged:" in capsys.readouterr().out
    assert main(["search", "6G", "--index", str(built_index)]) == 2
    assert "--repair" in capsys.readouterr().err

    client = create_app({"INDEX_DIR": str(built_index)}).test_client()
    for page in ("/", "/api/search?q=6G"):
        response = client.get(page)
        assert response.status_code == 503, page
        assert b"--repair" in response.data

    monkeypatch.setattr(waitress, "serve", lambda app, **kw: None)
    assert main(["serve", *where]) == 0  # says so and serves (pages say so too)
    assert "is damaged" in capsys.readouterr().err

    assert main(["index", "--repair", *where]) == 0
    assert main(["check", "--index", str(built_index)]) == 0
    assert len(indexed(built_index)) == 5
    assert client.get("/api/search?q=6G").status_code == 200


def test_a_damaged_extraction_cache_is_started_afresh(built_index, corpus_dir):
    import sqlite3

    from indexer.index.cache import cache_path
    from indexer.index.health import cache_problems

    cache = cache_path(built_index)
    with open(cache, "r+b") as fh:
        fh.truncate(cache.stat().st_size // 2)
    assert cache_problems(cache)
    (corpus_dir / "new.txt").write_text(NEW_ARTICLE, "utf-8")
    assert sync_index(corpus_dir, built_index).added == 1
    assert not cache_problems(cache)
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert sync_index(corpus_dir, built_index, rebuild=True).added == 6
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


# -- 11: a full disk ---------------------------------------------------------------------


def test_a_full_disk_fails_cleanly_and_leaves_nothing_behind(
    built_index, corpus_dir, monkeypatch, capsys
):
    import errno

    from whoosh.filedb.filestore import FileStorage

    from indexer.index.store import INDEX_NAME as V
    from web.cli import main

    committed = {p.name for p in built_index.iterdir()}
    (corpus_dir / "new.txt").write_text(NEW_ARTICLE, "utf-8")
    real = FileStorage.create_file

    def full(self, name, **kwargs):
        handle = real(self, name, **kwargs)
        if ".toc." in name:  # the disk fills while the new generation is being written
            handle.close()
            raise OSError(errno.ENOSPC, "No space left on device", name)
        return handle

    monkeypatch.setattr(FileStorage, "create_file", full)
    assert main(["index", "--corpus", str(corpus_dir), "--index", str(built_index)]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert {p.name for p in built_index.iterdir()} == committed
    monkeypatch.undo()

    # what a run killed mid-way on a full disk leaves, removed by the next run
    leftovers = {f"{V}_zzzzzzzzzzzzzzzz.pst", f"{V}.tmp", f"_{V}_9.toc.1764500000.5"}
    for name in leftovers:
        (built_index / name).write_bytes(b"x" * 10_000)
    report = sync_index(corpus_dir, built_index)
    assert report.added == 1 and len(indexed(built_index)) == 6
    left = {p.name for p in built_index.iterdir()}
    assert not leftovers & left


def test_rebuild_also_repairs_a_damaged_index(built_index, corpus_dir):
    _damage(built_index, "trm:garbage")
    report = sync_index(corpus_dir, built_index, rebuild=True)
    assert (report.added, report.failed) == (5, [])
    assert len(indexed(built_index)) == 5


def test_a_request_that_read_a_generation_repaired_meanwhile_gets_a_503(built_index, corpus_dir):
    from flask import g

    from web import create_app
    from web.index import get_snapshot

    app = create_app({"TESTING": True, "INDEX_DIR": str(built_index)})

    @app.get("/boom")
    def boom():
        get_snapshot()
        _damage(built_index, "trm:garbage")
        sync_index(corpus_dir, built_index, repair=True)  # fixed before the error is handled
        assert "snapshot" in g
        raise ValueError("read a damaged file")

    response = app.test_client().get("/boom")
    assert response.status_code == 503 and b"try again" in response.data
