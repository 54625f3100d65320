"""The facets: organisation, topic, language and year, each a small class.

A facet owns what is particular to it: the index field it counts, its name
in URLs, its label, how its values are ordered, how a value is named for
people, how many values show before "show more", and whether it has a
histogram. Counting is the same for all (see `facet_values`): disjunctive,
as in Algolia or Elastic's Search UI: values chosen within one facet are
ORed, facets are ANDed, and each facet's counts are computed with every
filter but its own, so choosing 6G-IA still shows how many hits 5G-ACIA
would add.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..extract.language import language_name
from ..extract.organisations import full_name
from ..index.schema import UNDATED

if TYPE_CHECKING:
    from .request import SearchRequest
    from .selection import Selection


class FacetValue(NamedTuple):
    """One value of a facet and its count (a tuple: an organisation facet has hundreds
    of values per search, made ~3x faster than a frozen dataclass's)."""

    value: str
    count: int
    selected: bool
    name: str  # how the value is shown in full (an organisation's full name)


@dataclass(frozen=True)
class HistogramBar:
    value: str
    count: int
    selected: bool


class Facet:
    """A facet over one KEYWORD/ID field; ordered by count, then by value."""

    param: str  # its name in URLs and in the API
    field: str  # the index field it counts
    label: str
    shown = 8  # values listed before "show more"
    filterable = False  # a filter box over a long list
    chosen_first = True  # chosen values stay at the top, in view above "show more"
    has_histogram = False
    is_time = False  # values are periods (no timeline lines per value)
    shows_name = False  # list values by their display name (codes people do not read)

    def order(self, counts: dict[str, int]) -> list[tuple[str, int]]:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))

    def display_name(self, value: str) -> str:
        return value

    def histogram(self, values: list[FacetValue]) -> list[HistogramBar]:
        return []


class OrganisationFacet(Facet):
    param, field, label = "org", "organisation", "Organisation"
    filterable = True
    display_name = staticmethod(full_name)  # a canonical short name's full name


class TopicFacet(Facet):
    param, field, label = "topic", "topic", "Topic"


class LanguageFacet(Facet):
    """The language each article is written in, named in English (de: German)."""

    param, field, label = "lang", "language", "Language"
    shows_name = True
    display_name = staticmethod(language_name)


class YearFacet(Facet):
    """Years newest first, "undated" last; a bar per year, gaps included."""

    param, field, label = "year", "year", "Year"
    shown = 12
    chosen_first = False
    has_histogram = True
    is_time = True
    EARLIEST, LATEST = 1900, 2200  # a URL asking for year=99999999 draws no bars

    def order(self, counts: dict[str, int]) -> list[tuple[str, int]]:
        return sorted(counts.items(), key=lambda kv: _year_key(kv[0]))

    def histogram(self, values: list[FacetValue]) -> list[HistogramBar]:
        """Every year from the first to the last with hits, oldest first."""
        years = {v.value: v for v in values if v.count and self._plausible(v.value)}
        if not years:
            return []
        first, last = min(map(int, years)), max(map(int, years))
        bars = []
        for year in map(str, range(first, last + 1)):
            found = years.get(year)
            bars.append(
                HistogramBar(year, found.count if found else 0, bool(found and found.selected))
            )
        return bars

    def _plausible(self, value: str) -> bool:
        return _is_number(value) and self.EARLIEST <= int(value) <= self.LATEST


def _year_key(value: str) -> tuple:
    """Newest year first, then anything odd a URL asked for, "undated" last."""
    number = _is_number(value)
    return (value == UNDATED, not number, -int(value) if number else 0, value)


def _is_number(value: str) -> bool:
    """Digits 0-9 only ("²" is a digit to str.isdigit, not to int)."""
    return value.isascii() and value.isdigit()


FACETS: tuple[Facet, ...] = (OrganisationFacet(), TopicFacet(), LanguageFacet(), YearFacet())
FACETS_BY_PARAM = {f.param: f for f in FACETS}


