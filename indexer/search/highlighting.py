"""Query words marked in titles and snippets.

Whoosh's highlighter runs the full analyzer over every hit's body and
fragments it token by token in Python; with ten hits that was most of a
rare word's search time. Here a regular expression finds only the words
that could share a query word's stem (a stem never changes a word's first
letters), each candidate is confirmed by its stem, and passages are cut
around the confirmed words: the cost follows the matches, not the text.

Other languages' analyses mark too (`Wanted`): in an article of a stemmed
language, words whose stem in that language a query looks for; in CJK text,
the characters a query's bigrams cover, found in the text folded as the
index folds it (traditional to simplified, full width to half), whose
offsets are the original's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter import stem

from ..index.analysis import fold_cjk, stemmer

SNIPPET_CHARS = 280  # longest passage
CONTEXT_CHARS = 70  # words of context on each side of a match
PASSAGES = 3
LONGEST_WORD = 40  # a passage ends at a space this near, else mid-text (unspaced CJK)
_TOKEN_REST = r"[\w*]*(?:\.[\w*]+)*"  # the rest of a word as Whoosh's tokenizer reads it


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem(word)


@lru_cache(maxsize=1024)
def _candidates(stems: frozenset[str], flags: int = 0) -> re.Pattern:
    """A word starting as one of the stems does (in lower case text unless `flags`
    says IGNORECASE). That the word starts there is checked by the caller: a
    pattern that starts with a literal lets `re` skip ahead to its next occurrence,
    which a look-behind at the start would forbid."""
    prefixes = sorted({s[: max(1, len(s) - 2)] for s in stems}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?:{alternatives}){_TOKEN_REST}", flags)


@dataclass(frozen=True)
class Wanted:
    """What a query looks for in one article, by analysis."""

    english: frozenset[str]  # Porter stems (title and body)
    language: str = ""  # the article's stemmed language (analysis.STEMMED), if any
    stems: frozenset[str] = frozenset()  # stems in that language
    cjk: frozenset[str] = frozenset()  # CJK strings, folded

    def keys(self) -> list[str]:
        return sorted(self.english | self.stems | self.cjk)


_WORD = re.compile(r"\w+")


def _matches(text: str, wanted: Wanted) -> list[tuple[int, int, str]]:
    """(start, end, key) of each place in `text` holding a word the query looks for."""
    found = _english_matches(text, wanted.english) if wanted.english else []
    if wanted.stems:
        stem = stemmer(wanted.language)
        for word in _WORD.finditer(text):
            stemmed = stem(unicodedata.normalize("NFKC", word.group()).lower())
            if stemmed in wanted.stems:
                found.append((word.start(), word.end(), stemmed))
    if wanted.cjk:
        folded = fold_cjk(text)
        lowered = folded.lower()
        folded = lowered if len(lowered) == len(folded) else folded  # glued Latin: "6g"
        for wanted_text in wanted.cjk:
            at = folded.find(wanted_text)
            while at != -1:
                found.append((at, at + len(wanted_text), wanted_text))
                at = folded.find(wanted_text, at + len(wanted_text))
    return _apart(found) if wanted.stems or wanted.cjk else found


def _english_matches(text: str, stems: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, stem) of each word in `text` whose Porter stem is one of `stems`."""
    lowered, plain = text.lower(), True  # plain: the words found are in lower case
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep the offsets
        lowered, pattern, plain = text, _candidates(stems, re.IGNORECASE), False
    else:
        pattern = _candidates(stems)
    found, at, search = [], 0, pattern.search
    while word := search(lowered, at):
        start, end = word.span()
        if start and ((before := lowered[start - 1]).isalnum() or before in "_*"):
            at = start + 1  # not the start of a word (Whoosh's tokenizer reads [\w*]): look on
            continue
        stemmed = _stem(word.group() if plain else word.group().lower())
        if stemmed in stems:
            found.append((start, end, stemmed))
        at = end
    return found


def _apart(found: list) -> list:
    """In text order, without matches overlapping an earlier (longer) one."""
    kept, end = [], -1
    for match in sorted(found, key=lambda m: (m[0], -m[1])):
        if match[0] >= end:
            kept.append(match)
            end = match[1]
    return kept


