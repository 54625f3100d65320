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

Salience: an article is *about* the organisations in its title or lead,
named again and again (signatories), or whose role in the story the text
states (the parties of the agreement it reports, the recipients of the
grants, the body that runs the call); the rest are merely *mentioned*. The
facet shows the former; the latter stay searchable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..datafiles import (
    FULL_WIDTH,
    Organisation,
    discovery_rules,
    role_words,
    spelling_key,
    suggested_kinds,
)
from ..datafiles import organisations as gazetteer
from .lines import HAS_CJK
from .phrases import NAME_CHAR, NAME_EDGE_AFTER, compile_names

LEAD_MIN_CHARS = 120
# Organisations of these countries are named with a genitive "s" in their
# languages ("Vinnovas utlysning"): their names match with it.
GENITIVE_S_COUNTRIES = frozenset({"SE", "NO", "DK"})
# Named this often in an article whose headline and lead name no organisation,
# an organisation is the subject the article keeps returning to. Where they do
# name one, that is the subject, and others named as often are background
# (the standards body results go to, an earlier partner) unless a role says more.
SALIENT_COUNT = 3
# A capitalised word, or an abbreviation such as "U.S."; a full stop ends a word
# unless a letter follows, so names never run across sentences. Bounded: no word
# of a name is longer, and a run like "A.A.A..." is not read to its end from
# each of its letters (quadratic: 16 KB of it took 11 s).
_NAME_WORD = r"(?:(?:[A-Z]\.){2,12}|[A-Z0-9](?:[\w&'’-]|\.(?=\w)){0,48})"
_LINK_WORD = r"(?:and|of|for|on|in|&|de|für)"
_DEFINITION = re.compile(
    rf"\b({_NAME_WORD}(?:\s+(?:{_LINK_WORD}\s+|the\s+)*{_NAME_WORD}){{1,9}})"
    r"\s*\(\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\)"
)
# The bracket closing a definition, and the characters that can stand between
# a definition's start and its bracket (what _DEFINITION's name is made of):
# one of the others, or the "(" itself, ends the stretch a definition starts in.
_DEFINED = re.compile(r"\(\s*[A-Z][A-Za-z0-9&-]{1,9}\s*\)")
_NOT_IN_NAME = re.compile(r"[^\w&'’.\s-]+")
# Acronyms: two capitals or more, no lower case ("B5GPC", "6G-IA", "NGA"). The
# capitals are counted within the acronym's own characters: a look further
# on would cross a whole unspaced Chinese text at every position.
_ACRONYM_SHAPE = r"(?=(?:[0-9&-]*[A-Z]){2})[A-Z0-9][A-Z0-9&-]{1,9}"
_ACRONYM = re.compile(_ACRONYM_SHAPE)
# An acronym at a name's edge: phrases.NAME_EDGE_BEFORE (no NAME_CHAR behind it),
# then _ACRONYM_SHAPE, written to open with the acronym's first character, so that
# a search skips to capitals and digits; the edge is looked for behind that first
# character, the capitals counted from there.
_ACRONYM_WORD = re.compile(
    rf"[A-Z0-9](?<!{NAME_CHAR}[A-Z0-9])"
    r"(?:(?<=[A-Z])(?=[0-9&-]*[A-Z])|(?<=[0-9])(?=(?:[0-9&-]*[A-Z]){2}))"
    rf"[A-Z0-9&-]{{1,9}}{NAME_EDGE_AFTER}"
)
# "Next G Alliance (NGA)": an acronym defined right after a name.
_ACRONYM_AFTER = re.compile(rf"\s*\(\s*({_ACRONYM_SHAPE})\s*\)")
_BRACKETED = re.compile(rf"\(\s*({_ACRONYM_SHAPE})\s*\)")
# A weak spelling followed by a capitalised word is part of a longer name
# ("Bharat 6G Mission" is not the Bharat 6G Alliance).
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z]")
# Between two spellings of one organisation, "(" or a dash means one mention:
# "Full Name (ACR)", "ACR – Full Name".
_SAME_MENTION = re.compile(r"^\s*[(–—-]?\s*$")
# The funding disclaimer closing an EU project's page ("This project has
# received funding from the ... under grant agreement No ...", "Funded by the
# European Union. Views and opinions expressed are ..."): boilerplate, like a
# footer, so the names only it holds are not the article's.
_DISCLAIMER = re.compile(
    r"(?:^|(?<=\n))(?:This\s+(?:project|work|research|action|initiative)\s+"
    r"(?:has\s+received|received|receives)\s+funding\s+from\b[^\n]*"
    r"|(?:Co-)?[Ff]unded\s+by\s+the\s+European\s+Union\b[^\n]*?"
    r"(?:[Vv]iews\s+and\s+opinions|[Gg]rant\s+[Aa]greement)[^\n]*)"
)


@dataclass(frozen=True)
class OrgMention:
    canonical: str
    name: str  # full name, for hover text and the article page
    matched: str  # the spelling found first, to explain the assignment
    count: int
    first: int  # character offset of the first mention
    where: str  # "title", "lead" or "body": where it is first named
    source: str  # "gazetteer", "definition" or "name"
    role: str = ""  # what the text says it does ("party", "publisher", ...), if anything
    listed: bool = False  # the lead names it only in a list of organisations

    @property
    def salient(self) -> bool:
        lead = self.where == "title" or (self.where == "lead" and not self.listed)
        return lead or bool(self.role)

    def evidence(self) -> dict:
        found = {
            "found_as": self.matched,
            "count": self.count,
            "where": self.where,
            "source": self.source,
        }
        if self.role:
            found["role"] = self.role
        return found


def find_organisations(title: str, body: str, issuers: Sequence[str] = ()) -> list[OrgMention]:
    """Organisations in the article, most mentioned first, ties by first mention.

    `issuers` are the names the article's attribution lines give as its
    publisher (`attribution`): lines the text cleaner removed around the body.
    One that is an organisation is the publisher; nothing else is read there."""
    text = f"{title}\n\n{body}"
    issued = len(text)
    if issuers:
        text += "".join(f"\n\n{name}" for name in issuers)
    scan = _full_width_folded(text)  # same length: offsets stay those of `text`
    regions = _regions(title, body)
    hits = _gazetteer_hits(scan)
    hits += _acronym_hits(scan, hits)
    taken = _Taken(scan, hits)
    strong = _index().strong
    for name, acronym in dict.fromkeys(_definitions(scan, strong)):
        for match in re.finditer(
            rf"(?<![\w-]){re.escape(acronym)}(?![\w-])|{re.escape(name)}", scan
        ):
            if not taken.overlaps(*match.span()):
                hits.append(_Hit(match.start(), match.end(), acronym, name, "definition"))
    taken = _Taken(scan, hits)
    for name, owner in _shaped_names(scan, taken, hits):
        canonical, full = (owner.canonical, owner.name) if owner else (name, name)
        spellings = (name,)
        bare = None if owner else _without_legal_form(name)
        if bare:  # "Radiona AB", and "Radiona" after: one company, under its name
            canonical, spellings = bare, (name, bare)
        for start, end in whole_words(scan, spellings):
            if not taken.overlaps(start, end):
                hits.append(_Hit(start, end, canonical, full, "name"))
    boilerplate = []
    if "funding from" in scan or "by the European Union" in scan:
        boilerplate = [m.span() for m in _DISCLAIMER.finditer(scan)]
    if boilerplate:
        hits = [h for h in hits if not any(a <= h.start < b for a, b in boilerplate)]
    publishers = set()
    if issuers:
        hits, publishers = _issuer_hits(scan, hits, issued)
    found: dict[str, _Found] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        _note(found, hit, text, scan)
    _merge_societies(found)
    _merge_sub_bodies(found, scan)
    roles, listed = _roles(scan, found, regions)
    for canonical in publishers:
        roles.setdefault(canonical, "publisher")
    if all(_where(f.first, regions) == "body" for f in found.values()):
        for canonical, entry in found.items():
            if entry.count >= SALIENT_COUNT:
                roles.setdefault(canonical, "named throughout")
    return sorted(
        (
            OrgMention(
                c,
                f.name,
                f.matched,
                f.count,
                f.first,
                _where(f.first, regions),
                f.source,
                roles.get(c, ""),
                c in listed,
            )
            for c, f in found.items()
        ),
        key=lambda o: (-o.count, o.first),
    )


