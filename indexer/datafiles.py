"""Loading of the data files people edit: clutter rules, organisations, topics, mail
words, feeds.

They live in TOML under `indexer/data/` so that a user who meets a new footer
or a new organisation edits a line of data, not code. Each loader validates
what it reads and names the file and entry at fault, because a typo in a
hand-edited file should fail loudly at start-up rather than silently match
nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
# The files extraction reads: an edit to one of them re-extracts every article.
# (syndication.toml is read by indexing and searching, see signatures.py and copies.py.)
EXTRACTION_FILES = ("clutter.toml", "organisations.toml", "topics.toml", "mail.toml")


class DataFileError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


def _load(name: str) -> dict:
    path = DATA_DIR / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


@dataclass(frozen=True)
class ClutterRule:
    kind: str
    patterns: tuple[re.Pattern, ...]
    max_words: int | None
    ends_article: bool = False

    def matches(self, line: str, words: int) -> bool:
        if self.max_words is not None and words > self.max_words:
            return False
        for pattern in self.patterns:  # noqa: SIM110 (any() over a generator: slower)
            if pattern.search(line):
                return True
        return False


@cache
def clutter_rules() -> tuple[ClutterRule, ...]:
    rules = []
    for kind, table in _load("clutter.toml").items():
        where = f"clutter.toml [{kind}]"
        patterns = tuple(_compile(p, where) for p in table.get("patterns", []))
        if not patterns:
            raise DataFileError(f"{where}: no patterns")
        rules.append(
            ClutterRule(kind, patterns, table.get("max_words"), table.get("ends_article", False))
        )
    return tuple(rules)


def article_end_kinds() -> frozenset[str]:
    return frozenset(rule.kind for rule in clutter_rules() if rule.ends_article)


ORG_KINDS = frozenset(
    {
        "association",
        "standards body",
        "group",
        "public body",
        "government",
        "regulator",
        "funding agency",
        "research programme",
        "research project",
        "research institute",
        "university",
        "company",
    }
)
_ORG_KEYS = frozenset(
    {"canonical", "name", "aliases", "former", "native", "weak", "parent", "kind", "country"}
)


@dataclass(frozen=True)
class Organisation:
    """One gazetteer entry.

    `aliases`, `former` (former names) and `native` (names in other scripts)
    are spellings that name the organisation wherever they occur; `weak`
    spellings ("NGA", "the government") name it only when the same text
    also names it by a spelling of the first kind. A `group` (a working
    group, a board) is reported as its `parent`.
    """

    canonical: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    former: tuple[str, ...] = ()
    native: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    parent: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The spellings that name the organisation on their own."""
        return tuple(
            dict.fromkeys((self.canonical, self.name, *self.aliases, *self.former, *self.native))
        )

    @property
    def folds_into_parent(self) -> bool:
        return self.kind == "group"


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def _organisation(entry: dict, where: str) -> Organisation:
    if not isinstance(entry.get("canonical"), str) or not entry["canonical"].strip():
        raise DataFileError(f"{where}: missing canonical")
    where = f"{where} ({entry['canonical']})"
    unknown = set(entry) - _ORG_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)}")
    kind = entry.get("kind", "")
    if kind not in ORG_KINDS:
        raise DataFileError(f"{where}: kind {kind!r} is not one of {sorted(ORG_KINDS)}")
    if kind == "group" and not entry.get("parent"):
        raise DataFileError(f"{where}: a group needs a parent")
    return Organisation(
        canonical=entry["canonical"],
        name=entry.get("name", entry["canonical"]),
        aliases=_strings(entry, "aliases", where),
        kind=kind,
        country=entry.get("country", ""),
        former=_strings(entry, "former", where),
        native=_strings(entry, "native", where),
        weak=_strings(entry, "weak", where),
        parent=entry.get("parent", ""),
    )


# Full-width ASCII (Ａ, （, ６) and the ideographic space, to their ASCII forms.
FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


def spelling_key(spelling: str) -> str:
    """A spelling reduced for comparing gazetteer entries: case, spaces, "&"/"and"."""
    text = spelling.translate(FULL_WIDTH).lower().replace("&", " and ")
    return "".join(text.split())


