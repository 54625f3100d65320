"""What a search gives back: hits on a page, facet counts, and their JSON.

A hit is an Article (the one model of an article, see indexer/article.py)
with what the search adds: its score, the query's words marked in its
title and snippet, and its syndicated copies. Every way of showing results
as data (the JSON API, feeds, exports, the CLI) calls these `to_json`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from markupsafe import Markup, escape

from ..article import COPY_FIELDS, SUMMARY_FIELDS, Article
from ..index.analysis import CJK_FIELD, stem_field
from ..index.arrays import stored_records
from ..index.schema import article_from_stored
from . import highlighting
from .facets import FACETS, FacetValue
from .matching import positive_words
from .request import MAX_PAGE, SearchRequest
from .snapshot import Snapshot


@dataclass
class Hit:
    article: Article
    score: float | None  # BM25F, when sorted by relevance
    title_html: Markup  # the title with the query's words marked
    snippet_html: Markup  # the passage that best shows the query's words
    copies: list[Article] = field(default_factory=list)  # "also published by"

    def to_json(self) -> dict:
        return {
            **self.article.to_json(SUMMARY_FIELDS),
            "title_html": str(self.title_html),
            "snippet_html": str(self.snippet_html),
            "score": self.score,
            "copies": [c.to_json(COPY_FIELDS) for c in self.copies],
        }


@dataclass(frozen=True)
class Suggestion:
    q: str
    total: int


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]  # facet param -> values in display order
    notice: str | None = None  # e.g. how a query that could not be parsed was read
    suggestion: Suggestion | None = None  # "did you mean", when the query finds little

    @property
    def pages(self) -> int:
        """Pages to link to: all of them, up to the deepest a request may ask for."""
        return min(MAX_PAGE, max(1, -(-self.total // self.request.page_size)))

    def facets_json(self) -> dict:
        return {
            f.param: {
                "label": f.label,
                "field": f.field,
                "values": [
                    {"value": v.value, "count": v.count, "selected": v.selected, "name": v.name}
                    for v in self.facets.get(f.param, [])
                ],
            }
            for f in FACETS
        }

    def summary_json(self) -> dict:
        """The request and its counts: the whole answer of /api/facets."""
        req = self.request
        return {
            "query": req.q,
            "filters": req.filters,
            "from": req.date_from.isoformat() if req.date_from else None,
            "to": req.date_to.isoformat() if req.date_to else None,
            "total": self.total,
            "facets": self.facets_json(),
        }

    def to_json(self) -> dict:
        suggestion = self.suggestion
        return {
            **self.summary_json(),
            "sort": self.request.sort,
            "page": self.request.page,
            "page_size": self.request.page_size,
            "pages": self.pages,
            "notice": self.notice,
            "suggestion": {"q": suggestion.q, "total": suggestion.total} if suggestion else None,
            "hits": [h.to_json() for h in self.hits],
        }


def stored_article(snapshot: Snapshot, docnum: int, *, details: bool = False) -> Article:
    if details:
        return article_from_stored(snapshot.searcher.stored_fields(docnum), details=True)
    return stored_articles(snapshot, [docnum])[0]


def stored_articles(snapshot: Snapshot, docnums: list[int]) -> list[Article]:
    """The articles of some documents (without details), those not cached read in one pass."""
    # a generation's documents never change: each is decoded once while it stays cached
    kept = snapshot.generation.articles
    found = {docnum: kept.get(docnum) for docnum in docnums}
    missing = [docnum for docnum, article in found.items() if article is None]
    for docnum, fields in zip(missing, stored_records(snapshot.reader, missing), strict=True):
        article = found[docnum] = article_from_stored(fields, details=False)
        kept.put(docnum, article, ARTICLE_OVERHEAD + len(article.text) + len(article.title))
    return [found[docnum] for docnum in docnums]


ARTICLE_OVERHEAD = 2048  # bytes an Article takes besides its text (a rough count)


def _wanted(
    words: dict[str, frozenset[str]], field: str, language: str, made: dict
) -> highlighting.Wanted:
    """What to mark in an article's title or body: its English words, and what the
    query looks for in the article's own language and in CJK text (made once per
    field and language for a page's hits, and kept in `made`)."""
    found = made.get((field, language))
    if found is None:
        found = made[field, language] = highlighting.Wanted(
            words[field],
            language,
            words.get(stem_field(language), frozenset()),
            words.get(CJK_FIELD, frozenset()),
        )
    return found


def make_hits(snapshot: Snapshot, query, docnums: list[int], scores, with_copies) -> list[Hit]:
    """The hits of a page: stored articles with the query's words marked.

    `scores`: per docnum, or None when the page is not sorted by relevance;
    `with_copies(docnum)`: the docnums of the hit's syndicated copies.
    """
    reader = snapshot.reader
    fields = ("title", "body", *snapshot.generation.language_fields)
    words = {f: frozenset(positive_words(query, f, reader)) for f in fields}
    marked = snapshot.generation.marked
    copies = [with_copies(docnum) for docnum in docnums]
    # the hits and their copies read in one pass
    articles = stored_articles(snapshot, [*docnums, *chain.from_iterable(copies)])
    hits, at = [], len(docnums)
    wanted: dict[tuple[str, str], highlighting.Wanted] = {}  # see _wanted
    for docnum, article, group in zip(docnums, articles, copies, strict=False):
        key = (docnum, *(words[f] for f in fields))
        found = marked.get(key)
        if found is None:
            found = _marked(article, words, wanted)
            marked.put(key, found, 256 + len(found[0]) + len(found[1]))
        score = float(scores[docnum]) if scores is not None else None
        hits.append(Hit(article, score, *found, articles[at : at + len(group)]))
        at += len(group)
    return hits


def _marked(
    article: Article, words: dict[str, frozenset[str]], made: dict
) -> tuple[Markup, Markup]:
    """The title and snippet of a hit with the query's words marked."""
    language = article.language
    title_html = highlighting.title(article.title, _wanted(words, "title", language, made))
    snippet = highlighting.snippet(article.text, _wanted(words, "body", language, made))
    return (
        Markup(title_html) if title_html else escape(article.title),
        Markup(snippet) if snippet else escape(highlighting.lead(article.text)),
    )
