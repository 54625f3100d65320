"""The Article: the one model of an article, from extraction to the API.

Extraction makes one from a file, the index stores it (index/schema.py) and
gives it back to searching, and every way the product shows an article as
data (the JSON API, feeds, exports, the CLI, the extraction cache) goes
through `to_json`, so a field is named and encoded in exactly one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

# What a search hit, an export row and a syndicated copy carry of an article.
SUMMARY_FIELDS = (
    "id",
    "path",
    "title",
    "date",
    "organisations",
    "topics",
    "language",
    "url",
    "source",
)
COPY_FIELDS = ("id", "title", "source", "url")
EXPORT_FIELDS = (
    "id",
    "title",
    "date",
    "organisations",
    "topics",
    "language",
    "source",
    "url",
    "path",
)
PARAGRAPH, HEADING, LIST_ITEM = "p", "h", "li"  # kinds of the text's blocks
BULLETS = "•●▪‣◦∙·*–—- "


def article_id(relpath: str) -> str:
    """A short id that stays the same while the file keeps its place in the corpus."""
    return hashlib.sha1(relpath.encode("utf-8")).hexdigest()[:12]


def web_url(url: str | None) -> str | None:
    """`url` if it is an absolute http or https URL, the only kind ever shown as a
    link (a `javascript:` or `data:` URL from a page or a sidecar is not), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unbalanced [ in the host
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class Removed:
    """A line the cleaner removed, and why (shown on the article page)."""

    line: str
    reason: str
    # Removed from between the article's paragraphs (a caption, a label), not
    # around them; known at extraction only (not stored).
    within: bool = field(default=False, compare=False)


@dataclass
class Article:
    path: str  # POSIX path relative to the corpus folder
    title: str
    text: str  # paragraphs separated by blank lines
    date: date | None = None
    organisations: list[str] = field(default_factory=list)  # what the article is about
    mentions: list[str] = field(default_factory=list)  # organisations merely named
    organisation_names: dict[str, str] = field(default_factory=dict)  # canonical -> full name
    org_evidence: dict[str, dict] = field(default_factory=dict)  # canonical -> how found
    topics: list[str] = field(default_factory=list)
    topic_evidence: dict[str, list[str]] = field(default_factory=dict)
    url: str | None = None
    source: str | None = None
    format: str = "text"  # "html", "text", "markdown" or "pdf"
    language: str = ""  # ISO 639-1 code (extract/language.py), "und" when unknown
    removed: list[Removed] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)  # fields set by a sidecar file
    # The kind of each paragraph of `text` (PARAGRAPH, HEADING, LIST_ITEM), as the
    # cleaner found it; empty when every paragraph is a plain one.
    kinds: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return article_id(self.path)

    @property
    def link(self) -> str | None:
        """The original's URL when it can be a link (http or https), else None."""
        return web_url(self.url)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def blocks(self) -> list[tuple[str, str]]:
        """(kind, text) of each paragraph, for the article page; list items
        without the bullet they were written with."""
        paragraphs = self.paragraphs
        kinds = self.kinds if len(self.kinds) == len(paragraphs) else [PARAGRAPH] * len(paragraphs)
        return [
            (kind, text.lstrip(BULLETS) if kind == LIST_ITEM else text)
            for kind, text in zip(kinds, paragraphs, strict=True)
        ]

    def to_json(self, fields: tuple[str, ...] | None = None) -> dict:
        """The article as JSON: every key, or the `fields` asked for, in one shape
        for `extract --json`, the API, exports and the cache; keep key names."""
        values = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "organisations": self.organisations,
            "mentions": self.mentions,
            "organisation_names": self.organisation_names,
            "topics": self.topics,
            "url": self.url,
            "source": self.source,
            "format": self.format,
            "language": self.language,
            "text": self.text,
            "kinds": self.kinds,
            "evidence": {"organisations": self.org_evidence, "topics": self.topic_evidence},
            "removed": [{"line": r.line, "reason": r.reason} for r in self.removed],
            "overridden": self.overridden,
        }
        return values if fields is None else {key: values[key] for key in fields}

    @classmethod
    def from_json(cls, data: dict) -> Article:
        """The inverse of to_json (for extraction results kept in the cache)."""
        evidence = data.get("evidence", {})
        return cls(
            path=data["path"],
            title=data["title"],
            text=data["text"],
            date=date.fromisoformat(data["date"]) if data.get("date") else None,
            organisations=data.get("organisations", []),
            mentions=data.get("mentions", []),
            organisation_names=data.get("organisation_names", {}),
            org_evidence=evidence.get("organisations", {}),
            topics=data.get("topics", []),
            topic_evidence=evidence.get("topics", {}),
            url=data.get("url"),
            source=data.get("source"),
            format=data.get("format", "text"),
            language=data.get("language", ""),
            removed=[Removed(r["line"], r["reason"]) for r in data.get("removed", [])],
            overridden=data.get("overridden", []),
            kinds=data.get("kinds", []),
        )
