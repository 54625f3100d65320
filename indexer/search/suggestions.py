"""Did you mean: corrections of words the index does not know.

"spectrun" becomes "spectrum" from the words of the index (Whoosh's
corrector over the unstemmed spelling field), and the corrected query is
offered only when it finds more than the one typed.

Its cost is bounded by work, not by what was typed: only words of 3 to
MAX_WORD_CHARS letters are corrected, corrections keep the first letter
(Whoosh then reads one letter's words, not the whole word list), a query
with more than MAX_CORRECTED unknown words gets no suggestion (64
nonsense words took 7 s), and the corrections stop at BUDGET_SECONDS; in
each case the search goes on without a suggestion, and without an error.
Words in CJK script are never corrected: the spelling field holds
English-analysed words, and an English word is no correction of a Chinese,
Japanese or Korean one.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace

from whoosh.spelling import Corrector

from ..extract.lines import HAS_CJK
from .request import SearchRequest
from .results import Suggestion
from .selection import select
from .snapshot import Snapshot

SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
MIN_WORD_CHARS, MAX_WORD_CHARS = 3, 24  # words outside this are not typos of a word
MAX_CORRECTED = 3  # unknown words a query may have and still get a suggestion
BUDGET_SECONDS = 0.25  # corrections stop past this, without a suggestion
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class SegmentsCorrector(Corrector):
    """Whoosh's ReaderCorrector (same candidates, same scores), with the candidate
    words found segment by segment: each segment walks its word list with an
    automaton, where Whoosh's multi-segment reader compares every word of the
    index in Python (2 s at 10,000 articles in 8 segments, 0.2 s in one; the
    folder watcher's commits each add a segment)."""

    def __init__(self, reader, fieldname: str):
        self.reader, self.fieldname = reader, fieldname

    def _suggestions(self, text, maxdist, prefix):
        spelling = self.reader.schema[self.fieldname].spelling_fieldname(self.fieldname)
        words = set()
        for leaf, _ in self.reader.leaf_readers():
            words.update(leaf.terms_within(spelling, text, maxdist, prefix=prefix))
        for word in words:
            frequency = self.reader.frequency(self.fieldname, word) or 1
            yield 0 - (maxdist + (1.0 / frequency * 0.5)), word


def suggestion(snapshot: Snapshot, request: SearchRequest, total: int) -> Suggestion | None:
    if not request.q.strip() or total >= SUGGEST_BELOW:
        return None
    words = request.q.split()
    unknown = [i for i, word in enumerate(words) if _unknown(snapshot, word)]
    if not unknown or len(unknown) > MAX_CORRECTED:
        return None
    corrector = SegmentsCorrector(snapshot.reader, "body")
    deadline = time.monotonic() + BUDGET_SECONDS
    changed = False
    for i in unknown:
        if time.monotonic() > deadline:
            return None
        fixes = corrector.suggest(words[i].lower(), limit=1, prefix=1)
        if fixes:
            words[i], changed = fixes[0], True
    if not changed:
        return None
    corrected = " ".join(words)
    found = select(snapshot, replace(request, q=corrected)).total
    return Suggestion(corrected, found) if found > total else None


def _unknown(snapshot: Snapshot, word: str) -> bool:
    """A plain word of plausible length that is no stop word and not in the index."""
    if not (MIN_WORD_CHARS <= len(word) <= MAX_WORD_CHARS and _PLAIN_WORD.fullmatch(word)):
        return False
    if word in ("AND", "OR", "NOT") or HAS_CJK.search(word):
        return False
    schema = snapshot.searcher.schema
    plain = word.lower()
    if not any(True for _ in schema["body"].analyzer(plain)):  # a stop word
        return False
    return not snapshot.reader.doc_frequency(schema["body"].spelling_fieldname("body"), plain)
