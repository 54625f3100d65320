"""Documents analysed before they reach Whoosh's writer, so the writer only files them.

Whoosh's `add_document` analyses every field in the one indexing process,
and a stemmed field with spelling twice: its stems for the postings, then
its words again for "did you mean". `prepare()` does that work where the
article is extracted (a worker process, sync.py), and title and body in one
pass over their words; `add_prepared()` hands the result to the writer. What
the writer files is exactly what `add_document` would have filed (the same
postings, weights, positions, lengths, spelling words and stored values:
tests/test_prepared.py compares whole indexes built both ways).

The one-pass analysis applies to fields analysed as schema.py's English
analysis is (Whoosh's tokenizer, compatibility folding, lower case, stop
words, stemming): it reads its settings from the analyser's own filters and
any other field (or analyser of another shape) is analysed by Whoosh.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from .analysis import NfkcFilter

# Whoosh's default token pattern, and the same without the group that would make
# findall return the group instead of the word
_DEFAULT_TOKENS = r"[\w\*]+(\.?[\w\*]+)*"
_WORDS = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_SHAPE = (RegexTokenizer, NfkcFilter, LowercaseFilter, StopFilter, StemFilter)

# field name -> (posting items, spelling words): items as Whoosh's field.index
# yields them, (term bytes, frequency, weight, encoded positions)
Prepared = dict[str, tuple[list[tuple[bytes, int, float, bytes]], list[bytes]]]


def prepare(schema, document: dict) -> Prepared | None:
    """Every indexed field of `document` analysed, or None when the schema has a
    field kind `add_prepared` does not file (term vectors)."""
    prepared = {}
    for name, value in document.items():
        if name.startswith("_") or value is None:
            continue
        field = schema[name]
        if field.vector:
            return None
        one_pass = _one_pass(field) if isinstance(value, str) else None
        if one_pass is not None:
            prepared[name] = one_pass(value)
            continue
        items = list(field.index(value)) if field.indexed else []
        spelling = (
            [word.encode("utf-8") for word in field.spellable_words(value)]
            if field.separate_spelling()
            else []
        )
        prepared[name] = (items, spelling)
    return prepared


def add_prepared(writer, document: dict, prepared: Prepared | None, *, update: bool) -> None:
    """Add (update: replace by its unique fields) a document `prepare` analysed.

    Whoosh's SegmentWriter.add_document/update_document, with the analysis
    taken from `prepared`; without it (or for another writer) those methods."""
    if prepared is None or type(writer) is not SegmentWriter:
        (writer.update_document if update else writer.add_document)(**document)
        return
    if update:
        unique = writer._unique_fields(document)
        if unique:
            with writer.searcher() as searcher:
                for docnum in searcher._find_unique([(name, document[name]) for name in unique]):
                    writer.delete_document(docnum)
    _add(writer, document, prepared)


def _add(writer, fields: dict, prepared: Prepared) -> None:
    """SegmentWriter.add_document (Whoosh 2.7) without the analysis."""
    writer._check_state()
    perdocwriter = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    add_field = getattr(writer.pool, "add_field", None) or _one_by_one(writer.pool)
    docboost = writer._doc_boost(fields)
    fieldnames = sorted(name for name in fields if not name.startswith("_"))
    writer._check_fields(schema, fieldnames)
    vbytes = None  # Whoosh's loop variable: its spelling postings carry the last value
    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            items, spelling = prepared[fieldname]
            length = 0
            if field.indexed and items:
                fieldboost = writer._field_boost(fields, fieldname, docboost)
                if field.scorable:
                    length = sum(item[1] for item in items)
                add_field(fieldname, items, docnum, fieldboost)
                vbytes = items[-1][3]
            if spelling:
                spellfield = field.spelling_fieldname(fieldname)
                add_field(spellfield, [(word, None, 1, vbytes) for word in spelling], 0)
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
    except Exception:
        perdocwriter.cancel_doc()
        raise
    perdocwriter.finish_doc()
    writer._added = True
    writer.docnum += 1


def _one_by_one(pool):
    """Whoosh's own pool takes postings one tuple at a time."""

    def add_field(fieldname: str, items, docnum: int, boost=1) -> None:
        for tbytes, _, weight, vbytes in items:
            pool.add((fieldname, tbytes, docnum, weight * boost, vbytes))

    return add_field


def _one_pass(field):
    """The one-pass analysis of a field analysed like schema.py's English fields
    (None for other fields), worked out once per field object."""
    known = _analyses.get(id(field))
    if known is None or known[0] is not field:
        known = _analyses[id(field)] = (field, _analysis(field))
    return known[1]


_analyses: dict[int, tuple] = {}


def _analysis(field):
    analyzer = getattr(field, "analyzer", None)
    items = getattr(analyzer, "items", None)
    if (
        not field.indexed
        or not items
        or tuple(type(item) for item in items) != _SHAPE
        or items[0].gaps
        or items[0].expression.pattern != _DEFAULT_TOKENS
        or not items[3].renumber
        or type(field.format).word_values is not Positions.word_values
    ):
        return None
    stop, stem = items[3], items[4]
    return _Analysis(
        stop.stops,
        stop.min,
        stop.max,
        stem.stemfn,
        stem.ignore,
        field.format.encode,
        field.format.field_boost,
        field.separate_spelling(),
    )


class _Analysis:
    """Title or body as Whoosh's postings and spelling words, in one pass."""

    def __init__(self, stops, minsize, maxsize, stemfn, ignore, encode, boost, spelling):
        self.stops, self.min, self.max = stops, minsize, maxsize
        self.stem = _cached_stem(stemfn, frozenset(ignore or ()))
        self.encode, self.boost, self.spelling = encode, boost, spelling

    def __call__(self, text: str):
        stops, minsize, maxsize, stem = self.stops, self.min, self.max, self.stem
        positions: dict[str, list[int]] = {}
        words = set()
        first = None  # StopFilter renumbers: kept words follow the first one's position
        kept = 0
        for pos, word in enumerate(_WORDS.findall(text)):
            if not word.isascii():
                word = unicodedata.normalize("NFKC", word)
            word = word.lower()
            if len(word) < minsize or (maxsize is not None and len(word) > maxsize):
                continue
            if word in stops:
                continue
            if first is None:
                first = pos
            words.add(word)
            term = stem(word)
            found = positions.get(term)
            if found is None:
                positions[term] = [first + kept]
            else:
                found.append(first + kept)
            kept += 1
        encode, boost = self.encode, self.boost
        items = [
            (term.encode("utf-8"), len(where), float(len(where)) * boost, encode(where))
            for term, where in positions.items()
        ]
        spelling = [word.encode("utf-8") for word in sorted(words)] if self.spelling else []
        return items, spelling


@lru_cache(maxsize=8)
def _cached_stem(stemfn, ignore: frozenset):
    @lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        return word if word in ignore else stemfn(word)

    return stem
