"""The URL is the whole state of a search page: reading it and writing it.

Every parameter is validated here, so a malformed URL gets a 400 with a
message that says what is wrong instead of an error deep in the search.

    q                  the query
    org, topic, lang,  facet values (repeatable)
    year
    from, to           date range: YYYY, YYYY-MM or YYYY-MM-DD
    sort               relevance | newest | oldest
    page, size         page number (1..1000), hits per page (1..100)
    copies=1           list syndicated copies one by one instead of grouping them
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from flask import abort, current_app, request, url_for

from indexer.search import FACETS_BY_PARAM, MAX_PAGE, MAX_PAGE_SIZE, SORTS, SearchRequest

MAX_QUERY_CHARS = 1000
MAX_VALUES = 50
MAX_VALUE_CHARS = 200
PAGE_SIZES = (10, 20, 50, 100)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def read_search_request() -> SearchRequest:
    args = request.args
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        abort(400, description=f"The query is longer than {MAX_QUERY_CHARS} characters.")
    sort = args.get("sort") or default_sort(q)
    if sort not in SORTS:
        abort(400, description=f"sort must be one of {', '.join(SORTS)}.")
    date_from, date_to = _date("from", end=False), _date("to", end=True)
    if date_from and date_to and date_from > date_to:
        abort(400, description="from must not be after to.")
    return SearchRequest(
        q=q,
        filters=_filters(),
        sort=sort,
        page=_integer("page", 1, 1, MAX_PAGE),
        page_size=_integer("size", current_app.config["PAGE_SIZE"], 1, MAX_PAGE_SIZE),
        date_from=date_from,
        date_to=date_to,
        copies=request.args.get("copies", "") in ("1", "true", "yes"),
    )


def default_sort(q: str) -> str:
    """Relevance means nothing without a query; then newest first is the order."""
    return "relevance" if q.strip() else "newest"


def _filters() -> dict[str, list[str]]:
    filters = {}
    for param in FACETS_BY_PARAM:
        values = [v for v in request.args.getlist(param) if v.strip()]
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE_CHARS for v in values):
            abort(400, description=f"Too many or too long values for {param}.")
        if values:
            filters[param] = list(dict.fromkeys(values))
    return filters


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


def _date(name: str, *, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial `to` date means the end of that period."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return _parse_partial(raw, end=end)
    except ValueError:
        abort(400, description=f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD.")


def _parse_partial(raw: str, *, end: bool) -> date:
    match = _PARTIAL_DATE.fullmatch(raw)
    if not match:
        raise ValueError(raw)
    year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if not month:
        month, day = (12, 31) if end else (1, 1)
    elif not day:
        day = calendar.monthrange(year, month)[1] if end else 1
    return date(year, month, day)


def search_url(
    req: SearchRequest, endpoint: str = "pages.search_page", *, toggle=None, clear=None, **changes
) -> str:
    """The URL of `req` with changes.

    toggle=(param, value) adds or removes a facet value; clear=param drops a
    facet's values ("dates" the date range, "all" every filter); other
    keywords set q, sort, size, page or by (the timeline's lines). Any change but
    page goes back to page 1. Only these names reach url_for: never the request's
    own arguments (`_anchor`, `_external`, `_scheme` would steer url_for itself).
    """
    filters = {p: list(v) for p, v in req.filters.items()}
    if toggle:
        param, value = toggle
        chosen = filters.setdefault(param, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
    dates = (req.date_from, req.date_to)
    if "date_range" in changes:  # ("YYYY-MM", "YYYY-MM"): that span of whole months
        first, last = changes["date_range"]
        dates = (_parse_partial(first, end=False), _parse_partial(last, end=True))
    if clear in ("all", "dates"):
        dates = (None, None)
    if clear == "all":
        filters = {}
    elif clear:
        filters.pop(clear, None)
    q = changes.get("q", req.q) or None
    size = changes.get("size", req.page_size)
    args = {
        "q": q,
        "sort": None
        if changes.get("sort", req.sort) == default_sort(q or "")
        else changes.get("sort", req.sort),
        "size": None if size == current_app.config["PAGE_SIZE"] else size,
        "page": changes.get("page") if changes.get("page", 1) != 1 else None,
        "from": dates[0].isoformat() if dates[0] else None,
        "to": dates[1].isoformat() if dates[1] else None,
        "copies": 1 if changes.get("copies", req.copies) else None,
        "by": changes.get("by"),
    }
    args.update({p: v for p, v in filters.items() if v})
    return url_for(endpoint, **{k: v for k, v in args.items() if v is not None})


def active_filters(req: SearchRequest) -> list[tuple[str, str]]:
    """(label, URL without it) for each active filter: the chips and the zero-results page."""
    chips = [
        (_chip_label(param, value), search_url(req, toggle=(param, value)))
        for param, values in req.filters.items()
        for value in values
    ]
    if req.date_from and req.date_to:
        chips.append((f"{req.date_from} – {req.date_to}", search_url(req, clear="dates")))
    elif req.date_from or req.date_to:
        label = f"from {req.date_from}" if req.date_from else f"until {req.date_to}"
        chips.append((label, search_url(req, clear="dates")))
    return chips


def _chip_label(param: str, value: str) -> str:
    facet = FACETS_BY_PARAM.get(param)
    return facet.display_name(value) if facet and facet.shows_name else value


def with_query(req: SearchRequest, q: str) -> SearchRequest:
    return replace(req, q=q, page=1)
