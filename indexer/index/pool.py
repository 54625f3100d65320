"""The writer's postings kept by term as documents come: Whoosh's pool, without its sorts.

Whoosh's PostingPool keeps a tuple per posting (field, term, document,
weight, positions) and sorts them all at the commit; past its memory limit
it pickles them one at a time into runs on disk and merges those posting by
posting. At 2,000 articles that sort alone was about 1 ms per article of the
commit, which nothing else overlaps. Documents reach the writer in order,
so each term's postings arrive in order: this pool keeps a list per term,
sorts only the terms, writes a run as batches of whole terms and merges runs
term by term. The codec's field writer (postings.py) takes each term's
postings at once and writes them as whole blocks. Postings come out in the
order Whoosh's pool gives them (tests/test_prepared.py compares indexes).
"""

from __future__ import annotations

import heapq
import pickle
from operator import itemgetter

from whoosh.writing import PostingPool

_TERM_BYTES = 250  # what a new term's key, list and dict entry take, roughly
_POSTING_BYTES = 160  # a posting's tuple, number, weight and value object
# A run is pickled in batches of at most _BATCH terms and, past a batch's first term,
# _BATCH_POSTINGS postings: a merge holds one batch of every run at once, and the
# runs grow with the corpus (one per `limitmb` of postings, ~2,500 articles at
# 128 MB), so batches of 256 common words each (the largest batch of each of the
# 8 runs of 20,000 articles: 16 MB pickled in all, 1 MB now) grew with it.
_BATCH = 256
_BATCH_POSTINGS = 4096


class TermPool(PostingPool):
    """A PostingPool (same interface: add, iter_postings, cleanup) keeping postings
    by (field, term)."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.terms: dict[tuple[str, bytes], list[tuple]] = {}

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_field(fieldname, [(tbytes, None, weight, vbytes)], docnum)

    def add_field(self, fieldname: str, items, docnum: int, boost=1) -> None:
        """One field's postings of document `docnum`, from items as prepared.py's
        (term bytes, frequency, weight, value), each weight times `boost`."""
        terms, size = self.terms, 0
        for tbytes, _, weight, vbytes in items:
            key = (fieldname, tbytes)
            found = terms.get(key)
            if found is None:
                terms[key] = [(docnum, weight * boost, vbytes)]
                size += _TERM_BYTES + len(tbytes)
            else:
                found.append((docnum, weight * boost, vbytes))
            size += _POSTING_BYTES + (len(vbytes) if vbytes else 0)
        self.fieldnames.add(fieldname)
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()

    def save(self) -> None:
        if not self.terms:
            return
        path, f = self._new_run()
        with f:
            for batch in _batches(self.terms):
                pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        self.runs.append(path)
        self.terms = {}
        self.currentsize = 0

    def groups(self):
        """(field, term bytes, postings) in Whoosh's order: by field and term, a
        term's postings sorted as Whoosh's pool sorts them (by document)."""
        if not self.runs:
            terms = self.terms
            for key in sorted(terms):
                yield key[0], key[1], sorted(terms[key])
            return
        self.save()
        runs, self.runs = self.runs, []
        merged = heapq.merge(*(self._read_batches(path) for path in runs), key=itemgetter(0))
        key, postings = None, []
        for next_key, more in merged:  # equal keys come in run order (merge is stable)
            if next_key != key:
                if key is not None:
                    yield key[0], key[1], sorted(postings)
                key, postings = next_key, list(more)
            else:
                postings += more
        if key is not None:
            yield key[0], key[1], sorted(postings)

    def _read_batches(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)

    def iter_postings(self):
        return Grouped(self)

    def items(self, maxfiles=128):
        return iter(Grouped(self))


def _batches(terms: dict):
    """(key, postings) of every term in key order, in lists of at most _BATCH terms
    and (but for a lone term) _BATCH_POSTINGS postings."""
    batch, postings = [], 0
    for key in sorted(terms):
        found = terms[key]
        if batch and (len(batch) == _BATCH or postings + len(found) > _BATCH_POSTINGS):
            yield batch
            batch, postings = [], 0
        batch.append((key, found))
        postings += len(found)
    if batch:
        yield batch


class Grouped:
    """The pool's postings: by term for the codec's field writer (`groups`), or one
    (field, term, document, weight, value) tuple at a time for anything else."""

    def __init__(self, pool: TermPool):
        self.groups = pool.groups

    def __iter__(self):
        for fieldname, tbytes, postings in self.groups():
            for docnum, weight, vbytes in postings:
                yield fieldname, tbytes, docnum, weight, vbytes
