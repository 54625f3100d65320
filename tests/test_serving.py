"""Serving on every core (`serve --workers N`) and the searcher each thread keeps open."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request

from bench.concurrency import free_port, wait_until_up
from bench.engines import _children
from indexer.index.sync import sync_index
from web.index import get_snapshot

from .conftest import REPO, eventually
from .test_collect_web import csrf_in
from .test_sync import NEW_ARTICLE


def _total(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=", timeout=30) as answer:
        return json.loads(answer.read())["total"]


def test_two_workers_serve_restart_when_killed_and_see_new_commits(built_index, corpus_dir):
    port = free_port()
    command = [sys.executable, "-m", "web.cli", "serve", "--no-index", "--workers", "2"]
    command += ["--port", str(port), "--index", str(built_index), "--corpus", str(corpus_dir)]
    server = subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        wait_until_up(port)
        workers = eventually(lambda: len(_children(server.pid)) == 2 and _children(server.pid))
        assert workers, "two worker processes"
        assert {_total(port) for _ in range(10)} == {5}

        os.kill(workers[0], signal.SIGKILL)  # a worker dies: another takes its place
        replaced = eventually(lambda: len(set(_children(server.pid)) - {workers[0]}) == 2)
        assert replaced
        assert {_total(port) for _ in range(10)} == {5}

        # another process commits: every worker's next request reads the new generation
        (corpus_dir / "oulu.txt").write_text(NEW_ARTICLE, "utf-8")
        assert sync_index(corpus_dir, built_index).added == 1
        assert {_total(port) for _ in range(20)} == {6}
        left = _children(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    assert eventually(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in left), 10)


def test_a_thread_keeps_its_searcher_until_a_new_commit(app, built_index, corpus_dir):
    def snapshot_of_a_request():
        with app.test_request_context("/api/search"):
            snapshot = get_snapshot()
            return snapshot.searcher, snapshot.reader.doc_count()

    first, count = snapshot_of_a_request()
    again, _ = snapshot_of_a_request()
    assert again is first and count == 5  # not opened again for the next request
    (corpus_dir / "oulu.txt").write_text(NEW_ARTICLE, "utf-8")
    sync_index(corpus_dir, built_index)
    newer, count = snapshot_of_a_request()
    assert newer is not first and count == 6


def test_workers_share_the_count_of_wrong_passwords(built_index, corpus_dir):
    """Each connection goes to whichever worker takes it: the limit on wrong passwords
    holds for the site, not per worker (web/auth.py)."""
    import http.cookiejar
    import urllib.error
    import urllib.parse

    port = free_port()
    command = [sys.executable, "-m", "web.cli", "serve", "--no-index", "--no-watch"]
    command += ["--workers", "2", "--port", str(port)]
    command += ["--index", str(built_index), "--corpus", str(corpus_dir)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "SIXG_ADMIN_PASSWORD": "right one"}
    server = subprocess.Popen(command, cwd=REPO, env=env)
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = f"http://127.0.0.1:{port}/login"

    def attempt(password: str) -> int:
        with opener.open(login, timeout=30) as page:
            csrf = csrf_in(page.read().decode())
        form = urllib.parse.urlencode({"password": password, "csrf_token": csrf}).encode()
        try:
            with opener.open(login, data=form, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    try:
        wait_until_up(port)
        assert eventually(lambda: len(_children(server.pid)) == 2)
        assert [attempt("guess") for _ in range(5)] == [401] * 5
        assert [attempt("right one") for _ in range(4)] == [429] * 4
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