@cache
def organisations() -> tuple[Organisation, ...]:
    """The gazetteer, checked: unique canonicals, known parents, and no spelling
    that names two organisations (weak spellings may be shared: the text
    decides between them)."""
    orgs: list[Organisation] = []
    owner: dict[str, str] = {}
    canonicals: set[str] = set()
    for i, entry in enumerate(_load("organisations.toml").get("organisation", []), 1):
        where = f"organisations.toml entry {i}"
        org = _organisation(entry, where)
        where = f"{where} ({org.canonical})"
        if "," in org.canonical or org.canonical in canonicals:
            raise DataFileError(f"{where}: canonical has a comma or repeats")
        canonicals.add(org.canonical)
        for spelling in org.spellings:
            other = owner.setdefault(spelling_key(spelling), org.canonical)
            if other != org.canonical:
                raise DataFileError(f"{where}: spelling {spelling!r} also names {other!r}")
        orgs.append(org)
    strong = set(owner)
    for i, org in enumerate(orgs, 1):
        where = f"organisations.toml entry {i} ({org.canonical})"
        if org.parent and org.parent not in canonicals:
            raise DataFileError(f"{where}: parent {org.parent!r} is not in the gazetteer")
        clash = [w for w in org.weak if spelling_key(w) in strong]
        if clash:
            raise DataFileError(f"{where}: weak spelling {clash[0]!r} is also a strong spelling")
    return tuple(orgs)


@dataclass(frozen=True)
class DiscoveryRules:
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    never: frozenset[str]
    generic: frozenset[str]
    sub_bodies: tuple[str, ...] = ()
    # A company's legal form ("Oy", "GmbH"): the name without it is the same company.
    legal_forms: tuple[str, ...] = ()
    leading_noise: frozenset[str] = frozenset()  # lower case
    part_words: frozenset[str] = frozenset()
    start_up_things: frozenset[str] = frozenset()


# Lists compared with a name's words one by one (a phrase there would never
# match): the sets of DiscoveryRules; the other lists are tuples of phrases.
_ONE_WORD_KEYS = frozenset(
    f.name for f in fields(DiscoveryRules) if str(f.type).startswith("frozenset")
)
_DISCOVERY_KEYS = tuple(f.name for f in fields(DiscoveryRules))


@cache
def discovery_rules() -> DiscoveryRules:
    """The [discovery] table; every list is required, as an empty one would
    match nothing (or, in a pattern built from it, everything)."""
    table = _organisations_table("discovery", _DISCOVERY_KEYS)
    words = {
        key: _word_list(table, key, "discovery", one_word=key in _ONE_WORD_KEYS)
        for key in _DISCOVERY_KEYS
    }
    upper = [w for w in words["leading_noise"] if w != w.lower()]
    if upper:
        raise DataFileError(
            f"organisations.toml [discovery]: leading_noise {upper[0]!r} must be lower case"
        )
    return DiscoveryRules(
        **{key: frozenset(v) if key in _ONE_WORD_KEYS else v for key, v in words.items()}
    )


def _organisations_table(name: str, keys: Sequence[str]) -> dict:
    table = _load("organisations.toml").get(name)
    if not isinstance(table, dict):
        raise DataFileError(f"organisations.toml: missing table [{name}]")
    unknown = sorted(set(table) - set(keys))
    if unknown:
        raise DataFileError(
            f"organisations.toml [{name}]: unknown keys {unknown}; known: {sorted(keys)}"
        )
    return table


def _word_list(table: dict, key: str, name: str, one_word: bool = False) -> tuple[str, ...]:
    """A required, non-empty list of words or phrases (`one_word`: of single words)
    of a table of organisations.toml."""
    value = table.get(key)
    if not isinstance(value, list) or not value:
        raise DataFileError(f"organisations.toml [{name}]: {key} must be a non-empty list")
    bad = [v for v in value if not isinstance(v, str) or not v.strip()]
    if bad:
        raise DataFileError(
            f"organisations.toml [{name}]: {key} holds {bad[0]!r}, not a non-empty string"
        )
    phrases = [v for v in value if one_word and len(v.split()) > 1]
    if phrases:
        raise DataFileError(
            f"organisations.toml [{name}]: {key} {phrases[0]!r} is not one word "
            "(a name's words are compared one by one)"
        )
    return tuple(value)


@cache
def suggested_kinds() -> dict[str, str]:
    """Word -> gazetteer kind, from [suggested_kinds]: the kind a name ending
    in the word is offered under (`sixg-search acronyms`)."""
    table = _organisations_table("suggested_kinds", sorted(ORG_KINDS))
    kinds: dict[str, str] = {}
    for kind in table:
        for word in _word_list(table, kind, "suggested_kinds", one_word=True):
            if kinds.setdefault(word, kind) != kind:
                raise DataFileError(
                    f"organisations.toml [suggested_kinds]: {word!r} is under both "
                    f"{kinds[word]!r} and {kind!r}"
                )
    return kinds


@dataclass(frozen=True)
class RoleWords:
    """The vocabulary of the roles the text gives organisations (organisations.py
    holds the grammar); see [roles] in organisations.toml."""

    speaking_kinds: frozenset[str]
    says: tuple[str, ...]
    said_before: tuple[str, ...]
    speaking_hints: tuple[str, ...]
    back_nouns: dict[str, str]  # lower-case noun -> the word a body's name holds
    back_hints: tuple[str, ...]
    recipient_words: tuple[str, ...]
    recipient_list_words: tuple[str, ...]


