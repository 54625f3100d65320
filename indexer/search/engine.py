"""Searching the index: query parsing, facet filters, facet counts, highlights.

One function, `search`, serves the web pages, the JSON API and the CLI, so
all three rank, filter and count the same way.

Facets are disjunctive, as in Algolia or Elastic's Search UI: values chosen
within one facet are ORed, facets are ANDed, and each facet's counts are
computed with every filter but its own, so choosing 6G-IA still shows how
many hits 5G-ACIA would add. Counting works on sets of document numbers
(the posting list of each facet value intersected with the match set),
which is exact and avoids Whoosh's slow scored grouping.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from markupsafe import Markup, escape
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.query import And, Every, NullQuery, Or, Term

from ..extract.organisations import fold, full_name, known_spellings
from ..index.arrays import IndexArrays, segments_of
from ..index.lru import ByteBudgetLRU
from ..index.schema import UNDATED, split_values, stored_date
from . import highlighting
from .copies import copy_groups
from .matching import Scored, evaluate, positive_words

SORTS = ("relevance", "newest", "oldest")
MAX_TERMS = 64
LATEST_DATE = date(2999, 12, 31)  # open ranges end here (date.max overflows the field)
SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MAX_PAGE_SIZE = 100
TITLE_BOOST = 3.0
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Facet:
    """A facet over one KEYWORD/ID field; `param` is its name in URLs."""

    param: str
    field: str
    label: str
    by_value: bool = False  # order values by value (years) instead of by count

    def order(self, counts: dict[str, int]) -> list[tuple[str, int]]:
        if self.by_value:  # newest year first, "undated" last
            return sorted(counts.items(), key=lambda kv: _year_key(kv[0]))
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))


def _year_key(value: str) -> tuple:
    """Newest year first, then anything odd a URL asked for, "undated" last."""
    return (value == UNDATED, not value.isdigit(), -int(value) if value.isdigit() else 0, value)


FACETS = (
    Facet("org", "organisation", "Organisation"),
    Facet("topic", "topic", "Topic"),
    Facet("year", "year", "Year", by_value=True),
)
FACETS_BY_PARAM = {f.param: f for f in FACETS}


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet param -> values
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    date_from: date | None = None  # inclusive range on the publication date
    date_to: date | None = None
    copies: bool = False  # list and count syndicated copies one by one

    def selected(self, param: str) -> list[str]:
        return self.filters.get(param, [])


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class Hit:
    id: str
    path: str
    title: str
    title_html: Markup
    snippet_html: Markup
    date: date | None
    organisations: list[str]
    topics: list[str]
    url: str | None
    source: str
    score: float | None
    copies: list[CopyRef] = field(default_factory=list)  # "also published by"


@dataclass(frozen=True)
class CopyRef:
    id: str
    title: str
    source: str
    url: str | None


@dataclass(frozen=True)
class Suggestion:
    q: str
    total: int


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    notice: str | None = None  # e.g. how a query that could not be parsed was read
    suggestion: Suggestion | None = None  # "did you mean", when the query finds little

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))


def parse_query(searcher, text: str):
    """Parse the user's query; on a syntax error fall back to its plain words.

    Returns the query and a notice for the user when the fallback was used.
    """
    text, limits = bounded(text.strip())
    if not text:
        return (Every(), None) if not limits else (None, limits)
    query, notice = _parse(searcher, text)
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


def _parse(searcher, text: str):
    tokens = text.split()
    if all(t.startswith("-") and len(t) > 1 for t in tokens):  # only exclusions:
        text = " ".join(f"NOT {t[1:]}" for t in tokens)  # everything but those
    parser = MultifieldParser(
        ["title", "body"], searcher.schema, fieldboosts={"title": TITLE_BOOST}
    )
    # "-word" excludes a word only at the start of a word, so "6G-IA" stays one name.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(
        FieldAliasPlugin(
            {
                "organisation": ["org", "organization"],
                "mentions": ["mention"],
                "topic": ["topics"],
            }
        )
    )
    try:
        query = parser.parse(text)
        if not _has_error(query):
            return query.accept(_facet_value_folder(searcher)), None
    except Exception:  # whoosh raises assorted errors on odd syntax
        pass
    words = _WORDS.findall(text)
    query = _plain_words_query(searcher, words)
    if query is None:
        return None, "Your query has no words to search for."
    return query, (
        "Your query could not be read as search syntax, so it was searched as the "
        "plain words: " + " ".join(words) + "."
    )


FOLDED_FIELDS = ("organisation", "mentions", "topic")


def _facet_value_folder(searcher):
    """Let `org:6g-ia`, `org:"6G Smart Networks and Services Industry Association"`
    and `topic:spectrum` find the exact values the facet fields hold."""
    known = per_generation(searcher, "folded facet values", _folded_values)

    def fold_term(query):
        if isinstance(query, Term) and query.fieldname in known:
            value = known[query.fieldname].get(fold(str(query.text)), query.text)
            return Term(query.fieldname, value, boost=query.boost)
        return query

    return fold_term


def _folded_values(reader) -> dict[str, dict[str, str]]:
    """Per facet field: folded spelling -> the value the field holds."""
    known = {}
    for field_name in FOLDED_FIELDS:
        values = known_spellings() if field_name != "topic" else {}
        for raw in reader.lexicon(field_name):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            values[fold(value)] = value
        known[field_name] = values
    return known


def _has_error(query) -> bool:
    """Whoosh reads broken syntax ("a AND", "a^^") as an empty query."""
    if isinstance(query, type(NullQuery)):
        return True
    return any(_has_error(child) for child in query.children())


def _plain_words_query(searcher, words: list[str]):
    """Every word must match, in title or body, with the same analysis as indexing."""
    analyzer = searcher.schema["body"].analyzer
    tokens = [t.text for w in words for t in analyzer(w)]
    clauses = [
        Or([Term("title", t, boost=TITLE_BOOST), Term("body", t)]) for t in dict.fromkeys(tokens)
    ]
    return And(clauses) if clauses else None


@dataclass
class Match:
    """The documents a request selects, and what facet counting needs.

    Document sets are numpy boolean masks over the index's document numbers;
    a facet value's documents are an array of document numbers.
    """

    query: object
    notice: str | None
    matched: np.ndarray  # query and date range
    value_docs: dict[str, dict[str, np.ndarray]]  # facet param -> value -> docnums
    selections: dict[str, np.ndarray | None]  # facet param -> mask of its chosen values
    allowed: np.ndarray  # matched and every facet selection
    groups: CopyGroups | None  # None when copies are listed one by one
    scores: np.ndarray | None = None  # BM25F per document, where matched

    def count(self, docs: np.ndarray) -> int:
        """Articles in a mask (or array of docnums); a group of copies counts once."""
        ids = np.flatnonzero(docs) if docs.dtype == bool else docs
        return self.groups.count(ids) if self.groups else len(ids)


def match(searcher, request: SearchRequest) -> Match:
    """The documents `request` selects; none, with the parser's notice, for a query
    that has nothing to search for."""
    arrays = index_arrays(searcher)
    query, notice = parse_query(searcher, request.q)
    if query is None:
        nothing = np.zeros(arrays.size, dtype=bool)
        empty = {f.param: {} for f in FACETS}
        return Match(None, notice, nothing, empty, dict.fromkeys(empty), nothing, None)
    scored = _evaluated(searcher, arrays, query)
    matched = scored.mask
    in_range = _date_range_docs(arrays, request)
    if in_range is not None:
        matched = matched & in_range
    value_docs = {f.param: _value_docs(searcher, f) for f in FACETS}
    selections = {
        p: _selection_docs(arrays, value_docs[p], request.selected(p)) for p in value_docs
    }
    allowed = _intersect(matched, list(selections.values()))
    groups = None if request.copies else copy_groups_of(searcher)
    return Match(query, notice, matched, value_docs, selections, allowed, groups, scored.scores)


def search(searcher, request: SearchRequest, found: Match | None = None) -> SearchResult:
    """Hits, facets and suggestion for `request` (`found`: its match, if already made)."""
    found = found or match(searcher, request)
    if found.query is None:
        return SearchResult(request, 0, [], {f.param: [] for f in FACETS}, found.notice)
    facets = {facet.param: _facet_values(found, facet, request) for facet in FACETS}
    hits = _ranked_hits(searcher, found, request)
    total = found.count(found.allowed)
    suggestion = None
    if request.q.strip() and total < SUGGEST_BELOW:
        suggestion = _suggestion(searcher, request, total)
    return SearchResult(request, total, hits, facets, found.notice, suggestion)


def _facet_values(found: Match, facet: Facet, request: SearchRequest) -> list[FacetValue]:
    """One facet's counts, with every selection applied but its own."""
    others = _intersect(found.matched, [s for p, s in found.selections.items() if p != facet.param])
    counts = {v: found.count(ids[others[ids]]) for v, ids in found.value_docs[facet.param].items()}
    chosen = set(request.selected(facet.param))
    counts = {v: c for v, c in counts.items() if c or v in chosen}
    counts.update({v: 0 for v in chosen if v not in counts})  # removable even when empty
    ordered = [FacetValue(v, c, v in chosen) for v, c in facet.order(counts)]
    if not facet.by_value:  # chosen values first, so they stay in view above "show more"
        ordered.sort(key=lambda v: not v.selected)
    return ordered


class CopyGroups:
    """The syndicated-copy groups of one index generation."""

    def __init__(self, reader, arrays: IndexArrays):
        self.group = copy_groups(reader, arrays)
        self.members: dict[int, list[int]] = {}
        for docnum, root in sorted(self.group.items()):
            self.members.setdefault(root, []).append(docnum)
        self.root = np.arange(arrays.size, dtype=np.int64)
        self.grouped = np.zeros(arrays.size, dtype=bool)
        if self.group:
            docnums = np.fromiter(self.group, dtype=np.int64)
            self.root[docnums] = np.fromiter(self.group.values(), dtype=np.int64)
            self.grouped[docnums] = True

    def key(self, docnum: int) -> int:
        return self.group.get(docnum, docnum)

    def count(self, docnums: np.ndarray) -> int:
        """Groups, not copies: a release on three sites counts once."""
        if not self.group:
            return len(docnums)
        in_group = self.grouped[docnums]
        return int(len(docnums) - in_group.sum() + len(np.unique(self.root[docnums[in_group]])))

    def others(self, docnum: int) -> list[int]:
        return [d for d in self.members.get(self.key(docnum), []) if d != docnum]


_GENERATIONS: dict[tuple, dict] = {}
_BUILDING = threading.RLock()
KEPT_GENERATIONS = 4


def per_generation(searcher, name: str, compute):
    """`compute(reader)`, once per index generation, kept for the requests after it.

    A generation never changes once committed, so what is derived from it
    (arrays, facet posting lists, copy groups) stays valid until `index`
    commits anew.
    """
    reader = searcher.reader()
    storage = getattr(getattr(searcher, "_ix", None), "storage", None)
    # segment ids too: an index deleted and built again restarts at generation 1
    key = (getattr(storage, "folder", id(storage)), reader.generation(), segments_of(reader))
    with _BUILDING:  # concurrent requests after a commit build once, not once each
        slot = _GENERATIONS.get(key)
        if slot is None:
            if len(_GENERATIONS) >= KEPT_GENERATIONS:
                _GENERATIONS.clear()
            slot = _GENERATIONS.setdefault(key, {})
        if name not in slot:
            slot[name] = compute(reader)
        return slot[name]


EVALUATIONS_CACHE_BYTES = 64 * 2**20  # match sets and scores kept per index generation


def _evaluated(searcher, arrays: IndexArrays, query) -> Scored:
    """The query's match set and scores, computed once per generation while they
    stay in the cache: paging, sorting and facet clicks repeat the same query."""
    cache = _evaluations(searcher)
    key = repr(query)
    found = cache.get(key)
    if found is None:
        found = evaluate(searcher, arrays, query)
        found.mask.flags.writeable = found.scores.flags.writeable = False
        cache.put(key, found, found.mask.nbytes + found.scores.nbytes)
    return found


def _evaluations(searcher) -> ByteBudgetLRU:
    return per_generation(searcher, "evaluations", lambda _: ByteBudgetLRU(EVALUATIONS_CACHE_BYTES))


def forget_results(searcher) -> None:
    """Drop the cached match sets and posting lists (to time searches without them)."""
    _evaluations(searcher).clear()
    index_arrays(searcher).forget_postings()


def index_arrays(searcher) -> IndexArrays:
    return per_generation(searcher, "arrays", IndexArrays)


def copy_groups_of(searcher) -> CopyGroups:
    arrays = index_arrays(searcher)
    return per_generation(searcher, "copy groups", lambda reader: CopyGroups(reader, arrays))


def _date_range_docs(arrays: IndexArrays, request: SearchRequest) -> np.ndarray | None:
    if not (request.date_from or request.date_to):
        return None
    low = request.date_from.toordinal() if request.date_from else 1
    high = (request.date_to or LATEST_DATE).toordinal()
    days = arrays.days
    return (days >= low) & (days <= high) & arrays.live


def _suggestion(searcher, request: SearchRequest, total: int) -> Suggestion | None:
    """Correct words the index does not know ("spectrun" -> "spectrum") and
    offer the corrected query when it finds more."""
    corrector = searcher.corrector("body")
    spelling_field = searcher.schema["body"].spelling_fieldname("body")
    reader = searcher.reader()
    words, changed = [], False
    analyzer = searcher.schema["body"].analyzer
    for word in request.q.split():
        plain = word.lower()
        if (
            _PLAIN_WORD.fullmatch(word)
            and word not in ("AND", "OR", "NOT")
            and any(True for _ in analyzer(plain))  # not a stop word
            and not reader.doc_frequency(spelling_field, plain)
        ):
            fixes = corrector.suggest(plain, limit=1)
            if fixes:
                words.append(fixes[0])
                changed = True
                continue
        words.append(word)
    if not changed:
        return None
    corrected = " ".join(words)
    candidate = match(searcher, replace(request, q=corrected))
    found = candidate.count(candidate.allowed)
    return Suggestion(corrected, found) if found > total else None


def _value_docs(searcher, facet: Facet) -> dict[str, np.ndarray]:
    arrays = index_arrays(searcher)
    return per_generation(
        searcher, f"facet {facet.field}", lambda reader: _read_value_docs(reader, arrays, facet)
    )


def _read_value_docs(reader, arrays: IndexArrays, facet: Facet) -> dict[str, np.ndarray]:
    result = {}
    for raw in reader.lexicon(facet.field):
        value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        docnums, _ = arrays.postings(reader, facet.field, raw)
        if len(docnums):
            result[value] = docnums
    return result


def _selection_docs(
    arrays: IndexArrays, value_docs: dict[str, np.ndarray], chosen: list[str]
) -> np.ndarray | None:
    if not chosen:
        return None
    union = np.zeros(arrays.size, dtype=bool)
    for value in chosen:
        if value in value_docs:
            union[value_docs[value]] = True
    return union


def _intersect(base: np.ndarray, others: list[np.ndarray | None]) -> np.ndarray:
    result = base
    for other in others:
        if other is not None:
            result = result & other
    return result


def _ranked_hits(searcher, found: Match, request: SearchRequest) -> list[Hit]:
    if not found.allowed.any():
        return []
    sort = request.sort if request.sort in SORTS else "relevance"
    if isinstance(found.query, Every) and sort == "relevance":
        sort = "newest"  # an empty query lists everything, newest first
    start = (request.page - 1) * request.page_size
    groups = found.groups if found.groups and found.groups.group else None
    wanted = start + request.page_size
    if groups:  # enough to fill the page after copies collapse into their best copy
        candidates = np.flatnonzero(found.allowed & groups.grouped)
        wanted += len(candidates) - len(np.unique(groups.root[candidates]))
    ranked = _top(found, index_arrays(searcher), sort, wanted)
    if groups:
        ranked = _collapsed(ranked, groups)
    page = ranked[start : start + request.page_size]
    words = {f: positive_words(found.query, f, searcher.reader()) for f in ("title", "body")}
    scored = sort == "relevance"
    hits = [_hit(searcher, int(d), found.scores[d] if scored else None, words) for d in page]
    if found.groups:
        for hit, docnum in zip(hits, page, strict=True):
            hit.copies = copy_refs(searcher, found.groups.others(int(docnum)))
    return hits


