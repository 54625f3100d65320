"""The fast matchers of phrases.py find what a straightforward matcher finds.

NamePattern (organisation names) tries names by their first word and
compiles each bucket of names with a cheap word end, checked after a match;
PhraseSets (topic phrases) tries its patterns only where a text's word can
start a phrase. Each is compared here with a slow reference that tries every
name (phrase) with its own exact pattern, on many generated texts built from
the names and the cases at their edges: case variants, genitives and
plurals, CJK names inside unspaced text, names running on into letters
beyond ASCII, role compounds ("-funded"), overlapping names.
"""

from __future__ import annotations

import random
import re

from indexer.extract.lines import HAS_CJK
from indexer.extract.organisations import _index
from indexer.extract.phrases import (
    _LATIN_BEFORE,
    _LATIN_WORD,
    NAME_EDGE_AFTER,
    NAME_EDGE_BEFORE,
    PhraseSets,
    _name_alternative,
    case_fits,
    compile_names,
    compile_phrases,
)
from indexer.extract.topics import _patterns

NAMES = [
    "Orange",
    "AI",
    "Nokia",
    "Next G Alliance",
    "Next G",
    "Beyond 5G Promotion Consortium",
    "5G Promotion Consortium",
    "IMT-2030(6G)",
    "AT&T",
    "Research and Innovation Council",
    "(ISC)²",
    "Vinnova",
    "Qualcomm Technologies",
    "Télécom Paris",
    "SNS JU",
    "推进组",
    "IMT-2030(6G)推进组",
    "情報通信研究機構",
    "6G-IA",
    "Ericsson",
    "Ericssons",
]
GENITIVE = frozenset({NAMES.index("Vinnova"), NAMES.index("Nokia")})

PIECES = [
    " ",
    "  ",
    "\n",
    "-",
    "_",
    "é",
    "ß",
    "ǆ",
    "Ω",
    "中",
    "签署",
    "の",
    "’s",
    "s",
    "'s",
    "-funded",
    "-led ",
    "(",
    ")",
    " ( ",
    "&",
    " and ",
    "the ",
    "x",
    "1",
    ".",
    ",",
    "İ",
    "ı",
    "ſ",
    "\u212a",
]


def _variants(rng: random.Random, name: str) -> str:
    """The name as written, or in other case, spacing or with & for and."""
    choice = rng.randrange(6)
    if choice == 1:
        return name.lower()
    if choice == 2:
        return name.upper()
    if choice == 3:
        return name.replace(" ", "  ").replace("(", " (")
    if choice == 4:
        return name.replace(" and ", " & ").replace("&", " and ")
    if choice == 5:
        return name.title()
    return name


def _texts(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 9)):
            if rng.random() < 0.5:
                parts.append(_variants(rng, rng.choice(vocabulary)))
            else:
                parts.append(rng.choice(PIECES))
        texts.append("".join(parts))
    return texts


def _key(name: str) -> str:
    first = _LATIN_WORD.search(name)
    return first.group(0).lower() if first and first.start() == 0 else ""


class SlowNames:
    """compile_names's rule with one exact pattern per name, tried in turn."""

    def __init__(self, names: list[str], genitive: frozenset[int]):
        self.names = names
        self.order = sorted(range(len(names)), key=lambda i: len(names[i]), reverse=True)
        self.latin = [i for i in self.order if not HAS_CJK.search(names[i])]
        self.cjk = [i for i in self.order if HAS_CJK.search(names[i])]
        self.by_key: dict[str, list[int]] = {}
        for i in self.latin:
            self.by_key.setdefault(_key(names[i]), []).append(i)
        self.genitive = genitive
        self._patterns: dict[int, re.Pattern] = {}

    def pattern(self, i: int) -> re.Pattern:
        if i not in self._patterns:
            name = self.names[i]
            body = _name_alternative(name)
            if i in self.cjk:
                before = "" if HAS_CJK.match(name) else NAME_EDGE_BEFORE
                after = "" if HAS_CJK.match(name[-1]) else NAME_EDGE_AFTER
                source = f"{before}(?P<n{i}>{body}){after}"
            else:
                source = f"(?P<n{i}>{body}{'s?' if i in self.genitive else ''}){NAME_EDGE_AFTER}"
            self._patterns[i] = re.compile(source)
        return self._patterns[i]

    def first(self, candidates, text: str, start: int):
        for i in candidates:
            match = self.pattern(i).match(text, start)
            if match:
                return match
        return None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        found, end = [], 0
        for word in _LATIN_WORD.finditer(text):
            start = word.start()
            if start < end or (start and _LATIN_BEFORE.match(text, start - 1)):
                continue
            key = word.group(0).lower()
            if key not in self.by_key and key.endswith("s"):
                key = key[:-1]
            match = self.first(self.by_key.get(key, []), text, start)
            if match and case_fits(self.names[int(match.lastgroup[1:])], match.group(0)):
                found.append(match)
                end = match.end()
        odd = self.by_key.get("", [])
        start = 0
        while odd and start <= len(text):
            match = self.first(odd, text, start)
            if match is None:
                start += 1
                continue
            if not _LATIN_BEFORE.match(text, match.start() - 1):
                found.append(match)
            start = match.end()
        end = 0
        for start, char in enumerate(text):
            names = [i for i in self.cjk if self.names[i][0].lower() == char.lower()]
            match = self.first(names, text, start) if start >= end else None
            if match:
                found.append(match)
                end = match.end()
        kept = []
        for match in sorted(found, key=lambda m: (m.start(), -m.end())):
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return [(m.start(), m.end(), m.lastgroup) for m in kept]


