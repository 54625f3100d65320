"""The Whoosh schema, and the conversion between Articles and index documents.

Facet fields (organisation, topic, year) are KEYWORD fields holding exact
canonical values, so a facet link filters on exactly the value it shows.
Title and body are stemmed so "partnerships" finds "partnership"; the title
gets a higher weight at query time (see search/query.py). Path, size, mtime and
content hash are what incremental indexing compares against the disk.
When the fields here change, the next `sixg-search index` rebuilds by itself.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from whoosh import columns
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ..article import Article
from ..extract.language import UNKNOWN as UNKNOWN_LANGUAGE
from .analysis import (
    CJK_FIELD,
    HAS_CJK,
    STEMMED,
    analysis_text,
    cjk_analyzer,
    english_analyzer,
    stem_field,
    stemming_analyzer,
)
from .postings import PackedPositions
from .signatures import encode, signature, signature_width

UNDATED = "undated"
# Article.to_json() keys kept in the stored `details` field for the article page.
DETAIL_KEYS = ("organisation_names", "evidence", "removed", "overridden", "kinds")
SCHEMA_VERSION = 9  # bump when the fields change: `index` then builds a new index beside


def build_schema() -> Schema:
    analyzer = english_analyzer()
    schema = Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True, unique=True),
        # spelling=True keeps unstemmed words aside for "did you mean"
        title=_phrase_text(analyzer, field_boost=2.0),
        body=_phrase_text(analyzer),
        organisation=KEYWORD(stored=True, commas=True, lowercase=False, scorable=True),
        mentions=KEYWORD(stored=True, commas=True, lowercase=False),
        topic=KEYWORD(stored=True, commas=True, lowercase=False),
        year=ID(stored=True),
        date=_exact_number(DATETIME(stored=True)),
        # Day number for sorting (0 when undated), so undated articles sort last
        # both ways; see search/ranking.py.
        day=NUMERIC(sortable=True, bits=32),
        url=STORED,
        source=ID(stored=True),
        format=ID(stored=True),
        details=STORED,  # JSON: full organisation names, evidence, removed lines
        size=_exact_number(NUMERIC(stored=True, bits=64)),
        mtime_ns=_exact_number(NUMERIC(stored=True, bits=64)),
        sha256=ID(stored=True),
        minhash=_stored_column(columns.FixedBytesColumn(signature_width())),  # signatures.py
        extractor=ID(stored=True),  # fingerprint of the extraction code and data files
        sidecar=ID(stored=True),  # signature of the article's .meta.json overrides, if any
        # path, size, mtime, hash, fingerprints as one column: what a run compares
        # with the disk, read for 100,000 articles without loading their texts
        filestate=COLUMN(columns.VarBytesColumn()),
        language=ID(stored=True),  # ISO 639-1 code, "und" when unknown
        # title and body again, analysed for other languages (analysis.py): the CJK
        # text of every article, and an article in a stemmed language with its stemmer
        **{CJK_FIELD: _phrase_text(cjk_analyzer(), stored=False, multitoken_query="phrase")},
    )
    for code in STEMMED:
        schema.add(stem_field(code), _phrase_text(stemming_analyzer(code), stored=False))
    return schema


def _phrase_text(analyzer, field_boost: float = 1.0, stored: bool = True, **options) -> TEXT:
    """Stemmed text with word positions in postings.py's packed layout (stored ones
    keep their unstemmed words aside for "did you mean")."""
    field = TEXT(
        stored=stored, analyzer=analyzer, field_boost=field_boost, spelling=stored, **options
    )
    field.format = PackedPositions(field_boost=field_boost)
    return field


def _exact_number(field: NUMERIC) -> NUMERIC:
    """A number indexed as its exact value alone. Whoosh also indexes a number at
    every precision tier (16 terms for a 64-bit one, 8 for a date) to speed up range
    queries; nothing here asks a range of these fields (dates are filtered on the
    `day` column), and those terms were 40 % of a build's terms, each written at
    the commit that nothing overlaps. A range typed as `date:[a TO b]` still finds
    the same articles (Whoosh then ranges over the exact values)."""
    field.shift_step = 0
    return field


def _stored_column(column) -> COLUMN:
    """A column (read in bulk, see arrays.py) that is also stored, so a document
    re-written from its stored fields keeps it."""
    field = COLUMN(column)
    field.stored = True
    return field


FILE_STATE = ("path", "size", "mtime_ns", "sha256", "extractor", "sidecar")


def file_state(doc: dict) -> bytes:
    return json.dumps([doc.get(key, "") for key in FILE_STATE]).encode("utf-8")


def read_file_states(raws: list[bytes]) -> list[list | None]:
    """Every document's file state as values in the order of FILE_STATE (None where
    it has none), with one JSON parse."""
    return json.loads(b"[" + b",".join(raw or b"null" for raw in raws) + b"]")


def to_document(
    article,
    *,
    size: int,
    mtime_ns: int,
    sha256: str,
    extractor: str,
    sidecar: str = "",
    minhash: bytes | None = None,
) -> dict:
    """The index document of an article (`minhash`: its signature, when already known)."""
    published = article.date
    extracted = article.to_json()
    doc = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.text,
        "organisation": ",".join(article.organisations),
        "mentions": ",".join(article.mentions),
        "topic": ",".join(article.topics),
        "url": article.url,
        "source": article.source or "",
        "format": article.format,
        "details": json.dumps({key: extracted[key] for key in DETAIL_KEYS}, ensure_ascii=False),
        "size": size,
        "mtime_ns": mtime_ns,
        "sha256": sha256,
        "extractor": extractor,
        "sidecar": sidecar,
        "language": article.language or UNKNOWN_LANGUAGE,
    }
    doc["minhash"] = _signature_column(minhash, article.text)
    return _with_derived(doc, published)


def from_stored(fields: dict, schema, **changes) -> dict:
    """A stored document ready to be written again (re-stamped or carried over).

    Stored fields hold everything but the derived fields, which are rebuilt;
    fields an older schema had are dropped, and a signature of another kind
    (other settings in syndication.toml) is computed again.
    """
    doc = {k: v for k, v in {**fields, **changes}.items() if k in schema.names() and v is not None}
    doc.pop("day", None)
    doc["minhash"] = _signature_column(doc.get("minhash"), doc.get("body", ""))
    return _with_derived(doc, stored_date(doc))


def _signature_column(known, text: str) -> bytes:
    """The signature already computed (kept in the extraction cache or an older
    index), unless it is of another kind than signatures.py makes now."""
    if isinstance(known, bytes) and len(known) == signature_width():
        return known
    return encode(signature(text))


def _with_derived(doc: dict, published: date | None) -> dict:
    """Fields computed from others: file state, sort day and year."""
    doc["filestate"] = file_state(doc)
    doc.update(language_fields(doc.get("title", ""), doc.get("body", ""), doc.get("language")))
    doc["day"] = published.toordinal() if published else 0
    doc["year"] = str(published.year) if published else UNDATED
    if published:
        doc["date"] = datetime(published.year, published.month, published.day)
    return doc


def language_fields(title: str, body: str, language: str | None) -> dict[str, str]:
    """The other analyses' fields of an article: CJK text, its own language's stems."""
    fields = {}
    if HAS_CJK.search(title) or HAS_CJK.search(body):
        fields[CJK_FIELD] = analysis_text(title, body)
    if language in STEMMED:
        fields[stem_field(language)] = analysis_text(title, body)
    return fields


def article_from_stored(fields: dict, *, details: bool = True) -> Article:
    """The Article an index document holds (the inverse of to_document).

    `details=False` skips the evidence and removed lines, which a hit list
    or an export never shows, and which cost a JSON parse per article.
    """
    extra = json.loads(fields.get("details") or "{}") if details else {}
    published = stored_date(fields)
    return Article.from_json(
        {
            **extra,
            "path": fields["path"],
            "title": fields["title"],
            "text": fields.get("body", ""),
            "date": published.isoformat() if published else None,
            "organisations": split_values(fields.get("organisation")),
            "mentions": split_values(fields.get("mentions")),
            "topics": split_values(fields.get("topic")),
            "url": fields.get("url"),
            "source": fields.get("source") or None,
            "format": fields.get("format") or "text",
            "language": fields.get("language") or UNKNOWN_LANGUAGE,
        }
    )


def split_values(stored: str | None) -> list[str]:
    return [v for v in (stored or "").split(",") if v]


def stored_date(fields: dict) -> date | None:
    value = fields.get("date")
    return value.date() if isinstance(value, datetime) else None