MAX_SET_VALUES = 62  # a field of up to this many values counts by sets of values (int64 bits)


class ValueCounter:
    """Every (document, value) pair of one facet field, in document order, to count the
    values of a set of documents at once: by the documents' sets of values when the
    field has few values (by bits for a mask of many), else by the documents' own
    values when they are few (a rare word's hits: each one's row of values), by one
    pass over all pairs when they are many. The same counts as counting each value's documents
    (`facet_values` without copies)."""

    def __init__(
        self,
        value_docs: dict[str, np.ndarray],
        size: int,
        live: np.ndarray | None = None,
        max_set_values: int = MAX_SET_VALUES,
    ):
        self.values = list(value_docs)
        docs = [np.asarray(d, dtype=np.int64) for d in value_docs.values()]
        doc = np.concatenate(docs) if docs else np.empty(0, np.int64)
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        # the documents that are not deleted (those value_docs lists), and each value's
        # count over all of them: a mask of most documents is counted by those it leaves out
        self.live = np.ones(size, dtype=bool) if live is None else live
        self.live_count = int(np.count_nonzero(self.live))
        self.totals = lengths
        # each pair's value number: uint16 for up to 65,536 values (an organisation's)
        value_type = np.min_scalar_type(max(len(docs) - 1, 0))
        value = np.repeat(np.arange(len(docs), dtype=value_type), lengths)
        order = np.argsort(doc, kind="stable")
        self.pair_doc, self.pair_value = doc[order], value[order]
        # doc -> its first pair (int32 for 100,000 documents: half the bytes a rare
        # word's documents look up; the arrays a search gathers from stay in the cache)
        self.starts = np.searchsorted(self.pair_doc, np.arange(size + 1)).astype(
            _index_type(len(doc) + 1)
        )
        # a field of few values (topic, year, language): each document's set of values
        # (a bit per value) numbered, and which values each set holds; counting is
        # then a bincount of the documents' sets times that table
        self.set_of_doc = self.set_values = self.bitmaps = None
        if 0 < len(self.values) <= max_set_values and len(self.pair_doc):
            bits = np.zeros(size, dtype=np.int64)
            held = np.diff(self.starts) > 0
            flags = np.left_shift(1, self.pair_value.astype(np.int64))
            bits[held] = np.bitwise_or.reduceat(flags, self.starts[:-1][held])
            sets, set_of_doc = np.unique(bits, return_inverse=True)
            self.set_of_doc = set_of_doc.astype(np.min_scalar_type(len(sets) - 1))  # uint8
            shifts = np.arange(len(self.values), dtype=np.int64)
            self.set_values = (sets[:, None] >> shifts) & 1  # set number x value: 0 or 1
            # and each value's documents as bits (bits_of): a mask of many documents is
            # counted by ANDing words and counting their bits, all values at once
            value_masks = np.zeros((len(self.values), size), dtype=bool)
            value_masks[self.pair_value, self.pair_doc] = True
            self.bitmaps = bits_of(value_masks)
        # a field of many values (organisation): each document's first values as a row
        # of `width` (`absent` past its last), enough for all but a few documents; a few
        # documents' values are then taken as whole rows (np.take: 4x faster than
        # gathering each one's run of pairs by index) and only the pairs beyond a row
        # (`overflows`: the documents that have them) gathered by index
        self.rows = self.overflows = None
        if self.set_of_doc is None and len(self.pair_doc):
            per_doc = np.diff(self.starts)
            width = _row_width(per_doc)
            self.absent = len(self.values)
            self.rows = np.full((size, width), self.absent, np.min_scalar_type(self.absent))
            for k in range(width):
                held = np.flatnonzero(per_doc > k)
                self.rows[held, k] = self.pair_value[self.starts[held] + k]
            if (per_doc > width).any():
                self.overflows = per_doc > width
        # the same pairs in value order, for many documents: each value's run of
        # documents is summed at once (np.add.reduceat), no pass over value numbers
        self.value_doc = doc.astype(_index_type(size))
        self.held = np.flatnonzero(lengths)  # values with documents (reduceat needs runs)
        self.value_starts = (np.cumsum(lengths) - lengths)[self.held]
        # each value's place by name in lower case, as Facet.order breaks ties
        by_name = sorted(range(len(self.values)), key=lambda i: self.values[i].lower())
        self.name_rank = np.empty(len(self.values), dtype=np.int64)
        self.name_rank[by_name] = np.arange(len(self.values))
        self._names: dict[str, np.ndarray] = {}  # facet param -> each value's display name
        self.value_array = _objects(self.values)  # (as names)

    def counted(self, docs: np.ndarray, chosen: np.ndarray | None = None, left_out=None, bits=None):
        """Documents per value (in `values` order) in a boolean mask over the index;
        `chosen`: the mask's docnums, ascending, when already known; `left_out(docs,
        live)`: the live documents not in a mask and their docnums, and `bits(docs)`:
        the mask as bits_of makes it (Selection works both out once per mask for all
        facets)."""
        if chosen is None:
            chosen = np.flatnonzero(docs)
        smaller = min(len(chosen), self.live_count - len(chosen))  # (see below)
        few, most = len(chosen) * BITS_FROM, (self.live_count - len(chosen)) * BITS_FROM
        if self.bitmaps is not None and (
            (few > len(docs) and most > len(docs)) or self.bitmaps.size <= 2 * smaller
        ):  # (or when ANDing the field's words, values x documents / 64, costs less than
            # a pass over the documents counted: a rare word's hits over years, languages)
            words = (bits or bits_of)(docs)
            return np.bitwise_count(self.bitmaps & words).sum(axis=1, dtype=np.int64)
        if len(chosen) * 2 > self.live_count and len(self.pair_doc):  # most documents:
            rest, rest_ids = (left_out or live_left_out)(docs, self.live)
            return self.totals - self._counted(rest, rest_ids)  # all less those left out
        return self._counted(docs, chosen)

    def _counted(self, docs: np.ndarray, chosen: np.ndarray) -> np.ndarray:
        if self.set_of_doc is not None and len(chosen) * 2 < len(self.set_of_doc):
            sets = np.bincount(self.set_of_doc[chosen], minlength=len(self.set_values))
            return sets @ self.set_values
        if len(chosen) * 8 < len(self.pair_doc):
            if self.rows is None or not ROWS:
                return self._gathered(self.starts[chosen], self.starts[chosen + 1])
            rows = np.take(self.rows, chosen, axis=0)
            counted = np.bincount(rows.ravel(), minlength=self.absent + 1)[: self.absent]
            if self.overflows is not None:
                more = chosen[np.flatnonzero(self.overflows[chosen])]  # (see PICKED, matching.py)
                counted += self._gathered(self.starts[more] + rows.shape[1], self.starts[more + 1])
            return counted
        counted = np.zeros(len(self.values), dtype=np.int64)
        if len(self.held):
            hits = docs[self.value_doc]
            counted[self.held] = np.add.reduceat(hits, self.value_starts, dtype=np.int64)
        return counted

    def _gathered(self, begin: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Documents per value over the pairs from each `begin` to its `end`."""
        lengths = end - begin
        ends = np.cumsum(lengths)
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(begin - (ends - lengths), lengths) + np.arange(total)
        return np.bincount(self.pair_value[at], minlength=len(self.values))

    def counts(self, docs: np.ndarray) -> dict[str, int]:
        """Documents per value in a boolean mask over the index."""
        return dict(zip(self.values, self.counted(docs).tolist(), strict=True))

    def by_count(self, counted: np.ndarray) -> np.ndarray:
        """The numbers of the values counted more than zero, as Facet.order orders
        them (most first, then by name in lower case), sorted in numpy."""
        held = np.flatnonzero(counted)
        return held[np.lexsort((self.name_rank[held], -counted[held]))]

    def names(self, facet: Facet) -> np.ndarray:
        """Each value's name as `facet` shows it (an array of str, picked from by
        by_count's order in C), worked out once per generation."""
        found = self._names.get(facet.param)
        if found is None:
            found = _objects([facet.display_name(v) for v in self.values])
            self._names[facet.param] = found
        return found


def facet_values(found: Selection, facet: Facet, request: SearchRequest) -> list[FacetValue]:
    """One facet's counts, with every selection applied but its own."""
    others = found.allowed_except(facet.param)
    counter = found.counters.get(facet.field)
    chosen = set(request.selected(facet.param))
    if counter is not None and not found.groups:  # each article counts once: no copies
        counted = counter.counted(others, found.ids(others), found.left_out, found.bits)
        if type(facet).order is Facet.order:  # the default order, without a sort in Python
            order = counter.by_count(counted)
            listed = counter.value_array[order].tolist()
            # (chosen values without hits are added below; issubset of a list makes a set)
            if not chosen or chosen.issubset(listed):
                selected = [v in chosen for v in listed] if chosen else repeat(False)
                shown = counter.names(facet)[order].tolist()
                made = zip(listed, counted[order].tolist(), selected, shown, strict=False)
                return _chosen_first(facet, list(map(_facet_value, made)), chosen)
        counts = dict(zip(counter.values, counted.tolist(), strict=True))
    else:
        value_docs = found.value_docs(facet)
        counts = {v: found.count(ids[others[ids]]) for v, ids in value_docs.items()}
    counts = {v: c for v, c in counts.items() if c or v in chosen}
    counts.update({v: 0 for v in chosen if v not in counts})  # removable even when empty
    name = facet.display_name
    made = [FacetValue(v, c, v in chosen, name(v)) for v, c in facet.order(counts)]
    return _chosen_first(facet, made, chosen)


def _objects(items: list[str]) -> np.ndarray:
    """A list of str as a read-only numpy array of objects."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    array.flags.writeable = False
    return array


ROWS = True  # (False: a few documents' values gathered pair by pair, for tests to compare)
MAX_ROW = 8  # values a document's row holds at most
ROW_OVERFLOW = 1000  # a row holds all the values of all but 1 in this many documents


def _row_width(per_doc: np.ndarray) -> int:
    """The fewest values a row must hold for all but 1/ROW_OVERFLOW of the documents
    to fit in theirs (at least 1, at most MAX_ROW)."""
    more = len(per_doc) - np.cumsum(np.bincount(per_doc))  # [k]: documents with > k values
    wide = np.flatnonzero(more * ROW_OVERFLOW <= len(per_doc))
    return int(min(max(wide[0], 1), MAX_ROW))


def _index_type(size: int) -> type:
    """The narrower of int32 and int64 that numbers `size` things."""
    return np.int32 if size < 2**31 else np.int64


BITS_FROM = 10  # ValueCounter counts by bits a mask holding and leaving out 1/10 of them


def bits_of(docs: np.ndarray) -> np.ndarray:
    """A boolean mask over the documents (or a row of masks, one a value, as
    ValueCounter.bitmaps) as 64-bit words: document n is bit n % 64 of word n // 64."""
    size = docs.shape[-1]
    packed = np.zeros((*docs.shape[:-1], -(-size // 64) * 8), dtype=np.uint8)
    packed[..., : -(-size // 8)] = np.packbits(docs, axis=-1, bitorder="little")
    return packed.view(np.uint64)


def live_left_out(docs: np.ndarray, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The live documents not in a mask, and their docnums."""
    rest = live & ~docs
    return rest, np.flatnonzero(rest)


def _chosen_first(facet: Facet, values: list[FacetValue], chosen: set) -> list[FacetValue]:
    if facet.chosen_first and chosen:
        values.sort(key=lambda v: not v.selected)
    return values


_facet_value = partial(tuple.__new__, FacetValue)  # FacetValue from a 4-tuple, all in C
