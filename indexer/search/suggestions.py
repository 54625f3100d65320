"""Did you mean: corrections of words the index does not know.

"spectrun" becomes "spectrum" from the words of the index (Whoosh's
corrector over the unstemmed spelling field), and the corrected query is
offered only when it finds more than the one typed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from whoosh.spelling import Corrector

from .request import SearchRequest
from .results import Suggestion
from .selection import select
from .snapshot import Snapshot

SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
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
    searcher = snapshot.searcher
    corrector = SegmentsCorrector(searcher.reader(), "body")
    spelling_field = searcher.schema["body"].spelling_fieldname("body")
    reader = snapshot.reader
    words, changed = [], False
    analyzer = searcher.schema["body"].analyzer
    for word in request.q.split():
        plain = word.lower()
        if (
            _PLAIN_WORD.fullmatch(word)
            and word not in ("AND", "OR", "NOT")
            and any(True for _ in analyzer(plain))  # not a stop word
            and not reader.doc_frequency(spelling_field, plain)
        ):
            fixes = corrector.suggest(plain, limit=1)
            if fixes:
                words.append(fixes[0])
                changed = True
                continue
        words.append(word)
    if not changed:
        return None
    corrected = " ".join(words)
    found = select(snapshot, replace(request, q=corrected)).total
    return Suggestion(corrected, found) if found > total else None
