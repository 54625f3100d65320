"""How posting lists are laid out on disk: Whoosh's files, numpy-friendly blocks.

Whoosh's default codec pickles each block of postings as tuples of Python
objects, and each posting's word positions as a pickle of its own. Reading
a common word at 100,000 articles then means unpickling some 50,000 small
pickles, about 100 ms, even for a query that never looks at positions.

This codec writes the same blocks with flat machine arrays instead: the gaps
between ids, and all the position gaps of a block as one array with the
number of positions of each posting beside it, each of the smallest
unsigned type that holds its values (mostly one byte); weights as float32.
arrays.py turns a block into numpy arrays with `np.frombuffer`, and
Whoosh's own matchers (merging, spelling, rare query kinds) still read
every block through the usual interface. A block is pickled with protocol 4
(raw bytes; Whoosh's protocol 2 re-encodes them as text) and inflated with
ISA-L on reading; blocks written before, in protocol 2, read as they are.
Ids and weights come first in a block, so a query that needs no positions
inflates only the start of each block and reads them where the pickle holds
them (block_ids_and_weights, _block_start). arrays.py reads a term's whole
posting list from the file at once and walks its blocks in memory (packed_blocks).
Everything else (term index, columns, stored fields, segments, merging) is
Whoosh's codec unchanged.

The codec and the format are recorded in the index by class path, so their
names here must not move; indexes written before this module moved into
`indexer.index` recorded it as `indexer.postings`, an alias kept at the end
of this file so that an upgrade can still read them. Arrays are in the
machine's byte order, as index files are not moved between machines of
different ones. A change of layout needs a new SCHEMA_VERSION.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from io import BytesIO
from itertools import accumulate, pairwise
from pickle import dumps, load, loads

from isal.isal_zlib import decompress, decompressobj
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte


class PackedPositions(Positions):
    """Word positions as the raw uint32 gaps between them (4 bytes per position)."""

    def encode(self, poslist):
        gaps, base = array("I"), 0
        for position in poslist:
            gaps.append(position - base)
            base = position
        return gaps.tobytes()

    def decode_positions(self, valuestring):
        positions, total = [], 0
        for gap in array("I", valuestring):
            total += gap
            positions.append(total)
        return positions

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4


class PackedCodec(W3Codec):
    """Whoosh's W3 codec with array-packed posting blocks (see the module's docstring).

    Blocks of 1,024 postings instead of Whoosh's 128, and zlib level 1 instead
    of 3: on 20,000 generated articles, four common words' positions read in
    13 ms instead of 25, and the posting file is smaller (21 MB against 28).
    Block skipping, which small blocks are for, is not used: lists are read
    whole (arrays.py).
    """

    def __init__(self, blocklimit=1024, compression=1, inlinelimit=1):
        super().__init__(blocklimit, compression, inlinelimit)

    def field_writer(self, storage, segment):
        return PackedFieldWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return KnownColumnsReader(storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class KnownColumnsReader(W3PerDocReader):
    """Whoosh's per-document reader, remembering which columns a segment has.

    Whoosh asks the file system whether a field's length column exists for
    every posting it writes (a `stat` each; fields without lengths are never
    remembered): a third of a commit's time. A segment's files never change
    once written, so one answer per field is enough.
    """

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._has: dict[str, bool] = {}

    def has_column(self, fieldname):
        found = self._has.get(fieldname)
        if found is None:
            found = self._has[fieldname] = super().has_column(fieldname)
        return found


class PackedFieldWriter(W3FieldWriter):
    """Whoosh's field writer, taking a term's postings at once from pool.py's pool."""

    def add_postings(self, schema, lengths, items):
        groups = getattr(items, "groups", None)
        if groups is None:
            return super().add_postings(schema, lengths, items)
        field = None
        for fieldname, btext, postings in groups():
            if fieldname != field:
                if field is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                field, doclengths = fieldname, _field_lengths(lengths, fieldname)
            if postings[0][0] == -1:  # Whoosh's mark of a spelling-only word, never posted
                postings = [p for p in postings if p[0] != -1]
                if not postings:
                    continue
            self.start_term(btext)
            self._postwriter.add_postings(postings, doclengths)
            self.finish_term()
        if field is not None:
            self.finish_field()


def _field_lengths(lengths, fieldname: str) -> list[int] | None:
    """Every document's length in a field, as the per-document reader gives them one
    by one (None: the field keeps no lengths)."""
    if lengths is None:
        return None
    reader = lengths._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if reader is None:
        return None
    return [byte_to_length(b) if b else 0 for b in reader]


