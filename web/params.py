"""The URL is the whole state of a search page: reading it and writing it.

Every parameter is validated here, so a malformed URL gets a 400 with a
message that says what is wrong instead of an error deep in the search.
"""

from __future__ import annotations

from flask import abort, current_app, request, url_for

from indexer.search import FACETS_BY_PARAM, MAX_PAGE_SIZE, SORTS, SearchRequest

MAX_QUERY_CHARS = 1000
MAX_PAGE = 1000
MAX_VALUES = 50
MAX_VALUE_CHARS = 200


def read_search_request() -> SearchRequest:
    args = request.args
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        abort(400, description=f"The query is longer than {MAX_QUERY_CHARS} characters.")
    sort = args.get("sort") or default_sort(q)
    if sort not in SORTS:
        abort(400, description=f"sort must be one of {', '.join(SORTS)}.")
    page = _integer("page", 1, 1, MAX_PAGE)
    size = _integer("size", current_app.config["PAGE_SIZE"], 1, MAX_PAGE_SIZE)
    filters = {}
    for param in FACETS_BY_PARAM:
        values = [v for v in args.getlist(param) if v.strip()]
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE_CHARS for v in values):
            abort(400, description=f"Too many or too long values for {param}.")
        if values:
            filters[param] = list(dict.fromkeys(values))
    return SearchRequest(q=q, filters=filters, sort=sort, page=page, page_size=size)


def default_sort(q: str) -> str:
    """Relevance means nothing without a query; then newest first is the order."""
    return "relevance" if q.strip() else "newest"


def _integer(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, description=f"{name} must be a whole number, not {raw[:40]!r}.")
    if not low <= value <= high:
        abort(400, description=f"{name} must be between {low} and {high}.")
    return value


def search_url(
    req: SearchRequest, endpoint: str = "pages.search_page", *, toggle=None, clear=None, **changes
) -> str:
    """The URL of `req` with changes: toggle=(param, value) adds or removes a
    facet value, clear=param (or "all") drops filters; other keywords set q,
    sort or page. Any change other than page returns to page 1."""
    filters = {p: list(v) for p, v in req.filters.items()}
    if toggle:
        param, value = toggle
        chosen = filters.setdefault(param, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
    if clear == "all":
        filters = {}
    elif clear:
        filters.pop(clear, None)
    args = {
        "q": changes.get("q", req.q) or None,
        "sort": changes.get("sort", req.sort),
        "size": req.page_size if req.page_size != current_app.config["PAGE_SIZE"] else None,
        "page": changes.get("page") if "page" in changes else None,
    }
    if args["sort"] == default_sort(args["q"] or ""):
        args["sort"] = None
    if args["page"] == 1:
        args["page"] = None
    args.update({p: v for p, v in filters.items() if v})
    return url_for(endpoint, **{k: v for k, v in args.items() if v is not None})
