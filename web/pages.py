"""HTML pages: the search page (also the home page) and article pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from indexer.search import FACETS, get_article, known_values, search, select
from indexer.search.explore import timeline

from .charts import (
    HEIGHT,
    MIN_MONTHS,
    TIMELINE_HEIGHT,
    TIMELINE_WIDTH,
    WIDTH,
    histogram_bars,
    timeline_chart,
)
from .index import get_snapshot
from .params import PAGE_SIZES, active_filters, read_search_request, search_url, with_query

bp = Blueprint("pages", __name__)


@bp.get("/")
def search_page():
    snapshot = get_snapshot()
    req = known_values(snapshot, read_search_request())  # org=ieee shows as IEEE
    found = select(snapshot, req)
    result = search(snapshot, req, found)
    month_bars, series_lines = [], []
    by = "topic" if request.args.get("by") == "topic" else "org"
    months = timeline(snapshot, found, by=by)
    if len([m for m in months.months if months.total.get(m)]) >= MIN_MONTHS:
        month_bars, series_lines = timeline_chart(months, req)
    suggestion_url = search_url(with_query(req, result.suggestion.q)) if result.suggestion else None
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=FACETS,
        chips=active_filters(req),
        suggestion_url=suggestion_url,
        histograms={
            f.param: histogram_bars(req, f, result.facets[f.param])
            for f in FACETS
            if f.has_histogram
        },
        chart={"width": WIDTH, "height": HEIGHT},
        page_sizes=PAGE_SIZES,
        month_bars=month_bars,
        series_lines=series_lines,
        timeline_size={"width": TIMELINE_WIDTH, "height": TIMELINE_HEIGHT},
        timeline_by=by,
        timeline_switch=search_url(req, by=_other(by), page=req.page),
    )


def _other(by: str) -> str:
    return "org" if by == "topic" else "topic"


@bp.get("/articles/<article_id>")
def article(article_id: str):
    found = get_article(get_snapshot(), article_id)
    if found is None:
        abort(404, description="No article with this id; it may have been removed from the corpus.")
    return render_template("article.html", article=found.article, detail=found)
