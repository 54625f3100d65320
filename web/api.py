"""The JSON API: the same searches and articles as the pages, as data."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify

from indexer.search import (
    FACETS,
    SearchRequest,
    SearchResult,
    get_article,
    organisation_names,
    search,
    similar_articles,
)

from .index import get_searcher
from .openapi import spec
from .params import read_search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    req, result = _run_search()
    return jsonify(
        {
            **_summary(req, result),
            "sort": req.sort,
            "page": req.page,
            "page_size": req.page_size,
            "pages": result.pages,
            "notice": result.notice,
            "suggestion": (
                {"q": result.suggestion.q, "total": result.suggestion.total}
                if result.suggestion
                else None
            ),
            "hits": [_hit_json(h) for h in result.hits],
        }
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec())


@bp.get("/facets")
def facets_json():
    return jsonify(_summary(*_run_search()))


def _run_search() -> tuple[SearchRequest, SearchResult]:
    req = read_search_request()
    return req, search(get_searcher(), req)


def _summary(req: SearchRequest, result: SearchResult) -> dict:
    return {
        "query": req.q,
        "filters": req.filters,
        "from": req.date_from.isoformat() if req.date_from else None,
        "to": req.date_to.isoformat() if req.date_to else None,
        "total": result.total,
        "facets": _facets_json(result),
    }


@bp.get("/articles/<article_id>")
def article_json(article_id: str):
    found = get_article(get_searcher(), article_id)
    if found is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return jsonify(
        {
            "id": found.id,
            "path": found.path,
            "title": found.title,
            "date": found.date.isoformat() if found.date else None,
            "organisations": found.organisations,
            "mentions": found.mentions,
            "organisation_names": found.organisation_names,
            "topics": found.topics,
            "url": found.url,
            "source": found.source,
            "format": found.format,
            "text": found.text,
            "evidence": found.evidence,
            "removed": found.removed,
            "overridden": found.overridden,
            "copies": [_copy_json(c) for c in found.copies],
            "similar": [
                {"id": s.id, "title": s.title, "date": s.date.isoformat() if s.date else None}
                for s in similar_articles(get_searcher(), found.id)
            ],
        }
    )


def _hit_json(hit) -> dict:
    return {
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "title_html": str(hit.title_html),
        "snippet_html": str(hit.snippet_html),
        "date": hit.date.isoformat() if hit.date else None,
        "organisations": hit.organisations,
        "topics": hit.topics,
        "url": hit.url,
        "source": hit.source,
        "score": hit.score,
        "copies": [_copy_json(c) for c in hit.copies],
    }


def _copy_json(copy) -> dict:
    return {"id": copy.id, "title": copy.title, "source": copy.source, "url": copy.url}


def _facets_json(result: SearchResult) -> dict:
    names = organisation_names([v.value for v in result.facets["org"]])
    out = {}
    for facet in FACETS:
        values = []
        for v in result.facets[facet.param]:
            entry = {"value": v.value, "count": v.count, "selected": v.selected}
            if facet.param == "org":
                entry["name"] = names.get(v.value, v.value)
            values.append(entry)
        out[facet.param] = {"label": facet.label, "field": facet.field, "values": values}
    return out