# Blocks smaller than this are stored raw: deflating a 200-byte block costs about
# 20 us (zlib's set-up) and saves ~60 bytes; most terms have one small block, so at
# 2,000 articles that was 0.06 of the commit's 0.61 ms per article, for .pst files
# 0.6 % smaller. Each block says whether it is deflated, so any mix reads back.
SMALL_BLOCK = 128


class PackedPostingsWriter(W3PostingsWriter):
    def add_postings(self, postings: list[tuple], doclengths: list[int] | None) -> None:
        """A term's (document, weight, value) postings, sorted: add_posting for each."""
        limit = self._blocklimit
        for start in range(0, len(postings), limit):
            if self._ids:
                self._write_block()
            block = postings[start : start + limit]
            ids = [p[0] for p in block]
            weights = [p[1] for p in block]
            self._ids = array("I", ids)
            self._weights = array("f", weights)
            self._maxweight = max(0, max(weights))
            self._values = [p[2] for p in block if p[2]]
            if doclengths is not None:
                known = [n for n in (doclengths[i] for i in ids) if n]
                if known:
                    self._minlength, self._maxlength = min(known), max(known)

    def _write_block(self, last=False):
        """Whoosh's block writer, but pickling the block with protocol 4: protocol 2
        (Whoosh's) writes each bytes object as a latin-1 string to be encoded again
        on reading, which made unpickling a common word's blocks at 100k take 2.4 ms
        against 0.1 (and the data 8 % larger). Any protocol reads back the same, so
        indexes written before read as they are."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes, comp = dumps(data, BLOCK_PROTOCOL), self._compression
        if len(databytes) < SMALL_BLOCK:
            comp = 0  # (each block says whether it is deflated: readers look)
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        lengths = (length_to_byte(self._minlength), length_to_byte(self._maxlength))
        # (Whoosh's block info, read before the block: it stays in protocol 2)
        info = dumps((len(ids), ids[-1], self._maxweight, comp, *lengths), 2)
        size = len(info) + len(databytes)
        self._postfile.write_int(-size if last else size)  # negative: the last block
        self._postfile.write(info)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        ids = self._ids
        return ids[0], narrow([b - a for a, b in pairwise(ids)])  # first id, gaps

    def _mini_weights(self):
        weights = super()._mini_weights()
        if self._byteids or weights is None or isinstance(weights, float):
            return weights  # (term vectors are read by Whoosh's own W3 matcher)
        return packed(array("f", weights))

    def _mini_values(self):
        fixedsize = self._format.fixed_value_size()
        if self._byteids or (fixedsize is not None and fixedsize >= 0):
            return super()._mini_values()
        if isinstance(self._format, PackedPositions):
            return pack_positions(self._values)
        return JOINED, packed(array("I", map(len, self._values))), b"".join(self._values)


class PackedLeafMatcher(W3LeafMatcher):
    """Reads PackedPostingsWriter's blocks for Whoosh's own matching and merging."""

    def _read_data(self):
        """A block's data tuple, as Whoosh's, but inflated by ISA-L: the same zlib
        stream in half the time (inflating is half of reading a common word)."""
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        self._data = block_data(data, self._compression)

    def blocks(self):
        """(compression, data) of each block of the posting list, read from the file at
        once (see packed_blocks); the matcher itself stays where it is."""
        # (W3TermInfo.from_bytes reads the length with unpack_int: a 1-tuple when read
        # back, an int when just written)
        length = self._length[0] if isinstance(self._length, tuple) else self._length
        return packed_blocks(self._postfile.get(self._startoffset, length))

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        if self._byteids:
            return super()._read_ids()
        first, gaps = self._data[0]
        self._ids = tuple(accumulate(unpacked(gaps), initial=first))

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if weights is None or isinstance(weights, float):
            return super()._read_weights()
        self._weights = unpacked(weights)

    def _read_values(self):
        if self._data is None:
            self._read_data()
        fixedsize = self._fixedsize
        if fixedsize is not None and fixedsize >= 0:
            return super()._read_values()
        kind, lengths, joined = self._data[2]
        if kind == POSITIONS:
            counts, gaps = unpacked(lengths), unpacked(joined)
            self._values = tuple(g.tobytes() for g in split_positions(counts, gaps))
        else:
            self._values = tuple(split_joined(unpacked(lengths), joined))


def block_ids_and_weights(data: bytes, compression: int, start: int | None = None):
    """A block's ids and weights, as the first two items of its data tuple, and how
    many deflated bytes were inflated for them: only the start of the block is, as a
    body word's positions are 85 % of its block and a query without a phrase never
    looks at them. `start` bytes (PREFIX_BYTES if none) are inflated first, then
    STEP_BYTES or more at a time; the blocks of one list are alike, so arrays.py
    starts each block with what the one before needed (a common word's ids and
    weights at 100k: 1.3-1.5 KB)."""
    if not compression:
        found = _block_start(data)
        return found or loads(data)[:2], 0  # (None or SHORT: read generically)
    start = start or PREFIX_BYTES
    if len(data) <= start:  # a short block (a title word's): faster whole
        return loads(decompress(data))[:2], len(data)
    inflater, fed, inflated, found = decompressobj(), 0, b"", SHORT
    while found is SHORT and fed < len(data):
        step = start if not fed else max(STEP_BYTES, fed // 2)
        inflated += inflater.decompress(data[fed : fed + step])
        fed += step
        found = _block_start(inflated)
    if found is None or found is SHORT:  # a layout not met below: read generically
        found = _ids_and_weights(inflated)
    return found or loads(decompress(data))[:2], min(fed, len(data))


def block_data(data: bytes, compression: int) -> tuple:
    """A block's whole data tuple (ids, weights, values), inflated by ISA-L."""
    return loads(decompress(data) if compression else data)


