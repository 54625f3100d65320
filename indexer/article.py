"""The Article: what the extraction pipeline hands to the index and the CLI."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from .extract.textclean import Removed


def article_id(relpath: str) -> str:
    """A short id that stays the same while the file keeps its place in the corpus."""
    return hashlib.sha1(relpath.encode("utf-8")).hexdigest()[:12]


@dataclass
class Article:
    path: str  # POSIX path relative to the corpus folder
    title: str
    text: str
    date: date | None = None
    organisations: list[str] = field(default_factory=list)  # what the article is about
    mentions: list[str] = field(default_factory=list)  # organisations merely named
    org_names: dict[str, str] = field(default_factory=dict)  # canonical -> full name
    org_evidence: dict[str, dict] = field(default_factory=dict)  # canonical -> how found
    topics: list[str] = field(default_factory=list)
    topic_evidence: dict[str, list[str]] = field(default_factory=dict)
    url: str | None = None
    source: str | None = None
    format: str = "text"  # "html" or "text"
    removed: list[Removed] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)  # fields set by a sidecar file

    @property
    def id(self) -> str:
        return article_id(self.path)

    def to_json(self) -> dict:
        """The stable JSON shape of `sixg-search extract --json`; keep key names."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "organisations": self.organisations,
            "mentions": self.mentions,
            "organisation_names": self.org_names,
            "topics": self.topics,
            "url": self.url,
            "source": self.source,
            "format": self.format,
            "text": self.text,
            "evidence": {"organisations": self.org_evidence, "topics": self.topic_evidence},
            "removed": [{"line": r.line, "reason": r.reason} for r in self.removed],
            "overridden": self.overridden,
        }

    @classmethod
    def from_json(cls, data: dict) -> Article:
        """The inverse of to_json (for extraction results kept in the cache)."""
        evidence = data.get("evidence", {})
        return cls(
            path=data["path"],
            title=data["title"],
            text=data["text"],
            date=date.fromisoformat(data["date"]) if data.get("date") else None,
            organisations=data["organisations"],
            mentions=data["mentions"],
            org_names=data["organisation_names"],
            org_evidence=evidence.get("organisations", {}),
            topics=data["topics"],
            topic_evidence=evidence.get("topics", {}),
            url=data["url"],
            source=data["source"],
            format=data["format"],
            removed=[Removed(r["line"], r["reason"]) for r in data["removed"]],
            overridden=data["overridden"],
        )
