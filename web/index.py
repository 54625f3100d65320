"""The index snapshot of one request, kept in `g` like flaskr keeps its db.

Each request reads the newest committed generation, so pages show what
`sixg-search index` committed a moment ago without a restart, while a
request in flight keeps the generation it started with. The searcher is
not opened per request: each thread keeps one open (the app's `Searchers`)
until a newer generation is committed. What is derived from a generation
(arrays, facet postings, copy groups, cached match sets) is shared by all
requests through the app's `Generations`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from flask import abort, current_app, g

from indexer.index.health import describe, problems
from indexer.index.store import IndexMissing
from indexer.search import Generations, Snapshot, open_snapshot
from indexer.search.snapshot import Searchers

EXTENSION = "sixg-search generations"
SEARCHERS = "sixg-search searchers"


def get_snapshot() -> Snapshot:
    if "snapshot" not in g:
        try:
            g.snapshot = current_app.extensions[SEARCHERS].snapshot(index_dir())
        except IndexMissing as exc:
            abort(503, description=str(exc))
        except Exception:
            damaged()
            raise
    return g.snapshot


def index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"])


def locations() -> tuple[Path, Path]:
    """The app's corpus and index folders."""
    return Path(current_app.config["CORPUS_DIR"]), index_dir()


def damaged() -> None:
    """After an unexpected error: a 503 saying how to repair when the index is damaged
    (a truncated or overwritten file), else nothing (the error stands)."""
    found = problems(index_dir())
    if found:
        current_app.logger.error(describe(index_dir(), found))
        abort(503, description=describe(index_dir(), found))
    if "snapshot" in g and not _up_to_date(g.snapshot.searcher):  # repaired while it read
        abort(503, description="the index was replaced while this request read it; try again")


def _up_to_date(searcher) -> bool:
    try:
        return searcher.up_to_date()
    except Exception:
        return False


def close_snapshot(_exc=None) -> None:
    snapshot = g.pop("snapshot", None)
    if snapshot is not None:
        snapshot.close()


def warm(app) -> None:
    """Build the newest generation's shared state now: after a commit, so that the
    first request to read it does not wait for it, and before `serve` forks its
    workers, so that every worker starts with it (the searcher is closed: a worker
    must not share open files with another)."""
    with contextlib.suppress(Exception):  # no index yet, or a damaged one: pages say so
        open_snapshot(Path(app.config["INDEX_DIR"]), app.extensions[EXTENSION]).close()


def init_app(app) -> None:
    app.extensions[EXTENSION] = Generations()
    app.extensions[SEARCHERS] = Searchers(app.extensions[EXTENSION])
    app.teardown_appcontext(close_snapshot)