_ROLE_LISTS = (
    "speaking_kinds",
    "says",
    "said_before",
    "speaking_hints",
    "back_hints",
    "recipient_words",
    "recipient_list_words",
)


@cache
def role_words() -> RoleWords:
    """The [roles] table, checked: known kinds, and a hint in every word the
    hints stand for (a word without one would never be looked for)."""
    table = _organisations_table("roles", (*_ROLE_LISTS, "back_nouns"))
    words = {key: _word_list(table, key, "roles") for key in _ROLE_LISTS}
    unknown = sorted(set(words["speaking_kinds"]) - ORG_KINDS)
    if unknown:
        raise DataFileError(
            f"organisations.toml [roles]: speaking_kinds {unknown[0]!r} is not one of "
            f"{sorted(ORG_KINDS)}"
        )
    back_nouns = _back_nouns(table)
    # The text is searched for a hint as it is written, but a back noun may
    # open with a capital there: its hint must lie after the first letter.
    _check_hinted("says", words["says"], "speaking_hints", words["speaking_hints"])
    _check_hinted("said_before", words["said_before"], "speaking_hints", words["speaking_hints"])
    _check_hinted("back_nouns", list(back_nouns), "back_hints", words["back_hints"], 1)
    return RoleWords(frozenset(words.pop("speaking_kinds")), back_nouns=back_nouns, **words)


def _back_nouns(table: dict) -> dict[str, str]:
    nouns = table.get("back_nouns")
    where = "organisations.toml [roles]: back_nouns"
    if not isinstance(nouns, dict) or not nouns:
        raise DataFileError(
            f'{where} must be a table of nouns, such as {{ ministry = "Ministry" }}'
        )
    for noun, word in nouns.items():
        if noun != noun.lower() or not noun.strip():
            raise DataFileError(f"{where}: the noun {noun!r} must be lower case")
        if not isinstance(word, str):
            raise DataFileError(f'{where}: {noun} must name a word of a name, or ""')
    return dict(nouns)


def _check_hinted(
    key: str, phrases: Sequence[str], hints_key: str, hints: Sequence[str], skip: int = 0
) -> None:
    """Each of `phrases` (but for its first `skip` characters) holds one of
    `hints`: a text is searched for a phrase only when it holds a hint, so a
    phrase without one would never be found."""
    for phrase in phrases:
        if not any(hint in phrase[skip:] for hint in hints):
            raise DataFileError(
                f"organisations.toml [roles]: {key} {phrase!r} holds none of {hints_key}"
            )


@dataclass(frozen=True)
class Topic:
    name: str
    phrases: tuple[str, ...]
    min_hits: int


@cache
def topics() -> tuple[Topic, ...]:
    result = []
    for i, entry in enumerate(_load("topics.toml").get("topic", []), 1):
        if "name" not in entry or not entry.get("phrases"):
            raise DataFileError(f"topics.toml entry {i}: needs a name and phrases")
        if "," in entry["name"]:
            raise DataFileError(f"topics.toml entry {i}: name {entry['name']!r} has a comma")
        result.append(Topic(entry["name"], tuple(entry["phrases"]), entry.get("min_hits", 2)))
    return tuple(result)


@dataclass(frozen=True)
class MailWords:
    """The words of e-mail forwards (mail.toml, read by extract/forwards.py), lower case."""

    sender: tuple[str, ...]
    date: tuple[str, ...]
    recipient: tuple[str, ...]
    subject: tuple[str, ...]
    tags: tuple[str, ...]
    dashed: tuple[str, ...]
    begin: tuple[str, ...]
    wrote_openers: tuple[str, ...]
    wrote_verbs: tuple[str, ...]


_MAIL_TABLES = {
    "headers": ("sender", "date", "recipient", "subject"),
    "subject": ("tags",),
    "marks": ("dashed", "begin", "wrote_openers", "wrote_verbs"),
}


