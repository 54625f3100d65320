"""Did you mean: corrections of words the index does not know.

"spectrun" becomes "spectrum" from the words of the index (Whoosh's
corrector over the unstemmed spelling field), and the corrected query is
offered only when it finds more than the one typed. Words in CJK script
are never corrected: the spelling field holds English-analysed words, and
an English word is no correction of a Chinese, Japanese or Korean one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..index.analysis import HAS_CJK
from .request import SearchRequest
from .results import Suggestion
from .selection import select
from .snapshot import Snapshot

SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def suggestion(snapshot: Snapshot, request: SearchRequest, total: int) -> Suggestion | None:
    if not request.q.strip() or total >= SUGGEST_BELOW:
        return None
    searcher = snapshot.searcher
    corrector = searcher.corrector("body")
    spelling_field = searcher.schema["body"].spelling_fieldname("body")
    reader = snapshot.reader
    words, changed = [], False
    analyzer = searcher.schema["body"].analyzer
    for word in request.q.split():
        plain = word.lower()
        if (
            _PLAIN_WORD.fullmatch(word)
            and not HAS_CJK.search(word)
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
