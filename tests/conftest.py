"""Shared fixtures: a private copy of the corpus, an index built from it, the app.

Every test works on real files in a temporary folder, never on the
repository's corpus/ or a shared index.
"""

from __future__ import annotations

import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from indexer.index.sync import sync_index
from web import create_app

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


TESTBED = """{title}

Oulu, 3 March 2026

Operators and vendors opened a {word} spectrum testbed in Oulu on Tuesday, where
partners of the 6G Flagship will measure propagation between university buildings.

The testbed is funded for three years and open to companies that want to trial equipment.
"""


def oulu_article(title: str, word: str = "sub-terahertz") -> str:
    """A short plain-text article about a testbed in Oulu (one word of it chosen)."""
    return TESTBED.format(title=title, word=word)


def indexed(index_dir: Path) -> dict[str, dict]:
    """Stored fields of every article in the index, by corpus path."""
    from indexer.index.store import open_searcher

    with open_searcher(index_dir) as s:
        return {f["path"]: f for f in s.all_stored_fields()}


def eventually(check, timeout: float = 30.0):
    """Wait until check() gives something true (a watcher, a server or a thread works
    meanwhile); returns its last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.02)


def copy_seeds(root: Path) -> Path:
    """A corpus folder under `root` holding the user's five seed articles."""
    target = root / "corpus"
    target.mkdir()
    for seed in SEEDS:
        shutil.copy2(seed, target / seed.name)
    return target


def seeds_and_generated(root: Path, count: int, seed: int) -> tuple[Path, Path]:
    """Corpus and index of the seeds plus `count` generated articles (bench/corpus.py)."""
    from bench.corpus import generate

    corpus = copy_seeds(root)
    generate(corpus / "generated", count, seed=seed)
    sync_index(corpus, root / "index")
    return corpus, root / "index"


@contextmanager
def served(app):
    """The app behind the production WSGI server on a free loopback port."""
    from waitress.server import create_server
    from waitress.wasyncore import close_all

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:  # sockets closed in the server's own loop: closed under its select() they fail
        server.task_dispatcher.shutdown()
        server.trigger.pull_trigger(lambda: close_all(server._map))
        thread.join(timeout=5)


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    return copy_seeds(tmp_path)


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def built_index(corpus_dir, index_dir) -> Path:
    report = sync_index(corpus_dir, index_dir)
    assert report.added == len(SEEDS) and not report.failed
    return index_dir


@pytest.fixture
def app(built_index, corpus_dir):
    return create_app(
        {"TESTING": True, "INDEX_DIR": str(built_index), "CORPUS_DIR": str(corpus_dir)}
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def snapshot(built_index):
    from indexer.search import open_snapshot

    with open_snapshot(built_index) as s:
        yield s


@pytest.fixture
def finishes():
    """A hang on hostile input (a pattern that backtracks, a quadratic scan) becomes
    a failure after 60 s instead of a stuck run; the code under test takes
    milliseconds, so this is no timing assertion."""
    import signal

    class Hang(Exception):
        pass

    def hang(*_):
        raise Hang("did not finish within 60 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
