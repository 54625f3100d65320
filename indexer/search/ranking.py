"""The order of a search's results, and which of them are on the asked-for page.

Relevance is BM25F (matching.py); newest and oldest sort by the publication
day, undated articles last both ways; ties go to the lower document number
so pages never overlap. A group of syndicated copies takes one place, that
of its best-ranked copy.
"""

from __future__ import annotations

import numpy as np
from whoosh.query import Every

from .copies import CopyGroups
from .request import SORTS, SearchRequest
from .selection import Selection
from .snapshot import Snapshot


def effective_sort(found: Selection, request: SearchRequest) -> str:
    sort = request.sort if request.sort in SORTS else "relevance"
    if isinstance(found.query, Every) and sort == "relevance":
        return "newest"  # an empty query lists everything, newest first
    return sort


def page_docnums(snapshot: Snapshot, found: Selection, request: SearchRequest) -> list[int]:
    """The docnums on the request's page, in order."""
    if not len(found.ids(found.allowed)):
        return []
    sort = effective_sort(found, request)
    start = (request.page - 1) * request.page_size
    groups = found.groups
    wanted = start + request.page_size
    if groups:  # enough to fill the page after copies collapse into their best copy
        candidates = np.flatnonzero(found.allowed & groups.grouped)
        wanted += len(candidates) - len(np.unique(groups.root[candidates]))
    ranked = _top(found, snapshot.generation.arrays.days, sort, wanted)
    kept = _collapsed(ranked, groups) if groups else ranked.tolist()
    return kept[start : start + request.page_size]


def _top(found: Selection, days: np.ndarray, sort: str, wanted: int) -> np.ndarray:
    """The first `wanted` allowed docnums in the sort order (ties: lower docnum first)."""
    docnums = found.ids(found.allowed)
    if sort == "relevance":
        keys = -found.scores[docnums]
    else:
        found_days = days[docnums].astype(np.float64)
        undated = found_days == 0  # last in both orders
        keys = np.where(undated, np.inf, -found_days if sort == "newest" else found_days)
    if wanted < len(docnums):
        nearest = np.argpartition(keys, wanted - 1)[:wanted]
        threshold = keys[nearest].max()
        docnums, keys = docnums[keys <= threshold], keys[keys <= threshold]
    order = np.lexsort((docnums, keys))
    return docnums[order][:wanted]


def _collapsed(ranked: np.ndarray, groups: CopyGroups) -> list[int]:
    """One docnum per group of copies: its best-ranked copy."""
    seen, kept = set(), []
    for docnum in ranked.tolist():
        key = groups.key(docnum)
        if key not in seen:
            seen.add(key)
            kept.append(docnum)
    return kept
