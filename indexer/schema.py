"""The Whoosh schema, and the conversion between Articles and index documents.

Facet fields (organisation, topic, year) are KEYWORD fields holding exact
canonical values, so a facet link filters on exactly the value it shows.
Title and body are stemmed so "partnerships" finds "partnership"; the title
gets a higher weight at query time (see search.py). Path, size, mtime and
content hash are what incremental indexing compares against the disk.
When the fields here change, the next `sixg-search index` rebuilds by itself.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .syndication import band_keys, encode, signature

UNDATED = "undated"
# Article.to_json() keys kept in the stored `details` field for the article page.
DETAIL_KEYS = ("organisation_names", "evidence", "removed", "overridden")
SCHEMA_VERSION = 4  # bump when the fields change: `index` then builds a new index beside


def build_schema() -> Schema:
    analyzer = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True, unique=True),
        # spelling=True keeps unstemmed words aside for "did you mean"
        title=TEXT(stored=True, analyzer=analyzer, field_boost=2.0, spelling=True),
        body=TEXT(stored=True, analyzer=analyzer, spelling=True),
        organisation=KEYWORD(stored=True, commas=True, lowercase=False, scorable=True),
        mentions=KEYWORD(stored=True, commas=True, lowercase=False),
        topic=KEYWORD(stored=True, commas=True, lowercase=False),
        year=ID(stored=True),
        date=DATETIME(stored=True),
        # Day number for sorting (0 when undated), so undated articles sort last
        # both ways; see search.py.
        day=NUMERIC(sortable=True, bits=32),
        url=STORED,
        source=ID(stored=True),
        format=ID(stored=True),
        details=STORED,  # JSON: full organisation names, evidence, removed lines
        size=NUMERIC(stored=True, bits=64),
        mtime_ns=NUMERIC(stored=True, bits=64),
        sha256=ID(stored=True),
        minhash=STORED,  # syndicated-copy signature (see syndication.py)
        bands=KEYWORD(stored=True),  # its LSH band keys, to find candidate copies
        extractor=ID(stored=True),  # fingerprint of the extraction code and data files
        sidecar=ID(stored=True),  # signature of the article's .meta.json overrides, if any
    )


def to_document(
    article, *, size: int, mtime_ns: int, sha256: str, extractor: str, sidecar: str = ""
) -> dict:
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
    }
    sig = signature(article.text)
    doc["minhash"] = encode(sig)
    doc["bands"] = " ".join(band_keys(sig)) if sig else ""
    return _with_dates(doc, published)


def from_stored(fields: dict, schema, **changes) -> dict:
    """A stored document ready to be written again (re-stamped or carried over).

    Stored fields hold everything but the derived sort key, which is rebuilt,
    and fields an older schema had are dropped.
    """
    doc = {k: v for k, v in {**fields, **changes}.items() if k in schema.names() and v is not None}
    doc.pop("day", None)
    return _with_dates(doc, stored_date(doc))


def _with_dates(doc: dict, published: date | None) -> dict:
    doc["day"] = published.toordinal() if published else 0
    doc["year"] = str(published.year) if published else UNDATED
    if published:
        doc["date"] = datetime(published.year, published.month, published.day)
    return doc


def split_values(stored: str | None) -> list[str]:
    return [v for v in (stored or "").split(",") if v]


def stored_date(fields: dict) -> date | None:
    value = fields.get("date")
    return value.date() if isinstance(value, datetime) else None
