"""Organisations named in an article, as canonical facet values.

Two sources: the gazetteer (`data/organisations.toml`), which knows each
organisation's full name, acronyms and former names; and definitions in the
article itself, "Full Name (ACRONYM)", for organisations the gazetteer lacks.
Both fold every spelling of one organisation into one canonical value, so a
facet never shows "6G-IA" and "6G Smart Networks and Services Industry
Association" as two organisations. A definition only counts when the full
name is shaped like an organisation (it ends in Association, Alliance,
Ministry, ...), which keeps "Memorandum of Understanding (MoU)" and people's
names out of the facet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import organisations as gazetteer
from .phrases import compile_phrases

ORG_WORDS = (
    "Association",
    "Alliance",
    "Consortium",
    "Group",
    "Forum",
    "Ministry",
    "University",
    "Institute",
    "Commission",
    "Agency",
    "Council",
    "Organisation",
    "Organization",
    "Foundation",
    "Society",
    "Administration",
    "Authority",
    "Corporation",
    "Committee",
    "Centre",
    "Center",
    "Laboratory",
    "Laboratories",
    "Undertaking",
    "Union",
    "Partnership",
    "Office",
    "Bureau",
    "Department",
    "Board",
    "Federation",
    "Academy",
    "Project",
    "Initiative",
)
_NAME_WORD = r"(?:[A-Z0-9][\w&'’.-]*)"
_LINK_WORD = r"(?:and|of|for|the|on|in|&|de|für)"
_DEFINITION = re.compile(
    rf"\b({_NAME_WORD}(?:\s+(?:{_LINK_WORD}\s+)*{_NAME_WORD}){{1,9}})\s*\(\s*([A-Z][A-Z0-9&-]{{1,9}})\s*\)"
)


@dataclass(frozen=True)
class OrgMention:
    canonical: str
    name: str  # full name, for hover text and the article page
    matched: str  # the spelling found first, to explain the assignment
    count: int
    first: int  # character offset of the first mention


@cache
def _spelling_index() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    lookup = {}
    for org in gazetteer():
        for spelling in org.spellings:
            lookup[spelling.lower()] = (org.canonical, org.name)
    return compile_phrases([s for org in gazetteer() for s in org.spellings]), lookup


def find_organisations(text: str) -> list[OrgMention]:
    """Organisations in `text`, most mentioned first, ties by first mention."""
    pattern, lookup = _spelling_index()
    found: dict[str, list] = {}
    for match in pattern.finditer(text):
        canonical, name = lookup[_fold(match.group(0))]
        _note(found, canonical, name, match)
    for name, acronym in _definitions(text, lookup):
        for match in re.finditer(
            rf"(?<![\w-]){re.escape(acronym)}(?![\w-])|{re.escape(name)}", text
        ):
            _note(found, acronym, name, match)
    mentions = [OrgMention(c, n, m, count, first) for c, (n, m, count, first, _) in found.items()]
    return sorted(mentions, key=lambda o: (-o.count, o.first))


def _fold(spelling: str) -> str:
    return " ".join(spelling.split()).lower()


def _note(found: dict, canonical: str, name: str, match: re.Match) -> None:
    entry = found.get(canonical)
    if entry is None:
        found[canonical] = [name, match.group(0), 1, match.start(), match.end()]
        return
    between = match.string[entry[4] : match.start()].strip()
    if between != "(":  # "Full Name (ACR)" is one mention, not two
        entry[2] += 1
    entry[4] = match.end()


def _definitions(text: str, known: dict) -> list[tuple[str, str]]:
    """ "Full Name (ACR)" pairs for organisations the gazetteer does not know."""
    result = []
    for match in _DEFINITION.finditer(text):
        name, acronym = _trim_name(match.group(1)), match.group(2)
        if not name or _fold(name) in known or acronym.lower() in known:
            continue
        result.append((name, acronym))
    return result


def _trim_name(name: str) -> str | None:
    """Cut a candidate back to the organisation-shaped tail, or reject it."""
    words = name.split()
    if words[-1] not in ORG_WORDS and not any(w in ORG_WORDS for w in words[:2]):
        return None
    while words and words[0].lower() in ("the", "and", "of", "a", "an"):
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None
