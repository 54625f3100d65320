"""The sixg-search web site: an app factory and one blueprint per concern.

pages   the HTML search page and article pages
api     the JSON twins of those pages
index   the per-request Whoosh searcher (always the newest generation)
params  reading and validating the URL, which holds all of a page's state
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.store import default_corpus_dir, default_index_dir

from . import admin, api, explore, feeds, index, pages, params

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(default_index_dir()),
        CORPUS_DIR=str(default_corpus_dir()),
        PAGE_SIZE=10,
        ADMIN_TOKEN="",
    )
    app.config.from_prefixed_env("SIXG")
    if config:
        app.config.update(config)
    app.config["INDEX_DIR"] = str(Path(app.config["INDEX_DIR"]).resolve())

    index.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(explore.bp)
    app.register_blueprint(feeds.bp)
    app.add_template_global(params.search_url)
    app.add_template_global(params.default_sort)
    app.register_error_handler(HTTPException, _error)
    app.register_error_handler(Exception, _unexpected)
    app.after_request(_secure)
    return app


def _error(exc: HTTPException):
    message = exc.description or exc.name
    if request.path.startswith("/api/"):
        return jsonify(error=message, status=exc.code), exc.code
    return render_template("error.html", code=exc.code, name=exc.name, message=message), exc.code


def _unexpected(exc: Exception):
    """An error no handler expected: a 503 with the repair command if the index is
    damaged, else the error goes on (a 500)."""
    try:
        index.damaged()
    except HTTPException as unavailable:
        return _error(unavailable)
    raise exc


def _secure(response):
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    return response
