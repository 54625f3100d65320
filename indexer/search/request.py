"""What a search asks for: the query, facet selections, dates, sort and page.

The web pages, the JSON API, feeds, exports and the CLI all build one of
these (web/params.py reads it from the URL) and hand it to `search`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000  # deeper pages cost a sort of everything before them; no one reads them


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet param -> values
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    date_from: date | None = None  # inclusive range on the publication date
    date_to: date | None = None
    copies: bool = False  # list and count syndicated copies one by one

    def selected(self, param: str) -> list[str]:
        return self.filters.get(param, [])
