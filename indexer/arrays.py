"""Whoosh's posting lists and per-document columns as numpy arrays.

Whoosh hands out postings one document at a time from Python: at 100,000
articles, listing the matches of a common word that way takes a third of a
second before anything is counted or ranked. Match sets, facet counts and
ranking (see matching.py and search.py) work on whole arrays instead, read
here block by block from the same files.

The block and column classes read here are internals of whoosh-reloaded
2.7.5, which pyproject.toml pins. Anything else falls back to Whoosh's
public per-document API, and tests/test_arrays.py compares every reader
with that API, so an upgrade that changes the internals fails a test
instead of miscounting.
"""

from __future__ import annotations

import pickle
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import FixedBytesColumn, NumericColumn, VarBytesColumn
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

from .lru import ByteBudgetLRU

DOCNUM = np.int64
POSTINGS_CACHE_BYTES = 48 * 2**20  # decoded posting lists kept per index generation
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class IndexArrays:
    """The per-document arrays of one index generation (see search.per_generation).

    Built at once from a reader; kept after that reader is closed, since the
    next request's reader of the same generation reads the same files.
    Posting lists are read through the reader of the request at hand.
    """

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        parts = _segments(reader)
        self.live = live_mask(reader)
        self.days = _days(reader, parts)
        self._lengths = {
            name: _lengths(parts, name) for name, field in reader.schema.items() if field.scorable
        }
        self._postings = ByteBudgetLRU(POSTINGS_CACHE_BYTES)

    def mask(self, docnums: np.ndarray) -> np.ndarray:
        result = np.zeros(self.size, dtype=bool)
        result[docnums] = True
        return result

    def postings(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Docnums of the live documents holding a term, and the term's weight in each
        (its frequency times the field's boost, what Whoosh scores with).

        Kept in a memory-bounded cache: the arrays are read-only."""
        cached = self._postings.get((fieldname, text))
        if cached is not None:
            return cached
        ids, weights, _ = self.postings_with_values(reader, fieldname, text, values=False)
        ids, weights = ids.astype(np.int32), weights.astype(np.float32)
        ids.flags.writeable = weights.flags.writeable = False
        self._postings.put((fieldname, text), (ids, weights), ids.nbytes + weights.nbytes)
        return ids, weights

    def forget_postings(self) -> None:
        self._postings.clear()

    def postings_with_values(self, reader, fieldname: str, text, values: bool = True):
        """As postings(), plus each posting's encoded value (word positions, for phrases)."""
        ids, weights, encoded = [], [], []
        for segment, offset in _segments(reader):
            if (fieldname, text) not in segment:
                continue
            blocks = _blocks(segment.postings(fieldname, text), values)
            for block_ids, block_weights, block_values in blocks:
                ids.append(block_ids + offset)
                weights.append(block_weights)
                encoded.extend(block_values)
        if not ids:
            return np.empty(0, dtype=DOCNUM), np.empty(0, dtype=np.float64), []
        all_ids, all_weights = np.concatenate(ids), np.concatenate(weights)
        keep = self.live[all_ids]
        if values and not keep.all():
            encoded = [v for v, kept in zip(encoded, keep.tolist(), strict=True) if kept]
        return all_ids[keep], all_weights[keep], encoded

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in words, as Whoosh's scorer sees it (1 when empty)."""
        return self._lengths[fieldname]


def position_arrays(fmt, docnums: np.ndarray, values: list[bytes]):
    """Every (docnum, word position) of a term's postings, as two flat arrays.

    Whoosh's Positions values are a 4-byte count and a pickled list of gaps;
    their pickle bodies are joined into one pickle of a list of lists, so
    50,000 postings decode in one call instead of 50,000. Any other format,
    or a value that does not look as expected, is decoded one by one.
    """
    gaps = _bulk_gaps(values) if type(fmt) is Positions else None
    if gaps is None:
        lists = [fmt.decode_positions(v) for v in values]
        gaps = [[p - q for p, q in zip(each, [0, *each[:-1]], strict=True)] for each in lists]
    lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    flat = np.fromiter(chain.from_iterable(gaps), dtype=np.int64, count=int(lengths.sum()))
    totals = np.cumsum(flat)
    before = np.repeat(np.r_[0, np.cumsum(lengths)[:-1]], lengths)  # each list's start
    starts_total = np.r_[0, totals][before]
    return np.repeat(docnums, lengths), totals - starts_total


def _bulk_gaps(values: list[bytes]) -> list[list[int]] | None:
    bodies = []
    for value in values:
        body = value[4:]
        if body.endswith(b"."):
            body = body[:-1]
        if not body.startswith(b"\x80\x02]"):
            return None
        bodies.append(body[2:])
    try:
        gaps = pickle.loads(b"\x80\x02(" + b"".join(bodies) + b"l.")
    except Exception:  # not the pickles this was written for
        return None
    return gaps if len(gaps) == len(values) else None


def live_mask(reader) -> np.ndarray:
    """True for each document number that is not deleted."""
    live = np.ones(reader.doc_count_all(), dtype=bool)
    for segment, offset in _segments(reader):
        if segment.has_deletions():
            deleted = np.fromiter(segment.deleted_docs_set, dtype=DOCNUM)
            live[deleted + offset] = False
    return live


def varbytes_column(reader, fieldname: str) -> list[bytes]:
    """Every document's value of a variable-width bytes column (b"" where none):
    one read per segment for Whoosh's VarBytesColumn."""
    values: list[bytes] = []
    for segment, _ in _segments(reader):
        count = segment.doc_count_all()
        if not segment.has_column(fieldname):
            values.extend([b""] * count)
            continue
        column = segment.column_reader(fieldname, translate=False)
        if not isinstance(column, VarBytesColumn.Reader):
            values.extend(column[d] for d in range(count))
            continue
        offsets, lengths = column._offsets, column._lengths
        size = len(offsets)
        data = column._dbfile.get(column._basepos, offsets[-1] + lengths[-1]) if size else b""
        values.extend(data[offsets[d] : offsets[d] + lengths[d]] for d in range(size))
        values.extend([b""] * (count - size))
    return values


def fixed_column(reader, fieldname: str, width: int) -> np.ndarray:
    """A fixed-width bytes column as a (documents × width) uint8 array."""
    parts = [_fixed_bytes(seg, fieldname, width) for seg, _ in _segments(reader)]
    return np.concatenate(parts) if parts else np.zeros((0, width), np.uint8)


def _lengths(parts, fieldname: str) -> np.ndarray:
    encoded = [_length_bytes(seg, fieldname) for seg, _ in parts]
    encoded = np.concatenate(encoded) if encoded else np.empty(0, np.uint8)
    lengths = _LENGTH_OF_BYTE[encoded]
    lengths[encoded == 0] = 1.0
    return lengths


def _days(reader, parts) -> np.ndarray:
    """Publication day numbers (date.toordinal(); 0 when undated)."""
    field = reader.schema["day"]
    raw = [_numeric_column(seg, "day", field) for seg, _ in parts]
    raw = np.concatenate(raw) if raw else np.empty(0, np.int64)
    return raw - field.to_column_value(0)  # undo the sortable shift


def segment_ids(reader) -> tuple[str, ...]:
    """Identifies the segments a reader sees (with the generation: one index state)."""
    return tuple(seg.segment().segment_id() for seg, _ in _segments(reader) if seg.segment())


def _segments(reader) -> list[tuple[object, int]]:
    if reader.is_atomic():
        return [(reader, 0)]
    return list(zip(reader.readers, reader.doc_offsets, strict=True))


def _leaf(matcher):
    """The raw block reader under Whoosh's deleted-documents filter (we mask those ourselves)."""
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _blocks(matcher, values: bool):
    """(ids, weights, values) per posting block; values only when asked for."""
    matcher = _leaf(matcher)
    if not isinstance(matcher, W3LeafMatcher):  # not the pinned codec: one by one
        postings = [(m.id(), m.weight(), m.value() if values else None) for m in _each(matcher)]
        if postings:
            ids, weights, encoded = zip(*postings, strict=True)
            yield np.array(ids, DOCNUM), np.array(weights, np.float64), list(encoded)
        return
    while matcher.is_active():
        matcher._read_data()
        ids, weights, encoded = matcher._data[:3]
        ids = np.asarray(ids, dtype=DOCNUM)
        if not matcher._byteids:
            ids = np.cumsum(ids)  # stored as gaps
        count = len(ids)
        if weights is None or isinstance(weights, float):
            weights = np.full(count, 1.0 if weights is None else weights)
        yield ids, np.asarray(weights, dtype=np.float64), list(encoded) if values else []
        matcher._next_block()


def _each(matcher):
    while matcher.is_active():
        yield matcher
        matcher.next()


def _length_bytes(segment, fieldname: str) -> np.ndarray:
    count = segment.doc_count_all()
    perdoc = getattr(segment, "_perdoc", None)
    lenfield = f"_{fieldname}_len"
    if perdoc is None or not perdoc.has_column(lenfield):
        return np.array(
            [_length_byte(segment.doc_field_length(d, fieldname, 0)) for d in range(count)],
            dtype=np.uint8,
        )
    return _numeric_raw(perdoc.column_reader(lenfield, LENGTHS_COLUMN), count).astype(np.uint8)


def _length_byte(length: int) -> int:
    return length_to_byte(length) if length else 0


def _numeric_column(segment, fieldname: str, field) -> np.ndarray:
    count = segment.doc_count_all()
    if not segment.has_column(fieldname):
        return np.full(count, field.to_column_value(0), dtype=np.int64)
    reader = segment.column_reader(fieldname, translate=False)
    return _numeric_raw(reader, count)


def _numeric_raw(reader, count: int) -> np.ndarray:
    """All values of a numeric column: one read when it is Whoosh's fixed-width column."""
    if isinstance(reader, NumericColumn.Reader):
        dtype = np.dtype(reader._typecode).newbyteorder(">")
        stored = reader._count
        data = reader._dbfile.get(reader._basepos, stored * reader._fixedlen)
        values = np.full(count, reader._default, dtype=np.int64)
        values[:stored] = np.frombuffer(data, dtype=dtype)
        return values
    return np.fromiter((reader[d] for d in range(count)), dtype=np.int64, count=count)


def _fixed_bytes(segment, fieldname: str, width: int) -> np.ndarray:
    count = segment.doc_count_all()
    result = np.zeros((count, width), dtype=np.uint8)
    if not segment.has_column(fieldname):
        return result
    reader = segment.column_reader(fieldname, translate=False)
    stored = min(getattr(reader, "_count", 0), count)
    if stored and isinstance(reader, FixedBytesColumn.Reader):
        data = reader._dbfile.get(reader._basepos, stored * width)
        result[:stored] = np.frombuffer(data, dtype=np.uint8).reshape(stored, width)
        return result
    for docnum in range(count):
        result[docnum] = np.frombuffer(reader[docnum], dtype=np.uint8)
    return result