def _wanted(words) -> Wanted:
    return words if isinstance(words, Wanted) else Wanted(frozenset(words))


def title(text: str, words: set[str] | Wanted) -> str:
    """The whole title with the query's words marked ("" when none occur)."""
    wanted = _wanted(words)
    matches = _matches(text, wanted)
    return _marked(text, 0, len(text), matches, {s: i for i, s in enumerate(wanted.keys())})


def snippet(text: str, words: set[str] | Wanted) -> str:
    """Up to three passages around the query's words, best first chosen, shown in
    reading order and joined by " … " ("" when none occur)."""
    wanted = _wanted(words)
    matches = _matches(text, wanted)
    if not matches:
        return ""
    numbers = {s: i for i, s in enumerate(wanted.keys())}
    passages = _passages(matches)
    # passages start further on each time, widened to words or not: the best by
    # score, then by place, and shown in reading order, are the best by number
    if len(passages) > PASSAGES:
        one = len(numbers) == 1  # (one word: a passage's score is its number of matches)
        scored = (
            (-len(found) if one else -_score(found), n) for n, (_, _, found) in enumerate(passages)
        )
        passages = [passages[n] for n in sorted(n for _, n in sorted(scored)[:PASSAGES])]
    shown = (_widened(text, *passage) for passage in passages)
    return " … ".join(_marked(text, a, b, found, numbers) for a, b, found in shown)


def _passages(matches) -> list[tuple[int, int, list]]:
    """Runs of nearby matches with context, each at most SNIPPET_CHARS long (not yet
    widened to whole words: see _widened)."""
    passages: list[tuple[int, int, list]] = []
    for match in matches:
        start, end = match[0] - CONTEXT_CHARS, match[1] + CONTEXT_CHARS
        if passages and start <= passages[-1][1]:
            first, last, found = passages[-1]
            if end - first <= SNIPPET_CHARS:
                passages[-1] = (first, end, [*found, match])
                continue
            # too long to join: the earlier passage stops where this match begins
            last = min(last, match[0])
            passages[-1] = (first, last, found)
            start = last
        passages.append((start, end, [match]))
    return passages


def _widened(text: str, start: int, end: int, found: list) -> tuple[int, int, list]:
    """A passage's ends moved to the nearest spaces inside it, never past a match."""
    return (
        min(_word_start(text, start), found[0][0]),
        max(_word_end(text, end), found[-1][1]),
        found,
    )


def _score(found: list) -> int:
    """More matches, and above all more different query words, make a better passage."""
    return len(found) * 100 * len({stem for _, _, stem in found})


def _word_start(text: str, at: int) -> int:
    if at <= 0:
        return 0
    space = text.find(" ", at, at + LONGEST_WORD)  # unspaced CJK text: cut anywhere
    return space + 1 if space != -1 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, at - LONGEST_WORD), at)
    return space if space > 0 else at


def _marked(text: str, start: int, end: int, matches, numbers: dict[str, int]) -> str:
    """text[start:end], escaped, with <mark>s around the matches inside it."""
    if not matches:
        return ""
    parts, at = [], start
    for first, last, stemmed in matches:
        if first < start or last > end:
            continue
        word = _escaped(text[first:last])
        parts.append(_escaped(text[at:first]))
        parts.append(f'<mark class="match term{numbers.get(stemmed, 0)}">{word}</mark>')
        at = last
    parts.append(_escaped(text[at:end]))
    return "".join(parts)


_SPECIAL = re.compile("[&<>'\"]")  # what _escaped replaces


def _escaped(text: str) -> str:
    """str(markupsafe.escape(text)) without making a Markup of each piece (most
    pieces hold nothing to escape: one look for any of the five, not five replaces)."""
    if not _SPECIAL.search(text):
        return text
    if "&" in text:
        text = text.replace("&", "&amp;")
    return (
        text.replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


def lead(body: str) -> str:
    """The opening of an article, for hits whose text does not hold the query's words."""
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"
