"""Following and taking away a search: Atom feeds and CSV/JSON exports.

Each takes the same URL parameters as the search page, so a user can follow
`org=6G-IA` or `q=spectrum` in a feed reader, or export exactly what they
are looking at. Feeds list the newest articles first; exports keep the
search's own order and include every hit (up to EXPORT_LIMIT).

Absolute links (feed and entry ids, exports' article_page) come from the
configured public base URL (SIXG_BASE_URL), never from the request's Host
header; without one they are relative. CSV cells that a spreadsheet would
run as a formula get a leading quote; the feed drops characters XML 1.0
cannot hold; only http(s) URLs become links.

An export reads every hit's stored fields, so few run at once
(EXPORTS_AT_ONCE; the others wait EXPORT_WAIT seconds for a turn, then get
a 503 with Retry-After): the server's other threads stay free for searches.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from dataclasses import replace
from datetime import UTC, datetime, time
from functools import wraps

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for

from indexer.article import EXPORT_FIELDS
from indexer.search import ranked_articles, search

from .index import get_snapshot
from .params import read_search_request, search_url

bp = Blueprint("feeds", __name__)
EXTENSION = "sixg-search export slots"
RETRY_AFTER = 5  # seconds a refused export is told to wait
FEED_ENTRIES = 50
EXPORT_LIMIT = 10_000
CSV_COLUMNS = (*EXPORT_FIELDS, "article_page")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs such a cell (OWASP)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@bp.get("/feed.atom")
def atom():
    asked = read_search_request()
    req = replace(asked, sort="newest", page=1, page_size=FEED_ENTRIES)
    result = search(get_snapshot(), req)
    updated = max((_when(h.article.date) for h in result.hits), default=_when(None))
    self_path = search_url(asked, "feeds.atom")
    xml = render_template(  # .xml, so Jinja escapes everything
        "feed.atom.xml",
        result=result,
        updated=updated,
        when=_when,
        feed_id=public_url(self_path, "feed"),
        self_url=public_url(self_path),
        page_url=public_url(search_url(asked)),
        article_url=lambda a: public_url(url_for("pages.article", article_id=a.id)),
        article_id=lambda a: public_url(url_for("pages.article", article_id=a.id), "article"),
        title=_title(req),
    )
    return Response(_NOT_XML.sub("", xml), mimetype="application/atom+xml")


def one_of_few(view):
    """Run `view` only while fewer than EXPORTS_AT_ONCE such requests run; a request
    that finds no turn within EXPORT_WAIT seconds gets a 503 with Retry-After."""

    @wraps(view)
    def limited(*args, **kwargs):
        slots = current_app.extensions[EXTENSION]
        if not slots.acquire(timeout=current_app.config["EXPORT_WAIT"]):
            return Response(
                "Too many exports are running at once; try again in a few seconds.\n",
                503,
                {"Retry-After": str(RETRY_AFTER)},
                mimetype="text/plain",
            )
        try:
            return view(*args, **kwargs)
        finally:
            slots.release()

    return limited


@bp.get("/export.json")
@one_of_few
def export_json():
    return jsonify([_row(a) for a in _all_articles()])


@bp.get("/export.csv")
@one_of_few
def export_csv():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for article in _all_articles():
        row = _row(article)
        row["organisations"] = "; ".join(row["organisations"])
        row["topics"] = "; ".join(row["topics"])
        writer.writerow({key: _inert(value) for key, value in row.items()})
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=sixg-search.csv"},
    )


def _all_articles():
    """Every article of the search in its order (no snippets: an export has none)."""
    req = replace(read_search_request(), page=1, page_size=EXPORT_LIMIT)
    return ranked_articles(get_snapshot(), req)


def _row(article) -> dict:
    return {
        **article.to_json(EXPORT_FIELDS),
        "article_page": public_url(url_for("pages.article", article_id=article.id)),
    }


def _inert(value):
    """A CSV cell no spreadsheet runs as a formula: `=HYPERLINK(…)` becomes `'=HYPERLINK(…)`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def public_url(path: str, kind: str | None = None) -> str:
    """`path` under the configured public base URL; without one, the path itself
    (or, for an Atom id of `kind`, which must be absolute, a URN that names it)."""
    base = current_app.config["BASE_URL"]
    if base:
        return base + path
    return f"urn:sixg-search:{kind}:{path.lstrip('/')}" if kind else path


def _when(day) -> str:
    """RFC 3339 time for Atom; undated articles take the feed's epoch."""
    moment = datetime.combine(day, time(0, 0), UTC) if day else datetime(2000, 1, 1, tzinfo=UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _title(req) -> str:
    parts = [f"“{req.q}”"] if req.q else []
    parts += [v for values in req.filters.values() for v in values]
    return "6G press: " + (", ".join(parts) if parts else "all articles")


def init_app(app) -> None:
    app.extensions[EXTENSION] = threading.BoundedSemaphore(app.config["EXPORTS_AT_ONCE"])
