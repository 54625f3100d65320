"""HTML pages: the search page (also the home page) and article pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for

from indexer.extract.lines import is_bullet, word_count
from indexer.search import (
    FACETS,
    get_article,
    match,
    organisation_names,
    search,
    similar_articles,
)
from indexer.search.explore import timeline

from .charts import (
    HEIGHT,
    MIN_MONTHS,
    TIMELINE_HEIGHT,
    TIMELINE_WIDTH,
    WIDTH,
    timeline_chart,
    year_bars,
)
from .index import get_searcher
from .params import PAGE_SIZES, active_filters, read_search_request, search_url, with_query

bp = Blueprint("pages", __name__)


@bp.get("/")
def search_page():
    req = read_search_request()
    searcher = get_searcher()
    found = match(searcher, req)
    result = search(searcher, req, found)
    month_bars, series_lines = [], []
    by = "topic" if request.args.get("by") == "topic" else "org"
    months = timeline(searcher, found, by=by)
    if len([m for m in months.months if months.total.get(m)]) >= MIN_MONTHS:
        month_bars, series_lines = timeline_chart(months, req)
    suggestion_url = search_url(with_query(req, result.suggestion.q)) if result.suggestion else None
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=FACETS,
        org_names=organisation_names([v.value for v in result.facets["org"]]),
        chips=active_filters(req),
        suggestion_url=suggestion_url,
        bars=year_bars(req, result.facets["year"]),
        chart={"width": WIDTH, "height": HEIGHT},
        page_sizes=PAGE_SIZES,
        month_bars=month_bars,
        series_lines=series_lines,
        timeline_size={"width": TIMELINE_WIDTH, "height": TIMELINE_HEIGHT},
        timeline_by=by,
        timeline_switch=url_for(
            "pages.search_page", **{**request.args.to_dict(flat=False), "by": _other(by)}
        ),
    )


def _other(by: str) -> str:
    return "org" if by == "topic" else "topic"


def text_blocks(paragraphs: list[str]) -> list[tuple[str, str]]:
    """Mark the cleaner's kept headings and list items so the page can show them as such."""
    blocks = []
    for i, text in enumerate(paragraphs):
        if is_bullet(text):
            blocks.append(("li", text.lstrip("•●▪‣◦∙·*–—- ")))
        elif i + 1 < len(paragraphs) and word_count(text) <= 10 and not text.endswith("."):
            blocks.append(("h2", text))
        else:
            blocks.append(("p", text))
    return blocks


@bp.get("/articles/<article_id>")
def article(article_id: str):
    searcher = get_searcher()
    found = get_article(searcher, article_id)
    if found is None:
        abort(404, description="No article with this id; it may have been removed from the corpus.")
    return render_template(
        "article.html",
        article=found,
        blocks=text_blocks(found.paragraphs),
        similar=similar_articles(searcher, article_id),
    )
