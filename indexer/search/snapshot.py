"""One committed index generation, as searching sees it.

A generation never changes once committed, so what is derived from it (the
index as arrays, each facet value's documents, the copy groups, the
spellings facet fields accept, the match sets of recent queries) is built
once and shared by every request that opens the same generation, until
`sixg-search index` commits anew. The web app holds one `Generations` (the
last few generations), the CLI and the benchmarks their own: nothing is
kept in module globals, and nothing here reaches into Whoosh's internals.

A `Snapshot` is what one request works with: a Whoosh searcher (a request
in flight keeps the generation it started with) and that generation's
shared state. The site keeps one open searcher per thread in `Searchers`
and reuses it while no newer generation is committed: opening the index
costs more than a warm search.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import numpy as np

from ..extract.organisations import fold, known_spellings
from ..index.analysis import LANGUAGE_FIELDS
from ..index.arrays import IndexArrays, segment_readers, segments_of, shared_segments
from ..index.lru import ByteBudgetLRU
from ..index.store import open_searcher, serving_state
from .copies import BucketHistory, CopyGroups
from .facets import FACETS, ValueCounter

EVALUATIONS_CACHE_BYTES = 64 * 2**20  # match sets and scores kept per generation
HITS_CACHE_BYTES = 16 * 2**20  # stored articles and marked snippets kept per generation
# The site always opens the newest generation; the one before it is kept for
# requests that opened their searcher just before a commit.
KEPT_GENERATIONS = 2
FOLDED_FIELDS = ("organisation", "mentions", "topic")  # fields whose spellings fold


class Generation:
    """What one committed generation offers every request that reads it.

    Built from the `previous` generation where it can: a commit that adds a
    few articles (the folder watcher's) leaves the earlier segments as they
    were, so their facet postings and spellings are carried over (less the
    documents deleted since) and only the new segments are read.
    """

    def __init__(self, reader, history: BucketHistory, previous: Generation | None = None):
        self.segments = segments_of(reader)
        self.arrays = IndexArrays(reader)
        shared = shared_segments(previous.segments, self.segments) if previous else 0
        # facet field -> value -> the docnums holding it
        self.value_docs: dict[str, dict[str, np.ndarray]] = {
            facet.field: _value_docs(reader, self.arrays, facet.field, previous, shared)
            for facet in FACETS
        }
        self.value_counters = {
            name: ValueCounter(docs, self.arrays.size, self.arrays.live)
            for name, docs in self.value_docs.items()
        }
        self.copies = CopyGroups(reader, self.arrays, history)
        # field -> folded spelling -> the value the field holds (`org:6g-ia`)
        self.spellings: dict[str, dict[str, str]] = _spellings(reader, previous, shared)
        self.evaluations = ByteBudgetLRU(EVALUATIONS_CACHE_BYTES)  # query -> Scored
        # the other languages' analyses (analysis.py) some article uses: a query
        # is matched against these besides title and body
        self.language_fields = tuple(
            f for f in LANGUAGE_FIELDS if f in reader.schema and reader.field_length(f)
        )
        # docnum -> its stored Article; (docnum, query words) -> marked title and snippet
        self.articles = ByteBudgetLRU(HITS_CACHE_BYTES // 2)
        self.marked = ByteBudgetLRU(HITS_CACHE_BYTES // 2)
        self.parsed = ByteBudgetLRU(2**20)  # query text -> (Whoosh query, notice)

    def forget_results(self) -> None:
        """Drop cached parsed queries, match sets, posting lists, stored articles and
        snippets (to time searches without them)."""
        for cache in (self.parsed, self.evaluations, self.articles, self.marked):
            cache.clear()
        self.arrays.forget_postings()


class Generations:
    """The Generation of each of the last few index states, built once each."""

    def __init__(self, kept: int = KEPT_GENERATIONS):
        self.kept = kept
        self._built: dict[tuple, Generation] = {}
        self._newest: dict[str, Generation] = {}  # index folder -> the last one built
        self.buckets = BucketHistory()  # copy detection's LSH buckets, across generations
        self._lock = threading.Lock()  # requests after a commit build once, not once each

    def of(self, index_dir: Path, reader) -> Generation:
        # segment ids too: an index deleted and built again restarts at generation 1
        key = (str(index_dir), reader.generation(), segments_of(reader))
        with self._lock:
            found = self._built.get(key)
            if found is None:
                while len(self._built) >= self.kept:  # the oldest goes first
                    del self._built[next(iter(self._built))]
                previous = self._newest.get(key[0])
                found = self._built[key] = Generation(reader, self.buckets, previous)
                self._newest[key[0]] = found
                _long_lived()
            return found


def _long_lived() -> None:
    """What is in memory once a generation is built lives as long as it does: out of
    the cyclic garbage collector's full passes (gc.freeze), which walked it all, at
    100k articles 16-40 ms now and then in the middle of a search. Unfrozen and
    collected first, so the state of generations dropped since is freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Snapshot:
    """One request's searcher and its generation's shared state."""

    def __init__(self, searcher, generation: Generation, *, owned: bool = True):
        self.searcher = searcher
        self.generation = generation
        self.owned = owned  # closed with the snapshot (else Searchers keeps it open)

    @property
    def reader(self):
        return self.searcher.reader()

    @property
    def schema(self):
        return self.searcher.schema

    def close(self) -> None:
        if self.owned:
            self.searcher.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def open_snapshot(index_dir: Path, generations: Generations | None = None) -> Snapshot:
    """The newest committed generation of the index in `index_dir`.

    Without `generations` the derived state is built for this snapshot alone
    (a one-off CLI search); a long-running caller passes the one it keeps.
    """
    index_dir = Path(index_dir).resolve()
    searcher = open_searcher(index_dir)
    try:
        generation = (generations or Generations(kept=1)).of(index_dir, searcher.reader())
    except BaseException:
        searcher.close()
        raise
    return Snapshot(searcher, generation)


class Searchers:
    """Per thread, an open searcher of the newest committed generation, reused by
    that thread's requests until `sixg-search index` commits anew (each check is a
    listing of the index folder). Per thread, as Whoosh's file readers are not
    shared between threads."""

    def __init__(self, generations: Generations):
        self.generations = generations
        self._local = threading.local()

    def snapshot(self, index_dir: Path) -> Snapshot:
        local = self._local
        state = (index_dir, serving_state(index_dir))
        if getattr(local, "state", None) != state:
            self.close()
            opened = open_snapshot(index_dir, self.generations)
            local.state, local.snapshot = state, opened
        return Snapshot(local.snapshot.searcher, local.snapshot.generation, owned=False)

    def close(self) -> None:
        """Close this thread's searcher."""
        kept = getattr(self._local, "snapshot", None)
        self._local.state = self._local.snapshot = None
        if kept is not None:
            kept.close()


def _value_docs(
    reader, arrays: IndexArrays, field: str, previous: Generation | None, shared: int
) -> dict[str, np.ndarray]:
    """Each value of a facet field and the live documents holding it; with `shared`
    leading segments in common with `previous`, their documents are taken from it
    (they keep their numbers; deleted ones drop out) and only later segments read."""
    if not shared:
        result = {}
        for raw in reader.lexicon(field):
            docnums, _ = arrays.postings(reader, field, raw)
            if len(docnums):
                result[_text(raw)] = docnums
        return result
    boundary = sum(count for _, count in previous.segments[:shared])
    result = {}
    for value, docnums in previous.value_docs[field].items():
        kept = docnums[: np.searchsorted(docnums, boundary)]  # docnums ascend
        kept = kept[arrays.live[kept]]
        if len(kept):
            result[value] = kept
    later = set()
    for segment, _ in segment_readers(reader)[shared:]:
        later.update(segment.lexicon(field))
    for raw in later:
        added = arrays.postings_after(reader, field, raw, shared)
        if len(added):
            value = _text(raw)
            result[value] = np.concatenate([result[value], added]) if value in result else added
    return dict(sorted(result.items()))


def _spellings(reader, previous: Generation | None, shared: int) -> dict[str, dict[str, str]]:
    """Per folded field: every spelling the gazetteer knows, and the values indexed
    (those of `previous` and of the segments after the `shared` ones, when given)."""
    known = {}
    for field in FOLDED_FIELDS:
        if shared:
            values, parts = dict(previous.spellings[field]), segment_readers(reader)[shared:]
        else:
            values, parts = known_spellings() if field != "topic" else {}, [(reader, 0)]
        for part, _ in parts:
            for raw in part.lexicon(field):
                value = _text(raw)
                values[fold(value)] = value
        known[field] = values
    return known


def _text(raw) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw
