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
fold to the spelling the index holds, and a query Whoosh cannot read (or
whose field values a field cannot hold, such as `date:"x"`, or whose boosts
multiply past MAX_BOOST) falls back to its plain words with a notice.
Prefixes, wildcards and ranges are expanded here, once, into the index
words they stand for, within a budget for the whole query counted in index words looked at
(MAX_SCANNED), words searched (MAX_EXPANSIONS) and their postings
(MAX_POSTINGS, what reading them costs); past it they are cut, with a
notice, so `body:[a TO z]` costs no more than a few common words. Plain
words and a plain phrase, the commonest queries, are made into the query the
parser would make without running it (plain_query).
"""

from __future__ import annotations

import re

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.query import And, DisjunctionMax, Every, NullQuery, Or, Term

from ..extract.organisations import fold
from .snapshot import Snapshot

MAX_TERMS = 64
MAX_EXPANSIONS = 1_000  # index words all of a query's prefixes, wildcards and ranges stand for
MAX_SCANNED = 20_000  # index words they may look at to find those
MAX_POSTINGS = 500_000  # documents those words are in, summed: what reading them costs
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
    # Whoosh's parser takes longer than a warm search: each text is parsed (and its
    # prefixes, wildcards and ranges expanded) once per generation, as both depend
    # on what the generation holds
    parsed = snapshot.generation.parsed
    found = parsed.get(text)
    if found is None:
        query, notice = _parse(snapshot, text)
        expanded = None
        if query is not None:
            query, expanded = expand(snapshot.reader, query)
        found = (query, notice, expanded)
        parsed.put(text, found, 1024 + 16 * len(text))
    query, notice, expanded = found
    return query, " ".join(n for n in (limits, notice, expanded) if n) or None


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
        if re.fullmatch(r'["(]?\w?[*?][\w*?]*\W*', bare):  # a*, a?, a*e: one letter before
            plain = bare.replace("*", "").replace("?", "")
            said = "it" if re.fullmatch(r'["(]?\w?[*?]+\W*', bare) else plain
            notices.append(f"{bare} is too short a prefix; searched for {said} as a word.")
            bare = plain
        if bare:
            cleaned.append(f"{field}{colon}{bare}")
    return " ".join(cleaned), " ".join(dict.fromkeys(notices)) or None


def _parse(snapshot: Snapshot, text: str):
    simple = plain_query(snapshot, text)
    if simple is not None:
        return simple, None
    tokens = text.split()
    if all(t.startswith("-") and len(t) > 1 for t in tokens):  # only exclusions:
        text = " ".join(f"NOT {t[1:]}" for t in tokens)  # everything but those
    parser = _parser(snapshot)
    try:
        query = parser.parse(text)
        if not (_has_error(query) or _unfit_values(snapshot.schema, query) or _overboosted(query)):
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


_PLAIN_WORDS = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_PLAIN_PHRASE = re.compile(r'"[A-Za-z0-9]+(?: [A-Za-z0-9]+)+"')


def plain_query(snapshot: Snapshot, text: str):
    """The query Whoosh's parser makes of the commonest queries, made without it:
    plain words (ASCII letters and digits) or one quoted phrase of them, each word
    one index word in every field searched. None for anything else, which the
    parser reads (operators, fields, wildcards, stop words, repeated words...).
    The parser took a third of a rare word's search; tests/test_arrays.py checks
    that both make the same query."""
    fields = _searched_fields(snapshot)
    schema = snapshot.schema
    boosts = [FIELD_BOOSTS.get(f, 1.0) for f in fields]
    if _PLAIN_PHRASE.fullmatch(text) and len(fields) == 2:  # (other analyses: the parser)
        analysed = [[t.text for t in schema[f].tokenize(text[1:-1], mode="query")] for f in fields]
        if min(map(len, analysed)) < 2:  # (one word: Whoosh makes it a term)
            return None
        leaves = [
            wq.Phrase(f, words, boost=boost)
            for f, words, boost in zip(fields, analysed, boosts, strict=True)
        ]
        return _best_analysis(Or(leaves), snapshot.generation.language_fields)
    if not _PLAIN_WORDS.fullmatch(text):
        return None
    words = text.split(" ")
    if any(w.isalpha() and w.isupper() for w in words):  # AND, OR, NOT, ...
        return None
    clauses, seen = [], set()
    for word in words:
        stems = [list(schema[f].process_text(word, mode="query")) for f in fields]
        if any(len(found) != 1 for found in stems) or tuple(stems[1]) in seen:
            return None
        seen.add(tuple(stems[1]))
        terms = [
            Term(f, found[0], boost=boost)
            for f, found, boost in zip(fields, stems, boosts, strict=True)
        ]
        clauses.append(Or(terms))
    query = clauses[0] if len(clauses) == 1 else And(clauses)
    return _best_analysis(query, snapshot.generation.language_fields)


FIELD_BOOSTS = {"title": TITLE_BOOST}  # a searched field's boost (others 1); never changed


def _searched_fields(snapshot: Snapshot) -> list[str]:
    """The fields a word without a field is searched in (plain_query and the parser)."""
    return ["title", "body", *snapshot.generation.language_fields]


def _parser(snapshot: Snapshot) -> MultifieldParser:
    parser = MultifieldParser(_searched_fields(snapshot), snapshot.schema, fieldboosts=FIELD_BOOSTS)
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


def _unfit_values(schema, query) -> bool:
    """A value its field cannot hold, such as `date:"x"` (Whoosh parses it as a term,
    then raises a bare Exception when the term is looked up), or a field that holds
    no words to search (`filestate:[a TO b]`, a column)."""
    field = getattr(query, "fieldname", None)
    if field in schema and not schema[field].indexed:
        return True
    if isinstance(query, Term) and query.fieldname in schema:
        try:
            schema[query.fieldname].to_bytes(query.text)
        except Exception:
            return True
        return False
    return any(_unfit_values(schema, child) for child in query.children())


def _has_error(query) -> bool:
    """Whoosh reads broken syntax ("a AND", "a^^") as an empty query."""
    if isinstance(query, type(NullQuery)):
        return True
    return any(_has_error(child) for child in query.children())


MAX_BOOST = 1e6  # a word's boosts multiplied (its own, its groups', its field's)


def _overboosted(query, outer: float = 1.0) -> bool:
    """Do a word's boosts multiply past MAX_BOOST (`word^99...9` is float('inf'), and
    nested groups' boosts multiply)? Its scores would leave float range (inf, NaN:
    no JSON number, and no order). MAX_BOOST is far past any boost that ranks (a
    title's is 3) and far below that range (a word scores a few tens per field)."""
    boost = outer * getattr(query, "boost", 1.0)
    if not boost <= MAX_BOOST:  # (NaN too)
        return True
    return any(_overboosted(child, boost) for child in query.children())


def _plain_words_query(snapshot: Snapshot, parser: MultifieldParser, words: list[str]):
    """Every word must match, in title or body (or another analysis), with the same
    analysis as indexing."""
    clauses = [parser.parse(word) for word in dict.fromkeys(words)]
    clauses = [c for c in clauses if not isinstance(c, type(NullQuery))]
    if not clauses:
        return None
    return _best_analysis(And(clauses).normalize(), snapshot.generation.language_fields)


class Expansion(wq.MultiTerm):
    """A prefix, wildcard or range standing for the index words found for it
    (`words`, as bytes), so evaluating and highlighting it read no term list again."""

    def __init__(self, original, words: list[bytes]):
        self.original, self.words = original, tuple(words)
        self.fieldname, self.boost = original.fieldname, original.boost
        self.constantscore = getattr(original, "constantscore", True)

    def _btexts(self, ixreader):
        return iter(self.words)

    def __eq__(self, other):
        return isinstance(other, Expansion) and (self.original, self.words) == (
            other.original,
            other.words,
        )

    def __hash__(self):
        return hash((self.original, self.words))

    def __repr__(self):  # the evaluation cache's key: the words follow from the original
        return f"Expansion({self.original!r}, {len(self.words)})"

    def __str__(self):
        return str(self.original)


class _OverBudget(Exception):
    pass


class _CountingReader:
    """A reader whose term lists count the words read against the query's budget."""

    def __init__(self, reader):
        self._reader, self.scanned = reader, 0

    def __getattr__(self, name):
        return getattr(self._reader, name)

    def _counted(self, terms):
        for term in terms:
            self.scanned += 1
            if self.scanned > MAX_SCANNED:
                raise _OverBudget
            yield term

    def expand_prefix(self, fieldname, prefix):
        return self._counted(self._reader.expand_prefix(fieldname, prefix))

    def lexicon(self, fieldname):
        return self._counted(self._reader.lexicon(fieldname))

    def terms_from(self, fieldname, prefix):
        return self._counted(self._reader.terms_from(fieldname, prefix))


def expand(reader, query) -> tuple[object, str | None]:
    """Each prefix, wildcard and range of `query` replaced by its Expansion, all of them
    together within MAX_SCANNED words looked at, MAX_EXPANSIONS words kept and
    MAX_POSTINGS postings; a notice names those cut short."""
    counting, kept, postings, cut = _CountingReader(reader), [0], [0], []

    def expanded(leaf):
        if not isinstance(leaf, wq.MultiTerm) or isinstance(leaf, (wq.FuzzyTerm, Expansion)):
            return leaf
        words = []
        try:
            for word in leaf._btexts(counting):
                postings[0] += reader.doc_frequency(leaf.fieldname, word)
                if kept[0] >= MAX_EXPANSIONS or postings[0] > MAX_POSTINGS:
                    raise _OverBudget
                words.append(word)
                kept[0] += 1
        except _OverBudget:
            cut.append(f"{leaf.text}*" if isinstance(leaf, wq.Prefix) else str(leaf))
        return Expansion(leaf, words)

    query = query.accept(expanded)
    if not cut:
        return query, None
    names = list(dict.fromkeys(cut))
    return query, (
        f"{', '.join(names)} {'stands' if len(names) == 1 else 'stand'} for more index words "
        f"than a search may look at; only the first {kept[0]:,} words found were searched."
    )