# The lines that say who issued a press release: gov.uk's "From:" and the
# name under it, a closing "Source: X", "Issued by X". The text cleaner
# removes them (a label between paragraphs, a caption, what follows the
# article), yet a reader counts them as the article's attribution. The
# "Issued by" line left in the text gives its organisation the publisher role.
_ISSUED_BY = r"(?:Issued|Published|Released)\s+by"
_ATTRIBUTION_LABEL = rf"(?:From|Source|{_ISSUED_BY})"
ISSUER_MAX_CHARS = 150
_ATTRIBUTION = re.compile(
    rf"{_ATTRIBUTION_LABEL}(?:\s*:|(?<=by))[ \t]*([^\n]{{0,{ISSUER_MAX_CHARS}}})"
)
_LABEL = re.compile(rf"{_ATTRIBUTION_LABEL}\s*:?", re.IGNORECASE)


def is_attribution_label(label: str) -> bool:
    """Whether a page's metadata label ("From:", "Issued by") names its issuers."""
    return bool(_LABEL.fullmatch(label.strip()))


_CREDIT = re.compile(r"\s*Source\b")


def is_credit(line: str) -> bool:
    """A "Source:" line: removed from between an article's paragraphs it is
    the credit of a photo or chart ("Source: Nokia"), not the attribution."""
    return bool(_CREDIT.match(line))


def attribution(removed: Sequence[str]) -> list[str]:
    """The publishers named by attribution lines among the `removed` ones
    (in the order the cleaner removed them): "From:" or "Source:" alone takes
    the next line as the name."""
    issuers = []
    for i, line in enumerate(removed):
        match = _ATTRIBUTION.fullmatch(line.strip())
        if not match:
            continue
        name = match.group(1) or (removed[i + 1].strip() if i + 1 < len(removed) else "")
        if name and len(name) <= ISSUER_MAX_CHARS:
            issuers.append(name)
    return issuers


# What may stand between the names of a line that lists its issuers:
# "From: Department X and Council Y", "Source: X, Y and Z"
_ISSUER_GLUE = re.compile(r"(?:,|and|&|,\s*and)(?:\s+the)?", re.IGNORECASE)


def _issuer_hits(scan: str, hits: list[_Hit], issued: int) -> tuple[list[_Hit], set[str]]:
    """The hits of the body, and the organisations that are, alone or joined
    by "and" and commas, a whole issuer line after offset `issued` ("the" and
    a full stop aside)."""
    kept = [h for h in hits if h.start < issued]
    by_line: dict[int, list[_Hit]] = {}
    for hit in hits:
        if hit.start >= issued:
            by_line.setdefault(scan.rfind("\n", issued, hit.start) + 1, []).append(hit)
    publishers = set()
    for start, on_line in by_line.items():
        end = scan.find("\n", start)
        end = len(scan) if end < 0 else end
        on_line.sort(key=lambda h: h.start)
        before = scan[start : on_line[0].start].strip().lower()
        gaps = [scan[a.end : b.start] for a, b in zip(on_line, on_line[1:], strict=False)]
        after = scan[on_line[-1].end : end].strip()
        if before not in ("", "the") or after not in ("", "."):
            continue
        if not all(_ISSUER_GLUE.fullmatch(gap.strip()) for gap in gaps):
            continue
        kept += on_line
        publishers.update(hit.canonical for hit in on_line)
    return kept, publishers


_WORD_CHAR = re.compile(r"[\w-]")


def whole_words(text: str, spellings: Sequence[str]):
    r"""The spans of `spellings` as whole words in `text`, as `re.finditer` of
    `(?<![\w-])(?:a|b)(?![\w-])` gives them (at one place, the first spelling
    first), found with str.find: a pattern opening with a look-behind is tried
    at every character, which for each of thousands of names a hostile page
    can shape ("start-up Zq00001 Networks", ...) took seconds."""
    at = 0
    while True:
        found = [i for i in (text.find(s, at) for s in spellings) if i >= 0]
        if not found:
            return
        start = min(found)
        end = None
        if not (start and _WORD_CHAR.match(text, start - 1)):
            end = next(
                (
                    start + len(s)
                    for s in spellings
                    if text.startswith(s, start) and not _WORD_CHAR.match(text, start + len(s))
                ),
                None,
            )
        if end is None:
            at = start + 1
            continue
        yield start, end
        at = end


def _merge_societies(found: dict[str, _Found]) -> None:
    """An institute of a research society keeps its own name, and the society
    named in the same text is that institute ("Fraunhofer HHI ... Fraunhofer
    researchers"): one organisation, not two."""
    by_name = _by_canonical()
    for canonical in list(found):
        org = by_name.get(canonical)
        parent = by_name.get(org.parent) if org else None
        if parent is None or parent.canonical not in found or canonical not in found:
            continue
        if org.kind == parent.kind == "research institute":
            found[canonical].absorb(found.pop(parent.canonical))


_GENITIVE_GAP = re.compile(r"['’]s\s+(?:own\s+)?")


def _merge_sub_bodies(found: dict[str, _Found], scan: str) -> None:
    """A body found in the text alone whose name ends in a part word
    ([discovery] part_words) right after its owner's genitive ("the Federal
    Communications Commission's Technological Advisory Council (TAC)") is a
    part of that owner, counted as it."""
    part_words = discovery_rules().part_words
    ends = {end: canonical for canonical, entry in found.items() for _, end in entry.spans}
    for canonical in list(found):
        entry = found[canonical]
        if entry.source == "gazetteer" or entry.name.split()[-1] not in part_words:
            continue
        owners = {
            ends[end]
            for start, _ in entry.spans
            for end in range(max(0, start - 8), start)
            if end in ends and ends[end] != canonical and _GENITIVE_GAP.fullmatch(scan, end, start)
        }
        if len(owners) != 1:
            continue
        found[owners.pop()].absorb(found.pop(canonical))


@cache
def _by_canonical() -> dict[str, Organisation]:
    return {o.canonical: o for o in gazetteer()}


def _kind(canonical: str) -> str:
    """The gazetteer's kind of an organisation, "" for one found in the text alone."""
    org = _by_canonical().get(canonical)
    return org.kind if org else ""


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    canonical: str
    name: str
    source: str


@dataclass(frozen=True)
class _Spelling:
    text: str
    org: Organisation
    weak: bool


@dataclass(frozen=True)
class _Index:
    pattern: re.Pattern
    spellings: tuple[_Spelling, ...]
    strong: dict[str, Organisation]  # spelling_key -> the organisation it names
    weak: dict[str, tuple[Organisation, ...]]  # spelling_key -> the organisations it may name
    acronyms: dict[str, tuple[str, ...]]  # canonical -> its spellings shaped like acronyms


