"""From the text a user typed to a Whoosh query, with its cost bounded.

Whoosh's parser reads the syntax (words, "phrases", AND/OR/NOT, -word,
field:value, prefix*) and looks for each word in the title and the body,
and in every other language's analysis some article uses (CJK bigrams, a
Snowball stemmer: index/analysis.py), so a query's language is never
guessed. A word's matches in the body and in those fields count once,
by the best of them (a disjunction-max), so an article's score for a word
is its English score unless another analysis matches it better, and
English articles, found by the English analysis alone, rank as before.
Around it, `bounded` keeps a query's cost in check, facet field values
fold to the spelling the index holds, and a query Whoosh cannot read
falls back to its plain words with a notice.
"""

from __future__ import annotations

import re

from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.query import And, DisjunctionMax, Every, NullQuery, Or, Term

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
    query, notice = _parse(snapshot, text)
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
    parser = _parser(snapshot)
    try:
        query = parser.parse(text)
        if not _has_error(query):
            query = query.accept(_facet_value_folder(snapshot))
            return _best_analysis(query, snapshot.generation.language_fields), None
    except Exception:  # whoosh raises assorted errors on odd syntax
        pass
    words = _WORDS.findall(text)
    query = _plain_words_query(snapshot, parser, words)
    if query is None:
        return None, "Your query has no words to search for."
    return query, (
        "Your query could not be read as search syntax, so it was searched as the "
        "plain words: " + " ".join(words) + "."
    )


def _parser(snapshot: Snapshot) -> MultifieldParser:
    fields = ["title", "body", *snapshot.generation.language_fields]
    parser = MultifieldParser(fields, snapshot.schema, fieldboosts={"title": TITLE_BOOST})
    # "-word" excludes a word only at the start of a word, so "6G-IA" stays one name.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    return parser


def _best_analysis(query, language_fields: tuple[str, ...]):
    """Each word's alternatives over the fields (title OR body OR body_de ...) become
    title OR best-of(body, body_de, ...): the body analyses of one word count once."""
    if not language_fields:
        return query  # an index of English articles: the query as it always was
    bodies = {"body", *language_fields}

    def regroup(node):
        if not isinstance(node, Or):
            return node
        alike = [c for c in node.subqueries if _field_of(c) in bodies]
        if len(alike) < 2:
            return node
        others = [c for c in node.subqueries if _field_of(c) not in bodies]
        return Or([*others, DisjunctionMax(alike)], boost=node.boost)

    return query.accept(regroup)


def _field_of(query) -> str | None:
    """The one field a query searches (None when it has several or none)."""
    names = {getattr(leaf, "fieldname", None) for leaf in query.leaves()}
    return names.pop() if len(names) == 1 else None


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


def _plain_words_query(snapshot: Snapshot, parser: MultifieldParser, words: list[str]):
    """Every word must match, in title or body (or another analysis), with the same
    analysis as indexing."""
    clauses = [parser.parse(word) for word in dict.fromkeys(words)]
    clauses = [c for c in clauses if not isinstance(c, type(NullQuery))]
    if not clauses:
        return None
    return _best_analysis(And(clauses).normalize(), snapshot.generation.language_fields)