_BLOCK_LENGTH = struct.Struct("!i")  # (Whoosh's write_int: negative for the last block)


def packed_blocks(extent: bytes):
    """(compression, data) of each block of a posting list, from the bytes of the whole
    list (its header first): one read of the file instead of Whoosh's five per block
    (seek, length, info, seek, data). A block is its length, Whoosh's info tuple
    (pickled; its fourth item says whether the data is deflated) and the data, as
    W3LeafMatcher._goto reads them."""
    if extent[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"not a posting list: {extent[:4]!r}")
    info_reader, at, last = BytesIO(extent), 4, False
    while not last:
        length = _BLOCK_LENGTH.unpack_from(extent, at)[0]
        last, length = length < 0, abs(length)
        info_reader.seek(at + 4)
        compression = load(info_reader)[3]
        start, at = info_reader.tell(), at + 4 + length
        yield compression, extent[start:at]


BLOCK_PROTOCOL = 4  # pickle protocol of posting blocks (see _write_block)
PREFIX_BYTES = 1536  # deflated bytes inflated first for a block's ids and weights (a common
# word's block at 100k: its ids and weights are in the first 1.3-1.5 KB of 8.5)
STEP_BYTES = 512  # then at least this much more at a time (half as much as fed so far)


SHORT = ()  # _block_start: the data stops before the weights end


def _block_start(data: bytes):
    """The ids and weights of a block (as _ids_and_weights) read straight from the
    offsets where the pickles written here hold them, in protocol 4 or 2, without
    walking every opcode in Python; SHORT when `data` stops before the weights end,
    None for any other layout (then walked by _ids_and_weights)."""
    try:
        if data[:2] == b"\x80\x04":
            found = _start_4(data)
        elif data[:2] == b"\x80\x02":
            found = _start_2(data)
        else:
            return None
    except (IndexError, struct.error, UnicodeError):
        return SHORT  # cut short within the ids or weights (other layouts: checked first)
    return found


def _start_4(data: bytes):
    first, at = _small_int(data, 11 if data[2] == _FRAME else 2)  # (after PROTO, FRAME)
    _need(data, at + 5)
    if first is None or data[at : at + 2] != b"\x8c\x01" or data[at + 3] != 0x94:
        return None  # the typecode and its MEMOIZE
    gaps, end = _bytes_4(data, at + 4)
    _need(data, end + 6)  # (first, (typecode, gaps)) made, each MEMOIZEd:
    if gaps is None or data[end : end + 5] != b"\x94\x86\x94\x86\x94":
        return None
    return _with_weights(first, chr(data[at + 2]), gaps, data, end + 5, _packed_weights_4)


def _packed_weights_4(data: bytes, at: int):
    _need(data, at + 5)
    if data[at : at + 4] != b"\x8c\x01f\x94":  # "f", MEMOIZE
        return None
    return _bytes_4(data, at + 4)[0]


