"""Whoosh's posting lists and per-document columns as numpy arrays.

Whoosh hands out postings one document at a time from Python: at 100,000
articles, listing the matches of a common word that way takes a third of a
second before anything is counted or ranked. Match sets, facet counts and
ranking (see search/matching.py and search/ranking.py) work on whole arrays instead, read
here block by block from the same files; postings.py lays the blocks out so
that each one becomes arrays with `np.frombuffer` (and a query without a
phrase inflates only the ids and weights at the start of each block). The
stored fields of a page of hits are read here too, in one pass.

The block and column classes read here are internals of whoosh-reloaded
2.7.5, which pyproject.toml pins. Anything else falls back to Whoosh's
public per-document API, and tests/test_arrays.py compares every reader
with that API, so an upgrade that changes the internals fails a test
instead of miscounting.
"""

from __future__ import annotations

from bisect import bisect_right
from pickle import loads

import numpy as np
from isal.isal_zlib import decompress
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN
from whoosh.columns import CompressedBytesColumn, FixedBytesColumn, NumericColumn, VarBytesColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from .analysis import LANGUAGE_FIELDS
from .lru import ByteBudgetLRU
from .postings import PackedLeafMatcher, block_data, block_ids_and_weights

DOCNUM = np.int64
POSTINGS_CACHE_BYTES = 48 * 2**20  # decoded posting lists kept per index generation
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class IndexArrays:
    """The per-document arrays of one index generation (see search/snapshot.py: Generation).

    Built at once from a reader; kept after that reader is closed, since the
    next request's reader of the same generation reads the same files.
    Posting lists are read through the reader of the request at hand.
    """

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        parts = segment_readers(reader)
        self.live = live_mask(reader)
        self.deleted = not self.live.all()  # some documents deleted (masked in postings)
        self.days = _days(reader, parts)
        # the other languages' fields (analysis.py) only when some article uses them
        scored = [
            name
            for name, field in reader.schema.items()
            if field.scorable and (name not in LANGUAGE_FIELDS or reader.field_length(name))
        ]
        encoded = {name: _encoded_lengths(parts, name) for name in scored}
        self._lengths = {name: _lengths(codes) for name, codes in encoded.items()}
        # their average length over the articles that have them (see average_length)
        self._averages = {
            name: reader.field_length(name) / max(1, int(np.count_nonzero(encoded[name])))
            for name in scored
            if name in LANGUAGE_FIELDS
        }
        self._postings = ByteBudgetLRU(POSTINGS_CACHE_BYTES)
        self._norms: dict[tuple, np.ndarray] = {}  # (field, average, b, k1) -> length_norms

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
        ids, weights, _, _ = self._read(reader, fieldname, text, positions=False)
        ids, weights = ids.astype(np.int32), weights.astype(np.float32, copy=False)
        ids.flags.writeable = weights.flags.writeable = False
        self._postings.put((fieldname, text), (ids, weights), ids.nbytes + weights.nbytes)
        return ids, weights

    def postings_after(self, reader, fieldname: str, text, first: int) -> np.ndarray:
        """Docnums of the live documents holding a term in the reader's segments from
        number `first` on (not cached: what a new generation adds to an older one's)."""
        return self._read(reader, fieldname, text, positions=False, first=first)[0].astype(np.int32)

    def forget_postings(self) -> None:
        self._postings.clear()

    def postings_with_positions(self, reader, fieldname: str, text, among=None):
        """As postings(), plus the word positions of the term: `owners[j]` is the
        index in `ids` of the posting that `positions[j]` belongs to. With `among` (a
        mask over documents) only the positions in those documents are worked out:
        a phrase needs them only where its other words are too."""
        return self._read(reader, fieldname, text, positions=True, among=among)

    def _read(self, reader, fieldname: str, text, positions: bool, first: int = 0, among=None):
        blocks = [
            (block_ids + offset if offset else block_ids, *rest)
            for segment, offset in segment_readers(reader)[first:]
            for block_ids, *rest in _blocks(_matcher(segment, fieldname, text), positions)
        ]
        if not blocks:
            empty = np.empty(0, dtype=DOCNUM)
            return empty, np.empty(0, dtype=np.float64), empty, empty
        ids, weights, counts, gaps = (_joined(column) for column in zip(*blocks, strict=True))
        keep = None  # which postings' documents are live (None: all, nothing deleted)
        if self.deleted:
            run = run_of(ids)
            keep = self.live[ids if run is None else run]
            keep = None if keep.all() else keep  # (no deleted document holds the term)
        kept = None if keep is None else np.flatnonzero(keep)  # (see PICKED, matching.py)
        if not positions:
            if kept is None:
                return ids, weights, None, None
            return ids[kept], weights[kept], None, None
        if among is None:
            chosen = np.arange(len(ids)) if kept is None else kept
        else:
            chosen = np.flatnonzero(among[ids] if keep is None else keep & among[ids])
        owners, at = _positions_of(counts, gaps, chosen)
        if kept is None:  # no deleted document: postings keep their numbers
            return ids, weights, chosen[owners], at
        renumbered = np.cumsum(keep) - 1  # posting index once deleted documents are gone
        return ids[kept], weights[kept], renumbered[chosen][owners], at

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in words, as Whoosh's scorer sees it (1 when empty)."""
        return self._lengths[fieldname]

    def length_norms(self, fieldname: str, average: float, b: float, k1: float) -> np.ndarray:
        """BM25's length part of each document, k1 * ((1 - b) + b * length / average),
        worked out once per field (a generation's lengths never change)."""
        key = (fieldname, average, b, k1)
        found = self._norms.get(key)
        if found is None:
            found = k1 * ((1 - b) + b * self.lengths(fieldname) / average)
            found.flags.writeable = False
            self._norms[key] = found
        return found

    def average_length(self, fieldname: str) -> float | None:
        """A language field's average length over the articles in that language (None
        for other fields). Whoosh divides by every article, which in an index of
        100,000 English articles and 100 German ones would make each German article
        a thousand times longer than average and flatten its word frequencies."""
        return self._averages.get(fieldname)


