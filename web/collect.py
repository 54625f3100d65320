"""The "Add articles" page: add by URL (and bookmarklet), upload files, paste text.

For the logged-in operator only (web/auth.py); every form carries a CSRF
token. `/add?url=…` (what the bookmarklet opens) only fills in the form:
the operator confirms with the button, a POST. Each item is fetched or
taken, stored in the corpus and indexed by indexer/collect/adding.py (the
items of one form in one index run: one commit), and the page shows what
came of each: title, date, organisations, topics, what the cleaner removed,
and a link to the article page; or that it was already collected; or why
it failed. The index commits
before the answer, so the article is searchable at once.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from indexer.article import article_id
from indexer.collect.adding import add_paste, add_uploads, add_urls
from indexer.collect.fetch import MAX_BYTES

from .auth import login_required
from .index import locations

bp = Blueprint("collect", __name__)
MAX_URLS = 50  # per form: each is fetched while the operator waits


@bp.get("/add")
@login_required
def add_page():
    return _page(url=request.args.get("url", "")[:2000])


@bp.post("/add/urls")
@login_required
def add_by_url():
    urls = request.form.get("urls", "").split()
    if not urls:
        return _page(error="Give at least one address (http:// or https://)."), 400
    if len(urls) > MAX_URLS:
        return _page(error=f"At most {MAX_URLS} addresses at once.", url="\n".join(urls)), 400
    return _page(outcomes=add_urls(*locations(), urls))


@bp.post("/add/upload")
@login_required
def add_files():
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        return _page(error="Choose at least one file."), 400
    url = request.form.get("url", "").strip() or None
    if url and len(files) > 1:
        return _page(error="An address goes with one file only; upload one file at a time."), 400
    # (read one byte past the limit: a bigger file is refused, not read whole)
    given = [(f.filename, f.stream.read(MAX_BYTES + 1)) for f in files]
    return _page(outcomes=add_uploads(*locations(), given, url))


@bp.post("/add/paste")
@login_required
def add_pasted():
    text = request.form.get("text", "")
    if not text.strip():
        return _page(error="Paste the article's text first."), 400
    outcome = add_paste(
        *locations(),
        text,
        url=request.form.get("url", "").strip() or None,
        title=request.form.get("title", "").strip() or None,
    )
    return _page(outcomes=[outcome])


def _page(outcomes=None, error=None, url=""):
    results = [
        {
            "outcome": o,
            "link": url_for("pages.article", article_id=article_id(o.relpath))
            if o.relpath
            else None,
        }
        for o in outcomes or []
    ]
    # Absolute (it runs on other sites): the configured public address, else the one
    # the logged-in operator reached the site at.
    base = current_app.config["BASE_URL"] or request.host_url.rstrip("/")
    bookmarklet = (
        "javascript:location.href="
        + repr(base + url_for("collect.add_page") + "?url=")
        + "+encodeURIComponent(location.href)"
    )
    return render_template(
        "add.html", results=results, error=error, url=url, bookmarklet=bookmarklet
    )