@cache
def _index() -> _Index:
    spellings, strong, weak, acronyms = [], {}, {}, {}
    for org in gazetteer():
        # Of many-word spellings that differ only in case or spacing, the one
        # with the fewest capitals is matched ("department of telecommunications"
        # lets "Department of Telecommunications" be written either way);
        # one-word spellings are matched as written, so each is kept.
        chosen: dict[tuple[str, bool, str], str] = {}
        for text, is_weak in [(t, False) for t in org.spellings] + [(t, True) for t in org.weak]:
            exact = text if len(text.split()) == 1 else ""
            key = (spelling_key(text), is_weak, exact)
            if key not in chosen or _capitals(text) < _capitals(chosen[key]):
                chosen[key] = text
        for (key, is_weak, _), text in chosen.items():
            spellings.append(_Spelling(text, org, is_weak))
            if is_weak:
                weak.setdefault(key, []).append(org)
            else:
                strong[key] = org
        acronyms[org.canonical] = tuple(
            s for s in (*org.spellings, *org.weak) if _ACRONYM.fullmatch(s)
        )
    genitive = frozenset(
        i
        for i, s in enumerate(spellings)
        if s.org.country in GENITIVE_S_COUNTRIES
        and not s.weak
        and s.text[:1].isupper()
        and not s.text.endswith("s")
    )
    return _Index(
        compile_names([s.text for s in spellings], genitive),
        tuple(spellings),
        strong,
        {k: tuple(v) for k, v in weak.items()},
        acronyms,
    )


def _capitals(text: str) -> int:
    return sum(c.isupper() for c in text)


def _reported(canonical: str) -> Organisation:
    """The entry an organisation is reported as: a group as its parent."""
    by_name = _by_canonical()
    org, seen = by_name[canonical], set()
    while org.folds_into_parent and org.parent in by_name and org.canonical not in seen:
        seen.add(org.canonical)
        org = by_name[org.parent]
    return org


_FULL_WIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")


def _full_width_folded(text: str) -> str:
    """`text` with full-width ASCII as ASCII (translate is slow on a text
    beyond ASCII, and most have none)."""
    return text.translate(FULL_WIDTH) if _FULL_WIDTH_CHAR.search(text) else text


def _gazetteer_hits(scan: str) -> list[_Hit]:
    """Gazetteer spellings in the text; a weak spelling counts only when the
    text also names its organisation (or that one's parent) by a strong one."""
    index = _index()
    strong, weak = [], []
    for match in index.pattern.finditer(scan):
        spelling = index.spellings[int(match.lastgroup[1:])]
        (weak if spelling.weak else strong).append((match, spelling))
    named = {s.org.canonical for _, s in strong}
    named |= {_reported(s.org.canonical).canonical for _, s in strong}
    hits = [_hit(m, s.org) for m, s in strong]
    for match, spelling in weak:
        owners = [
            o
            for o in index.weak[spelling_key(spelling.text)]
            if o.canonical in named or o.parent in named
        ]
        if len(owners) == 1 and not _NAME_GOES_ON.match(scan, match.end()):
            hits.append(_hit(match, owners[0]))
    return hits


def _hit(match: re.Match, org: Organisation) -> _Hit:
    reported = _reported(org.canonical)
    return _Hit(match.start(), match.end(), reported.canonical, reported.name, "gazetteer")


def _acronym_hits(scan: str, hits: list[_Hit]) -> list[_Hit]:
    """Acronyms resolved by evidence in the text.

    "Next G Alliance (NGA)" makes NGA a spelling of the Next G Alliance for
    this text; an unknown acronym one letter away from an acronym of an
    organisation the text names ("B5PC" beside "Beyond 5G Promotion
    Consortium") is that organisation misspelt, unless the text defines it
    ("Korea Institute of Science and Technology (KIST)" beside KAIST).
    """
    index = _index()
    local: dict[str, _Hit] = {}
    for hit in hits:
        defined = _ACRONYM_AFTER.match(scan, hit.end)
        if defined and spelling_key(defined.group(1)) not in index.strong:
            local.setdefault(defined.group(1), hit)
    taken = _Taken(scan, hits)
    named = {h.canonical for h in hits}
    bracketed = set(_BRACKETED.findall(scan))
    found = []
    for match in _ACRONYM_WORD.finditer(scan):
        token = match.group(0)
        if taken.overlaps(*match.span()) or spelling_key(token) in index.strong:
            continue
        owner = local.get(token)
        if owner is None:
            if token in bracketed:
                continue  # defined in the text as an organisation of its own
            near = {
                c
                for c in named
                for acronym in index.acronyms.get(c, ())
                if len(acronym) >= 4 and _one_edit_apart(token, acronym)
            }
            if len(near) != 1:
                continue
            canonical = near.pop()
            owner = next(h for h in hits if h.canonical == canonical)
        found.append(_Hit(match.start(), match.end(), owner.canonical, owner.name, "gazetteer"))
    return found


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter left out, added or changed (not case, not a digit for a digit)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and not (diff[0][0].isdigit() and diff[0][1].isdigit())
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Taken:
    """The characters of a text that found names cover."""

    def __init__(self, text: str, hits: list[_Hit]):
        self.covered = bytearray(len(text) + 1)
        self.ends = set()
        for hit in hits:
            self.covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            self.ends.add(hit.end)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.covered[start:end])

    def follows(self, text: str, offset: int) -> bool:
        """Whether a found name ends right before `offset` (spaces between)."""
        return any(
            offset - d in self.ends and not text[offset - d : offset].strip() for d in range(4)
        )


def _regions(title: str, body: str) -> tuple[int, int]:
    """End offsets of the title and of the lead (first paragraphs, 120+ chars;
    a Chinese, Japanese or Korean character counts as a word's worth, three)."""
    title_end = len(title)
    lead_end, size = title_end + 2, 0
    for paragraph in body.split("\n\n"):
        lead_end += len(paragraph) + 2
        size += len(paragraph) + 2 * len(HAS_CJK.findall(paragraph))
        if size >= LEAD_MIN_CHARS:
            break
    return title_end, lead_end


def _where(offset: int, regions: tuple[int, int]) -> str:
    title_end, lead_end = regions
    return "title" if offset < title_end else "lead" if offset < lead_end else "body"


def canonical_name(spelling: str) -> str:
    """The canonical value of any gazetteer spelling ("Academy of Finland" ->
    "Research Council of Finland"); other names come back unchanged."""
    found = _index().strong.get(spelling_key(spelling))
    return _reported(found.canonical).canonical if found else spelling


def known_spellings() -> dict[str, str]:
    """Every gazetteer spelling, folded (see `fold`), to its canonical value
    (a weak spelling shared by several organisations is left out)."""
    index = _index()
    result = {}
    for spelling in index.spellings:
        owners = index.weak.get(spelling_key(spelling.text), ()) if spelling.weak else ()
        if not spelling.weak or len(owners) == 1:
            result[fold(spelling.text)] = _reported(spelling.org.canonical).canonical
    return result


def full_name(canonical: str) -> str:
    org = _by_canonical().get(canonical)
    return org.name if org else canonical


def fold(spelling: str) -> str:
    """A spelling reduced for comparison: lower case, single spaces."""
    return " ".join(spelling.split()).lower()


@dataclass
class _Found:
    """One organisation's mentions in a text, as they are counted."""

    name: str
    matched: str  # the spelling found first
    count: int  # mentions ("Full Name (ACR)" is one)
    first: int  # offset of the first mention
    end: int  # the furthest end of a mention so far
    source: str
    spans: list[tuple[int, int]]  # (start, end) of every spelling found

    def absorb(self, other: _Found) -> None:
        """Count `other`'s mentions as this organisation's."""
        self.count += other.count
        self.spans += other.spans
        self.first = min(self.first, other.first)


def _note(found: dict[str, _Found], hit: _Hit, text: str, scan: str) -> None:
    entry = found.get(hit.canonical)
    if entry is None:
        matched = text[hit.start : hit.end]
        spans = [(hit.start, hit.end)]
        found[hit.canonical] = _Found(hit.name, matched, 1, hit.start, hit.end, hit.source, spans)
        return
    if not _SAME_MENTION.match(scan[entry.end : hit.start]):
        entry.count += 1
    entry.spans.append((hit.start, hit.end))
    entry.end = max(entry.end, hit.end)


def _definitions(text: str, known: dict) -> list[tuple[str, str]]:
    """ "Full Name (ACR)" pairs for organisations the gazetteer does not know."""
    result = []
    for match in _definition_matches(text):
        name, acronym = _trim_name(match.group(1)), match.group(2)
        if not name or spelling_key(name) in known or spelling_key(acronym) in known:
            continue
        if not _acronym_fits(acronym, name) or _is_sub_body(name.split()):
            continue
        result.append((name, acronym))
    return result


