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

Both are found fast: names by their first word (`NamePattern`), the
topics' sets of phrases in one pass over a text's words (`PhraseSets`);
tests/test_phrases.py holds them to a matcher trying each phrase in turn.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


# Letters beyond ASCII that the regex engine takes for ASCII ones when ignoring
# case (İ, ı, ſ and the Kelvin sign; İ is also the one letter that lower-cases
# to two characters): in a text with one, lower-casing is not how the engine
# compares, so `PhraseSets` scans such a text in full.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_WORDS = re.compile(r"[\w-]+")


def _first_word(phrase: str) -> tuple[str, bool]:
    """The word of a text (see `_WORDS`) where a Latin phrase can start, lower-cased,
    and whether that is the whole word (else its start): only its ASCII
    letters, which match ASCII letters alone. ("", False): any word."""
    words = phrase.split()
    run = _WORDS.match(words[0]) if words else None
    if run is None or HAS_CJK.match(phrase):
        return "", False
    word, rest = run.group(0), words[0][run.end() :]
    ascii_end = next((i for i, c in enumerate(word) if not c.isascii()), len(word))
    if len(words) == 1 and rest == "*" or ascii_end < len(word) or rest[:1] > "\x7f":
        return word[:ascii_end].lower(), False
    return word.lower(), True


class PhraseSets:
    """Patterns of `compile_phrases` (one a set of phrases), found in a text together.

    A dozen topics' patterns each scanning the whole of every article cost
    more than the rest of the topic finding. A Latin phrase starts at a word
    of the text that is its first word (or starts like it, for a word with a
    wildcard or letters beyond ASCII), so one pass over the words of a text
    says where each pattern may match; a text with CJK letters, or a set with
    a phrase starting otherwise, is scanned in full.
    """

    def __init__(self, sets: list[list[str]]):
        self.patterns = [compile_phrases(phrases) for phrases in sets]
        self._whole: dict[str, list[int]] = {}
        self._starts: dict[str, list[int]] = {}
        self._in_full = set()
        for n, phrases in enumerate(sets):
            keys = [_first_word(p) for p in phrases if not HAS_CJK.match(p)]
            if not phrases or any(not word for word, _ in keys):
                self._in_full.add(n)
            for word, whole in keys if n not in self._in_full else ():
                sets_of = (self._whole if whole else self._starts).setdefault(word, [])
                if n not in sets_of:
                    sets_of.append(n)
        self._lengths = sorted({len(start) for start in self._starts})
        self._sets_of: dict[str, tuple[int, ...]] = {}  # by word of the text, as met

    def _sets_starting(self, word: str) -> tuple[int, ...]:
        """The sets with a phrase that may start at `word` of a text (lower-cased)."""
        found = self._sets_of.get(word)
        if found is None:
            found = set(self._whole.get(word, ()))
            for length in self._lengths:
                found.update(self._starts.get(word[:length], ()))
            found = tuple(sorted(found))
            if len(self._sets_of) < 50_000:  # the common words of a corpus: a few MB
                self._sets_of[word] = found
        return found

    def find(self, text: str) -> list[list[re.Match]]:
        """Per pattern, `list(pattern.finditer(text))`."""
        if HAS_CJK.search(text) or _FOLDS_TO_ASCII.search(text):
            return [list(pattern.finditer(text)) for pattern in self.patterns]
        starts: list[list[int]] = [[] for _ in self.patterns]
        sets_of = self._sets_of
        # lower() keeps the length and the word characters of a text without İ
        for word in _WORDS.finditer(text.lower()):
            key = word.group(0)
            found = sets_of.get(key)
            if found is None:
                found = self._sets_starting(key)
            for n in found:
                starts[n].append(word.start())
        found = []
        for n, pattern in enumerate(self.patterns):
            if n in self._in_full:
                found.append(list(pattern.finditer(text)))
                continue
            matches, end = [], 0
            for start in starts[n]:
                match = pattern.match(text, start) if start >= end else None
                if match:
                    matches.append(match)
                    end = match.end()
            found.append(matches)
        return found


