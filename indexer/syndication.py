"""Syndicated copies: the same press release on several sites.

Each article gets a MinHash signature of its word shingles at index time
(stored with it) and its signature's LSH band keys (indexed, so candidate
copies are found through the index, not by comparing every pair). Copies
are grouped per index generation: candidates that share a band are
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


def band_keys(sig: list[int]) -> list[str]:
    """One key per LSH band; two articles sharing a key are candidate copies."""
    rows = settings()["rows"]
    keys = []
    for band in range(settings()["bands"]):
        chunk = ",".join(map(str, sig[band * rows : (band + 1) * rows]))
        keys.append(f"{band}-" + hashlib.blake2b(chunk.encode(), digest_size=6).hexdigest())
    return keys


def encode(sig: list[int]) -> str:
    return " ".join(format(v, "x") for v in sig)


def decode(stored: str | None) -> list[int]:
    return [int(v, 16) for v in stored.split()] if stored else []


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def copy_groups(reader) -> dict[int, int]:
    """docnum -> group (the smallest docnum of its group), for articles with copies.

    Reads the band keys' posting lists: only documents that share a band are
    ever compared, so the cost follows the number of near-duplicates.
    """
    threshold = settings()["threshold"]
    parent: dict[int, int] = {}
    signatures: dict[int, list[int]] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for key, info in reader.iter_field("bands"):
        if info.doc_frequency() < 2:  # most bands are one article's own: skip unread
            continue
        docs = list(reader.postings("bands", key).all_ids())[:MAX_BUCKET]
        if len(docs) < 2:  # the others were deleted
            continue
        for d in docs:
            if d not in signatures:
                signatures[d] = decode(reader.stored_fields(d).get("minhash"))
        for i, one in enumerate(docs):
            for other in docs[i + 1 :]:
                root_a, root_b = find(one), find(other)
                if root_a != root_b and similarity(signatures[one], signatures[other]) >= threshold:
                    parent[max(root_a, root_b)] = min(root_a, root_b)
    roots = {d: find(d) for d in signatures}
    sizes = Counter(roots.values())
    return {d: root for d, root in roots.items() if sizes[root] > 1}