def _definition_matches(text: str):
    """What `_DEFINITION.finditer(text)` finds, read only where a bracket
    shaped like one closes a stretch of name characters: a definition's
    name runs up to its "(" through name characters only, and ends at the
    first ")" after it, so each "(" bounds the only window a definition
    using it can be in (windows never overlap: the text is read once)."""
    after = 0  # where the stretch of name characters before the next "(" starts
    for stop in _NOT_IN_NAME.finditer(text):
        at = stop.start()  # a "(" after another character than a name's has none before it
        bracket = _DEFINED.match(text, at) if text[at] == "(" else None
        if bracket:
            match = _DEFINITION.search(text, after, bracket.end())
            if match:
                yield match
        after = stop.end()


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
    "The"; numbers, adjectives such as "Berlin-based" and generic pairs ("National Institute",
    "Test Centre") are not names.
    """
    rules = discovery_rules()
    words = name.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith(("'s", "’s")) or (i > 0 and words[i] == "The"):
            words = words[i + 1 :]
            break
    while words and (
        words[0].lower() in rules.leading_noise
        or not _has_letter(words[0])
        or _is_compound_adjective(words[0])  # "Berlin-based Radiona GmbH"
    ):
        words.pop(0)
    if len(words) < 2 or rules.never & set(words):
        return None
    if any(not _has_letter(w) or _is_compound_adjective(w) for w in words):
        return None
    if len(words) == 2 and (words[0] in rules.generic or words[0].lower() == words[0]):
        return None
    if " ".join(words[:2]).startswith(rules.prefixes):
        return " ".join(words)
    ends = [i for i, w in enumerate(words) if w in rules.suffixes]
    if ends and words[ends[-1]] in rules.legal_forms:  # "Radiona AB of Lund": it ends there
        return " ".join(words[: ends[-1] + 1])
    if ends and (ends[-1] == len(words) - 1 or words[ends[-1] + 1] in ("for", "of")):
        return " ".join(words)
    return None


def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


# A word whose part after its last hyphen is in lower case is an adjective
# made of a name ("Berlin-based", "EU-funded", "Oulu-headquartered"), never a
# word of an organisation's name, which is capitalised throughout.
_COMPOUND_ADJECTIVE = re.compile(r"\w[\w.'’-]*-([^\W\d_]+)")


def _is_compound_adjective(word: str) -> bool:
    found = _COMPOUND_ADJECTIVE.fullmatch(word)  # any script's capitals: "Saint-Éloi"
    return bool(found) and not any(c.isupper() for c in found[1])


def _is_sub_body(words: list[str]) -> bool:
    """ "Governing Board", "Working Group": a part of an organisation, not one."""
    tail = " ".join(words[-2:])
    return any(tail.endswith(s) for s in discovery_rules().sub_bodies)


def _shaped_names(
    text: str, taken: _Taken, hits: list[_Hit]
) -> list[tuple[str, Organisation | None]]:
    """Organisation-shaped names that no gazetteer entry or definition covers,
    each with the gazetteer organisation it is part of, if any.

    A name is never cut from a longer one (a candidate right after a known
    name, "Next G Alliance Global Initiative", is its tail) nor two names
    fused ("Bharat 6G and Industry Alliance": the part before "and" is a
    spelling of its own). A sub-body ("SNS Governing Board") is reported as
    the organisation it belongs to, or not at all.
    """
    index = _index()
    names: list[tuple[str, Organisation | None]] = []
    known_names = {fold(h.name) for h in hits}
    for name in _start_ups(text, taken):
        if not any(fold(name) in k for k in known_names):
            names.append((name, None))
    for match in _shape_pattern().finditer(text):
        start, end = match.span(1)
        if taken.overlaps(start, end):
            continue
        candidate = match.group(1)
        right = _split_fusion(candidate)
        if right != candidate:  # "A GmbH of Berlin and B AB": a company's name ends at its form
            left = _trim_name(re.sub(r"\s+(?:and|&)\s+$", "", candidate[: -len(right)]))
            if left and _without_legal_form(left) and not any(fold(left) in k for k in known_names):
                names.append((left, _owner(left.split(), index)))
        name = _trim_name(right)
        if not name:
            continue
        offset = start + right.rindex(name) if name in right else start
        if taken.follows(text, offset):
            continue  # the tail of a name already found
        words = name.split()
        owner = _owner(words, index)
        if owner is None and _is_sub_body(words):
            continue
        if (name, owner) in names or any(fold(name) in k for k in known_names):
            continue
        bare = _without_legal_form(name)
        if bare and (bare, None) in names:
            names.remove((bare, None))  # "start-up Radiona" and "Radiona AB": one
        names.append((name, owner))
    return names


# A company the text calls a start-up or spin-off: "Finnish start-up Radiona
# raises ...", "the spin-off, Lumora Networks, ...". No gazetteer can know
# these; the word says the name that follows is a company's.
_START_UP = re.compile(
    r"[Ss](?<![\w-][Ss])(?:tart-?up|pin-?off|pin-?out)(?:\s*,)?[ \t]+"
    rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})"
)


def _start_ups(text: str, taken: _Taken) -> list[str]:
    """The names the text calls start-ups, but for those holding a word of
    [discovery] start_up_things ("the Start-up Programme"): not companies."""
    rules = discovery_rules()
    names: dict[str, None] = {}
    for match in _START_UP.finditer(text):
        words = match.group(1).split()
        if words[-1] in rules.legal_forms or taken.overlaps(*match.span(1)):
            continue  # a legal form is found by its shape
        if words[0].lower() in rules.leading_noise:
            continue
        if (rules.never | rules.start_up_things) & set(words):
            continue
        if all(w in rules.generic for w in words):
            continue
        if all(_has_letter(w) for w in words):
            names[match.group(1)] = None
    return list(names)


def _without_legal_form(name: str) -> str | None:
    """ "Radiona AB" -> "Radiona"; None for a name without a legal form."""
    words = name.split()
    if len(words) > 1 and words[-1] in discovery_rules().legal_forms:
        return " ".join(words[:-1])
    return None


def _split_fusion(candidate: str) -> str:
    """ "A and B Alliance" where A is a name of its own: only "B Alliance" is a candidate."""
    parts = re.split(r"\s+(and|&)\s+", candidate, maxsplit=1)
    if len(parts) == 3:
        left = parts[0].split()
        while left and left[0].lower() in discovery_rules().leading_noise:
            left.pop(0)
        key = spelling_key(" ".join(left))
        index = _index()
        if key in index.strong or key in index.weak or _trim_name(" ".join(left)):
            return parts[2]
    return candidate


def _owner(words: list[str], index: _Index) -> Organisation | None:
    """The gazetteer organisation a sub-body's name starts with ("SNS Governing Board")."""
    if not _is_sub_body(words):
        return None
    for size in range(len(words) - 1, 0, -1):
        key = spelling_key(" ".join(words[:size]))
        owners = (index.strong[key],) if key in index.strong else index.weak.get(key, ())
        if len(owners) == 1:
            return _reported(owners[0].canonical)
    return None


@cache
def _shape_pattern() -> re.Pattern:
    rules = discovery_rules()
    suffixes = "|".join(map(re.escape, rules.suffixes))
    prefixes = "|".join(map(re.escape, rules.prefixes))
    word = rf"{_NAME_WORD}\s+(?:{_LINK_WORD}\s+)?"
    # "German Research Center for Artificial Intelligence": a suffix word
    # followed by "for"/"of" and more capitalised words goes on.
    goes_on = (
        rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_NAME_WORD}"
        rf"(?:\s+(?:(?:and|of|&)\s+)?{_NAME_WORD}){{0,5}})?"
    )
    ends_with_suffix = rf"(?:{word}){{1,6}}(?:{suffixes})\b{goes_on}"
    starts_with_prefix = (
        rf"(?:{prefixes})\s+(?:of|for)\s+(?:the\s+)?{_NAME_WORD}"
        rf"(?:\s+(?:(?:and|of|for|&)\s+)?{_NAME_WORD}){{0,6}}"
    )
    return re.compile(rf"(?<![\w-])({ends_with_suffix}|{starts_with_prefix})")


