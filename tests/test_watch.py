"""The folder watcher: files saved, changed or removed in the corpus show in the
running site without a restart (real files, a real watcher thread, the site
through Flask's test client or the real server)."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from bench.concurrency import free_port
from indexer.index import watch
from indexer.index.store import hold_write_lock
from indexer.index.watch import Watcher, network_filesystem, watch_mode
from web.index import warm

from .conftest import REPO, eventually, oulu_article


def article(word: str, title: str | None = None) -> str:
    return oulu_article(title or f"Operators open {word} testbed in Oulu", word)


def found(client, word: str) -> list[dict]:
    response = client.get(f"/api/search?q={word}&copies=1")  # near-identical test texts
    assert response.status_code == 200
    return response.get_json()["hits"]


@pytest.fixture
def watching(app, corpus_dir, built_index):
    """A watcher in the given mode on the test corpus, warming the app like serve does."""
    started = []

    def start(mode: str = "events", **options) -> Watcher:
        options.setdefault("after_commit", lambda _report: warm(app))
        watcher = Watcher(corpus_dir, built_index, mode=mode, **options).start()
        started.append(watcher)
        return watcher

    yield start
    for watcher in started:
        watcher.stop()


def test_drop_change_remove_a_file_and_its_sidecar(watching, client, corpus_dir):
    watcher = watching("events")
    assert watcher.mode == "events"
    target = corpus_dir / "news" / "oulu.txt"
    target.parent.mkdir()
    target.write_text(article("zebrafish"), "utf-8")
    assert eventually(lambda: found(client, "zebrafish"))

    target.write_text(article("quokka"), "utf-8")
    assert eventually(lambda: found(client, "quokka"))
    assert not found(client, "zebrafish")

    sidecar = corpus_dir / "news" / "oulu.meta.json"
    sidecar.write_text(json.dumps({"title": "Corrected title by hand"}), "utf-8")
    assert eventually(lambda: found(client, "quokka")[0]["title"] == "Corrected title by hand")
    sidecar.unlink()
    assert eventually(lambda: found(client, "quokka")[0]["title"] != "Corrected title by hand")

    target.unlink()
    assert eventually(lambda: not found(client, "quokka"))
    # one commit per change (or more, on a busy machine); the counter moves just
    # after the commit a search already sees, so it is waited for too
    assert eventually(lambda: watcher.commits >= 5)


def test_folders_moved_in_and_out(watching, client, corpus_dir, tmp_path):
    watching("events")
    outside = tmp_path / "incoming"
    (outside / "deeper").mkdir(parents=True)
    (outside / "deeper" / "a.txt").write_text(article("wombat"), "utf-8")
    (outside / "b.html").write_text(f"<html><body><p>{article('wombat')}</p></body></html>")
    os.rename(outside, corpus_dir / "incoming")
    assert eventually(lambda: len(found(client, "wombat")) == 2)
    os.rename(corpus_dir / "incoming", tmp_path / "taken-away")
    assert eventually(lambda: not found(client, "wombat"))


def test_polling_finds_and_loses_files(watching, client, corpus_dir):
    watcher = watching("poll", poll_interval=0.2, settle=0.3)
    assert watcher.mode == "poll"
    (corpus_dir / "polled.txt").write_text(article("narwhal"), "utf-8")
    assert eventually(lambda: found(client, "narwhal"))
    (corpus_dir / "polled.txt").unlink()
    assert eventually(lambda: not found(client, "narwhal"))


def test_auto_polls_a_corpus_on_a_network_file_system(watching, client, corpus_dir, tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw,relatime 0 0\n"
        f"fileserver:/export {corpus_dir.parent} nfs4 rw,vers=4.2 0 0\n",
        "utf-8",
    )
    assert network_filesystem(corpus_dir, str(mounts)) == "nfs4"
    assert watch_mode(corpus_dir, "auto", str(mounts)) == "poll"
    assert watch_mode(corpus_dir, "auto", str(tmp_path / "no-such-table")) == "events"
    local = tmp_path / "local-mounts"
    local.write_text(f"/dev/vda / ext4 rw 0 0\nserver:/x {tmp_path}-other nfs rw 0 0\n", "utf-8")
    assert watch_mode(corpus_dir, "auto", str(local)) == "events"

    watcher = watching("auto", mounts=str(mounts), poll_interval=0.2, settle=0.3)
    assert watcher.mode == "poll"
    (corpus_dir / "share.txt").write_text(article("axolotl"), "utf-8")
    assert eventually(lambda: found(client, "axolotl"))


def test_without_notifications_it_polls(watching, client, corpus_dir, monkeypatch, caplog):
    def no_inotify():
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watch, "_native_observer", no_inotify)
    with caplog.at_level(logging.WARNING, "sixg_search.watch"):
        watcher = watching("events", poll_interval=0.2, settle=0.3)
    assert watcher.mode == "poll"
    assert "polling instead" in caplog.text
    (corpus_dir / "fallback.txt").write_text(article("pangolin"), "utf-8")
    assert eventually(lambda: found(client, "pangolin"))


def test_a_burst_of_files_is_a_few_commits(watching, client, corpus_dir):
    watcher = watching("events")
    for n in range(50):
        (corpus_dir / f"burst-{n:02d}.txt").write_text(article(f"burstword{n}"), "utf-8")
    assert eventually(lambda: client.get("/api/search?copies=1").get_json()["total"] == 55)
    assert eventually(lambda: sum(r.added for r in watcher.reports) == 50)
    assert 1 <= watcher.commits <= 3


def test_small_segments_are_merged_once_the_folder_is_quiet(
    watching, client, corpus_dir, built_index, monkeypatch
):
    from indexer.index.store import open_index

    monkeypatch.setattr(watch, "IDLE_MERGE", 0.3)
    watcher = watching("events")
    for n in range(6):
        (corpus_dir / f"one-{n}.txt").write_text(article(f"oneword{n}"), "utf-8")
        assert eventually(lambda n=n: found(client, f"oneword{n}"))
    assert eventually(lambda: watcher.commits == 6)  # each its own commit, none merging
    assert eventually(lambda: len(open_index(built_index)._segments()) <= 4)
    assert client.get("/api/search?copies=1").get_json()["total"] == 11


def test_a_failing_file_does_not_stop_the_watcher(watching, client, corpus_dir, caplog):
    watcher = watching("events")
    with caplog.at_level(logging.WARNING, "sixg_search.watch"):
        (corpus_dir / "empty.txt").write_bytes(b"")
        (corpus_dir / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(300))
        assert eventually(lambda: "picture.html: binary file, not text" in caplog.text)
        assert "empty.txt: empty file" in caplog.text
        (corpus_dir / "fine.txt").write_text(article("okapi"), "utf-8")
        assert eventually(lambda: found(client, "okapi"))
    assert watcher.errors == 0


def test_an_error_is_logged_and_the_paths_tried_again(
    watching, client, corpus_dir, monkeypatch, caplog
):
    real, calls = watch.index_paths, []

    def failing_once(*args, **kwargs):
        calls.append(args[2])
        if len(calls) == 1:
            raise RuntimeError("a bug on odd input")
        return real(*args, **kwargs)

    monkeypatch.setattr(watch, "index_paths", failing_once)
    watching("events", quiet=0.05)
    with caplog.at_level(logging.ERROR, "sixg_search.watch"):
        (corpus_dir / "retried.txt").write_text(article("tapir"), "utf-8")
        assert eventually(lambda: found(client, "tapir"))
    assert "a bug on odd input" in caplog.text and "trying again" in caplog.text
    assert len(calls) >= 2


def test_a_path_that_keeps_failing_alone_is_given_up(watching, corpus_dir, monkeypatch, caplog):
    def always_failing(corpus, index_dir, paths, **_kwargs):
        if any("cursed" in str(p) for p in paths):
            raise RuntimeError("cursed")
        return watch.SyncReport()

    monkeypatch.setattr(watch, "index_paths", always_failing)
    monkeypatch.setattr(watch, "RETRY_UP_TO", 0.05)
    watcher = watching("events", quiet=0.05)
    with caplog.at_level(logging.ERROR, "sixg_search.watch"):
        (corpus_dir / "cursed.txt").write_text(article("cursed"), "utf-8")
        assert eventually(lambda: "giving up on" in caplog.text)
    assert watcher.wait_idle()


def test_a_running_index_run_is_waited_for(watching, client, corpus_dir, built_index):
    lock = hold_write_lock(built_index, 5)
    try:
        watcher = watching("events")
        (corpus_dir / "later.txt").write_text(article("gharial"), "utf-8")
        time.sleep(1.5)
        assert not found(client, "gharial") and watcher.commits == 0
    finally:
        lock.release()
    assert eventually(lambda: found(client, "gharial"))


def test_a_file_still_being_written_waits_for_its_writer(watching, client, corpus_dir):
    watcher = watching("events", settle=5.0)
    text = article("capybara")
    with open(corpus_dir / "slow.txt", "w", encoding="utf-8") as writing:
        writing.write(text[:40])
        writing.flush()
        time.sleep(1.0)  # written, not closed: not indexed half-way
        assert watcher.commits == 0
        writing.write(text[40:])
    assert eventually(lambda: found(client, "capybara"))
    assert eventually(lambda: watcher.commits == 1)


def test_temporary_files_are_left_alone_until_renamed(watching, client, corpus_dir):
    watcher = watching("events")
    for name in (".draft.txt.swp", "draft.txt~", "#draft.txt#", "draft.html.part", ".draft.txt"):
        (corpus_dir / name).write_text(article("dugong"), "utf-8")
    time.sleep(1.0)
    assert watcher.commits == 0 and not found(client, "dugong")
    os.rename(corpus_dir / "draft.html.part", corpus_dir / "draft.html")
    assert eventually(lambda: found(client, "dugong"))
    assert eventually(lambda: watcher.commits == 1)


def test_serve_watches_the_corpus_and_can_be_told_not_to(built_index, corpus_dir, tmp_path):
    from web.cli import _parser

    assert _parser().parse_args(["serve", "--no-watch"]).watch == "off"
    assert _parser().parse_args(["serve", "--watch", "poll"]).watch == "poll"

    port = free_port()
    env = {**os.environ, "SIXG_WATCH": "auto"}
    command = [sys.executable, "-m", "web.cli", "serve", "--port", str(port)]
    command += ["--corpus", str(corpus_dir), "--index", str(built_index)]
    server = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"

        def search(word):
            try:
                with urllib.request.urlopen(f"{base}/api/search?q={word}", timeout=5) as r:
                    return json.load(r)["total"]
            except OSError:
                return None

        assert eventually(lambda: search("6G") is not None, timeout=60)
        (corpus_dir / "served.txt").write_text(article("manatee"), "utf-8")
        assert eventually(lambda: search("manatee") == 1)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    assert "watching" in server.stderr.read()


def test_a_bad_watch_setting_stops_serve_with_a_message(monkeypatch, capsys):
    from web.cli import main

    monkeypatch.setenv("SIXG_WATCH", "inotify-please")
    with pytest.raises(SystemExit) as stopped:
        main(["serve"])
    assert stopped.value.code == 2
    assert "'inotify-please' is not a watch mode" in capsys.readouterr().err


def test_lost_events_bring_a_full_run(watching, client, corpus_dir, monkeypatch):
    """When the kernel's event queue overflows, watchdog only logs it: the watcher
    then runs a full pass, which finds the files whose events were lost."""
    monkeypatch.setattr(watch._Handler, "dispatch", lambda self, event: None)  # all lost
    watcher = watching("events")
    (corpus_dir / "unseen.txt").write_text(article("quoll"), "utf-8")
    time.sleep(0.5)
    assert watcher.commits == 0
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost"
    )
    assert eventually(lambda: found(client, "quoll"))
    # a full pass looked at every file
    assert eventually(lambda: watcher.reports) and watcher.reports[-1].unchanged == 5