def _bytes_4(data: bytes, at: int):
    """A bytes object pickled with protocol 4 at `at`, and where it ends."""
    op = data[at]
    if op == 0x43:  # SHORT_BINBYTES
        size, at = data[at + 1], at + 2
    elif op == 0x42:  # BINBYTES
        size, at = _U4.unpack_from(data, at + 1)[0], at + 5
    elif op == 0x8E:  # BINBYTES8
        size, at = _U8.unpack_from(data, at + 1)[0], at + 9
    else:
        return None, at
    _need(data, at + size)
    return data[at : at + size], at + size


_P2_ENCODE = b"c_codecs\nencode\nq"
_P2_LATIN1 = b"X\x06\x00\x00\x00latin1q"


def _start_2(data: bytes):
    """Protocol 2 (indexes written before): bytes as _codecs.encode(text, "latin1")."""
    first, at = _small_int(data, 2)
    if first is None:
        return None
    _need(data, at + 27)
    if data[at : at + 5] != b"X\x01\x00\x00\x00" or data[at + 6] != 0x71:
        return None  # the typecode, its BINPUT, then the global and its BINPUT
    if data[at + 8 : at + 25] != _P2_ENCODE:
        return None
    typecode = chr(data[at + 5])
    gaps, at = _latin1_2(data, at + 26)
    if gaps is None:
        return None
    _need(data, at + 7)
    if data[at : at + 2] != b"\x86q" or data[at + 3 : at + 5] != b"\x86q":
        return None  # (typecode, gaps) and (first, ...) made, each memoized
    return _with_weights(first, typecode, gaps, data, at + 6, _packed_weights_2)


def _packed_weights_2(data: bytes, at: int):
    _need(data, at + 11)
    if data[at : at + 7] != b"X\x01\x00\x00\x00fq" or data[at + 8] != 0x68:
        return None  # "f", its BINPUT, then the global again (BINGET)
    return _latin1_2(data, at + 10)[0]


def _with_weights(first: int, typecode: str, gaps: bytes, data: bytes, at: int, packed):
    """The block's (ids, weights) with its weights read at `at`: None (all 1), one
    float, or ("f", float32 bytes) read by `packed`; None when they are none of these."""
    weights = _scalar_weights(data, at)
    if weights is False:
        weights = packed(data, at)
        if weights is None:
            return None
        weights = ("f", weights)
    return (first, (typecode, gaps)), weights


def _latin1_2(data: bytes, at: int):
    """The bytes of a protocol 2 `_codecs.encode(text, "latin1")` from its text at `at`
    (the global is before it) to the end of the call, and where the call's BINPUT ends."""
    if data[at] != 0x58:  # BINUNICODE
        return None, at
    start = at + 5
    end = start + _U4.unpack_from(data, at + 1)[0]
    _need(data, end + 3)
    text, at = data[start:end], end + 2  # (its BINPUT)
    if data[end] != 0x71:
        return None, at
    if data[at] == 0x58:  # the encoding's name, the first time, and its BINPUT
        _need(data, at + 13)
        if data[at : at + 12] != _P2_LATIN1:
            return None, at
        at += 13
    elif data[at] == 0x68:  # BINGET: the name again
        at += 2
    else:
        return None, at
    _need(data, at + 6)
    if data[at : at + 2] != b"\x86q" or data[at + 3 : at + 5] != b"Rq":
        return None, at  # TUPLE2, BINPUT, REDUCE, BINPUT
    return text.decode("utf-8").encode("latin-1"), at + 6


def _need(data: bytes, end: int) -> None:
    if len(data) < end:
        raise IndexError("cut short")


def _small_int(data: bytes, at: int):
    """A pickled int of up to 4 bytes at `at`, and where it ends (None: another opcode)."""
    op = data[at]
    if op == 0x4B:  # BININT1
        return data[at + 1], at + 2
    if op == 0x4D:  # BININT2
        return _U2.unpack_from(data, at + 1)[0], at + 3
    if op == 0x4A:  # BININT
        return _I4.unpack_from(data, at + 1)[0], at + 5
    return None, at


def _scalar_weights(data: bytes, at: int):
    """Weights pickled as None (all 1) or one float at `at`; False: something else."""
    op = data[at]
    if op == 0x4E:  # NONE
        return None
    if op == 0x47:  # BINFLOAT
        _need(data, at + 9)
        return _F8.unpack_from(data, at + 1)[0]
    return False


_U2, _I4, _U4, _U8, _F8 = (struct.Struct(f) for f in ("<H", "<i", "<I", "<Q", ">d"))