# Roles: what the text says an organisation does in the story. In the
# patterns, "@" stands for a found name (every found name is masked with "@"s,
# keeping offsets), so a pattern says where the names sit.
_MASK = "@"
# A run of "@"s from its first: "@" first, so a pattern opening with a name is
# searched for its "@"s (a look-behind first would be tried at every character).
_ORG = r"@(?<!@@)@*+(?:\s*\(\s*@++\s*\))?"
_ORGS = rf"(?:the\s+)?{_ORG}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:the\s+)?{_ORG})*"
_LIST_ITEM = rf"(?:the\s+)?{_ORG}"
# Parties, each perhaps with its country: "Japan's @@@ and the UK @@@"
_QUALIFIED = rf"(?:the\s+)?(?:[A-Z][\w.]*(?:'s|’s)?\s+)?{_ORG}"
_PARTIES = rf"{_QUALIFIED}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){_QUALIFIED})*"
# "... with vendors including A, B and C": a list of three or more introduced
# as examples names members or partners, not the actors of the lead.
_LIST = re.compile(
    r"(?:\bincluding|\bsuch\s+as|\bamong\s+them|\bnamely|:)\s*"
    rf"{_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM})+\s*,?\s*(?:and|&|as\s+well\s+as)\s+{_LIST_ITEM}"
)
# One of [roles] recipient_words: the data file's words replace it in a role's
# patterns and hints (see _role_patterns), as in the list under a colon
# (_recipients_intro).
_RECIPIENT_WORD = "<recipient_words>"
# "will be signed by X", "carried out by X together with Y": the verb is in
# the passive, the actors follow "by".
_BY = r"(?:\s+(?:jointly|formally|today|also))?\s+by\s+"
_WITH = rf"(?:\s*,?\s+(?:together\s+with|with|alongside|and)\s+({_PARTIES}))?"
_ROLES = [
    # (role, words one of which the text must hold, patterns, first only): the
    # words are a cheap test that spares most texts the patterns. A role that is
    # "first only" is given by its first match alone: the agreement an article
    # reports comes before the earlier ones it recalls.
    # "The memorandum of understanding between X and Y", "signed by X and Y",
    # "X and Y have signed"
    (
        "party",
        ("between", "signed", "concluded"),
        [
            r"\b(?:memorandum\s+of\s+understanding|MoU|MOU|agreement|accord|letter\s+of\s+intent)"
            rf"\s+(?:[\w-]+\s+){{0,3}}?between\s+({_PARTIES})",
            r"\b(?:memorandum|MoU|MOU|agreement|accord|letter\s+of\s+intent)\s+"
            r"(?:was|were|is|has\s+been|will\s+be)\s+(?:signed|concluded)"
            rf"{_BY}(?:[\w-]+\s+){{0,2}}?({_PARTIES})",
            # "X and Y have signed ...", opening a sentence; "X signed an MoU with Y"
            rf"(?:^|(?<=[.!?]\s)|(?<=\n))({_PARTIES})\s+(?:have\s+|has\s+|today\s+|formally\s+)*"
            r"(?:signed|concluded)\b"
            r"(?:\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:memorandum|MoU|MOU|agreement|accord|"
            rf"letter\s+of\s+intent)(?:\s+of\s+understanding)?\s+with\s+({_PARTIES}))?",
        ],
        True,
    ),
    # "The trial was carried out by X together with Y": who did what the news reports
    (
        "party",
        ("carried out", "conducted", "performed"),
        [
            r"\b(?:trial|test|tests|demonstration|measurements?|experiment|field\s+test)\s+"
            r"(?:was|were|is|are|has\s+been|have\s+been|will\s+be)\s+"
            rf"(?:carried\s+out|conducted|performed){_BY}({_PARTIES}){_WITH}",
        ],
        True,
    ),
    # "X, which manages the programme for the ministry"; "the call is managed by X"
    (
        "runs the call",
        (
            "manage",
            "administer",
            "run ",
            "runs ",
            "handle",
            "running",
            "deliver",
            "oversee",
            "responsible",
        ),
        [
            rf"({_ORG})\s*,\s*(?:which|who|whose\s+[\w\s]{{1,40}}?)\s+"
            r"(?:manages|runs|administers|handles|implements|operates|will\s+manage|will\s+run)\s+"
            r"the\s+(?:programme|program|call|scheme|fund|funding|grants|competition)",
            r"\b(?:programme|program|call|scheme|fund|grants|competition)\s+(?:is|are|will\s+be)\s+"
            rf"(?:run|managed|administered|handled|implemented|operated){_BY}({_PARTIES})",
            rf"({_ORG})\s+(?:runs|manages|administers)\s+the\s+(?:programme|program|call|scheme)\b",
            # "X will manage the competition", "X is running the call"
            rf"({_ORG})\s+(?:will\s+(?:run|manage|administer|deliver|oversee)|is\s+(?:running|managing|"
            r"administering|delivering)|is\s+responsible\s+for)\s+the\s+(?:[\w-]+\s+){0,2}?"
            r"(?:programme|program|call|scheme|competition|fund|grants)\b",
        ],
        False,
    ),
    # "The grants will be awarded by X", "X will award the grants": who awards them
    (
        "announcer",
        ("award",),
        [
            r"\b(?:grants?|awards?|funding|contracts?)\s+(?:will\s+be|are|were|have\s+been|is)\s+"
            rf"awarded\s+by\s+(?:the\s+)?({_ORG})",
            rf"({_ORG})\s+(?:will\s+award|awards|has\s+awarded)\s+the\s+(?:grants|funding|awards)\b",
        ],
        False,
    ),
    # "사업 관리는 X이 맡는다", "X이 전담기관", "審査はXが行い", "由X负责项目管理"
    (
        "runs the call",
        ("맡", "담당", "기관", "審査", "受付", "管理", "運営", "執行", "负责", "負責", "机构"),
        [
            rf"관리는\s*({_ORG})(?:이|가)\s*(?:맡|담당)",
            rf"({_ORG})(?:이|가)\s*(?:전담|관리|전문)\s?기관",
            rf"(?:전담|관리|전문)\s?기관(?:인|은|는)\s*({_ORG})",
            rf"(?:受付|審査|管理|運営|執行)[^。、]{{0,10}}?は\s*({_ORG})が(?:行|担|実施)",
            rf"由\s*({_ORG})\s*负责[^，。]{{0,6}}?(?:管理|组织实施)",
            rf"(?:委由|委托|委託|交由)\s*({_ORG})\s*(?:负责|負責|承担|承擔)",
            rf"({_ORG})\s*(?:作为|为)[^，。]{{0,6}}?(?:项目管理|专业)机构",
        ],
        False,
    ),
    # "The grants were awarded to X, Y and Z"; "the hubs will be led by X"
    (
        "recipient",
        ("awarded to", "led by", "receive"),
        [
            r"\b(?:were|was|have\s+been|has\s+been|will\s+be)\s+awarded\s+to\s+"
            rf"(?:(?:the|a|an|two|three|four|five)\s+)?(?:[a-z][\w-]*\s+){{0,2}}({_PARTIES})",
            rf"\b(?:consortium|consortia|teams?)\s+led\s+by\s+({_PARTIES})",
            rf"\b(?:hubs?|projects?|centres?|centers?)\s+will\s+be\s+led\s+by\s+({_PARTIES})",
            # "X, Y and Z will each receive SEK 50 million"
            rf"(?:^|(?<=[.!?]\s)|(?<=\n))({_PARTIES})\s+(?:will\s+)?(?:each\s+)?(?:receive|receives)\s+"
            rf"(?:[^.;@]*?\b(?:funding|grants?|awards?|million|billion)\b)",
        ],
        False,
    ),
    # "Four universities will receive funding: A, B, C and D", "the following
    # institutions were selected: A, B and C": a list the sentence introduces as
    # the recipients (a list after "partners include:" stays members in passing)
    (
        "recipient",
        (_RECIPIENT_WORD,),
        [rf"\b{_RECIPIENT_WORD}\b[^\n.:;@]{{0,100}}:[ \t]*({_ORGS})"],
        False,
    ),
    # "The awards go to a consortium led by X"
    (
        "recipient",
        (" go to ", " goes to ", " went to "),
        [
            r"\b(?:awards?|grants?|funding|funds|money)\s+(?:go|goes|went|will\s+go)\s+to\s+"
            r"(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:(?:led\s+by|at|from|of)\s+)?"
            rf"({_ORGS})",
        ],
        False,
    ),
    # "X today announced": the publisher of a press release
    (
        "publisher",
        ("announce",),
        [rf"({_ORGS})\s+(?:today\s+announced|announced\s+today|today\s+announces)\b"],
        False,
    ),
    # "Issued by X" closing a press release
    (
        "publisher",
        ("issued by", "published by", "released by"),
        [rf"(?:^|\n){_ISSUED_BY}(?:[ \t]*:)?[ \t]+(?:the\s+)?({_ORG})[ \t.]*(?=\n|$)"],
        False,
    ),
    # "X will fund the testbeds", "the programme run by X": the body behind the
    # programme or call the article reports
    (
        "announcer",
        (
            "fund",
            "invest",
            "financ",
            "allocat",
            "run by",
            "managed by",
            "administered by",
            "operated by",
        ),
        [
            rf"({_ORG})\s+(?:will|is\s+to|is\s+set\s+to|plans\s+to)\s+"
            r"(?:fund|invest|finance|allocate|co-fund)\b",
            # "made under the resilient networking programme run by X"
            r"\bunder\s+(?:the|a|its)\s+(?:[\w-]+\s+){0,4}?(?:programme|program|call|scheme)\s+"
            rf"(?:run|managed|administered|operated)\s+by\s+(?:the\s+)?({_ORG})",
        ],
        False,
    ),
    # German: "Das X fördert ...", "wie das X mitteilte", "Projektträger ist X"
    (
        "announcer",
        ("förder", "mitteil", "teilte", "finanziert"),
        [
            rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Das|Die|Der)\s+({_ORG})\s+(?:fördert|finanziert)\b",
            rf"\b[Ww]ie\s+(?:das|die|der)\s+({_ORG})\s+(?:[\w.]+\s+){{0,3}}?mitteilte\b",
            rf"\bteilte\s+(?:das|die|der)\s+({_ORG})\s+(?:[\w.]+\s+){{0,3}}?mit\b",
        ],
        False,
    ),
    (
        "runs the call",
        ("projektträger",),
        [
            # the role's name, or its abstract noun, said of a body: "Projektträger ist
            # das X", "die Projektträgerschaft übernimmt das X"
            rf"Projektträger(?:schaft)?\s+(?:ist|sind|wird|übernimmt|übernehmen|hat|liegt\s+bei)"
            rf"\s+(?:das|die|der|dem)\s+({_ORG})",
        ],
        False,
    ),
    # Japanese, Korean and Chinese news of a programme: the first body that
    # "announced" or "made clear" it ("総務省は3日、…と発表した",
    # "과기정통부(장관 …)는 …밝혔다", "工业和信息化部近日印发通知")
    (
        "announcer",
        ("発表", "公表", "明らかに", "밝혔", "발표했", "印发", "发布", "宣布", "發布", "宣佈"),
        [
            # with the partner it announces together with: "XはYと共同で",
            # "X는 2일 Y와 …", "X与Y联合发布"
            rf"({_ORG})(?:\([^()\n]{{0,30}}\))?は(?:[^。、\n]{{0,10}}?({_ORG})と(?:共同で|共同して|連携して))?"
            r"[^。\n]{0,150}?(?:発表|公表|明らかに)し",
            rf"({_ORG})(?:\([^()\n]{{0,30}}\))?\s*(?:은|는)\s(?:\d{{1,2}}일\s*)?"
            rf"(?:({_ORG})\s*(?:과|와)\s)?[^.\n]{{0,200}}?(?:밝혔|발표했)",
            rf"({_ORG})\s*(?:(?:与|和|會同|会同|联合|聯合)\s*({_ORG})\s*(?:联合|聯合|共同)?)?"
            r"\s*(?:近日|日前|今天|今日|昨天|昨日|\d{1,2}月\d{1,2}日)?\s*(?:正式)?"
            r"(?:印发|发布|宣布|公布|發布|宣佈)",
        ],
        True,
    ),
    # "About X", the press release's boilerplate on the body that issues it
    # (opening a line: "About" first, so that it is searched for)
    (
        "publisher",
        ("about",),
        [rf"About(?<![^\n]About)\s+(?:the\s+)?({_ORG})[ \t]*(?=\n|$)"],
        False,
    ),
    # Its head speaks for it: "X 원장은", "Xの理事長は", "X院长表示"
    (
        "speaks for it",
        ("은", "는", "이", "가", "は", "表示", "说", "指出"),
        [
            rf"({_ORG})\s*(?:원장|장관|대표|관계자|사장|회장|단장|센터장|본부장|이사장)[은는이가]",
            rf"({_ORG})の?(?:理事長|社長|会長|担当者|所長|大臣)は",
            rf"({_ORG})(?:副?总裁|董事长|总经理|负责人|院长|主任|副?院長|董事長)(?:表示|说|指出)",
        ],
        False,
    ),
]


