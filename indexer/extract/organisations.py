"""Organisations in an article: canonical names, and which ones it is about.

Three sources, in order of trust:

1. the gazetteer (`data/organisations.toml`), which knows each
   organisation's full name, acronyms and former names;
2. definitions in the article, "Full Name (ACR)", for organisations the
   gazetteer lacks, when the name is shaped like an organisation;
3. organisation-shaped names on their own ("Korea Radio Promotion
   Association", "Ministry of Science and ICT"), following the discovery
   rules in the same data file.

Every spelling of one organisation folds into one canonical value, so a
facet never shows "6G-IA" and "6G Smart Networks and Services Industry
Association" as two organisations.

Salience: an article is *about* the organisations in its title or lead, or
named again and again (signatories); the rest are merely *mentioned*. The facet shows the
former; the latter stay searchable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import discovery_rules
from ..datafiles import organisations as gazetteer
from .phrases import compile_phrases

LEAD_MIN_CHARS = 200
SALIENT_COUNT = 3  # named this often, an organisation is what the article is about
# A capitalised word, or an abbreviation such as "U.S."; a full stop ends a word
# unless a letter follows, so names never run across sentences.
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z0-9](?:[\w&'’-]|\.(?=\w))*)"
_LINK_WORD = r"(?:and|of|for|on|in|&|de|für)"
_DEFINITION = re.compile(
    rf"\b({_NAME_WORD}(?:\s+(?:{_LINK_WORD}\s+|the\s+)*{_NAME_WORD}){{1,9}})"
    r"\s*\(\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\)"
)
# Between two spellings of one organisation, "(" or a dash means one mention:
# "Full Name (ACR)", "ACR – Full Name".
_SAME_MENTION = re.compile(r"^\s*[(–—-]?\s*$")
_LEADING_NOISE = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "by",
    "with",
    "from",
    "both",
    "its",
    "their",
    "in",
    "at",
    "on",
    "for",
    "to",
}


@dataclass(frozen=True)
class OrgMention:
    canonical: str
    name: str  # full name, for hover text and the article page
    matched: str  # the spelling found first, to explain the assignment
    count: int
    first: int  # character offset of the first mention
    where: str  # "title", "lead" or "body": where it is first named
    source: str  # "gazetteer", "definition" or "name"

    @property
    def salient(self) -> bool:
        return self.where in ("title", "lead") or self.count >= SALIENT_COUNT

    def evidence(self) -> dict:
        return {
            "found_as": self.matched,
            "count": self.count,
            "where": self.where,
            "source": self.source,
        }


def find_organisations(title: str, body: str) -> list[OrgMention]:
    """Organisations in the article, most mentioned first, ties by first mention."""
    text = f"{title}\n\n{body}"
    regions = _regions(title, body)
    found: dict[str, list] = {}
    taken: list[tuple[int, int]] = []
    pattern, lookup = _spelling_index()
    for match in pattern.finditer(text):
        canonical, name = lookup[fold(match.group(0))]
        _note(found, canonical, name, match, "gazetteer")
        taken.append(match.span())
    for name, acronym in _definitions(text, lookup):
        for match in re.finditer(
            rf"(?<![\w-]){re.escape(acronym)}(?![\w-])|{re.escape(name)}", text
        ):
            _note(found, acronym, name, match, "definition")
            taken.append(match.span())
    for name in _shaped_names(text, taken, found):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            _note(found, name, name, match, "name")
    return sorted(
        (
            OrgMention(c, n, m, count, first, _where(first, regions), source)
            for c, (n, m, count, first, _, source) in found.items()
        ),
        key=lambda o: (-o.count, o.first),
    )


def _regions(title: str, body: str) -> tuple[int, int]:
    """End offsets of the title and of the lead (first paragraphs, 200+ chars)."""
    title_end = len(title)
    lead_end = title_end + 2
    for paragraph in body.split("\n\n"):
        lead_end += len(paragraph) + 2
        if lead_end - title_end >= LEAD_MIN_CHARS:
            break
    return title_end, lead_end


def _where(offset: int, regions: tuple[int, int]) -> str:
    title_end, lead_end = regions
    return "title" if offset < title_end else "lead" if offset < lead_end else "body"


@cache
def _spelling_index() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    lookup = {}
    for org in gazetteer():
        for spelling in org.spellings:
            lookup[fold(spelling)] = (org.canonical, org.name)
    return compile_phrases([s for org in gazetteer() for s in org.spellings]), lookup


def canonical_name(spelling: str) -> str:
    """The canonical value of any gazetteer spelling ("Academy of Finland" ->
    "Research Council of Finland"); other names come back unchanged."""
    found = _spelling_index()[1].get(fold(spelling))
    return found[0] if found else spelling


def known_spellings() -> dict[str, str]:
    """Every gazetteer spelling, folded (see `fold`), to its canonical value."""
    return {folded: canonical for folded, (canonical, _) in _spelling_index()[1].items()}


@cache
def _full_names() -> dict[str, str]:
    return {org.canonical: org.name for org in gazetteer()}


def full_name(canonical: str) -> str:
    return _full_names().get(canonical, canonical)


def fold(spelling: str) -> str:
    """A spelling reduced for comparison: lower case, single spaces."""
    return " ".join(spelling.split()).lower()


def _note(found: dict, canonical: str, name: str, match: re.Match, source: str) -> None:
    entry = found.get(canonical)
    if entry is None:
        found[canonical] = [name, match.group(0), 1, match.start(), match.end(), source]
        return
    if not _SAME_MENTION.match(match.string[entry[4] : match.start()]):
        entry[2] += 1
    entry[4] = match.end()


def _definitions(text: str, known: dict) -> list[tuple[str, str]]:
    """ "Full Name (ACR)" pairs for organisations the gazetteer does not know."""
    result = []
    for match in _DEFINITION.finditer(text):
        name, acronym = _trim_name(match.group(1)), match.group(2)
        if not name or fold(name) in known or acronym.lower() in known:
            continue
        if not _acronym_fits(acronym, name):
            continue
        result.append((name, acronym))
    return result


def _acronym_fits(acronym: str, name: str) -> bool:
    """The acronym's capitals appear, in order, among the name's initials and capitals."""
    letters = [c for c in acronym if c.isalnum()]
    pool = "".join(c for c in name if c.isupper() or c.isdigit())
    position = 0
    for letter in letters:
        position = pool.find(letter.upper(), position) + 1
        if position == 0:
            return False
    return True


def _trim_name(name: str) -> str | None:
    """Cut a candidate back to an organisation-shaped name, or reject it.

    "Rosaly Lopes of NASA's Jet Propulsion Laboratory" keeps what follows the
    last possessive; "Braun and The Carlyle Group" what follows an inner
    "The"; numbers, "-based" words and generic pairs ("National Institute")
    are not names.
    """
    rules = discovery_rules()
    words = name.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith(("'s", "’s")) or (i > 0 and words[i] == "The"):
            words = words[i + 1 :]
            break
    while words and (words[0].lower() in _LEADING_NOISE or not _has_letter(words[0])):
        words.pop(0)
    if len(words) < 2 or rules.never & set(words):
        return None
    if any(not _has_letter(w) or w.endswith("-based") for w in words):
        return None
    if len(words) == 2 and words[0] in rules.generic:
        return None
    if words[-1] in rules.suffixes or " ".join(words[:2]).startswith(rules.prefixes):
        return " ".join(words)
    return None


def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def _shaped_names(text: str, taken: list[tuple[int, int]], found: dict) -> list[str]:
    """Organisation-shaped names that no gazetteer entry or definition covers."""
    names = []
    known_names = [fold(entry[0]) for entry in found.values()]
    for match in _shape_pattern().finditer(text):
        start, end = match.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        name = _trim_name(match.group(1))
        if not name or name in names or any(fold(name) in k for k in known_names):
            continue
        names.append(name)
    return names


@cache
def _shape_pattern() -> re.Pattern:
    rules = discovery_rules()
    suffixes = "|".join(map(re.escape, rules.suffixes))
    prefixes = "|".join(map(re.escape, rules.prefixes))
    word = rf"{_NAME_WORD}\s+(?:{_LINK_WORD}\s+)?"
    ends_with_suffix = rf"(?:{word}){{1,6}}(?:{suffixes})\b"
    starts_with_prefix = (
        rf"(?:{prefixes})\s+(?:of|for)\s+(?:the\s+)?{_NAME_WORD}"
        rf"(?:\s+(?:(?:and|of|for|&)\s+)?{_NAME_WORD}){{0,6}}"
    )
    return re.compile(rf"(?<![\w-])({ends_with_suffix}|{starts_with_prefix})")