def _fast(pattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_names_found_as_one_exact_pattern_per_name_finds_them():
    rng = random.Random(6)
    fast, slow = compile_names(NAMES, GENITIVE), SlowNames(NAMES, GENITIVE)
    texts = _texts(rng, NAMES, 4000) + [
        "Nokiaé and Nokia",  # runs on into a letter beyond ASCII: not the name
        "Ericssonß Ericsson's",
        "the SNS JU-funded project and SNS JU-fundedx",
        "推进组与IMT-2030（6G）推进组",
        "Vinnovas Vinnovasé Vinnova中",
    ]
    for text in texts:
        assert _fast(fast, text) == slow.find(text), text


def test_the_gazetteer_is_found_as_one_exact_pattern_per_name_finds_it():
    index = _index()
    names = [s.text for s in index.spellings]
    slow = SlowNames(names, index.pattern.genitive)
    rng = random.Random(30)
    sample = rng.sample(names, 300) + [n for n in names if not n.isascii()]
    for text in _texts(rng, sample, 1000):
        assert _fast(index.pattern, text) == slow.find(text), text


PHRASES = [
    [
        "memorandum of understanding",
        "MoU",
        "MoUs",
        "partnership*",
        "合作备忘录",
        "签署",
        "kooperation*",
    ],
    ["3GPP", "ITU", "IMT-2030", "standardi*", "standards bod*", "Release 2*"],
    ["spectrum", "band*", "sub-THz", "FR3", "Absichtserklärung", "yhteistyö*"],
    ["R&D", "AI", "ai-native", "large language model*", "współprac*"],
    ["(ISC)² member"],  # starts with a sign: found by scanning the whole text
]


def _slow_phrases(sets: list[list[str]], text: str) -> list[list[tuple[int, int, str]]]:
    return [
        [(m.start(), m.end(), m.group(0)) for m in compile_phrases(phrases).finditer(text)]
        for phrases in sets
    ]


def _fast_phrases(found) -> list[list[tuple[int, int, str]]]:
    return [[(m.start(), m.end(), m.group(0)) for m in matches] for matches in found]


def test_phrase_sets_find_what_each_pattern_finds_scanning_the_whole_text():
    rng = random.Random(12)
    fast = PhraseSets(PHRASES)
    vocabulary = [p.rstrip("*") + rng.choice(["", "s", "ation", "-x"]) for s in PHRASES for p in s]
    texts = _texts(rng, vocabulary, 4000) + [
        # letters the regex engine takes for ASCII ones when ignoring case
        "\u212aOOPERATIONEN",
        "ſpectrum",
        "aı-native",
        "İmt-2030",
        "BANDWIDTH broadband band-pass MoUs MoU",
        "R&D r&d R & D",
    ]
    for text in texts:
        assert _fast_phrases(fast.find(text)) == _slow_phrases(PHRASES, text), text


def test_the_topics_are_found_as_by_scanning_the_whole_text():
    topics, fast = _patterns()
    sets = [list(topic.phrases) for topic in topics]
    rng = random.Random(4)
    vocabulary = [p.rstrip("*") + rng.choice(["", "s", "ing", "é"]) for s in sets for p in s]
    for text in _texts(rng, vocabulary, 1500):
        assert _fast_phrases(fast.find(text)) == _slow_phrases(sets, text), text