# A headline that calls the project it is about by a description, "European
# 6G flagship project publishes its blueprint": the project is the first one the
# text names (a project the headline names is salient anyway).
_PROJECT_WORD = re.compile(r"\b(?:project|flagship|initiative)\b")


def _described_project(text: str, found: dict[str, _Found], title_end: int) -> str | None:
    if not _PROJECT_WORD.search(text, 0, title_end):
        return None
    projects = [(entry.first, c) for c, entry in found.items() if _kind(c) == "research project"]
    if not projects or min(projects)[0] < title_end:
        return None
    return min(projects)[1]


# A public body that speaks in the news is the one announcing what it reports:
# "the Department of Telecommunications said on Wednesday", "said NTIA"; named
# back by its kind, "the ministry said", it is the one body of that kind the
# text names. Companies say things in passing; these speak for the programme.
# The words are the data file's ([roles]); the grammar around them is here.
@dataclass(frozen=True)
class _Speech:
    says_after: re.Pattern  # right after a name: "X said"
    said_before: re.Pattern  # "said X", "according to the X", "selon l'X"
    speaks_back: re.Pattern  # "the ministry said", "wie das Ministerium mitteilte"
    back_nouns: dict[str, str]  # the noun, lower case -> the word a body's name holds


@cache
def _speech() -> _Speech:
    """The patterns, built once from the data file's words. The German "wie
    das Ministerium mitteilte" and Japanese "同省は…発表した" are grammar of
    their own: they stay here, with their nouns."""
    words = role_words()
    says = rf"{_alternation(words.says)}\b"
    back_noun = "|".join(f"[{n[0].upper()}{n[0]}]{re.escape(n[1:])}" for n in words.back_nouns)
    speaks_back = (
        rf"\b[Tt]he\s+({back_noun})\s+(?:{says}|will\s+(?:fund|invest)\b)"
        rf"|\bsaid\s+the\s+({back_noun})\b"
        r"|\b[Ww]ie\s+das\s+(Ministerium)\s+(?:[\w.]+\s+){0,3}?mitteilte\b"
        r"|(同省)(?:は[^。\n]{0,150}?(?:発表|公表|明らかに)し|によると|によれば)"
    )
    return _Speech(
        re.compile(rf"\s+{says}"),
        re.compile(
            rf"\b{_alternation(words.said_before)}\s+"
            r"(?:the\s+|le\s+|la\s+|el\s+|il\s+|dem\s+|der\s+|l['’])?\Z"
        ),
        re.compile(speaks_back),
        {**words.back_nouns, "ministerium": "Ministry", "同省": "省"},
    )


