"""A parsed Whoosh query, evaluated over whole arrays: which documents match, and their scores.

Whoosh's matchers walk documents one at a time in Python; here each term's
posting list is read once as arrays (arrays.py) and the query tree becomes
numpy masks and score vectors. Scores follow Whoosh's BM25F exactly for
terms (same idf, average length, quantised document lengths and query
boosts; a compound query sums its children, as Whoosh's matchers do), so
rankings do not change; only the other languages' fields take their average
length over the articles in that language (IndexArrays.average_length), and a
word searched in several analyses scores its best (DisjunctionMax). A
phrase scores as the sum of its words in the documents where they stand
together. Query kinds met rarely (ranges,
fuzzy terms) are answered by Whoosh itself with a constant score.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from ..index.analysis import CJK_FIELD, cjk_text
from ..index.arrays import IndexArrays, run_of

_BM25 = BM25F()


@dataclass
class Scored:
    mask: np.ndarray  # bool per document: does it match
    scores: np.ndarray  # float per document; meaningful where mask is True
    clean: bool = False  # scores are 0 wherever mask is False (an Or adds them as they are)
    ids: np.ndarray | None = None  # the mask's docnums, ascending, when made from few postings


def evaluate(searcher, arrays: IndexArrays, query) -> Scored:
    """Match mask and BM25F scores of `query` over every live document."""
    if isinstance(query, wq.Term):
        return _term(searcher, arrays, query)
    if isinstance(query, wq.Phrase):
        return _phrase(searcher, arrays, query)
    if isinstance(query, wq.DisjunctionMax):  # one word over several analyses
        return _best([evaluate(searcher, arrays, q) for q in query.subqueries], arrays, query)
    if isinstance(query, wq.Every):
        return Scored(arrays.live.copy(), arrays.live.astype(np.float64))
    if isinstance(query, (wq.And, wq.Or, wq.AndNot, wq.Require, wq.AndMaybe)):
        found = _compound(searcher, arrays, query)
        if query.boost != 1:  # a boosted group, e.g. research^3 over title and body
            found.scores = found.scores * query.boost
        return found
    if isinstance(query, wq.Not):
        inner = evaluate(searcher, arrays, query.query)
        mask = arrays.live & ~inner.mask
        return Scored(mask, mask * float(query.boost))  # Whoosh scores a negation by its boost
    if isinstance(query, wq.MultiTerm) and not isinstance(query, wq.FuzzyTerm):
        return _expanded(searcher, arrays, query)
    if isinstance(query, wq.NullQuery.__class__):
        return _nothing(arrays)
    return _by_whoosh(searcher, arrays, query)


def _compound(searcher, arrays: IndexArrays, query) -> Scored:
    """And and Or sum their children's scores where they match, as Whoosh's matchers do."""
    if isinstance(query, wq.And):
        return _and([evaluate(searcher, arrays, q) for q in query.subqueries], arrays)
    if isinstance(query, wq.Or):
        if all(type(q) is wq.Term for q in query.subqueries):
            found, held = _nothing(arrays), []
            for term in query.subqueries:
                _add_term(searcher, arrays, term, found, held)
            found.ids = _union(held, arrays.size)
            return found
        return _or([evaluate(searcher, arrays, q) for q in query.subqueries], arrays)
    if isinstance(query, wq.AndNot):
        positive, negative = (evaluate(searcher, arrays, q) for q in (query.a, query.b))
        return Scored(positive.mask & ~negative.mask, positive.scores)
    if isinstance(query, wq.Require):
        required, scored = (evaluate(searcher, arrays, q) for q in (query.a, query.b))
        return Scored(required.mask & scored.mask, required.scores)
    required, optional = (evaluate(searcher, arrays, q) for q in (query.a, query.b))  # AndMaybe
    return Scored(required.mask, required.scores + optional.scores * optional.mask)


def _nothing(arrays: IndexArrays) -> Scored:
    return Scored(np.zeros(arrays.size, dtype=bool), np.zeros(arrays.size), clean=True)


def _term(searcher, arrays: IndexArrays, term: wq.Term) -> Scored:
    held = []
    found = _add_term(searcher, arrays, term, _nothing(arrays), held)
    found.ids = _union(held, arrays.size)
    return found


def _union(held: list[np.ndarray], size: int) -> np.ndarray | None:
    """The docnums in any of some posting lists, ascending (what np.flatnonzero gives of
    their mask): sorted when they are few, faster than a pass over every document (at
    100k, 0.04 ms for a rare word in title and body against 0.15); None when many."""
    if not IDS_FROM_POSTINGS or sum(map(len, held)) * IDS_FROM_POSTINGS >= size:
        return None
    ids = np.concatenate(held, dtype=np.intp) if held else np.empty(0, np.intp)
    if len(held) > 1:
        ids.sort(kind="stable")  # (ascending runs merged: 4x faster than quicksort's)
        kept = np.empty(len(ids), dtype=bool)
        kept[:1] = True
        np.not_equal(ids[1:], ids[:-1], out=kept[1:])
        ids = ids[np.flatnonzero(kept)]  # (indexes: see PICKED)
    return ids


IDS_FROM_POSTINGS = 4  # docnums sorted from postings up to 1/4 of the documents (0: never)


def _add_term(
    searcher, arrays: IndexArrays, term: wq.Term, found: Scored, held: list | None = None
) -> Scored:
    """`found` (clean) with a term's documents and scores added in place: an Or of
    terms (a word in title and body) sums them without an array per term (`held`:
    the term's docnums are added to it)."""
    if term.fieldname not in searcher.schema:
        return found
    field = searcher.schema[term.fieldname]
    try:
        text = field.to_bytes(term.text)
    except ValueError:
        return found
    ids, weights = arrays.postings(searcher.reader(), term.fieldname, text)
    if held is not None:
        held.append(ids)
    where = _run(ids)
    if where is ids:  # indexed by intp: numpy converts int32 indexes on every use (2-3x slower)
        ids = where = ids.astype(np.intp)
    found.mask[where] = True
    if RUNS and where is ids and len(ids) * 2 > arrays.size:
        # most documents: scored over all of them (0 where the word is not), which
        # spares gathering and scattering each array by docnum (the same sums)
        every = np.zeros(arrays.size)
        every[ids] = weights.astype(np.float64)  # (a scatter that casts is twice as slow)
        scores = _term_scores(searcher, arrays, term.fieldname, text, ids, every, slice(None), True)
        found.scores += _boosted(scores, term.boost)
        return found
    scores = _term_scores(searcher, arrays, term.fieldname, text, ids, weights, where)
    found.scores[where] += _boosted(scores, term.boost)
    return found


def _boosted(scores: np.ndarray, boost: float) -> np.ndarray:
    """boost * scores, in place (scores are a new array), and left as they are for 1."""
    if boost != 1:
        scores *= boost
    return scores


RUNS = True  # (False: every posting list indexed by its docnums, for tests to compare)


def _run(ids: np.ndarray):
    """A slice over the documents when `ids` (ascending, distinct) are a run of
    consecutive docnums, as a word in every article has (at 100k, indexing by slices
    instead of 100,000 docnums is a third of adding its scores); else `ids`."""
    run = run_of(ids) if RUNS else None
    return ids if run is None else run


def _term_scores(
    searcher, arrays, fieldname, text, ids, weights, where=None, owned=False
) -> np.ndarray:
    """BM25F as Whoosh's BM25FScorer computes it; the raw weight for unscorable fields
    (`where`: the documents as ids or as the slice _run made of them; `owned`: the
    weights are the caller's new float64 array, to be worked on in place)."""
    if not len(ids):  # (Whoosh's idf fails on an empty index)
        return np.empty(0)
    if not searcher.schema[fieldname].scorable:  # (a new array, as scores are: a boost
        return weights if owned else weights.copy()  # multiplies in place)
    idf = searcher.idf(fieldname, text)
    avg = arrays.average_length(fieldname) or searcher.avg_field_length(fieldname) or 1
    b, k1 = _BM25.B, _BM25.K1
    norms = arrays.length_norms(fieldname, avg, b, k1)  # k1 * ((1 - b) + b * length / avg)
    if not owned:
        weights = weights.astype(np.float64)  # (a new array, worked in place below)
    lengths = weights + norms[ids if where is None else where]
    weights *= idf * (k1 + 1)
    weights /= lengths
    return weights  # (weights * idf * (k1 + 1)) / (weights + norms)


def _and(parts: list[Scored], arrays: IndexArrays) -> Scored:
    if not parts:
        return _nothing(arrays)
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask &= part.mask
    return Scored(mask, sum(p.scores for p in parts))


def _or(parts: list[Scored], arrays: IndexArrays) -> Scored:
    if not parts:
        return _nothing(arrays)
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask |= part.mask
    scores = sum(p.scores if p.clean else p.scores * p.mask for p in parts)
    return Scored(mask, scores, all(p.clean for p in parts))


def _best(parts: list[Scored], arrays: IndexArrays, query: wq.DisjunctionMax) -> Scored:
    """Matches any part, scored by the best part (plus `tiebreak` times the others),
    as Whoosh's DisjunctionMax."""
    found = _or(parts, arrays)
    if parts:
        each = np.stack([p.scores * p.mask for p in parts])
        best = each.max(axis=0)
        found.scores = best + query.tiebreak * (found.scores - best)
    found.scores = found.scores * query.boost
    return found


def _phrase(searcher, arrays: IndexArrays, phrase: wq.Phrase) -> Scored:
    """Documents with all the words, kept where the words stand in order within `slop`.

    Each word's postings are read once, with their positions; only the
    positions in documents that hold every word are compared.
    """
    if phrase.fieldname not in searcher.schema:
        return _nothing(arrays)
    field, reader = searcher.schema[phrase.fieldname], searcher.reader()
    words = [field.to_bytes(w) for w in phrase.words]
    # the rarest word first: the others' positions are then worked out only in the
    # documents that hold the words read before them
    order = list(range(len(words)))
    if RAREST_FIRST:
        order.sort(key=lambda i: reader.doc_frequency(phrase.fieldname, words[i]))
    postings, together = [None] * len(words), None
    confined = [None] * len(words)  # how many candidates were left when a word was read
    for i in order:
        among = together if RAREST_FIRST else None
        postings[i] = arrays.postings_with_positions(reader, phrase.fieldname, words[i], among)
        held = arrays.mask(postings[i][0])
        together = held if together is None else together & held
        if among is not None:  # its positions are in the candidates left then
            confined[i] = int(np.count_nonzero(together))
    if together is None:  # (no words)
        together = np.ones(arrays.size, dtype=bool)
    left = int(np.count_nonzero(together))
    if len(words) > 1 and left:
        spots = []
        for (ids, _, owners, positions), count in zip(postings, confined, strict=True):
            docnums = ids[owners]
            if count != left:  # (a word read when more candidates were left)
                wanted = np.flatnonzero(together[docnums])  # positions in candidates
                docnums, positions = docnums[wanted], positions[wanted]
            spots.append((docnums, positions))
        together = _phrase_docs(spots, phrase.slop, arrays)
    scores = np.zeros(arrays.size)  # the words' scores where the phrase is (0 elsewhere)
    for word, (ids, weights, _, _) in zip(words, postings, strict=True):
        found = np.flatnonzero(together[ids])  # (indexes: see PICKED)
        ids, weights = ids[found], weights[found]
        scores[ids] += _term_scores(searcher, arrays, phrase.fieldname, word, ids, weights)
    return Scored(together, scores * phrase.boost, clean=True)


# PICKED: elements are picked by their indexes (np.flatnonzero) rather than by a boolean
# mask: numpy's boolean indexing branches on every element, and with a mask of mixed
# True and False it took 0.3-0.6 ms over 85,000 postings here, the indexes 0.08.

RAREST_FIRST = True  # (False: each word's positions everywhere, for tests to compare)
POSITION_BITS = 24  # word positions below 2**24 (pages are cut at 3 MB)


def _phrase_docs(spots, slop: int, arrays: IndexArrays) -> np.ndarray:
    """Documents where the words stand in order; `spots` holds each word's
    (docnums, positions) arrays over the candidate documents."""
    found = np.zeros(arrays.size, dtype=bool)
    if slop == 1:  # adjacent: word i at start + i, all in numpy
        last = len(spots) - 1
        starts = None
        for i, (docnums, positions) in enumerate(spots):
            codes = (docnums << POSITION_BITS) + positions + (last - i)  # ascending
            starts = codes if starts is None else _common(starts, codes)
        found[starts >> POSITION_BITS] = True  # (a document found twice: set twice)
        return found
    by_doc = [_positions_by_doc(docnums, positions) for docnums, positions in spots]
    for docnum in by_doc[0]:
        if _in_order([word.get(docnum, []) for word in by_doc], slop):
            found[docnum] = True
    return found


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both of two ascending arrays of distinct values."""
    if not len(a) or not len(b):
        return a[:0]
    if len(a) > len(b):  # the shorter looked up in the longer: fewer binary searches
        a, b = b, a
    at = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[np.flatnonzero(b[at] == a)]  # (indexes: see PICKED)


def _positions_by_doc(docnums: np.ndarray, positions: np.ndarray) -> dict[int, list[int]]:
    result: dict[int, list[int]] = {}
    for docnum, position in zip(docnums.tolist(), positions.tolist(), strict=True):
        result.setdefault(docnum, []).append(position)
    return result


HIGHLIGHT_EXPANSIONS = 200  # words of a prefix's expansion marked in snippets
MAX_SLOP = 100  # "a b"~N looks at most this far; beyond it the words merely co-occur


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """Can the words be found in order, each 1..slop positions after the one before?

    Keeps every position the phrase can have reached so far, so a nearer but
    dead-end occurrence never hides a farther one that leads on.
    """
    slop = min(slop, MAX_SLOP)
    reached = sorted(positions[0])
    for following in positions[1:]:
        reached = [q for q in sorted(following) if _reachable(reached, q, slop)]
        if not reached:
            return False
    return True


def _reachable(reached: list[int], position: int, slop: int) -> bool:
    """Is some reached position p with p < position <= p + slop?"""
    before = bisect_left(reached, position) - 1
    return before >= 0 and position - reached[before] <= slop


def _expanded(searcher, arrays: IndexArrays, multi) -> Scored:
    """Prefixes and wildcards: the words they expand to, ORed and summed like an Or of
    terms, accumulated in place so a prefix of thousands of words costs no more memory.

    Scored as Whoosh does: BM25F per word whatever `constantscore` says, and the
    query's boost only when it expands to more than one word.
    """
    found, words = _nothing(arrays), 0
    for word in multi._btexts(searcher.reader()):
        _add_term(searcher, arrays, wq.Term(multi.fieldname, word), found)
        words += 1
    if words > 1:
        found.scores *= multi.boost
    return found


def _by_whoosh(searcher, arrays: IndexArrays, query) -> Scored:
    docnums = np.fromiter(searcher.docs_for_query(query), dtype=np.int64)
    mask = arrays.mask(docnums) & arrays.live
    return Scored(mask, mask * float(getattr(query, "boost", 1.0)))


def positive_words(query, fieldname: str, reader) -> set[str]:
    """The words a query looks for in a field (not those it excludes), for highlighting."""
    if isinstance(query, wq.Term):
        return {str(query.text)} if query.fieldname == fieldname else set()
    if isinstance(query, wq.Phrase):
        if query.fieldname != fieldname:
            return set()
        if fieldname == CJK_FIELD:  # bigrams -> the text they cover, marked as one
            return {cjk_text(query.words)}
        return set(query.words)
    if isinstance(query, (wq.AndNot, wq.Require, wq.AndMaybe)):
        words = positive_words(query.a, fieldname, reader)
        if not isinstance(query, wq.AndNot):
            words |= positive_words(query.b, fieldname, reader)
        return words
    if isinstance(query, wq.Not):
        return set()
    if isinstance(query, wq.MultiTerm) and query.fieldname == fieldname:
        field = reader.schema[fieldname]
        return {field.from_bytes(w) for w in islice(query._btexts(reader), HIGHLIGHT_EXPANSIONS)}
    words: set[str] = set()
    for child in query.children():
        words |= positive_words(child, fieldname, reader)
    return words
