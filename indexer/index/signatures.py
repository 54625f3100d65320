"""MinHash signatures of articles' word shingles, computed when an article is indexed.

Each article's signature is kept in a fixed-width column of the index, so
that finding syndicated copies at search time (search/copies.py) compares
stored numbers instead of texts. What a signature is made of, shingle size
and length, is `[signature]` in `data/syndication.toml`: the index's name
includes it (store.current_index_name), so changing it builds a new index
from the extraction cache instead of mixing signatures of two kinds.
"""

from __future__ import annotations

import hashlib
import re

from ..datafiles import signature_settings

_WORD = re.compile(r"\w+", re.UNICODE)
_ROTATION = 1 << 58  # added to a borrowed bin value, so it never equals a real one
SIGNATURE_BYTES = 8  # each MinHash value is stored as a big-endian uint64


def shingles(text: str) -> set[int]:
    size = signature_settings().shingle_words
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:  # one shingle of all the words (none without words)
        grams = {" ".join(words)} if words else set()
    else:  # each run of `size` words
        grams = set(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return {from_bytes(blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


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
    count = signature_settings().permutations
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


def signature_width() -> int:
    return signature_settings().permutations * SIGNATURE_BYTES


def stored_width(schema) -> int:
    """The width of the signatures an index holds, from its own schema: the index
    served may have been written with other settings (an upgrade under way, or a
    site started before the settings changed)."""
    return schema["minhash"].column_type._fixedlen  # FixedBytesColumn keeps no public name


def signature_kind() -> str:
    """A short name for what signatures are made of, part of the index's name."""
    settings = signature_settings()
    return f"s{settings.shingle_words}p{settings.permutations}"


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