def _alternation(phrases) -> str:
    """A group matching any of `phrases`, in their order, a space as any spaces."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + ")"


def _speaking_bodies(text: str, found: dict[str, _Found]) -> list[str]:
    """The public bodies the text has speak ([roles] speaking_kinds)."""
    words, speech = role_words(), _speech()
    speakers = []
    if any(hint in text for hint in words.speaking_hints):
        speakers += [
            canonical
            for canonical, entry in found.items()
            if _kind(canonical) in words.speaking_kinds
            and any(
                speech.says_after.match(text, end)
                or speech.said_before.search(text[max(0, start - 24) : start])
                for start, end in entry.spans
            )
        ]
    if not any(hint in text for hint in words.back_hints):
        return speakers
    for match in speech.speaks_back.finditer(text):
        noun = next(g for g in match.groups() if g).lower()
        word = speech.back_nouns[noun]
        bodies = [
            c
            for c, entry in found.items()
            if _kind(c) in words.speaking_kinds
            and (
                (word in entry.name or word in c or entry.matched.endswith(word))
                if word
                else _kind(c) == "government"
            )
        ]
        if len(bodies) == 1:
            speakers.append(bodies[0])
    return speakers


@cache
def _recipients_intro() -> re.Pattern:
    """ "The following institutions will receive funding:", the end of a
    paragraph introducing the list under it ([roles] recipient_words and
    recipient_list_words)."""
    words = role_words()
    return re.compile(
        rf"{_alternation(words.recipient_words + words.recipient_list_words)}[^\n.:]*:$"
    )


LIST_INTRO_CHARS = 200  # the end of a paragraph that may introduce a list
_ITEM_HEAD = re.compile(r"\s*(?:[•·▪*–-]\s*|\d{1,2}[.)]\s+)?(?:the\s+)?(?<!@)@")
LIST_ITEM_MAX_CHARS = 250


def _listed_recipients(text: str) -> list[int]:
    """Where the organisations heading the items of a list of recipients start."""
    starts, offset, intro = [], 0, False
    for paragraph in text.split("\n\n"):
        head = _ITEM_HEAD.match(paragraph)
        if intro and head and len(paragraph) <= LIST_ITEM_MAX_CHARS:
            starts.append(offset + head.end() - 1)
        else:
            end = paragraph.rstrip()
            intro = end.endswith(":") and bool(_recipients_intro().search(end[-LIST_INTRO_CHARS:]))
        offset += len(paragraph) + 2
    return starts


# In Chinese, Japanese and Korean news of a selection (the title or lead says
# so), the organisation that leads a selected project: "由X牵头", "Xを代表とする",
# "주관기관으로는 X, Y가 선정됐다".
_SELECTION = re.compile(r"선정|採択|受託|立项|资助|入选|中标|获批")
_CJK_ORGS = rf"{_ORG}(?:\s*(?:,|、|·|，|와|과|및|及び|と|和|与|及)\s*{_ORG})*"
_LEADERS = re.compile(
    "|".join(
        [
            rf"由\s*({_ORG})\s*牵头",
            rf"({_ORG})(?:を代表とする|を代表機関とする|が代表を務める|が受託)",
            rf"({_ORG})による[^。、]{{0,30}}?(?:研究開発|課題|提案)",
            # a label and its list: "採択先：A、B", "주관기관: A, B", "承担单位为A、B"
            rf"(?:採択先|受託者|委託先|代表機関|주관기관|수행기관|承担单位|牵头单位|中标单位|入选单位)"
            rf"\s*(?:は|：|:|为|是)[、，,]?\s*({_CJK_ORGS})",
        ]
    )
)


# ... and wherever the sentence itself says they were selected: "주관 기관으로는
# A, B, C 등이 선정됐다"
_SELECTED_LEADERS = re.compile(
    rf"(?:주관|수행)\s?기관(?:으로는|으로|로는|로|은|는)?\s*({_CJK_ORGS})\s?(?:등)?(?:이|가)?"
    r"\s*(?:각각\s*)?선정"
)


def _selection_leaders(text: str, regions: tuple[int, int]) -> list[int]:
    """Where the organisations leading the projects a selection names start."""
    leaders = [_SELECTED_LEADERS] if "선정" in text else []
    if _SELECTION.search(text, 0, regions[1]):
        leaders.append(_LEADERS)
    return [
        match.start(group) + run.start()
        for pattern in leaders
        for match in pattern.finditer(text)
        for group in range(1, len(match.groups()) + 1)
        if match.group(group)
        for run in re.finditer(r"@+", match.group(group))
    ]


@cache
def _role_patterns() -> tuple[
    tuple[str, tuple[str, ...], tuple[tuple[re.Pattern, tuple[str, ...]], ...], bool], ...
]:
    """_ROLES compiled, with the data file's recipient words in place of
    _RECIPIENT_WORD; each pattern with the strings one of which a text it
    matches must hold (`_required`)."""
    words = role_words().recipient_words
    hints_of = {_RECIPIENT_WORD: tuple(w.lower() for w in words)}
    return tuple(
        (
            role,
            tuple(h for hint in hints for h in hints_of.get(hint, (hint,))),
            tuple(
                (pattern, _required(pattern))
                for pattern in (
                    re.compile(p.replace(_RECIPIENT_WORD, _alternation(words))) for p in patterns
                )
            ),
            first,
        )
        for role, hints, patterns, first in _ROLES
    )


def _required(pattern: re.Pattern) -> tuple[str, ...]:
    """Strings one of which every match of `pattern` holds, the longest such
    set the pattern's top level shows (its literal runs, and the literal
    openings of its alternatives): a text holding none is not searched.
    Empty if there is none (or the pattern ignores case, is verbose or uses
    syntax `_atoms` does not read)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    try:
        found_sets = _literal_sets(_atoms(pattern.pattern))
    except _UnreadSyntax:
        return ()
    best: tuple[str, ...] = ()
    for found in found_sets:
        if found and (not best or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


class _UnreadSyntax(ValueError):
    """Regular-expression syntax `_atoms` does not read (a pattern is then not narrowed)."""


# What a pattern is read as, one item at a time: an escaped character standing for
# itself ("\\.", "\\n"), a quantifier (greedy, lazy or possessive), a character class.
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = frozenset("sSwWdDbBAZ")
_QUANTIFIER = re.compile(r"(?:[*+?]|\{(?!\})\d*(?:,\d*)?\})[?+]?")  # "{}" is two characters
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]", re.S)
_LOOK = ("(?=", "(?!", "(?<=", "(?<!")
_Atom = tuple[str, str, bool]  # kind ("literal", "group", "other" or "|"), text, quantified


