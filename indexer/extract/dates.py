"""Publication dates: parsing dates written in text, and reading a plain text's lead.

HTML pages get their date from htmldate, inside trafilatura's metadata pass
(see htmlclean); `published_date` vets what it finds.

A plain-text article states its date, if at all, in a dateline ("Brussels,
May 7th 2026"), a timestamp line ("2025-04-18 15:44:41") or its opening
words ("On 2 June 2022, ..."). Dates further down are about other things
(events, deadlines, history), and copyright years are not dates at all, so
only the lead is read. A date after today cannot be a publication date.
"""

from __future__ import annotations

import re
from datetime import date

from .lines import clutter_kind, is_body_sentence, word_count

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

DATE_PATTERNS = [
    re.compile(rf"(?<!\d){_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
]
LEAD_LINES = 8
LEAD_DATE_MAX_OFFSET = 30  # characters into the first paragraph
DATELINE_MAX_WORDS = 10


def parse_date(text: str) -> date | None:
    """The first plausible calendar date written in `text`."""
    found = _dates_with_offsets(text)
    return found[0][1] if found else None


def _dates_with_offsets(text: str) -> list[tuple[int, date]]:
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed:
                found.append((match.start(), parsed))
    return sorted(found)


def _to_date(match: re.Match) -> date | None:
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS.get(parts["month"].lower().rstrip("."))
    day = int(parts.get("d") or parts.get("day"))
    try:
        found = date(int(parts["year"]), month, day)
    except (TypeError, ValueError):
        return None
    return found if found <= date.today() else None


def looks_like_dateline(line: str) -> bool:
    return word_count(line) <= DATELINE_MAX_WORDS and parse_date(line) is not None


def date_from_text(lines: list[str]) -> date | None:
    """The date in an article's lead: its first lines and first words."""
    for line in lines[:LEAD_LINES]:
        if clutter_kind(line) == "copyright":
            continue
        if is_body_sentence(line):  # "On 2 June 2022, ..." / "BRUSSELS, May 7, 2026 -"
            found = _dates_with_offsets(line)
            return found[0][1] if found and found[0][0] <= LEAD_DATE_MAX_OFFSET else None
        found = parse_date(line)
        if found:
            return found
    return None


def published_date(iso: str | None) -> date | None:
    """An ISO date from metadata, unless missing, malformed or in the future."""
    try:
        parsed = date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None
    return parsed if parsed and parsed <= date.today() else None
