"""Whole-word phrase matching with the case rules the data files promise.

Organisation names and topic phrases share one rule: a phrase of two or
more words, or a lower-case word, ignores case ("memorandum of
understanding"); a single word with capitals is matched as written, so the
acronym "AI" never matches "ai" inside other text and "Orange" never matches
the colour. A trailing * matches any word ending.

Chinese, Japanese and Korean run words together without spaces, so a
phrase's end that is a CJK character needs no word boundary there
(合作备忘录 is found inside 签署合作备忘录); a Latin end keeps it, so
"MoU" still never matches inside "MoUs".

Organisation names (`compile_names`) add what names in real text need:
"&" and "and" are one word, spaces around brackets are optional
("IMT-2030(6G)"), and a name in Chinese, Japanese or Korean script has no
word edge to respect, since those scripts put no space between words (nor
does a Japanese sentence between "6G-IA" and the particle after it).
"""

from __future__ import annotations

import re

from .lines import CJK_CHARS, HAS_CJK

_EDGE_BEFORE = r"(?<![\w-])"
_EDGE_AFTER = r"(?![\w-])"


def _alternative(phrase: str) -> str:
    wildcard = phrase.endswith("*")
    body = phrase.rstrip("*")
    pattern = r"\s+".join(re.escape(part) for part in body.split())
    pattern += r"[\w-]*" if wildcard else ""
    exact = len(body.split()) == 1 and body != body.lower()
    return pattern if exact else f"(?i:{pattern})"


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any of `phrases` as whole words, longest first.

    Longest first makes "Beyond 5G Promotion Consortium" win over the
    "5G Promotion Consortium" inside it. Phrases starting with a CJK character
    form a second group (no phrase of the first can match where one of them
    does), their ends bounded only where they are Latin.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    latin = [p for p in ordered if not HAS_CJK.match(p)]
    cjk = [p for p in ordered if HAS_CJK.match(p)]
    groups = []
    if latin or not cjk:
        alternatives = "|".join(_alternative(p) for p in latin)
        groups.append(f"{_EDGE_BEFORE}(?:{alternatives}){_EDGE_AFTER}")
    if cjk:
        groups.append("|".join(_alternative(p) + _cjk_end(p) for p in cjk))
    return re.compile("|".join(groups))


def _cjk_end(phrase: str) -> str:
    """A CJK phrase ending in a Latin letter or digit still needs a word end there."""
    body = phrase.rstrip("*")
    return "" if HAS_CJK.match(body[-1:]) and not phrase.endswith("*") else _EDGE_AFTER


# A word edge for names: no Latin letter, digit or hyphen beside the name
# (a CJK character beside it is fine), except a compound saying what the
# organisation does for what follows ("the SNS JU-funded project").
NAME_EDGE_BEFORE = rf"(?<!(?![{CJK_CHARS}])[\w-])"
_ROLE_COMPOUND = r"-(?:funded|led|backed|supported|sponsored|financed|coordinated|run)\b"
NAME_EDGE_AFTER = rf"(?:(?!(?![{CJK_CHARS}])[\w-])|(?={_ROLE_COMPOUND}))"
_NAME_END = re.compile(NAME_EDGE_AFTER)
# NAME_EDGE_AFTER with "or any letter beyond ASCII" for "or a CJK character": a
# class of CJK ranges costs ~1.5 ms to compile and each bucket of names below
# has one, where this one costs nothing. It lets through what NAME_EDGE_AFTER
# would not only where a name ends before a non-ASCII letter that is not CJK
# ("Nokiaé"): NamePattern checks that end and then takes the exact pattern.
_LOOSE_NAME_END = rf"(?:(?![\w-])|(?![\x00-\x7f])|(?={_ROLE_COMPOUND}))"


def _name_alternative(name: str) -> str:
    words = name.split()
    exact = len(words) == 1 and name != name.lower() and not HAS_CJK.search(name)
    parts = []
    for word in words:
        if word.lower() == "and" or word == "&":
            parts.append("(?:and|&)")
            continue
        piece = "".join(
            r"\s*\(\s*" if c == "(" else r"\s*\)\s*" if c == ")" else re.escape(c) for c in word
        )
        parts.append(piece)
    pattern = r"\s+".join(parts).replace(r"\s*\s+", r"\s*").replace(r"\s+\s*", r"\s*")
    return pattern if exact else f"(?i:{pattern})"


_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
_LATIN_BEFORE = re.compile(r"[0-9A-Za-z\u00c0-\u024f_-]")


_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset({"the", "of", "and", "for", "at", "in", "on", "de", "du", "des", "la"})