def _atoms(source: str) -> list[_Atom]:
    """The top level of a pattern's `source`: its characters standing for themselves,
    groups (their inner source), bars between alternatives and anything else (a class,
    an escape such as \\s, a lookaround), each with whether a quantifier follows."""
    atoms: list[_Atom] = []
    at = 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            escaped = source[at + 1 : at + 2]
            if escaped in _CHAR_ESCAPES:
                atom = ("literal", _CHAR_ESCAPES[escaped])
            elif escaped in _CLASS_ESCAPES:
                atom = ("other", escaped)
            elif escaped and not escaped.isalnum():
                atom = ("literal", escaped)
            else:  # \\x41, \\u…, \\N{…}, a back-reference
                raise _UnreadSyntax(source[at:])
            at += 2
        elif char == "[":
            match = _CLASS.match(source, at)
            if not match:
                raise _UnreadSyntax(source[at:])
            atom, at = ("other", match.group()), match.end()
        elif char == "(":
            close = _group_end(source, at)
            inner = source[at + 1 : close]
            if source.startswith(_LOOK, at):
                atom = ("other", inner)
            elif inner.startswith("?:"):
                atom = ("group", inner[2:])
            elif inner.startswith("?P<") and ">" in inner:
                atom = ("group", inner[inner.index(">") + 1 :])
            elif inner.startswith("?"):  # inline flags, conditionals, comments
                raise _UnreadSyntax(source[at:])
            else:
                atom = ("group", inner)
            at = close + 1
        elif char == ")":
            raise _UnreadSyntax(source[at:])
        else:
            atom = ("|" if char == "|" else "other" if char in ".^$" else "literal", char)
            at += 1
        quantifier = _QUANTIFIER.match(source, at)
        if quantifier:
            at = quantifier.end()
        atoms.append((*atom, bool(quantifier)))
    return atoms


def _group_end(source: str, at: int) -> int:
    """The index of the bracket closing the group that opens at `at`."""
    depth = 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            match = _CLASS.match(source, at)
            if not match:
                raise _UnreadSyntax(source[at:])
            at = match.end()
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return at
        at += 1
    raise _UnreadSyntax(source)


def _literal_sets(atoms: list[_Atom]) -> list[tuple[str, ...]]:
    """The sets of strings one of which a match of the sequence `atoms` holds: its
    runs of literal characters, and those of the groups in it; of alternatives,
    their literal openings (when every one has one)."""
    if any(kind == "|" for kind, _, _ in atoms):
        branches: list[list[_Atom]] = [[]]
        for atom in atoms:
            if atom[0] == "|":
                branches.append([])
            else:
                branches[-1].append(atom)
        openings = tuple(_opening(branch) for branch in branches)
        return [openings] if all(openings) else []
    sets, run = [], ""
    for kind, text, quantified in [*atoms, ("other", "", False)]:
        if kind == "literal" and not quantified:
            run += text
            continue
        if run:
            sets.append((run,))
            run = ""
        if kind == "group" and not quantified:
            sets += _literal_sets(_atoms(text))
    return sets


def _opening(atoms: list[_Atom]) -> str:
    """The literal string a match of the sequence `atoms` starts with."""
    opening = ""
    for kind, text, quantified in atoms:
        if kind != "literal" or quantified:
            break
        opening += text
    return opening


def _roles(
    scan: str, found: dict[str, _Found], regions: tuple[int, int]
) -> tuple[dict[str, str], set[str]]:
    """The role each found organisation plays, where the text says so; and
    the organisations the lead names only in a list of three or more."""
    owner: dict[int, str] = {}
    for canonical, entry in found.items():
        for start, _ in entry.spans:
            owner[start] = canonical
    text = _masked(scan, [s for entry in found.values() for s in entry.spans])
    lowered = text.lower()
    roles: dict[str, str] = {}
    in_text: dict[str, bool] = {}  # the strings looked for so far, whether the text holds them
    in_lowered: dict[str, bool] = {}
    for role, hints, patterns, first in _role_patterns():
        if not _holds(lowered, hints, in_lowered):
            continue
        runnable = [p for p, required in patterns if _holds(text, required, in_text)]
        matches = sorted((m for p in runnable for m in p.finditer(text)), key=lambda m: m.start())
        for match in matches[:1] if first else matches:
            for group in range(1, len(match.groups()) + 1):
                for run in re.finditer(r"@+", match.group(group) or ""):
                    start = match.start(group) + run.start()
                    if start in owner:
                        roles.setdefault(owner[start], role)
    subject = _described_project(text, found, regions[0])
    if subject:
        roles.setdefault(subject, "subject")
    for canonical in _speaking_bodies(text, found):
        roles.setdefault(canonical, "announcer")
    for start in _listed_recipients(text) + _selection_leaders(text, regions):
        if start in owner:
            roles.setdefault(owner[start], "recipient")
    title_end, lead_end = regions
    in_lists = [m.span() for m in _LIST.finditer(text, title_end, lead_end)]
    listed = set()
    for canonical, entry in found.items():
        lead_spans = [s for s in entry.spans if title_end <= s[0] < lead_end]
        if lead_spans and all(any(a <= s[0] < b for a, b in in_lists) for s in lead_spans):
            listed.add(canonical)
    return roles, listed


def _holds(text: str, strings: tuple[str, ...], seen: dict[str, bool]) -> bool:
    """Whether `text` holds one of `strings` (all texts do for none), each
    looked for once per text (`seen`: the answers so far)."""
    if not strings:
        return True
    for string in strings:
        found = seen.get(string)
        if found is None:
            found = seen[string] = string in text
        if found:
            return True
    return False


def _masked(scan: str, spans: list[tuple[int, int]]) -> str:
    """`scan` with the characters of `spans` as _MASK, and no _MASK elsewhere."""
    pieces, at = [], 0
    text = scan.replace(_MASK, " ")
    for start, end in sorted(spans):
        if end > at:
            start = max(start, at)
            pieces += (text[at:start], _MASK * (end - start))
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


# Acronyms across the corpus. An acronym is resolved by the text that defines
# it ("Baltic Radio Promotion Association (BRPA)"); another article naming the
# bare BRPA would need the definition it does not hold. Resolving that at
# index time would make every article's facet depend on all the others (and
# re-index old articles whenever a new one defines something), so the corpus's
# definitions are offered to the operator instead, as gazetteer entries with
# their evidence: once added, the next `index` run re-extracts every article
# (the gazetteer is part of the extractor's fingerprint) and the bare acronym
# resolves everywhere, through the same rules as any gazetteer spelling.
@dataclass
class DefinedAcronym:
    acronym: str
    name: str  # the full name the articles define it as
    defined_in: list[str]  # paths of the articles that define it
    named_in: list[str]  # paths of the articles that name it bare, without defining it

    @property
    def kind(self) -> str:
        """A first guess at the gazetteer kind, from the last word of the name
        that names one ("... Innovation Association": association)."""
        words = self.name.split()
        kinds = suggested_kinds()
        last = next((w for w in reversed(words) if w in kinds), "")
        return kinds.get(last, "company")


def corpus_definitions(articles) -> dict[str, dict[str, list[str]]]:
    """Acronym -> full name -> paths of the articles defining it so, for the
    organisations that extraction found by a definition in the text."""
    found: dict[str, dict[str, list[str]]] = {}
    for article in articles:
        for canonical, evidence in article.org_evidence.items():
            if evidence.get("source") == "definition" and _ACRONYM.fullmatch(canonical):
                name = article.organisation_names.get(canonical, canonical)
                found.setdefault(canonical, {}).setdefault(name, []).append(article.path)
    return found


def defined_acronyms(
    definitions: dict[str, dict[str, list[str]]], articles
) -> list[DefinedAcronym]:
    """The acronyms defined one way only across the corpus, with the articles
    (a second pass over them) that name each bare; most named first.
    An acronym defined as two different names is left out: the corpus does
    not say which one a bare use means."""
    index = _index()
    single = {
        acronym: next(iter(names.items()))
        for acronym, names in definitions.items()
        if len(names) == 1 and spelling_key(acronym) not in index.strong.keys() | index.weak.keys()
    }
    named: dict[str, list[str]] = {acronym: [] for acronym in single}
    for article in articles:
        text = f"{article.title}\n\n{article.text}"
        for token in set(_ACRONYM_WORD.findall(text)) & single.keys():
            if article.path not in single[token][1]:
                named[token].append(article.path)
    result = [
        DefinedAcronym(acronym, name, paths, named[acronym])
        for acronym, (name, paths) in single.items()
    ]
    return sorted(result, key=lambda d: (-len(d.named_in), d.acronym))
