"""One article by id, as its page shows it: with its copies and similar articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import COPY_FIELDS, Article
from .results import stored_article, stored_articles
from .snapshot import Snapshot

SIMILAR_FIELDS = ("id", "title", "date")


@dataclass
class ArticleDetail:
    article: Article
    copies: list[Article] = field(default_factory=list)  # the same release elsewhere
    similar: list[Article] = field(default_factory=list)  # Whoosh's more-like-this

    def to_json(self) -> dict:
        return {
            **self.article.to_json(),
            "copies": [c.to_json(COPY_FIELDS) for c in self.copies],
            "similar": [s.to_json(SIMILAR_FIELDS) for s in self.similar],
        }


def get_article(snapshot: Snapshot, article_id: str, similar: int = 5) -> ArticleDetail | None:
    docnum = snapshot.searcher.document_number(id=article_id)
    if docnum is None:
        return None
    copies = snapshot.generation.copies.others(docnum)
    return ArticleDetail(
        stored_article(snapshot, docnum, details=True),
        stored_articles(snapshot, copies),
        _similar(snapshot, docnum, similar),
    )


def _similar(snapshot: Snapshot, docnum: int, top: int) -> list[Article]:
    """Articles sharing the most telling words of this one."""
    results = snapshot.searcher.more_like(docnum, "body", top=top, numterms=12)
    return stored_articles(snapshot, [hit.docnum for hit in results])
