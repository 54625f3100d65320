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
from collections import Counter
from functools import cache

import numpy as np

from .arrays import fixed_column
from .datafiles import DATA_DIR

_WORD = re.compile(r"\w+", re.UNICODE)
_ROTATION = 1 << 58  # added to a borrowed bin value, so it never equals a real one
MAX_BUCKET = 200  # a band shared by more documents than this is boilerplate, not a copy


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
    whose rows are identical are candidates, and only candidates are
    compared, so the cost follows the number of near-duplicates, not pairs.
    """
    signatures = _signature_matrix(reader)
    threshold = settings()["threshold"]
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for bucket in _candidate_buckets(signatures, arrays.live):
        for i, one in enumerate(bucket):
            for other in bucket[i + 1 :]:
                root_a, root_b = find(one), find(other)
                if root_a != root_b and _agreement(signatures, one, other) >= threshold:
                    parent[max(root_a, root_b)] = min(root_a, root_b)
                    parent.setdefault(min(root_a, root_b), min(root_a, root_b))
    roots = {d: find(d) for d in parent}
    sizes = Counter(roots.values())
    return {d: root for d, root in roots.items() if sizes[root] > 1}


def _signature_matrix(reader) -> np.ndarray:
    """(documents × permutations) uint64; a row of zeros for documents without text."""
    raw = fixed_column(reader, "minhash", signature_width())
    return raw.view(">u8").astype(np.uint64)


def _candidate_buckets(signatures: np.ndarray, live: np.ndarray):
    """Lists of docnums sharing one band's values (at most MAX_BUCKET each)."""
    rows = settings()["rows"]
    usable = np.flatnonzero(live & signatures.any(axis=1))
    for band in range(settings()["bands"]):
        block = signatures[usable, band * rows : (band + 1) * rows]
        keys = _row_hash(block)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(sorted_keys)]
        for begin, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            yield usable[order[begin:end]][:MAX_BUCKET].tolist()


def _row_hash(block: np.ndarray) -> np.ndarray:
    """One 64-bit key per row (collisions only add candidates, which are then compared)."""
    key = np.zeros(len(block), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in block.T:
            key = (key ^ column) * np.uint64(0x100000001B3)
    return key


def _agreement(signatures: np.ndarray, a: int, b: int) -> float:
    return float(np.mean(signatures[a] == signatures[b]))
