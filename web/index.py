"""The Whoosh searcher of one request, kept in `g` like flaskr keeps its db.

Opening a searcher per request always reads the newest committed
generation, so pages show what `sixg-search index` committed a moment ago
without a restart, while a request in flight keeps the generation it
started with.
"""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, g

from indexer.index.store import IndexMissing, open_searcher


def get_searcher():
    if "searcher" not in g:
        try:
            g.searcher = open_searcher(Path(current_app.config["INDEX_DIR"]))
        except IndexMissing as exc:
            abort(503, description=str(exc))
    return g.searcher


def close_searcher(_exc=None) -> None:
    searcher = g.pop("searcher", None)
    if searcher is not None:
        searcher.close()


def init_app(app) -> None:
    app.teardown_appcontext(close_searcher)