def _joined(parts: tuple):
    """The segments' arrays as one (a common word's postings are mostly in one)."""
    if parts[0] is None:
        return None
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _positions_of(counts: np.ndarray, gaps: np.ndarray, chosen: np.ndarray):
    """The positions of the `chosen` postings (ascending indexes) from every posting's
    count of positions and their gaps: (index in `chosen` of each position's
    posting, the position). Only the chosen postings' gaps are summed. Per-posting
    values are spread over positions by gathering through `owners` (np.repeat is
    ~4x slower per position, and a common word has hundreds of thousands)."""
    chosen_counts = counts[chosen]
    ends = np.cumsum(chosen_counts)  # where each chosen posting's positions end
    owners = np.repeat(np.arange(len(chosen)), chosen_counts)
    if len(chosen) == len(counts):  # all of them: the gaps as they are
        picked = gaps.astype(np.int64)
    else:
        starts = np.cumsum(counts)[chosen] - chosen_counts  # where they start in `gaps`
        shift = (starts - (ends - chosen_counts))[owners]
        shift += np.arange(len(shift), dtype=shift.dtype)
        picked = gaps[shift].astype(np.int64)
    return owners, _running_totals(picked, owners, ends)


def _running_totals(gaps: np.ndarray, owners: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Positions from gaps, the running sum restarting at each posting's first gap
    (`owners`: each gap's posting; `ends`: the running sum of the postings' counts)."""
    totals = np.cumsum(gaps)
    if not len(totals):
        return totals
    before = np.zeros(len(ends), dtype=totals.dtype)  # the total before each posting
    before[1:] = totals[ends[:-1] - 1]
    totals -= before[owners]
    return totals


def run_of(ids: np.ndarray) -> slice | None:
    """A slice over the documents when `ids` (ascending, distinct) are a run of
    consecutive docnums, as a word in every article has; else None. Indexing an
    array by it takes a view instead of gathering 100,000 elements at 100k."""
    if len(ids) > 1 and int(ids[-1]) - int(ids[0]) == len(ids) - 1:
        return slice(int(ids[0]), int(ids[-1]) + 1)
    return None


def live_mask(reader) -> np.ndarray:
    """True for each document number that is not deleted."""
    live = np.ones(reader.doc_count_all(), dtype=bool)
    for segment, offset in segment_readers(reader):
        if segment.has_deletions():
            deleted = np.fromiter(segment.deleted_docs_set, dtype=DOCNUM)
            live[deleted + offset] = False
    return live


def varbytes_column(reader, fieldname: str) -> list[bytes]:
    """Every document's value of a variable-width bytes column (b"" where none):
    one read per segment for Whoosh's VarBytesColumn."""
    values: list[bytes] = []
    for segment, _ in segment_readers(reader):
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


def stored_records(reader, docnums: list[int]) -> list[dict]:
    """The stored fields of some documents, as `reader.stored_fields` gives them, read
    in one pass straight from each segment's stored column and inflated by ISA-L:
    Whoosh's layers and zlib took half the time of reading a page of ten hits."""
    parts = segment_readers(reader)
    offsets = [offset for _, offset in parts]
    records = []
    named: dict[int, frozenset] = {}  # id(schema) -> its field names, looked up once
    for docnum in docnums:
        segment, offset = parts[bisect_right(offsets, docnum) - 1]
        column = _stored_column(segment)
        local = docnum - offset
        if column is None or not 0 <= local < len(column._lengths):
            records.append(reader.stored_fields(docnum))
            continue
        data = VarBytesColumn.Reader.__getitem__(column, local)
        fields = loads(decompress(data)) if data else {}
        schema = segment.schema  # as Whoosh: fields no longer in the schema left out
        names = named.get(id(schema))
        if names is None:
            names = named[id(schema)] = frozenset(schema.names())
        if not names.issuperset(fields):  # (a set operation in C for the usual record)
            fields = {k: v for k, v in fields.items() if k in names or k in schema}
        records.append(fields)
    return records


def _stored_column(segment):
    """A segment's stored-fields column when it is Whoosh's zlib-compressed one."""
    perdoc = getattr(segment, "_perdoc", None)
    if perdoc is None or segment.is_closed:
        return None
    column = perdoc._cached_reader("_stored", STORED_COLUMN)
    child = getattr(column, "_child", None)
    if not isinstance(child, CompressedBytesColumn.Reader):
        return None
    return child if child._decompress.__module__ == "zlib" else None


def fixed_column(reader, fieldname: str, width: int) -> np.ndarray:
    """A fixed-width bytes column as a (documents × width) uint8 array."""
    parts = [_fixed_bytes(seg, fieldname, width) for seg, _ in segment_readers(reader)]
    return np.concatenate(parts) if parts else np.zeros((0, width), np.uint8)


def _encoded_lengths(parts, fieldname: str) -> np.ndarray:
    """Each document's length byte in a field (0 when it has no text there)."""
    encoded = [_length_bytes(seg, fieldname) for seg, _ in parts]
    return np.concatenate(encoded) if encoded else np.empty(0, np.uint8)


def _lengths(encoded: np.ndarray) -> np.ndarray:
    lengths = _LENGTH_OF_BYTE[encoded]
    lengths[encoded == 0] = 1.0
    return lengths


def _days(reader, parts) -> np.ndarray:
    """Publication day numbers (date.toordinal(); 0 when undated)."""
    field = reader.schema["day"]
    raw = [_numeric_column(seg, "day", field) for seg, _ in parts]
    raw = np.concatenate(raw) if raw else np.empty(0, np.int64)
    return raw - field.to_column_value(0)  # undo the sortable shift


def segments_of(reader) -> tuple[tuple[str, int], ...]:
    """(segment id, documents) of each segment a reader sees, in docnum order. A
    segment never changes but for deletions, so this names the documents: with
    the generation it identifies one index state (search/snapshot.py), and a
    shared prefix of it tells which documents two states have in common
    (search/copies.py)."""
    return tuple(_identity(segment) for segment, _ in segment_readers(reader))


def shared_segments(old: tuple, new: tuple) -> int:
    """How many leading segments two index states (segments_of) have in common: their
    documents keep their numbers from one state to the other (deletions aside)."""
    count = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        count += 1
    return count


def _identity(segment) -> tuple[str, int]:
    info = segment.segment() if hasattr(segment, "segment") else None
    return (info.segment_id() if info else "", segment.doc_count_all())


def segment_readers(reader) -> list[tuple[object, int]]:
    if reader.is_atomic():
        return [(reader, 0)]
    return list(zip(reader.readers, reader.doc_offsets, strict=True))


def _matcher(segment, fieldname: str, text):
    """A segment's posting matcher for a term, None when the segment lacks the term
    (one look-up in its term index, not a membership test and then another)."""
    if not segment.doc_count_all():
        return None
    try:
        return segment.postings(fieldname, text)
    except TermNotFound:
        return None


def _leaf(matcher):
    """The raw block reader under Whoosh's deleted-documents filter (we mask those ourselves)."""
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _blocks(matcher, positions: bool):
    """(ids, weights, position counts, position gaps) of a segment's posting list, the
    last two only when positions are asked for: each block's arrays are taken as they
    are, and the ids of all blocks made at once (a common word has a hundred blocks)."""
    if matcher is None:
        return
    matcher = _leaf(matcher)
    if not isinstance(matcher, PackedLeafMatcher):  # inlined or foreign: one by one
        yield from _blocks_one_by_one(matcher, positions)
        return
    if not matcher.is_active():  # Whoosh's filter moved past its postings: all deleted
        return
    firsts, id_gaps, weights, counts, gaps = [], [], [], [], []
    start = 0  # deflated bytes to inflate first: what the block before needed (0: the default)
    for compression, data in matcher.blocks():
        if positions:
            (first, block_gaps), block_weights, values = block_data(data, compression)[:3]
        else:  # (the block's positions left deflated)
            ((first, block_gaps), block_weights), fed = block_ids_and_weights(
                data, compression, start
            )
            start = max(start, fed)
        firsts.append(first)
        id_gaps.append(_numbers(block_gaps))  # postings.PackedPostingsWriter: first id, gaps
        size = len(id_gaps[-1]) + 1
        if block_weights is None or isinstance(block_weights, float):
            weights.append(np.full(size, 1.0 if block_weights is None else block_weights))
        else:
            weights.append(_numbers(block_weights))
        if positions:
            _, block_counts, block_position_gaps = values  # postings.pack_positions
            counts.append(_numbers(block_counts))
            gaps.append(_numbers(block_position_gaps))
    if not firsts:
        return
    # (as float32 when postings() keeps them so: no float64 copy of 100,000 made first)
    kind = np.float64 if positions else np.float32
    weights = np.concatenate(weights, dtype=kind, casting="same_kind")
    if not positions:
        yield _ids(firsts, id_gaps), weights, None, None
        return
    counts = np.concatenate(counts, dtype=DOCNUM, casting="safe")
    gaps = np.concatenate(gaps, dtype=np.uint32, casting="safe")
    yield _ids(firsts, id_gaps), weights, counts, gaps


RANGES = True  # (False: consecutive docnums summed up as any others, for tests to compare)
ROWS = True  # (False: blocks summed in one run whatever their sizes, for tests to compare)


def _ids(firsts: list[int], id_gaps: list[np.ndarray]) -> np.ndarray:
    """Docnums of blocks given as their first id and the gaps after it. Consecutive
    docnums (a word in every article) are made as a range: the running sum over
    100,000 postings is most of reading them (numpy's cumsum is ~10x an add).
    Blocks of one size (all but a shorter last one, as written) are summed as the
    rows of one matrix, each row starting at its block's first id."""
    lengths = [len(g) + 1 for g in id_gaps]
    last = firsts[-1] + int(id_gaps[-1].sum(dtype=DOCNUM))  # (ids ascend, each once)
    if RANGES and last - firsts[0] == sum(lengths) - 1:
        return np.arange(firsts[0], last + 1, dtype=DOCNUM)
    width = lengths[0]
    rows = len(lengths) - (lengths[-1] != width)  # blocks of the first one's size
    if ROWS and all(n == width for n in lengths[:rows]):
        steps = np.empty((rows, width), dtype=DOCNUM)
        steps[:, 0] = firsts[:rows]
        gaps = np.concatenate(id_gaps[:rows], dtype=DOCNUM, casting="safe")
        steps[:, 1:] = gaps.reshape(rows, width - 1)
        ids = np.cumsum(steps, axis=1).ravel()
        if rows == len(lengths):
            return ids
        tail = np.concatenate(([firsts[-1]], id_gaps[-1]), dtype=DOCNUM, casting="safe")
        return np.concatenate((ids, np.cumsum(tail)))
    return _summed_ids(firsts, id_gaps, np.array(lengths, dtype=DOCNUM))


def _summed_ids(firsts: list[int], id_gaps: list[np.ndarray], lengths: np.ndarray):
    """One running sum over all blocks, each block then shifted to start at its first id."""
    starts = np.cumsum(lengths) - lengths
    steps = np.zeros(int(lengths.sum()), dtype=DOCNUM)
    after_first = np.ones(len(steps), dtype=bool)
    after_first[starts] = False
    steps[after_first] = np.concatenate(id_gaps, dtype=DOCNUM, casting="safe")
    totals = np.cumsum(steps)
    return totals + np.repeat(np.array(firsts, dtype=DOCNUM) - totals[starts], lengths)


def _numbers(packed: tuple[str, bytes]) -> np.ndarray:
    """A packed array (postings.packed) as numpy, without copying."""
    typecode, data = packed
    return np.frombuffer(data, dtype=typecode)


def _blocks_one_by_one(matcher, positions: bool):
    postings = []
    while matcher.is_active():
        where = matcher.value_as("positions") if positions else None
        postings.append((matcher.id(), matcher.weight(), where))
        matcher.next()
    if not postings:
        return
    ids, weights, wheres = zip(*postings, strict=True)
    ids, weights = np.array(ids, DOCNUM), np.array(weights, np.float64)
    if not positions:
        yield ids, weights, None, None
        return
    counts = np.array([len(w) for w in wheres], dtype=DOCNUM)
    gaps = np.concatenate([np.diff(w, prepend=0) for w in wheres]).astype(DOCNUM)
    yield ids, weights, counts, gaps


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
