"""Searching the index: one front door, `search`, for the site, the API and the CLI.

Given a Snapshot and a SearchRequest, a search goes through these modules:

    snapshot     one committed index generation and what is derived from it once
    request      what a search asks for (query, filters, dates, sort, page)
    query        the user's text -> a Whoosh query, its cost bounded
    matching     the query over whole arrays -> match mask and BM25F scores
    selection    + date range and facet selections -> the selected documents
    facets       each facet's counts (disjunctive), as small classes
    ranking      the order and the page; a group of copies takes one place
    results      hits (Articles with marked title and snippet) and their JSON
    highlighting marks the query's words in titles and snippets
    suggestions  "did you mean" when a query finds little
    copies       syndicated copies grouped from the signatures in the index
    articles     one article with its copies and similar articles
    explore      the cooperation map and the timeline of a search

Because all three callers go through `search`, they rank, filter and count
the same way.
"""

from __future__ import annotations

from ..article import Article
from .articles import ArticleDetail, get_article
from .facets import FACETS, FACETS_BY_PARAM, Facet, FacetValue, facet_values
from .query import MAX_TERMS, parse_query
from .ranking import effective_sort, page_docnums
from .request import MAX_PAGE, MAX_PAGE_SIZE, SORTS, SearchRequest
from .results import Hit, SearchResult, Suggestion, make_hits, stored_articles
from .selection import Selection, known_values, select
from .snapshot import Generation, Generations, Snapshot, open_snapshot
from .suggestions import suggestion

__all__ = [
    "FACETS",
    "FACETS_BY_PARAM",
    "MAX_PAGE",
    "MAX_PAGE_SIZE",
    "MAX_TERMS",
    "SORTS",
    "ArticleDetail",
    "Facet",
    "FacetValue",
    "Generation",
    "Generations",
    "Hit",
    "SearchRequest",
    "SearchResult",
    "Selection",
    "Snapshot",
    "Suggestion",
    "get_article",
    "open_snapshot",
    "parse_query",
    "ranked_articles",
    "search",
    "select",
]


def search(
    snapshot: Snapshot, request: SearchRequest, found: Selection | None = None
) -> SearchResult:
    """Hits, facets and suggestion for `request` (`found`: its selection, if already made)."""
    request = known_values(snapshot, request)
    found = found or select(snapshot, request)
    if found.query is None:
        return SearchResult(request, 0, [], {f.param: [] for f in FACETS}, found.notice)
    facets = {facet.param: facet_values(found, facet, request) for facet in FACETS}
    scores = found.scores if effective_sort(found, request) == "relevance" else None
    copies = found.groups.others if found.groups else (lambda _docnum: [])
    hits = make_hits(snapshot, found.query, page_docnums(snapshot, found, request), scores, copies)
    total = found.total
    return SearchResult(
        request, total, hits, facets, found.notice, suggestion(snapshot, request, total)
    )


def ranked_articles(snapshot: Snapshot, request: SearchRequest) -> list[Article]:
    """The articles on the request's page, in order, without snippets or facet
    counts (what an export needs)."""
    found = select(snapshot, request)
    if found.query is None:
        return []
    return stored_articles(snapshot, page_docnums(snapshot, found, request))
