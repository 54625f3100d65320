"""Views of a search beyond the hit list: who works with whom, and when.

Both are computed from the same document sets the facets use (the posting
list of each organisation or topic intersected with the search's matches),
so they follow the current query and filters exactly, and syndicated copies
count once unless the search lists copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .facets import FACETS_BY_PARAM
from .selection import Selection
from .snapshot import Snapshot

MAP_NODES = 24
TIMELINE_SERIES = 4
MAX_PERIODS = 36
EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal(), numpy's day zero


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


def cooperation(found: Selection, limit: int = MAP_NODES) -> Cooperation:
    """Organisations named together in the `organisation` field of the matches."""
    value_docs = found.value_docs(FACETS_BY_PARAM["org"])
    docs = {org: ids[found.allowed[ids]] for org, ids in value_docs.items()}
    docs = {org: ids for org, ids in docs.items() if len(ids)}
    counts = {org: found.count(ids) for org, ids in docs.items()}
    top = sorted(docs, key=lambda org: (-counts[org], org.lower()))[:limit]
    nodes = [Node(org, counts[org]) for org in top]
    edges = []
    for a, b in combinations(top, 2):
        both = np.intersect1d(docs[a], docs[b], assume_unique=True)
        if len(both):
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
    snapshot: Snapshot,
    found: Selection,
    by: str = "org",
    limit: int = TIMELINE_SERIES,
    max_periods: int = MAX_PERIODS,
) -> Timeline:
    """Articles per month of the search, overall and for its top organisations or topics.

    Long spans are counted per quarter, very long ones per year, so that the
    chart keeps at most `max_periods` bars.
    """
    days = snapshot.generation.arrays.days  # day numbers, 0 when undated
    dated = found.allowed & (days > 0)
    docs = _once_per_group(found, np.flatnonzero(dated))
    if not len(docs):
        return Timeline([], {}, [], {})
    months = _months(days)
    first, last = int(months[docs].min()), int(months[docs].max())
    span = last - first + 1
    period = _month if span <= max_periods else _quarter if span <= 3 * max_periods else _year
    spans = _periods(first, last, period)
    total = _per_period(months[docs], first, last, period)
    value_docs = found.value_docs(FACETS_BY_PARAM[by])
    values = {v: _once_per_group(found, ids[dated[ids]]) for v, ids in value_docs.items()}
    busiest = sorted((v for v in values if len(values[v])), key=lambda v: -len(values[v]))
    series = [
        Series(v, _per_period(months[values[v]], first, last, period)) for v in busiest[:limit]
    ]
    return Timeline(list(spans), total, series, spans)


def _months(days: np.ndarray) -> np.ndarray:
    """Month numbers (year × 12 + month - 1) of day numbers (date.toordinal())."""
    as_dates = (days - EPOCH_ORDINAL).astype("datetime64[D]")
    return as_dates.astype("datetime64[M]").astype(np.int64) + 1970 * 12


def _month(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _quarter(month: int) -> str:
    return f"{month // 12:04d}-Q{month % 12 // 3 + 1}"


def _year(month: int) -> str:
    return f"{month // 12:04d}"


def _periods(first: int, last: int, period) -> dict[str, tuple[str, str]]:
    """Every period between the first and last month, with the months it covers."""
    spans: dict[str, tuple[str, str]] = {}
    for month in range(first, last + 1):
        label, this = period(month), _month(month)
        spans[label] = (spans[label][0], this) if label in spans else (this, this)
    return spans


def _once_per_group(found: Selection, docs: np.ndarray) -> np.ndarray:
    """A group of copies counts once, as its first copy (unless copies are listed)."""
    if not found.groups or not len(docs):
        return docs
    _, first = np.unique(found.groups.root[docs], return_index=True)
    return np.sort(docs[first])


def _per_period(months: np.ndarray, first: int, last: int, period) -> dict[str, int]:
    per_month = np.bincount(months - first, minlength=last - first + 1)
    counts: dict[str, int] = {}
    for offset in np.flatnonzero(per_month):
        label = period(first + int(offset))
        counts[label] = counts.get(label, 0) + int(per_month[offset])
    return counts