def case_fits(name: str, found: str) -> bool:
    """Whether text that matched a many-word name while ignoring case is that name.

    "the European 6G flagship" describes a project, it does not name the 6G
    Flagship: the first capitalised word of the name must keep its capital,
    and so must at least half of them ("Next G alliance" still names it).
    Small words ("The", "of") may be written either way.
    """
    want, got = _WORD.findall(name), _WORD.findall(found)
    capitals = [i for i, w in enumerate(want) if w[0].isupper() and w.lower() not in _SMALL_WORDS]
    if len(want) != len(got) or not capitals:
        return True
    kept = [got[i][0].isupper() for i in capitals]
    return kept[0] and 2 * sum(kept) >= len(kept)


class NamePattern:
    """Names found in text (see `compile_names`).

    One regex of a thousand alternatives tried at every word of a text is
    slow, so names are grouped by their first word: at each word of the
    text only the names that start with it are tried.
    """

    def __init__(self, names: list[str], genitive: frozenset[int] = frozenset()):
        order = sorted(range(len(names)), key=lambda i: len(names[i]), reverse=True)
        buckets: dict[str, list[int]] = {}
        other: dict[str, list[str]] = {}  # names with CJK letters, by first character
        for i in order:
            name = names[i]
            if HAS_CJK.search(name):
                before = "" if HAS_CJK.match(name) else NAME_EDGE_BEFORE
                after = "" if HAS_CJK.match(name[-1]) else NAME_EDGE_AFTER
                alternative = f"{before}(?P<n{i}>{_name_alternative(name)}){after}"
                other.setdefault(name[0].lower(), []).append(alternative)
            else:
                first = _LATIN_WORD.search(name)
                key = first.group(0).lower() if first and first.start() == 0 else ""
                buckets.setdefault(key, []).append(i)
        self._sources = {
            key: "(?:"
            + "|".join(
                f"(?P<n{i}>{_name_alternative(names[i])}{'s?' if i in genitive else ''})"
                for i in members
            )
            + ")"
            for key, members in buckets.items()
        }
        self._compiled: dict[str, re.Pattern] = {}
        self._exact: dict[str, re.Pattern] = {}
        self._names = names
        self._other = {first: re.compile("|".join(alts)) for first, alts in other.items()}

    def _bucket(self, key: str) -> re.Pattern | None:
        """The names starting with word `key`, compiled when first met (with the
        loose end: `_exact_match` checks it)."""
        pattern = self._compiled.get(key)
        if pattern is None and key in self._sources:
            pattern = self._compiled[key] = re.compile(self._sources[key] + _LOOSE_NAME_END)
        return pattern

    def _exact_bucket(self, key: str) -> re.Pattern:
        pattern = self._exact.get(key)
        if pattern is None:
            pattern = self._exact[key] = re.compile(self._sources[key] + NAME_EDGE_AFTER)
        return pattern

    def _exact_match(self, key: str, match: re.Match | None) -> re.Match | None:
        """`match` of bucket `key`, or the exact pattern's where the loose end let
        through a name running on into a non-CJK letter beyond ASCII."""
        if match is None or _NAME_END.match(match.string, match.end()):
            return match
        return self._exact_bucket(key).match(match.string, match.start())

    def finditer(self, text: str):
        """Matches in text order; `match.lastgroup` is `n<i>` for `names[i]`."""
        found = []
        odd = self._bucket("")  # names that start with a sign, e.g. "(ISC)²"
        end = 0
        for word in _LATIN_WORD.finditer(text):
            start = word.start()
            if start < end or (start and _LATIN_BEFORE.match(text, start - 1)):
                continue
            key = word.group(0).lower()
            bucket = self._bucket(key)
            if bucket is None and key[-1] == "s":
                key = key[:-1]
                bucket = self._bucket(key)
            match = self._exact_match(key, bucket.match(text, start)) if bucket else None
            if match and case_fits(self._names[int(match.lastgroup[1:])], match.group(0)):
                found.append(match)
                end = match.end()
        if odd is not None:
            odd_found = list(odd.finditer(text))
            if any(not _NAME_END.match(text, m.end()) for m in odd_found):
                odd_found = list(self._exact_bucket("").finditer(text))
            found += [m for m in odd_found if not _LATIN_BEFORE.match(text, m.start() - 1)]
        if self._other and HAS_CJK.search(text):
            end = 0
            for start, char in enumerate(text):
                pattern = self._other.get(char.lower()) if start >= end else None
                match = pattern.match(text, start) if pattern else None
                if match:
                    found.append(match)
                    end = match.end()
        kept: list[re.Match] = []
        for match in sorted(found, key=lambda m: (m.start(), -m.end())):
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return iter(kept)


def compile_names(names: list[str], genitive: frozenset[int] = frozenset()) -> NamePattern:
    """Matcher of any of `names`, longest first; the group named `n<i>` says
    that `names[i]` matched. Case follows the phrase rule above. The names
    at the indexes in `genitive` may take a Scandinavian genitive "s"
    ("Vinnovas", "Vetenskapsrådets")."""
    return NamePattern(names, genitive)
