"""Small charts drawn on the server as SVG: no script and no external library.

The year histogram shows hits per year for the current search (counted as
if the year selection were lifted, like the facet list), one bar a link
that toggles that year.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.schema import UNDATED

from .params import search_url

WIDTH, HEIGHT, LABEL_SPACE = 240, 70, 14
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class Bar:
    year: str
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str
    selected: bool


def _plausible_year(value: str) -> bool:
    """Only years that hold articles: a URL asking for year=99999999 draws no bars."""
    return value != UNDATED and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR


def year_bars(req, values) -> list[Bar]:
    """Bars for every year between the first and last year with hits, oldest left."""
    counts = {v.value: v for v in values if v.count and _plausible_year(v.value)}
    if not counts:
        return []
    years = range(min(map(int, counts)), max(map(int, counts)) + 1)
    top = max(v.count for v in counts.values()) or 1
    slot = WIDTH / len(years)
    bars = []
    for i, year in enumerate(map(str, years)):
        value = counts.get(year)
        count = value.count if value else 0
        height = max(2.0, (HEIGHT - LABEL_SPACE) * count / top) if count else 0
        bars.append(
            Bar(
                year,
                count,
                i * slot + slot * 0.1,
                HEIGHT - LABEL_SPACE - height,
                slot * 0.8,
                height,
                search_url(req, toggle=("year", year)),
                bool(value and value.selected),
            )
        )
    return bars
