"""Following and taking away a search: Atom feeds and CSV/JSON exports.

Each takes the same URL parameters as the search page, so a user can follow
`org=6G-IA` or `q=spectrum` in a feed reader, or export exactly what they
are looking at. Feeds list the newest articles first; exports keep the
search's own order and include every hit (up to EXPORT_LIMIT).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, time

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from indexer.article import EXPORT_FIELDS
from indexer.search import ranked_articles, search

from .index import get_snapshot
from .params import read_search_request, search_url

bp = Blueprint("feeds", __name__)
FEED_ENTRIES = 50
EXPORT_LIMIT = 10_000
CSV_COLUMNS = (*EXPORT_FIELDS, "article_page")


@bp.get("/feed.atom")
def atom():
    asked = read_search_request()
    req = replace(asked, sort="newest", page=1, page_size=FEED_ENTRIES)
    result = search(get_snapshot(), req)
    updated = max((_when(h.article.date) for h in result.hits), default=_when(None))
    xml = render_template(  # .xml, so Jinja escapes everything
        "feed.atom.xml",
        result=result,
        updated=updated,
        when=_when,
        self_url=request.url,
        page_url=request.host_url.rstrip("/") + search_url(asked),
        title=_title(req),
    )
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/export.json")
def export_json():
    return jsonify([_row(a) for a in _all_articles()])


@bp.get("/export.csv")
def export_csv():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for article in _all_articles():
        row = _row(article)
        row["organisations"] = "; ".join(row["organisations"])
        row["topics"] = "; ".join(row["topics"])
        writer.writerow(row)
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
        "article_page": url_for("pages.article", article_id=article.id, _external=True),
    }


def _when(day) -> str:
    """RFC 3339 time for Atom; undated articles take the feed's epoch."""
    moment = datetime.combine(day, time(0, 0), UTC) if day else datetime(2000, 1, 1, tzinfo=UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _title(req) -> str:
    parts = [f"“{req.q}”"] if req.q else []
    parts += [v for values in req.filters.values() for v in values]
    return "6G press: " + (", ".join(parts) if parts else "all articles")
