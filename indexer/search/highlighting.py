"""Query words marked in titles and snippets.

Whoosh's highlighter runs the full analyzer over every hit's body and
fragments it token by token in Python; with ten hits that was most of a
rare word's search time. Here a regular expression finds only the words
that could share a query word's stem (a stem never changes a word's first
letters), each candidate is confirmed by its stem, and passages are cut
around the confirmed words: the cost follows the matches, not the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import escape
from whoosh.lang.porter import stem

SNIPPET_CHARS = 280  # longest passage
CONTEXT_CHARS = 70  # words of context on each side of a match
PASSAGES = 3
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


def _matches(text: str, stems: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, stem) of each word in `text` whose stem is one of `stems`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep the offsets
        lowered, pattern = text, _candidates(stems, re.IGNORECASE)
    else:
        pattern = _candidates(stems)
    found, at = [], 0
    while word := pattern.search(lowered, at):
        start = word.start()
        if start and _in_word(lowered[start - 1]):  # not the start of a word: look on
            at = start + 1
            continue
        stemmed = _stem(word.group().lower())
        if stemmed in stems:
            found.append((start, word.end(), stemmed))
        at = word.end()
    return found


def _in_word(char: str) -> bool:
    """Is `char` one that Whoosh's tokenizer reads as part of a word (`[\\w*]`)?"""
    return char.isalnum() or char in "_*"


def title(text: str, stems: set[str]) -> str:
    """The whole title with the query's words marked ("" when none occur)."""
    matches = _matches(text, frozenset(stems)) if stems else []
    return _marked(text, 0, len(text), matches, {s: i for i, s in enumerate(sorted(stems))})


def snippet(text: str, stems: set[str]) -> str:
    """Up to three passages around the query's words, best first chosen, shown in
    reading order and joined by " … " ("" when none occur)."""
    matches = _matches(text, frozenset(stems)) if stems else []
    if not matches:
        return ""
    numbers = {s: i for i, s in enumerate(sorted(stems))}
    passages = _passages(text, matches)
    best = sorted(passages, key=lambda p: (-_score(p[2]), p[0]))[:PASSAGES]
    return " … ".join(_marked(text, a, b, found, numbers) for a, b, found in sorted(best))


def _passages(text: str, matches) -> list[tuple[int, int, list]]:
    """Runs of nearby matches with context, each at most SNIPPET_CHARS long."""
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
    return [
        (min(_word_start(text, a), found[0][0]), max(_word_end(text, b), found[-1][1]), found)
        for a, b, found in passages
    ]


def _score(found: list) -> int:
    """More matches, and above all more different query words, make a better passage."""
    return len(found) * 100 * len({stem for _, _, stem in found})


def _word_start(text: str, at: int) -> int:
    if at <= 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if space != -1 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at)
    return space if space > 0 else at


def _marked(text: str, start: int, end: int, matches, numbers: dict[str, int]) -> str:
    """text[start:end], escaped, with <mark>s around the matches inside it."""
    if not matches:
        return ""
    parts, at = [], start
    for first, last, stemmed in matches:
        if first < start or last > end:
            continue
        parts.append(str(escape(text[at:first])))
        word = escape(text[first:last])
        parts.append(f'<mark class="match term{numbers.get(stemmed, 0)}">{word}</mark>')
        at = last
    parts.append(str(escape(text[at:end])))
    return "".join(parts)


def lead(body: str) -> str:
    """The opening of an article, for hits whose text does not hold the query's words."""
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + " …"
