"""Views of a search beyond the hit list: who works with whom, and when.

Both are computed from the same document sets the facets use (the posting
list of each organisation or topic intersected with the search's matches),
so they follow the current query and filters exactly, and syndicated copies
count once unless the search lists copies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from .search import Match

MAP_NODES = 24
TIMELINE_SERIES = 4
MAX_PERIODS = 36


@dataclass(frozen=True)
class Node:
    name: str
    count: int  # articles about it in this search


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    count: int  # articles about both


@dataclass
class Cooperation:
    nodes: list[Node]
    edges: list[Edge]


def cooperation(found: Match, limit: int = MAP_NODES) -> Cooperation:
    """Organisations named together in the `organisation` field of the matches."""
    docs = {org: ds & found.allowed for org, ds in found.value_docs["org"].items()}
    docs = {org: ds for org, ds in docs.items() if ds}
    top = sorted(docs, key=lambda org: (-found.count(docs[org]), org.lower()))[:limit]
    nodes = [Node(org, found.count(docs[org])) for org in top]
    edges = []
    for a, b in combinations(top, 2):
        both = docs[a] & docs[b]
        if both:
            edges.append(Edge(a, b, found.count(both)))
    edges.sort(key=lambda e: (-e.count, e.a, e.b))
    return Cooperation(nodes, edges)


@dataclass(frozen=True)
class Series:
    name: str
    counts: dict[str, int]  # period ("YYYY-MM", "YYYY-Qn" or "YYYY") -> articles


@dataclass
class Timeline:
    months: list[str]  # every period from the first to the last with an article
    total: dict[str, int]
    series: list[Series]  # the busiest organisations (or topics)
    spans: dict[str, tuple[str, str]]  # period -> (first month, last month)


def timeline(
    searcher,
    found: Match,
    by: str = "org",
    limit: int = TIMELINE_SERIES,
    max_periods: int = MAX_PERIODS,
) -> Timeline:
    """Articles per month of the search, overall and for its top organisations or topics.

    Long spans are counted per quarter, very long ones per year, so that the
    chart keeps at most `max_periods` bars.
    """
    days = searcher.reader().column_reader("day")  # day numbers, 0 when undated
    day_of = {d: date.fromordinal(days[d]) for d in found.allowed if days[d]}
    if not day_of:
        return Timeline([], {}, [], {})
    first, last = min(day_of.values()), max(day_of.values())
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    period = _month if span <= max_periods else _quarter if span <= 3 * max_periods else _year
    period_of = {d: period(day) for d, day in day_of.items()}
    spans = _periods(first, last, period)
    total = _per_period(found, set(period_of), period_of)
    values = {v: ds & set(period_of) for v, ds in found.value_docs[by].items()}
    busiest = sorted((v for v in values if values[v]), key=lambda v: -found.count(values[v]))
    series = [Series(v, _per_period(found, values[v], period_of)) for v in busiest[:limit]]
    return Timeline(list(spans), total, series, spans)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _quarter(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def _year(day: date) -> str:
    return f"{day.year:04d}"


def _periods(first: date, last: date, period) -> dict[str, tuple[str, str]]:
    """Every period between first and last, with the months it covers."""
    spans: dict[str, tuple[str, str]] = {}
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        label, this = period(date(year, month, 1)), f"{year:04d}-{month:02d}"
        spans[label] = (spans[label][0], this) if label in spans else (this, this)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return spans


def _per_period(found: Match, docs: set[int], period_of: dict[int, str]) -> dict[str, int]:
    if found.groups:  # a group of copies counts once, in its first copy's period
        seen, docs_once = set(), set()
        for d in sorted(docs):
            key = found.groups.key(d)
            if key not in seen:
                seen.add(key)
                docs_once.add(d)
        docs = docs_once
    return dict(Counter(period_of[d] for d in docs))