@cache
def mail_words() -> MailWords:
    """mail.toml, checked: its three tables and no other, every list non-empty, of
    lower-case words without a colon (a header's name is written without it), and no
    header name in two roles (a "Date:" line would be read as a sender's, or both)."""
    data = _load("mail.toml")
    unknown = sorted(set(data) - set(_MAIL_TABLES))
    if unknown:
        raise DataFileError(f"mail.toml: unknown tables {unknown}; known: {sorted(_MAIL_TABLES)}")
    words: dict[str, tuple[str, ...]] = {}
    for name, keys in _MAIL_TABLES.items():
        table = data.get(name)
        if not isinstance(table, dict):
            raise DataFileError(f"mail.toml: missing table [{name}]")
        extra = sorted(set(table) - set(keys))
        if extra:
            raise DataFileError(f"mail.toml [{name}]: unknown keys {extra}; known: {list(keys)}")
        for key in keys:
            where = f"mail.toml [{name}] {key}"
            value = table.get(key)
            if not isinstance(value, list) or not value:
                raise DataFileError(f"{where} must be a non-empty list of words")
            bad = next((v for v in value if not _mail_word(v)), None)
            if bad is not None:
                raise DataFileError(
                    f"{where}: {bad!r} must be a non-empty lower-case string without a colon"
                )
            words[key] = tuple(value)
    roles: dict[str, str] = {}
    for role in _MAIL_TABLES["headers"]:
        for word in words[role]:
            other = roles.setdefault(word, role)
            if other != role:
                raise DataFileError(
                    f"mail.toml [headers]: {word!r} is both a {other} and a {role} name"
                )
    return MailWords(**words)


def _mail_word(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.strip() == value != ""
        and value == value.lower()
        and ":" not in value
    )


def check_index_files() -> None:
    """Load and check every data file an index run reads (EXTRACTION_FILES, and
    syndication.toml's signature settings); a DataFileError names the first file at
    fault. An index run calls this before it touches an article, so that a broken file
    stops it with its message instead of failing every article in the workers."""
    for load in (
        clutter_rules,
        organisations,
        discovery_rules,
        suggested_kinds,
        role_words,
        topics,
        mail_words,
        signature_settings,
    ):
        load()


@dataclass(frozen=True)
class SignatureSettings:
    """What each article's MinHash signature is made of (fixed at indexing)."""

    shingle_words: int
    permutations: int


@dataclass(frozen=True)
class GroupingSettings:
    """How signatures are compared at search time (free to change)."""

    threshold: float
    bands: int
    rows: int  # signature values per band


@cache
def signature_settings() -> SignatureSettings:
    table = _syndication_table("signature")
    return SignatureSettings(
        _positive_int(table, "shingle_words", "signature"),
        _positive_int(table, "permutations", "signature"),
    )


@cache
def grouping_settings() -> GroupingSettings:
    table = _syndication_table("grouping")
    threshold = table.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise DataFileError("syndication.toml [grouping]: threshold must be a number in (0, 1]")
    bands = _positive_int(table, "bands", "grouping")
    permutations = signature_settings().permutations
    if permutations % bands:
        raise DataFileError(
            f"syndication.toml [grouping]: bands ({bands}) must divide "
            f"[signature] permutations ({permutations})"
        )
    return GroupingSettings(float(threshold), bands, permutations // bands)


def _syndication_table(name: str) -> dict:
    table = _load("syndication.toml").get(name)
    if not isinstance(table, dict):
        raise DataFileError(f"syndication.toml: missing table [{name}]")
    return table


def _positive_int(table: dict, key: str, where: str) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise DataFileError(f"syndication.toml [{where}]: {key} must be a positive integer")
    return value


FEEDS_FILE = "feeds.toml"
_FEED_KEYS = {"name", "url", "max_items"}


@dataclass(frozen=True)
class Feed:
    name: str  # becomes the `source` of its items
    url: str
    max_items: int = 20  # the newest items looked at per run


def feeds(path: Path | None = None) -> tuple[Feed, ...]:
    """The RSS/Atom feeds `sixg-search follow` reads (feeds.toml, or `path`).

    Not part of the extractor fingerprint: which feeds are followed changes what
    is collected, never how an article is extracted.
    """
    path = path or DATA_DIR / FEEDS_FILE
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    unknown = sorted(set(data) - {"feed"})
    if unknown:
        raise DataFileError(f"{path}: unknown tables {unknown}; feeds are [[feed]] entries")
    entries = data.get("feed", [])
    if not isinstance(entries, list):
        raise DataFileError(f"{path}: feeds are [[feed]] entries (an array of tables)")
    found: list[Feed] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{Path(path).name} [[feed]] #{number}"
        extra = sorted(set(entry) - _FEED_KEYS)
        if extra:
            raise DataFileError(f"{where}: unknown keys {extra}; known: {sorted(_FEED_KEYS)}")
        name, url = entry.get("name"), entry.get("url")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: name must be a non-empty string")
        if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url):
            raise DataFileError(f"{where} ({name}): url must be an http:// or https:// address")
        if any(f.url == url for f in found):
            raise DataFileError(f"{where} ({name}): {url} is listed twice")
        max_items = entry.get("max_items", 20)
        if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1:
            raise DataFileError(f"{where} ({name}): max_items must be a positive whole number")
        found.append(Feed(name.strip(), url.strip(), max_items))
    return tuple(found)
