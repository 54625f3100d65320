"""From the text a user typed to a Whoosh query, with its cost bounded.

Whoosh's parser reads the syntax (words, "phrases", AND/OR/NOT, -word,
field:value, prefix*); around it, `bounded` keeps a query's cost in check,
facet field values fold to the spelling the index holds, and a query
Whoosh cannot read falls back to its plain words with a notice.
"""

from __future__ import annotations

import re

from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.query import And, Every, NullQuery, Or, Term

from ..extract.organisations import fold
from .snapshot import Snapshot

MAX_TERMS = 64
TITLE_BOOST = 3.0
_WORDS = re.compile(r"\w+", re.UNICODE)
FIELD_ALIASES = {
    "organisation": ["org", "organization"],
    "mentions": ["mention"],
    "topic": ["topics"],
}


def parse_query(snapshot: Snapshot, text: str):
    """Parse the user's query; on a syntax error fall back to its plain words.

    Returns the query (None when there is nothing to search for) and a
    notice for the user when the query was cut down or read as plain words.
    """
    text, limits = bounded(text.strip())
    if not text:
        return (Every(), None) if not limits else (None, limits)
    # Whoosh's parser takes longer than a warm search: each text is parsed once per
    # generation (the folding of facet values depends on what the generation holds)
    parsed = snapshot.generation.parsed
    found = parsed.get(text)
    if found is None:
        found = _parse(snapshot, text)
        parsed.put(text, found, 1024 + 16 * len(text))
    query, notice = found
    return query, " ".join(n for n in (limits, notice) if n) or None


def bounded(text: str) -> tuple[str, str | None]:
    """Keep a query's cost bounded: at most MAX_TERMS words, no leading
    wildcards (they scan every term in the index), prefixes of 2+ letters."""
    notices = []
    tokens = text.split()
    if len(tokens) > MAX_TERMS:
        tokens = tokens[:MAX_TERMS]
        notices.append(f"Only the first {MAX_TERMS} words of the query were used.")
    cleaned = []
    for token in tokens:
        field, colon, word = token.rpartition(":") if ":" in token else ("", "", token)
        bare = word.lstrip("*?")
        if bare != word:
            searched = bare or "nothing"
            notices.append(f"Leading wildcards are not supported; searched for {searched}.")
        if re.fullmatch(r'["(]?\w?[*?]+\W*', bare):
            notices.append(f"{bare} is too short a prefix; searched for it as a word.")
            bare = bare.replace("*", "").replace("?", "")
        if bare:
            cleaned.append(f"{field}{colon}{bare}")
    return " ".join(cleaned), " ".join(dict.fromkeys(notices)) or None


def _parse(snapshot: Snapshot, text: str):
    tokens = text.split()
    if all(t.startswith("-") and len(t) > 1 for t in tokens):  # only exclusions:
        text = " ".join(f"NOT {t[1:]}" for t in tokens)  # everything but those
    parser = MultifieldParser(
        ["title", "body"], snapshot.schema, fieldboosts={"title": TITLE_BOOST}
    )
    # "-word" excludes a word only at the start of a word, so "6G-IA" stays one name.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    try:
        query = parser.parse(text)
        if not _has_error(query):
            return query.accept(_facet_value_folder(snapshot)), None
    except Exception:  # whoosh raises assorted errors on odd syntax
        pass
    words = _WORDS.findall(text)
    query = _plain_words_query(snapshot, words)
    if query is None:
        return None, "Your query has no words to search for."
    return query, (
        "Your query could not be read as search syntax, so it was searched as the "
        "plain words: " + " ".join(words) + "."
    )


def _facet_value_folder(snapshot: Snapshot):
    """Let `org:6g-ia`, `org:"6G Smart Networks and Services Industry Association"`
    and `topic:spectrum` find the exact values the facet fields hold."""
    known = snapshot.generation.spellings

    def fold_term(query):
        if isinstance(query, Term) and query.fieldname in known:
            value = known[query.fieldname].get(fold(str(query.text)), query.text)
            return Term(query.fieldname, value, boost=query.boost)
        return query

    return fold_term


def _has_error(query) -> bool:
    """Whoosh reads broken syntax ("a AND", "a^^") as an empty query."""
    if isinstance(query, type(NullQuery)):
        return True
    return any(_has_error(child) for child in query.children())


def _plain_words_query(snapshot: Snapshot, words: list[str]):
    """Every word must match, in title or body, with the same analysis as indexing."""
    analyzer = snapshot.schema["body"].analyzer
    tokens = [t.text for w in words for t in analyzer(w)]
    clauses = [
        Or([Term("title", t, boost=TITLE_BOOST), Term("body", t)]) for t in dict.fromkeys(tokens)
    ]
    return And(clauses) if clauses else None
