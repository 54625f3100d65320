"""The documents a search request selects, as masks over the whole index.

Document sets are numpy boolean masks over the index's document numbers
(a facet value's documents are an array of document numbers), so
filtering, facet counting and the charts of explore.py are array
operations, exact and fast at 100,000 articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

import numpy as np

from ..extract.organisations import fold
from .copies import CopyGroups
from .facets import FACETS, FACETS_BY_PARAM, Facet, bits_of, live_left_out
from .matching import Scored, evaluate
from .query import parse_query
from .request import SearchRequest
from .snapshot import Snapshot

LATEST_DATE = date(2999, 12, 31)  # open ranges end here (date.max overflows the field)


@dataclass
class Selection:
    """What a request selects, and what facet counting needs."""

    query: object  # the parsed Whoosh query; None when there is nothing to search for
    notice: str | None
    matched: np.ndarray  # query and date range
    facet_docs: dict[str, dict[str, np.ndarray]]  # facet field -> value -> docnums
    chosen: dict[str, np.ndarray | None]  # facet param -> mask of its chosen values
    allowed: np.ndarray  # matched and every facet selection
    groups: CopyGroups | None  # None when copies are listed one by one, or none are grouped
    scores: np.ndarray | None = None  # BM25F per document, where matched
    counters: dict = field(default_factory=dict)  # facet field -> facets.ValueCounter
    _found: list = field(default_factory=list, repr=False)  # (mask, its docnums) of ids()
    _left: list = field(default_factory=list, repr=False)  # (mask, left_out(mask))
    _bits: list = field(default_factory=list, repr=False)  # (mask, bits_of(mask))

    def count(self, docs: np.ndarray) -> int:
        """Articles in a mask (or array of docnums); a group of copies counts once."""
        ids = self.ids(docs) if docs.dtype == bool else docs
        return self.groups.count(ids) if self.groups else len(ids)

    def ids(self, docs: np.ndarray) -> np.ndarray:
        """The docnums of a mask, ascending, listed once per mask: without filters the
        total, the page and every facet count the same mask (a pass over 100,000)."""
        return _once(self._found, docs, _docnums)

    def left_out(self, docs: np.ndarray, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The live documents not in a mask, and their docnums, once per mask (facets
        count a mask of most documents by those it leaves out)."""
        return _once(self._left, docs, partial(live_left_out, live=live))

    def bits(self, docs: np.ndarray) -> np.ndarray:
        """A mask as 64-bit words (facets.bits_of), once per mask."""
        return _once(self._bits, docs, bits_of)

    @property
    def total(self) -> int:
        return self.count(self.allowed)

    def value_docs(self, facet: Facet) -> dict[str, np.ndarray]:
        return self.facet_docs.get(facet.field, {})

    def allowed_except(self, param: str) -> np.ndarray:
        """Matched and every facet selection but `param`'s (disjunctive counts): the
        `allowed` array itself when `param` selects nothing, so that the facets without
        a selection, the total and the page list its docnums once (ids())."""
        if self.chosen.get(param) is None:
            return self.allowed
        return _intersect(self.matched, [m for p, m in self.chosen.items() if p != param])


def _once(kept: list, mask: np.ndarray, make):
    """make(mask), worked out once per mask (the same array) and kept in `kept`."""
    for seen, made in kept:
        if seen is mask:
            return made
    made = make(mask)
    kept.append((mask, made))
    return made


def _docnums(mask: np.ndarray) -> np.ndarray:
    ids = np.flatnonzero(mask)
    ids.flags.writeable = False
    return ids


def known_values(snapshot: Snapshot, request: SearchRequest) -> SearchRequest:
    """The request with its facet values as the index spells them: `org=ieee` and
    `org=<full name>` select what `q=org:ieee` finds (and show as IEEE)."""
    spellings = snapshot.generation.spellings
    filters = {}
    for param, values in request.filters.items():
        known = spellings.get(FACETS_BY_PARAM[param].field, {}) if param in FACETS_BY_PARAM else {}
        filters[param] = list(dict.fromkeys(known.get(fold(v), v) for v in values))
    return replace(request, filters=filters) if filters != request.filters else request


def select(snapshot: Snapshot, request: SearchRequest) -> Selection:
    """The documents `request` selects; none, with the parser's notice, for a query
    that has nothing to search for."""
    request = known_values(snapshot, request)
    generation = snapshot.generation
    size = generation.arrays.size
    query, notice = parse_query(snapshot, request.q)
    if query is None:
        nothing = np.zeros(size, dtype=bool)
        return Selection(None, notice, nothing, {}, {}, nothing, None)
    scored = _evaluated(snapshot, query)
    matched = scored.mask
    in_range = _date_range_docs(snapshot, request)
    if in_range is not None:
        matched = matched & in_range
    chosen = {
        f.param: _chosen_docs(size, generation.value_docs[f.field], request.selected(f.param))
        for f in FACETS
    }
    allowed = _intersect(matched, list(chosen.values()))
    groups = generation.copies if generation.copies.group and not request.copies else None
    found = Selection(
        query,
        notice,
        matched,
        generation.value_docs,
        chosen,
        allowed,
        groups,
        scored.scores,
        generation.value_counters,
    )
    if scored.ids is not None and allowed is scored.mask:  # (no filter): ids() known
        found._found.append((allowed, scored.ids))
    return found


def _evaluated(snapshot: Snapshot, query) -> Scored:
    """The query's match set and scores, computed once per generation while they
    stay in the cache: paging, sorting and facet clicks repeat the same query."""
    cache = snapshot.generation.evaluations
    key = repr(query)
    found = cache.get(key)
    if found is None:
        found = evaluate(snapshot.searcher, snapshot.generation.arrays, query)
        kept = [a for a in (found.mask, found.scores, found.ids) if a is not None]
        for array in kept:
            array.flags.writeable = False
        cache.put(key, found, sum(a.nbytes for a in kept))
    return found


def _date_range_docs(snapshot: Snapshot, request: SearchRequest) -> np.ndarray | None:
    if not (request.date_from or request.date_to):
        return None
    low = request.date_from.toordinal() if request.date_from else 1
    high = (request.date_to or LATEST_DATE).toordinal()
    arrays = snapshot.generation.arrays
    days = arrays.days
    return (days >= low) & (days <= high) & arrays.live


def _chosen_docs(size: int, value_docs: dict[str, np.ndarray], chosen: list[str]):
    """The union of the chosen values' documents; None when none is chosen."""
    if not chosen:
        return None
    union = np.zeros(size, dtype=bool)
    for value in chosen:
        if value in value_docs:
            union[value_docs[value]] = True
    return union


def _intersect(base: np.ndarray, others: list[np.ndarray | None]) -> np.ndarray:
    result = base
    for other in others:
        if other is not None:
            result = result & other
    return result
