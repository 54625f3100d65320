"""How posting lists are laid out on disk: Whoosh's files, numpy-friendly blocks.

Whoosh's default codec pickles each block of postings as tuples of Python
objects, and each posting's word positions as a pickle of its own. Reading
a common word at 100,000 articles then means unpickling some 50,000 small
pickles, about 100 ms, even for a query that never looks at positions.

This codec writes the same blocks with flat machine arrays instead: ids
and weights as arrays, and all the positions of a block as one byte string
of uint32 gaps with the byte length of each posting's part beside it.
arrays.py turns a block into numpy arrays with `np.frombuffer`, and
Whoosh's own matchers (merging, spelling, rare query kinds) still read
every block through the usual interface. Everything else (term index,
columns, stored fields, segments, merging) is Whoosh's codec unchanged.

The codec and the format are recorded in the index by class path, so their
names here must not move. A change of layout needs a new SCHEMA_VERSION.
"""

from __future__ import annotations

import sys
from array import array

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.formats import Positions
from whoosh.util.numlists import delta_encode

assert array("I").itemsize == 4 and sys.byteorder == "little", "positions are little uint32"


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
    """Whoosh's W3 codec with array-packed posting blocks (see the module's docstring)."""

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


class PackedPostingsWriter(W3PostingsWriter):
    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        return array("I", delta_encode(self._ids))

    def _mini_weights(self):
        weights = super()._mini_weights()
        return weights if weights is None or isinstance(weights, float) else array("f", weights)

    def _mini_values(self):
        fixedsize = self._format.fixed_value_size()
        if fixedsize is not None and fixedsize >= 0:
            return super()._mini_values()
        return pack_values(self._values)


class PackedLeafMatcher(W3LeafMatcher):
    """Reads PackedPostingsWriter's blocks; ids and weights need no change, as
    Whoosh's reader takes any sequence for them."""

    def _read_values(self):
        if self._data is None:
            self._read_data()
        fixedsize = self._fixedsize
        if fixedsize is not None and fixedsize >= 0:
            return super()._read_values()
        self._values = unpack_values(self._data[2])


def pack_values(values) -> tuple[bytes, bytes]:
    """Variable-length values as (uint32 byte lengths, the values joined)."""
    return array("I", map(len, values)).tobytes(), b"".join(values)


def unpack_values(packed: tuple[bytes, bytes]) -> tuple[bytes, ...]:
    lengths, joined = packed
    values, start = [], 0
    for length in array("I", lengths):
        values.append(joined[start : start + length])
        start += length
    return tuple(values)
