"""Syndicated copies: the same press release on several sites, grouped at search time.

Each article's MinHash signature is computed when it is indexed
(index/signatures.py). Copies are grouped per index generation with LSH
over the whole signature matrix (numpy): candidates whose rows agree on a
band are compared by estimated Jaccard similarity, and pairs above the
`[grouping]` threshold in `data/syndication.toml` are joined into one group
(union-find); those settings change nothing in the index. Different
clutter, re-wrapping and small edits change only a few shingles, so copies
stay far above the threshold while different articles on the same subject
stay far below it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from ..datafiles import grouping_settings
from ..index.arrays import fixed_column, segment_readers, segments_of, shared_segments
from ..index.signatures import stored_width

ALL_PAIRS_UP_TO = 8  # bucket size up to which every pair is compared (see _candidate_pairs)


def copy_groups(reader, arrays, history: BucketHistory) -> dict[int, int]:
    """docnum -> group (the smallest docnum of its group), for live articles with copies.

    LSH on the whole signature matrix at once: within each band, documents
    whose rows are identical are candidates; each candidate pair is compared
    once, all pairs together in numpy, so the cost follows the number of
    near-duplicates, not of all pairs. The buckets and similar pairs of the
    last index states are kept: when a commit only appends segments (added
    articles), just the new documents are bucketed and compared.
    """
    return _live_groups(history.candidates(reader).similar, arrays.live)


def _live_groups(similar: np.ndarray, live: np.ndarray) -> dict[int, int]:
    """Groups of similar documents, then only their live members (two or more).

    Deleted documents are grouped too: an article re-written by an update
    leaves an identical deleted version in its segment, and in a bucket too
    big for all pairs that version can stand between two live copies.
    """
    members: dict[int, list[int]] = {}
    for docnum, root in sorted(_groups(similar.tolist()).items()):
        if live[docnum]:
            members.setdefault(root, []).append(docnum)
    return {d: alive[0] for alive in members.values() if len(alive) > 1 for d in alive}


@dataclass
class Candidates:
    """The LSH buckets of documents 0..size-1 (deleted ones too: deletions change
    with every commit, the buckets should not), and their pairs above the threshold."""

    segments: tuple[tuple[str, int], ...]  # (segment id, documents) the docnums run through
    size: int
    usable: np.ndarray  # docnums with a signature, ascending
    keys: list[np.ndarray]  # per band: each usable document's key
    orders: list[np.ndarray]  # per band: positions in `usable`, in bucket order
    similar: np.ndarray  # (pairs × 2) docnums, lower first


EXTEND_UP_TO = 2_000  # new documents bucketed one by one; more, and all are bucketed again
KEPT_STATES = 2


class BucketHistory:
    """The LSH buckets of the last few index states, kept across generations
    (by whoever keeps the generations) so a commit that appends articles
    buckets only the new ones."""

    def __init__(self, kept: int = KEPT_STATES):
        self.kept = kept
        self.states: list[Candidates] = []
        self._lock = threading.Lock()

    def candidates(self, reader) -> Candidates:
        parts, segments = segment_readers(reader), segments_of(reader)
        with self._lock:
            known = max(
                self.states, key=lambda s: shared_segments(s.segments, segments), default=None
            )
        shared = shared_segments(known.segments, segments) if known else 0
        new_docs = sum(count for _, count in segments[shared:])
        if shared == len(segments) and known:  # only deletions since (or nothing at all)
            state = _truncated(known, segments)
        elif shared and new_docs <= EXTEND_UP_TO:
            state = _extended(_truncated(known, segments[:shared]), parts, segments)
        else:
            state = _bucketed(_signature_matrix(reader), segments)
        with self._lock:
            self.states[:] = [state, *(s for s in self.states if s is not state)][: self.kept]
        return state


def _bucketed(signatures: np.ndarray, segments) -> Candidates:
    """Buckets and similar pairs of every document, from scratch."""
    usable = np.flatnonzero(signatures.any(axis=1))
    keys = _band_keys(signatures, usable)
    orders, pairs = _orders_and_pairs(keys, usable, len(signatures))
    similar = pairs[_agreement(signatures, signatures, pairs) >= grouping_settings().threshold]
    return Candidates(segments, len(signatures), usable, keys, orders, similar)


def _truncated(state: Candidates, segments) -> Candidates:
    """The part of `state` covering its first segments (the others were merged away)."""
    size = sum(count for _, count in segments)
    if size == state.size:
        return state
    kept = int(np.searchsorted(state.usable, size))  # usable ascends: a prefix stays
    return Candidates(
        segments,
        size,
        state.usable[:kept],
        [keys[:kept] for keys in state.keys],
        [order[order < kept] for order in state.orders],
        state.similar[(state.similar < size).all(axis=1)],
    )


def _extended(state: Candidates, parts, segments) -> Candidates:
    """`state` plus the documents of the segments appended after it."""
    shared = len(state.segments)
    signatures = np.concatenate([_signature_matrix(seg) for seg, _ in parts[shared:]])
    fresh = np.flatnonzero(signatures.any(axis=1))
    usable = state.size + fresh
    keys = _band_keys(signatures, fresh)
    _, inner = _orders_and_pairs(keys, fresh, len(signatures))
    inner += state.size
    cross, orders = _joined(state, keys, usable)
    old = _rows(parts[:shared], cross[:, 0])  # the signatures of the earlier documents
    similar = [state.similar]
    threshold = grouping_settings().threshold
    if len(inner):
        local = inner - state.size
        similar.append(inner[_agreement(signatures, signatures, local) >= threshold])
    if len(cross):
        pairs = np.stack([np.arange(len(cross)), cross[:, 1] - state.size], axis=1)
        similar.append(cross[_agreement(old, signatures, pairs) >= threshold])
    return Candidates(
        segments,
        state.size + len(signatures),
        np.concatenate([state.usable, usable]),
        [np.concatenate([a, b]) for a, b in zip(state.keys, keys, strict=True)],
        orders,
        np.concatenate(similar),
    )


def _joined(state: Candidates, keys: list[np.ndarray], usable: np.ndarray):
    """Candidate pairs (earlier docnum, new docnum) between the state and new
    documents, by the rules of _candidate_pairs, and the state's bucket orders
    with the new documents placed in them."""
    bands, pairs, orders = len(keys), [], []
    for band in range(bands):
        order, following = state.orders[band], (band + 1) % bands
        in_order = state.keys[band][order]
        low = np.searchsorted(in_order, keys[band], "left")
        high = np.searchsorted(in_order, keys[band], "right")
        spots = high.copy()
        for j in np.flatnonzero(high > low).tolist():
            members = order[low[j] : high[j]]
            if len(members) < ALL_PAIRS_UP_TO:
                partners = members
            else:  # a big bucket: ordered by the next band, pair with the neighbours
                step = np.searchsorted(state.keys[following][members], keys[following][j])
                spots[j] = low[j] + step
                partners = members[max(step - 1, 0) : step + 1]
            pairs += [(state.usable[p], usable[j]) for p in partners.tolist()]
        placed = np.lexsort((keys[following], keys[band], spots))  # sorted, big buckets too
        new_positions = len(state.usable) + np.arange(len(usable))
        orders.append(np.insert(order, spots[placed], new_positions[placed]).astype(np.int32))
    cross = np.unique(np.array(pairs, dtype=np.int64).reshape(-1, 2), axis=0)
    return cross, orders


def _band_keys(signatures: np.ndarray, usable: np.ndarray) -> list[np.ndarray]:
    bands = grouping_settings().bands
    rows = max(1, signatures.shape[1] // bands)  # of the index's own signatures
    return [_row_hash(signatures[:, b * rows : (b + 1) * rows])[usable] for b in range(bands)]


def _signature_matrix(reader) -> np.ndarray:
    """(documents × permutations) uint64; a row of zeros for documents without text.

    The stored big-endian values are read as they lie (no byte swap): only
    equality between them is ever used."""
    raw = fixed_column(reader, "minhash", stored_width(reader.schema))
    return raw.view(np.uint64)


def _rows(parts, docnums: np.ndarray) -> np.ndarray:
    """The signatures of a few documents, read row by row from their segments."""
    width = stored_width(parts[0][0].schema) if parts else 0
    result = np.zeros((len(docnums), width), dtype=np.uint8)
    offsets = np.array([offset for _, offset in parts])
    columns = {}
    for i, docnum in enumerate(docnums.tolist()):
        which = int(np.searchsorted(offsets, docnum, "right")) - 1
        if which not in columns:
            columns[which] = parts[which][0].column_reader("minhash", translate=False)
        result[i] = np.frombuffer(columns[which][docnum - parts[which][1]], dtype=np.uint8)
    return result.view(np.uint64)


def _candidate_pairs(signatures: np.ndarray, live: np.ndarray) -> np.ndarray:
    """(pairs × 2) docnums, lower first, of live documents agreeing on some band.

    Within a small bucket every pair is a candidate. A bucket of more than
    ALL_PAIRS_UP_TO documents (a widely syndicated release, or boilerplate)
    is ordered by the next band's values and pairs neighbours only: copies
    agree on most bands, so they sit side by side, and the cost stays linear.
    """
    usable = np.flatnonzero(live & signatures.any(axis=1))
    return _orders_and_pairs(_band_keys(signatures, usable), usable, len(signatures))[1]


def _orders_and_pairs(keys: list[np.ndarray], usable: np.ndarray, size: int):
    """Each band's bucket order (positions in `usable`) and all candidate pairs."""
    bands, size = len(keys), max(size, 1)
    found, orders = [np.empty(0, dtype=np.int64)], []
    for band in range(bands):
        order = np.argsort(keys[band], kind="stable")
        sorted_keys = keys[band][order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        counts = np.diff(np.r_[starts, len(order)])
        _order_big_buckets(order, starts, counts, keys[(band + 1) % bands])
        orders.append(order.astype(np.int32))
        for first, second in _bucket_pairs(starts, counts):
            a, b = usable[order[first]], usable[order[second]]
            found.append(np.minimum(a, b) * size + np.maximum(a, b))  # one number a pair
    codes = np.sort(np.concatenate(found))
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes
    return orders, np.stack([codes // size, codes % size], axis=1)


def _order_big_buckets(order, starts, counts, next_keys) -> None:
    """Within each bucket too big for all pairs, order the members by the next
    band's key (in place), so that copies sit side by side."""
    big = counts > ALL_PAIRS_UP_TO
    if not big.any():
        return
    spots = np.flatnonzero(np.repeat(big, counts))  # positions inside big buckets
    bucket = np.repeat(np.arange(len(starts)), counts)[spots]
    order[spots] = order[spots][np.lexsort((next_keys[order[spots]], bucket))]


def _bucket_pairs(starts: np.ndarray, counts: np.ndarray):
    """Positions (in band order) of each bucket's candidate pairs."""
    small = (counts > 1) & (counts <= ALL_PAIRS_UP_TO)
    for count in np.unique(counts[small]):
        members = starts[counts == count][:, None] + np.arange(count)
        first, second = np.triu_indices(count, 1)
        yield members[:, first].ravel(), members[:, second].ravel()
    big = counts > ALL_PAIRS_UP_TO
    if big.any():  # neighbours: every position but each big bucket's last
        inside = np.zeros(len(np.r_[starts, 0]) and starts[-1] + counts[-1] + 1, dtype=np.int64)
        np.add.at(inside, starts[big], 1)
        np.add.at(inside, starts[big] + counts[big] - 1, -1)
        first = np.flatnonzero(np.cumsum(inside)[:-1] > 0)
        yield first, first + 1


def _row_hash(block: np.ndarray) -> np.ndarray:
    """One 64-bit key per row (collisions only add candidates, which are then compared)."""
    key = np.zeros(len(block), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in block.T:
            key = (key ^ column) * np.uint64(0x100000001B3)
    return key


def _agreement(first: np.ndarray, second: np.ndarray, pairs: np.ndarray, chunk=50_000):
    """Share of equal signature values for each pair (a row of `first`, a row of
    `second`): their estimated Jaccard similarity."""
    result = np.empty(len(pairs))
    for start in range(0, len(pairs), chunk):
        a, b = pairs[start : start + chunk].T
        result[start : start + chunk] = (first[a] == second[b]).mean(axis=1)
    return result


def _groups(edges: list[list[int]]) -> dict[int, int]:
    """Connected documents (union-find), each mapped to its group's smallest docnum."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for one, other in edges:
        root_a, root_b = find(one), find(other)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {d: find(d) for d in parent}


class CopyGroups:
    """The syndicated-copy groups of one index generation."""

    def __init__(self, reader, arrays, history: BucketHistory):
        self.group = copy_groups(reader, arrays, history)
        self.members: dict[int, list[int]] = {}
        for docnum, root in sorted(self.group.items()):
            self.members.setdefault(root, []).append(docnum)
        self.root = np.arange(arrays.size, dtype=np.int64)
        self.grouped = np.zeros(arrays.size, dtype=bool)
        if self.group:
            docnums = np.fromiter(self.group, dtype=np.int64)
            self.root[docnums] = np.fromiter(self.group.values(), dtype=np.int64)
            self.grouped[docnums] = True

    def key(self, docnum: int) -> int:
        return self.group.get(docnum, docnum)

    def count(self, docnums: np.ndarray) -> int:
        """Groups, not copies: a release on three sites counts once."""
        if not self.group:
            return len(docnums)
        in_group = self.grouped[docnums]
        return int(len(docnums) - in_group.sum() + len(np.unique(self.root[docnums[in_group]])))

    def others(self, docnum: int) -> list[int]:
        return [d for d in self.members.get(self.key(docnum), []) if d != docnum]