def _cjk_end(phrase: str) -> str:
    """A CJK phrase ending in a Latin letter or digit still needs a word end there."""
    body = phrase.rstrip("*")
    return "" if HAS_CJK.match(body[-1:]) and not phrase.endswith("*") else _EDGE_AFTER


# A word edge for names: no Latin letter, digit or hyphen beside the name
# (a CJK character beside it is fine), except a compound saying what the
# organisation does for what follows ("the SNS JU-funded project").
NAME_CHAR = rf"(?![{CJK_CHARS}])[\w-]"  # a character that would go on a name
NAME_EDGE_BEFORE = rf"(?<!{NAME_CHAR})"
_ROLE_COMPOUND = r"-(?:funded|led|backed|supported|sponsored|financed|coordinated|run)\b"
NAME_EDGE_AFTER = rf"(?:(?!{NAME_CHAR})|(?={_ROLE_COMPOUND}))"
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
_JOINERS = ("_", "-")


_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset({"the", "of", "and", "for", "at", "in", "on", "de", "du", "des", "la"})


def case_fits(name: str, found: str) -> bool:
    """Whether text that matched a many-word name while ignoring case is that name.

    "the European 6G flagship" describes a project, it does not name the 6G
    Flagship: the first capitalised word of the name must keep its capital,
    and so must at least half of them ("Next G alliance" still names it).
    Small words ("The", "of") may be written either way.
    """
    count, capitals = _capitalised(name)
    if not capitals:
        return True
    got = _WORD.findall(found)
    if len(got) != count:
        return True
    kept = [got[i][0].isupper() for i in capitals]
    return kept[0] and 2 * sum(kept) >= len(kept)


@lru_cache(maxsize=8192)  # the names of the data files, asked again in every article
def _capitalised(name: str) -> tuple[int, tuple[int, ...]]:
    """How many words `name` has, and which of them are capitalised (not small words)."""
    want = _WORD.findall(name)
    capitals = [i for i, w in enumerate(want) if w[0].isupper() and w.lower() not in _SMALL_WORDS]
    return len(want), tuple(capitals)


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
        self.genitive = genitive
        self._other = {first: "|".join(alts) for first, alts in other.items()}
        self._other_compiled: dict[str, re.Pattern] = {}

    def _bucket(self, key: str) -> re.Pattern | None:
        """The names starting with word `key`, compiled when first met (with the
        loose end: `_exact_match` checks it)."""
        pattern = self._compiled.get(key)
        if pattern is None and key in self._sources:
            pattern = self._compiled[key] = re.compile(self._sources[key] + _LOOSE_NAME_END)
        return pattern

    def _cjk_bucket(self, first: str) -> re.Pattern | None:
        """The names with CJK letters starting with character `first`, compiled
        when first met (a text with CJK letters is rare)."""
        pattern = self._other_compiled.get(first)
        if pattern is None and first in self._other:
            pattern = self._other_compiled[first] = re.compile(self._other[first])
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
        sources, compiled, names = self._sources, self._compiled, self._names
        for word in _LATIN_WORD.finditer(text):
            key = word.group(0).lower()
            if key not in sources:
                if key[-1] != "s" or key[:-1] not in sources:
                    continue
                key = key[:-1]
            start = word.start()
            # (a word starts after a character _LATIN_WORD does not take: of
            # _LATIN_BEFORE's, only "_" or "-" can be there)
            if start < end or text[start - 1 : start] in _JOINERS:
                continue
            match = self._exact_match(
                key, (compiled.get(key) or self._bucket(key)).match(text, start)
            )
            if match and case_fits(names[int(match.lastgroup[1:])], match.group(0)):
                found.append(match)
                end = match.end()
        if odd is not None:
            odd_found = list(odd.finditer(text))
            if any(not _NAME_END.match(text, m.end()) for m in odd_found):
                odd_found = list(self._exact_bucket("").finditer(text))
            found += [m for m in odd_found if not _LATIN_BEFORE.match(text, m.start() - 1)]
        if self._other and HAS_CJK.search(text):
            end = 0
            others = self._other
            for start, char in enumerate(text):
                first = char.lower()
                pattern = self._cjk_bucket(first) if start >= end and first in others else None
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