def _top(found: Match, arrays: IndexArrays, sort: str, wanted: int) -> np.ndarray:
    """The first `wanted` allowed docnums in the sort order (ties: lower docnum first)."""
    docnums = np.flatnonzero(found.allowed)
    if sort == "relevance":
        keys = -found.scores[docnums]
    else:
        days = arrays.days[docnums].astype(np.float64)
        undated = days == 0  # last in both orders
        keys = np.where(undated, np.inf, -days if sort == "newest" else days)
    if wanted < len(docnums):
        nearest = np.argpartition(keys, wanted - 1)[:wanted]
        threshold = keys[nearest].max()
        docnums, keys = docnums[keys <= threshold], keys[keys <= threshold]
    order = np.lexsort((docnums, keys))
    return docnums[order][:wanted]


def _collapsed(ranked: np.ndarray, groups: CopyGroups) -> list[int]:
    """One docnum per group of copies: its best-ranked copy."""
    seen, kept = set(), []
    for docnum in ranked.tolist():
        key = groups.key(docnum)
        if key not in seen:
            seen.add(key)
            kept.append(docnum)
    return kept


def copy_refs(searcher, docnums: list[int]) -> list[CopyRef]:
    refs = []
    for docnum in docnums:
        fields = searcher.stored_fields(docnum)
        refs.append(
            CopyRef(
                fields["id"],
                fields["title"],
                fields.get("source") or fields["path"],
                fields.get("url"),
            )
        )
    return refs


def _hit(searcher, docnum: int, score: float | None, words: dict[str, set[str]]) -> Hit:
    fields = searcher.stored_fields(docnum)
    body_snippet = highlighting.snippet(fields["body"], words["body"])
    title_html = highlighting.title(fields["title"], words["title"])
    return Hit(
        id=fields["id"],
        path=fields["path"],
        title=fields["title"],
        title_html=Markup(title_html) if title_html else escape(fields["title"]),
        snippet_html=Markup(body_snippet)
        if body_snippet
        else escape(highlighting.lead(fields["body"])),
        date=stored_date(fields),
        organisations=split_values(fields.get("organisation")),
        topics=split_values(fields.get("topic")),
        url=fields.get("url"),
        source=fields.get("source", ""),
        score=float(score) if score is not None else None,
    )


@dataclass
class ArticleView:
    id: str
    path: str
    title: str
    text: str
    date: date | None
    organisations: list[str]
    mentions: list[str]
    organisation_names: dict[str, str]
    topics: list[str]
    url: str | None
    source: str
    format: str
    evidence: dict
    removed: list[dict]
    overridden: list[str]
    copies: list[CopyRef] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


def get_article(searcher, article_id: str) -> ArticleView | None:
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return None
    fields = searcher.stored_fields(docnum)
    details = json.loads(fields.get("details") or "{}")
    return ArticleView(
        id=fields["id"],
        path=fields["path"],
        title=fields["title"],
        text=fields["body"],
        date=stored_date(fields),
        organisations=split_values(fields.get("organisation")),
        mentions=split_values(fields.get("mentions")),
        organisation_names=details.get("organisation_names", {}),
        topics=split_values(fields.get("topic")),
        url=fields.get("url"),
        source=fields.get("source", ""),
        format=fields.get("format", ""),
        evidence=details.get("evidence", {}),
        removed=details.get("removed", []),
        overridden=details.get("overridden", []),
        copies=copy_refs(searcher, copy_groups_of(searcher).others(docnum)),
    )


def organisation_names(canonicals: list[str]) -> dict[str, str]:
    """Full names for facet hover text, from the gazetteer."""
    return {c: full_name(c) for c in canonicals}


@dataclass(frozen=True)
class SimilarArticle:
    id: str
    title: str
    date: date | None


def similar_articles(searcher, article_id: str, top: int = 5) -> list[SimilarArticle]:
    """Whoosh's more-like-this: articles sharing the most telling words of this one."""
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    results = searcher.more_like(docnum, "body", top=top, numterms=12)
    return [SimilarArticle(hit["id"], hit["title"], stored_date(hit.fields())) for hit in results]