def _ids_and_weights(data: bytes) -> tuple | None:
    """The first two items of a pickled block tuple (ids, weights, values) from the
    start of the pickle: the opcodes up to the end of the weights are kept and the
    tuple closed with None for the values. None when `data` ends before the weights
    do, or holds an opcode not met in blocks (the caller then unpickles it all)."""
    at, depth, done_ids, cut, size = 0, 0, False, [], len(data)
    while at < size:
        op = data[at]
        at += 1
        fixed = _FIXED_OPCODES.get(op)
        if fixed is not None:
            at, depth = at + fixed[0], depth + fixed[1]
        elif op in _SIZED_OPCODES:
            width = _SIZED_OPCODES[op]
            at += width + int.from_bytes(data[at : at + width], "little")
            depth += 1
        elif op == _GLOBAL:  # protocol 2's _codecs.encode and bytes: two lines
            module_end = data.find(b"\n", at)  # (not found: -1, never a search from 0)
            end = data.find(b"\n", module_end + 1) if module_end >= 0 else -1
            if end < 0:
                return None
            at, depth = end + 1, depth + 1
        elif op == _FRAME:  # protocol 4's frame length: dropped, frames are optional
            cut.append(at - 1)
            at += 8
        else:
            return None
        if at > size:
            return None
        if not done_ids:
            done_ids = depth == 1 and op in _TUPLES  # (first id, gaps) made
        elif depth == 2 and (op in _TUPLES or op in _SCALARS):
            kept = b"".join(data[a + 9 : b] for a, b in pairwise([-9, *cut, at]))
            try:
                ids, weights, _ = loads(kept + b"N\x87.")  # NONE, TUPLE3, STOP
            except Exception:  # not laid out as a block: unpickled whole instead
                return None
            return ids, weights
    return None


# pickle opcodes in blocks: code -> (bytes of argument, change in stack depth)
_FIXED_OPCODES = {
    **{ord(c): (n, 1) for c, n in zip("KMJGN)hj", (1, 2, 4, 8, 0, 0, 1, 4), strict=True)},
    **{ord(c): (n, 0) for c, n in (("q", 1), ("r", 4), ("\x94", 0), ("\x80", 1))},
    **{ord(c): (0, d) for c, d in (("\x85", 0), ("\x86", -1), ("\x87", -2), ("R", -1))},
}
# strings and bytes: code -> bytes of their length
_SIZED_OPCODES = {
    ord(c): n for c, n in zip("X\x8c\x8dCB\x8e\x8a", (4, 1, 8, 1, 4, 8, 1), strict=True)
}
_GLOBAL, _FRAME = ord("c"), 0x95
_TUPLES = {0x85, 0x86, 0x87}
_SCALARS = {ord("N"), ord("G")}  # weights as None (all 1) or one float
POSITIONS, JOINED = "positions", "joined"  # how a block's variable-length values are packed


def narrow(values) -> tuple[str, bytes]:
    """The values as the smallest unsigned array type that holds them all, packed."""
    top = max(values, default=0)
    return packed(array("B" if top < 1 << 8 else "H" if top < 1 << 16 else "I", values))


def packed(values: array) -> tuple[str, bytes]:
    """An array as (typecode, bytes): Whoosh pickled blocks with protocol 2, which
    would write an array.array as a list of Python numbers."""
    return values.typecode, values.tobytes()


def unpacked(values: tuple[str, bytes]) -> array:
    typecode, data = values
    result = array(typecode)
    result.frombytes(data)
    return result


def pack_positions(values) -> tuple[str, tuple, tuple]:
    """A block's PackedPositions values as (kind, positions per posting, all gaps)."""
    gaps = array("I")
    for value in values:
        gaps.frombytes(value)
    return POSITIONS, narrow([len(v) // 4 for v in values]), narrow(gaps)


def split_positions(counts: array, gaps: array):
    """Each posting's gaps, as uint32 arrays (PackedPositions values)."""
    start = 0
    for count in counts:
        yield array("I", gaps[start : start + count])
        start += count


def split_joined(lengths: array, joined: bytes):
    start = 0
    for length in lengths:
        yield joined[start : start + length]
        start += length


# Indexes of schema 6 and older pickled these classes as `indexer.postings.*`:
# the alias lets `sixg-search index` read such an index while it builds the
# current version beside it (sync.py carries unreadable files' articles over).
sys.modules.setdefault("indexer.postings", sys.modules[__name__])
