"""The sixg-search web site: an app factory and one blueprint per concern.

Blueprints:
    pages    the HTML search page and article pages
    api      the JSON twins of those pages, and the OpenAPI document (openapi)
    explore  the cooperation map and the timeline, as pages and JSON
    feeds    Atom feeds and CSV/JSON exports of any search
    admin    re-indexing over the web, for the operator only
    collect  the "Add articles" page: by URL or bookmarklet, upload, paste
    auth     the operator's login (SIXG_ADMIN_PASSWORD, wrong passwords limited) and CSRF tokens
Helpers:
    index    the per-request index snapshot (always the newest generation)
    params   reading and validating the URL, which holds all of a page's state
    charts   SVG layout of histograms, the map and the timeline
    openapi  the OpenAPI 3.1 description of the JSON API
    cli      the `sixg-search` command (index, serve with the folder watcher, search,
             extract, add, follow, check)
    serving  `serve --workers N`: pre-forked waitress workers on one socket
"""

from __future__ import annotations

import difflib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from indexer.index.store import default_corpus_dir, default_index_dir

if TYPE_CHECKING:
    from flask import Flask

# Flask and the blueprints are imported by create_app: `sixg-search index` and its
# worker processes (which import the command's module again) never load them.

MAX_UPLOAD = 64 * 1024 * 1024  # a whole upload form; each file is limited on its own
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(config: dict | None = None) -> Flask:
    from flask import Flask
    from werkzeug.exceptions import HTTPException

    from . import admin, api, auth, collect, explore, feeds, index, pages, params

    app = Flask(__name__)
    app.json = api.FastJSON(app)  # (encoding a search's answer took 1 ms of its 5)
    app.config.from_mapping(
        INDEX_DIR=str(default_index_dir()),  # SIXG_INDEX
        CORPUS_DIR=str(default_corpus_dir()),  # SIXG_CORPUS
        PAGE_SIZE=10,
        # Taken as written: a token such as "1e3" must not become a number.
        ADMIN_TOKEN=os.environ.get("SIXG_ADMIN_TOKEN", ""),
        ADMIN_PASSWORD=os.environ.get("SIXG_ADMIN_PASSWORD", ""),
        # a key per process unless configured: a restart logs the operator out
        SECRET_KEY=os.environ.get("SIXG_SECRET_KEY") or secrets.token_bytes(32),
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        # The site's public address (https://search.example.org) for the absolute links
        # of feeds and exports; never taken from a request's Host header.
        BASE_URL=os.environ.get("SIXG_BASE_URL", ""),
        EXPORTS_AT_ONCE=2,  # exports running at once (each up to 10,000 rows)
        EXPORT_WAIT=0.2,  # seconds an export waits for its turn before a 503
    )
    _warn_about_unknown_settings(app)
    if config:
        app.config.update(config)
    app.config["BASE_URL"] = base_url(app.config["BASE_URL"])
    # served over https (per the public address): the login cookie is never sent in clear
    if app.config["BASE_URL"].startswith("https:"):
        app.config["SESSION_COOKIE_SECURE"] = True
    app.config["INDEX_DIR"] = str(Path(app.config["INDEX_DIR"]).resolve())

    index.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(explore.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(collect.bp)
    auth.init_app(app)
    feeds.init_app(app)
    app.add_template_global(params.search_url)
    app.add_template_global(params.default_sort)
    app.register_error_handler(HTTPException, _error)
    app.register_error_handler(Exception, _unexpected)
    app.after_request(_secure)
    return app


# The environment variables the README documents; anything else starting with
# SIXG_ is a typo (SIXG_INDEX_DIR for SIXG_INDEX) that would otherwise do nothing.
KNOWN_SETTINGS = (
    "SIXG_INDEX",
    "SIXG_CORPUS",
    "SIXG_ADMIN_TOKEN",
    "SIXG_ADMIN_PASSWORD",
    "SIXG_SECRET_KEY",
    "SIXG_ALLOW_PRIVATE_URLS",
    "SIXG_BASE_URL",
    "SIXG_HOST",
    "SIXG_PORT",
    "SIXG_WATCH",
    "SIXG_CHROMIUM",
)


def base_url(text: str) -> str:
    """SIXG_BASE_URL checked: scheme and host (and port) of an http(s) address, no
    trailing slash; "" when not set. Raises ValueError saying what is wrong."""
    text = text.strip().rstrip("/")
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        parts = None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"SIXG_BASE_URL must be an http(s) address such as "
            f"https://search.example.org, not {text[:80]!r}"
        )
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"SIXG_BASE_URL must be the scheme and host only, not {text[:80]!r}")
    return text


def _warn_about_unknown_settings(app: Flask) -> None:
    for name in sorted(os.environ):
        if name.startswith("SIXG_") and name not in KNOWN_SETTINGS:
            guess = difflib.get_close_matches(name, KNOWN_SETTINGS, n=1)
            hint = f"; did you mean {guess[0]}?" if guess else ""
            app.logger.warning("ignoring unknown setting %s%s", name, hint)


def _error(exc):
    from flask import jsonify, render_template, request

    message = exc.description or exc.name
    if request.path.startswith("/api/"):
        return jsonify(error=message, status=exc.code), exc.code
    return render_template("error.html", code=exc.code, name=exc.name, message=message), exc.code


def _unexpected(exc: Exception):
    """An error no handler expected: a 503 with the repair command if the index is
    damaged, else the error goes on (a 500)."""
    from werkzeug.exceptions import HTTPException

    from . import index

    try:
        index.damaged()
    except HTTPException as unavailable:
        return _error(unavailable)
    raise exc


def _secure(response):
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    return response
