"""Syndicated copies: the same press release on several sites.

Each article gets a MinHash signature of its word shingles at index time,
kept in a fixed-width column of the index. Copies are grouped per index
generation with LSH over the whole signature matrix (numpy): candidates
whose rows agree on a band are
compared by estimated Jaccard similarity, and pairs above the threshold in
`data/syndication.toml` are joined into one group (union-find). Different
clutter, re-wrapping and small edits change only a few shingles, so copies
stay far above the threshold while different articles on the same subject
stay far below it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache

import numpy as np

from .arrays import fixed_column
from .datafiles import DATA_DIR

_WORD = re.compile(r"\w+", re.UNICODE)
_ROTATION = 1 << 58  # added to a borrowed bin value, so it never equals a real one
ALL_PAIRS_UP_TO = 8  # bucket size up to which every pair is compared (see _candidate_pairs)


@cache
def settings() -> dict:
    with (DATA_DIR / "syndication.toml").open("rb") as fh:
        data = tomllib.load(fh)
    if data["bands"] * data["rows"] != data["permutations"]:
        raise ValueError("syndication.toml: bands × rows must equal permutations")
    return data


def shingles(text: str) -> set[int]:
    size = settings()["shingle_words"]
    words = [w.lower() for w in _WORD.findall(text)]
    grams = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    return {
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
        for g in grams
        if g
    }


def signature(text: str) -> list[int]:
    """A one-permutation MinHash signature (Li, Owen and Zhang, 2012).

    Each shingle's hash picks one of `permutations` bins by its low bits and
    competes for the bin's minimum with the rest of the hash; an empty bin
    borrows from the next non-empty one (rotation densification). One hash
    per shingle instead of one per shingle and permutation: the signature of
    a 500-word article costs well under a millisecond.
    """
    hashed = shingles(text)
    if not hashed:
        return []
    count = settings()["permutations"]
    bins: list[int | None] = [None] * count
    for h in hashed:
        slot, value = h % count, h // count
        if bins[slot] is None or value < bins[slot]:
            bins[slot] = value
    filled = [i for i, v in enumerate(bins) if v is not None]
    for i, value in enumerate(bins):
        if value is None:
            donor = next((j for j in filled if j > i), filled[0])
            bins[i] = bins[donor] + (donor - i) % count * _ROTATION
    return bins


SIGNATURE_BYTES = 8  # each MinHash value is stored as a big-endian uint64


def signature_width() -> int:
    return settings()["permutations"] * SIGNATURE_BYTES


def encode(sig: list[int]) -> bytes:
    """The signature as the fixed-width bytes of its index column (zeros: no text)."""
    if not sig:
        return bytes(signature_width())
    return b"".join(v.to_bytes(SIGNATURE_BYTES, "big") for v in sig)


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def copy_groups(reader, arrays) -> dict[int, int]:
    """docnum -> group (the smallest docnum of its group), for articles with copies.

    LSH on the whole signature matrix at once: within each band, documents
    whose rows are identical are candidates; each candidate pair is compared
    once, all pairs together in numpy, so the cost follows the number of
    near-duplicates, not of all pairs.
    """
    signatures = _signature_matrix(reader)
    pairs = _candidate_pairs(signatures, arrays.live)
    similar = pairs[_agreement(signatures, pairs) >= settings()["threshold"]]
    return _groups(similar.tolist())


def _signature_matrix(reader) -> np.ndarray:
    """(documents × permutations) uint64; a row of zeros for documents without text."""
    raw = fixed_column(reader, "minhash", signature_width())
    return raw.view(">u8").astype(np.uint64)


def _candidate_pairs(signatures: np.ndarray, live: np.ndarray) -> np.ndarray:
    """(pairs × 2) docnums, lower first, of documents agreeing on some band.

    Within a small bucket every pair is a candidate. A bucket of more than
    ALL_PAIRS_UP_TO documents (a widely syndicated release, or boilerplate)
    is ordered by the next band's values and pairs neighbours only: copies
    agree on most bands, so they sit side by side, and the cost stays linear.
    """
    rows, bands, size = settings()["rows"], settings()["bands"], max(len(signatures), 1)
    usable = np.flatnonzero(live & signatures.any(axis=1))
    keys = [_row_hash(signatures[usable, b * rows : (b + 1) * rows]) for b in range(bands)]
    found = [np.empty(0, dtype=np.int64)]
    for band in range(bands):
        order = np.lexsort((keys[(band + 1) % bands], keys[band]))
        sorted_keys = keys[band][order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        counts = np.diff(np.r_[starts, len(order)])
        for first, second in _bucket_pairs(starts, counts):
            a, b = usable[order[first]], usable[order[second]]
            found.append(np.minimum(a, b) * size + np.maximum(a, b))  # one number a pair
    codes = np.sort(np.concatenate(found))
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes
    return np.stack([codes // size, codes % size], axis=1)


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


def _agreement(signatures: np.ndarray, pairs: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """Share of equal signature values for each pair: their estimated Jaccard similarity."""
    result = np.empty(len(pairs))
    for start in range(0, len(pairs), chunk):
        a, b = pairs[start : start + chunk].T
        result[start : start + chunk] = (signatures[a] == signatures[b]).mean(axis=1)
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
