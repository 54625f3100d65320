"""The JSON API: the same searches and articles as the pages, as data."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify

from indexer.search import get_article, search

from .index import get_snapshot
from .openapi import spec
from .params import read_search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    return jsonify(search(get_snapshot(), read_search_request()).to_json())


@bp.get("/facets")
def facets_json():
    return jsonify(search(get_snapshot(), read_search_request()).summary_json())


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec())


@bp.get("/articles/<article_id>")
def article_json(article_id: str):
    found = get_article(get_snapshot(), article_id)
    if found is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return jsonify(found.to_json())
