"""HTML cleaning: a saved page in, title, body and page metadata out.

trafilatura finds the article body (it is the best-scoring open extractor on
our benchmark); our clutter rules then remove what it lets through (share
labels, copyright lines, captions) so both paths obey the same
`clutter.toml`. A page that names no container for its body (a class
trafilatura knows, an <article>) first gets the element holding most of its
paragraphs marked as one. When trafilatura finds nothing, as on tiny or odd
pages, a plain structural cleaner drops the page furniture by tag and class
name and hands the visible text to the plain-text cleaner.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlparse

import trafilatura
from bs4 import BeautifulSoup, NavigableString
from htmldate import find_date
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html
from trafilatura.xpaths import BODY_XPATH

from ..article import BULLETS, HEADING, LIST_ITEM, PARAGRAPH, Removed
from .dates import page_date, parse_date
from .lines import (
    clutter_kind,
    ends_sentence,
    is_body_sentence,
    normalise,
    similarity,
    word_count,
)
from .organisations import is_attribution_label
from .textclean import clean_text, is_byline, without_repeats

QUICK_DATES = set_date_params(extensive=False)
MAX_HTML_CHARS = 3_000_000
_HEAVY_MARKUP = re.compile(r"<(script|style|svg|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
RECALL_BELOW = 0.5  # of the page's paragraph text: then also try recall mode
RECALL_GAIN = 2.0  # recall mode's text must be this much longer to be taken
MIN_BODY_CHARS = 200  # less than this after cleaning: try the structural cleaner
HEADLINE_SIMILARITY = 0.9  # a first line this close to the title is the headline again

FURNITURE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "figcaption",
]
FURNITURE_NAMES = re.compile(
    r"share|social|related|cookie|consent|newsletter|subscribe|comment|breadcrumb|menu|navbar|"
    r"sidebar|footer|header|banner|advert|promo|popular|trending|recommend",
    re.I,
)
# Elements that start a new line when a page is read as text.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "br",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "dd",
        "dt",
        "dl",
        "title",
        "body",
        "option",
        "button",
        "label",
        "address",
        "details",
        "summary",
    ]
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
INVISIBLE_TAGS = ["script", "style", "noscript", "template", "head", "svg"]


@dataclass
class CleanHtml:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    url: str | None = None
    source: str | None = None
    date: date | None = None
    kinds: list[str] = field(default_factory=list)  # each paragraph's kind (article.py)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def clean_html(html: str) -> CleanHtml:
    html, cut = _within_budget(html)
    found = _clean(html)
    if cut:
        found.removed.append(cut)
    return found


def _within_budget(html: str) -> tuple[str, Removed | None]:
    """Huge pages lose scripts and styles first, then whatever is past the limit.

    Extraction time grows with the page; a 20 MB page of inline data would
    otherwise hold up an index run for most of a minute.
    """
    if len(html) <= MAX_HTML_CHARS:
        return html, None
    original = len(html)
    html = _HEAVY_MARKUP.sub(" ", html)
    if len(html) <= MAX_HTML_CHARS:
        return html, None
    note = Removed(
        f"the last {original - MAX_HTML_CHARS:,} of {original:,} characters", "page too large"
    )
    return html[:MAX_HTML_CHARS], note


def _clean(html: str) -> CleanHtml:
    tree = _parse(html)
    if tree is not None:
        _as_blocks(_layout_tables(tree))
    body = _unnamed_body(tree) if tree is not None else None
    doc = _trafilatura(tree, body, favor_precision=True) if tree is not None else None
    text = doc.text if doc is not None and doc.text else ""
    if tree is not None and len(text) < RECALL_BELOW * _paragraph_chars(tree):
        # Precision mode sometimes stops after the first part of a long article
        # (pages that split the body into sections); recall mode then finds it.
        wider = _trafilatura(tree, body, favor_recall=True)
        if wider is not None and wider.text and len(wider.text) > RECALL_GAIN * len(text):
            text = wider.text
    kept, removed = _filter_lines(text.split("\n"))
    if tree is not None and kept:
        kept = _without_teasers(tree, _with_continuations(tree, kept), removed)
        kept = _without_deck(tree, kept, removed)
        kept = _without_link_lists(tree, kept, removed)
    kept = _without_bylines(kept, removed)
    title, headline = _headline(tree, doc)
    kept = without_repeats(_without_headline(kept, title, removed), removed)
    if tree is not None:
        removed += _issuer_lines(tree)
    found = CleanHtml(
        title,
        kept,
        removed,
        doc.url if doc else None,
        _source(doc) if doc else None,
        page_date(
            tree,
            headline,
            doc.date if doc else None,
            doc.url if doc else None,
            lambda: _extensive_date(html),
        ),
        _block_kinds(doc, kept),
    )
    if sum(len(line) for line in kept) >= MIN_BODY_CHARS:
        return found
    fallback = _structural(html, doc, found)  # trafilatura found little: try the structure
    return fallback if len(fallback.text) > len(found.text) else found


# A page's metadata list ("From: Department for ...", <dt>From:</dt><dd>...</dd>
# on gov.uk): trafilatura leaves it out; the names under an attribution label
# (the labels organisations.attribution reads) are the release's publishers.
MAX_ISSUER_TERMS = 5


def _issuer_lines(tree) -> list[Removed]:
    lines = []
    terms = (t for t in tree.iter("dt") if is_attribution_label(_text(t)))
    for term in list(itertools.islice(terms, MAX_ISSUER_TERMS)):
        value = term.getnext()
        if value is None or value.tag != "dd":
            continue
        label = _text(term).rstrip(" :").capitalize()
        names = [_text(a) for a in value.iter("a")] or [_text(value)]
        lines += [Removed(f"{label}: {name}", "page metadata") for name in names if name]
    return lines


# A table cell holding any of these, or this much text in paragraphs, lays out a
# page (menu in one cell, article in the next), as older sites do; a data table's
# cells hold values, maybe each in a <p> or a small table of them, and a long
# value (a description) is one run of text. (A cell holding a layout table holds
# that table's heading or text, so it counts as layout.)
LAYOUT_CELL_TAGS = ("h1", "h2", "h3")
LAYOUT_CELL_CHARS = 500
# An article's paragraphs in a cell: two or more of these ("<p>…</p><p>…</p>",
# an older page's "…<br><br>…").
PARAGRAPH_TAGS = ("p", "div", "li", "br", "blockquote", "pre")
TABLE_PARTS = ("tbody", "thead", "tfoot", "tr", "td", "th")


def _layout_tables(tree) -> list:
    """The tables of the page that lay it out, not tables of data.

    With tables kept, trafilatura writes a layout table as a table: the menu,
    headline and every paragraph of the article glued into one row.
    """
    found = []
    for table in tree.iter("table"):
        cells = _own(table, "td", "th")
        if any(cell.tag == "th" for cell in cells):  # a header row: a table of data
            continue
        for cell in cells:
            if next(cell.iter(*LAYOUT_CELL_TAGS), None) is not None or (
                len(_text(cell)) > LAYOUT_CELL_CHARS
                and len(list(itertools.islice(cell.iter(*PARAGRAPH_TAGS), 2))) == 2
            ):
                found.append(table)
                break
    return found


def _own(table, *tags) -> list:
    """The elements of these tags that belong to this table, not to one inside it."""
    return [e for e in table.iter(*tags) if next(e.iterancestors("table")) is table]


def _as_blocks(tables: list) -> None:
    """Layout tables, their rows and cells become plain blocks (divs), in place."""
    parts = [e for table in tables for e in _own(table, *TABLE_PARTS)]
    for element in parts + tables:
        element.tag = "div"


# The share of the page's paragraph text that the element holding an article's
# body holds: the rest is captions, datelines, cookie notices and footers.
BODY_SHARE = 0.75
BODY_TAGS = ("div", "section", "main")
# trafilatura's container expressions: the first two name an article's body (a
# class like "entry-content", an <article>); the others are page-wide wrappers
# ("content", "main…") that also hold the deck, byline, caption and date.
NAMED_BODY = 2


def _unnamed_body(tree) -> str | None:
    """The path of the body's container, to be marked as an <article> in the copy
    trafilatura reads, when the page names none and the extractor would read a
    page-wide wrapper or, finding no container at all, only the loose <p>s
    (losing headings and lists); else None.

    The body's container is the deepest element holding BODY_SHARE of the
    page's paragraph text.
    """
    named = reversed(BODY_XPATH[:NAMED_BODY])  # (an <article> first: the cheap test)
    if any(next(iter(expr(tree)), None) is not None for expr in named):
        return None
    home = _paragraph_home(tree)
    if home is None or home.tag not in BODY_TAGS or _lead_before(home):
        return None
    for expr in BODY_XPATH[NAMED_BODY:]:
        wrapper = next(iter(expr(tree)), None)
        if wrapper is not None:
            if wrapper is home or home not in wrapper.iterdescendants():
                return None  # the extractor's pick is the body, or inside or beside it
            break
    return tree.getroottree().getpath(home)


def _lead_before(home) -> bool:
    """Whether a paragraph of the story stands before its container, set apart in
    a sibling (a lead in <div class="lead">): marked, the container alone would
    be read and the lead lost (or read after the rest)."""
    return any(
        is_body_sentence(_text(paragraph))
        for sibling in home.itersiblings(preceding=True)
        if isinstance(sibling.tag, str)
        for paragraph in sibling.iter("p")
    )


def _paragraph_home(tree):
    """The deepest element holding BODY_SHARE of the page's paragraph text, or None."""
    held: Counter = Counter()
    total = 0
    for paragraph in tree.iter("p"):
        chars = len(paragraph.text_content().strip())
        total += chars
        for ancestor in paragraph.iterancestors():
            held[ancestor] += chars
    if not total:
        return None
    home = None
    for element, chars in held.items():
        if chars >= BODY_SHARE * total and (home is None or home in element.iterancestors()):
            home = element
    return home


def _block_kinds(doc, kept: list[str]) -> list[str]:
    """Headings and list items as trafilatura found them in the page's markup."""
    marked = {}
    body = getattr(doc, "body", None)
    if body is not None:
        for element in body.iter("head", "item"):
            marked.setdefault(_key("".join(element.itertext())), element.tag)
    kinds = {"head": HEADING, "item": LIST_ITEM}
    return [kinds.get(marked.get(_key(line.lstrip(BULLETS)), ""), PARAGRAPH) for line in kept]


def _parse(html: str):
    try:
        return load_html(html)
    except Exception:  # lxml refuses some inputs outright
        return None


def _extensive_date(html: str) -> str | None:
    """htmldate's extensive search: slow, so run only when nothing cheaper finds a date.

    Its last resort is a bare year (a copyright line) given as 1 January: no day at all.
    """
    try:
        found = find_date(html, original_date=True, extensive_search=True)
    except Exception:  # htmldate can raise on pathological markup
        return None
    return None if found is None or found.endswith("-01-01") else found


def _trafilatura(tree, body: str | None, **mode):
    """One trafilatura run on a copy of the tree (it edits the tree it is given),
    the element at path `body` (`_unnamed_body`) marked as an <article> in it.

    Metadata is read once, in precision mode, with htmldate's quick search:
    on our date benchmark the extensive search picks more wrong dates.
    """
    try:
        source = copy.deepcopy(tree)
        if body is not None:
            source.getroottree().xpath(body)[0].tag = "article"
        return trafilatura.bare_extraction(
            source,
            include_comments=False,
            include_tables=True,
            with_metadata="favor_precision" in mode,
            date_extraction_params=QUICK_DATES,
            **mode,
        )
    except Exception:  # trafilatura can raise on pathological markup
        return None


def _with_continuations(tree, kept: list[str]) -> list[str]:
    """Add the parts of a body that is split over sibling containers.

    Some sites cut an article into several identical containers (between ads
    or embeds) and extractors keep only the first. When most kept paragraphs
    sit in containers of one class that repeats, the body sentences of its
    other instances join the text, each after the paragraph it follows.
    """
    kept_set = set(kept)
    kept_keys = "".join(_key(line) for line in kept)  # a paragraph over kept lines is in it
    homes = Counter()
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is not None and parent.get("class") and kept_set & set(_lines(paragraph)):
            homes[(parent.tag, parent.get("class"))] += 1
    if not homes:
        return kept
    (tag, cls), count = homes.most_common(1)[0]
    first = next(el for el in tree.iter(tag) if el.get("class") == cls)
    containers = [el for el in tree.iter(tag) if el.get("class") == cls and _kin(el, first)]
    if count < 2 or len(containers) < 2:
        return kept
    after: dict[str | None, list[str]] = {}
    anchor = None
    for container in containers:
        for text in (line for p in container.iter("p") for line in _lines(p)):
            if text in kept_set:
                anchor = text
            elif is_body_sentence(text) and not clutter_kind(text) and _key(text) not in kept_keys:
                after.setdefault(anchor, []).append(text)
                kept_keys += _key(text)
    if not after:
        return kept
    merged = after.get(None, [])
    for line in kept:
        merged.append(line)
        merged.extend(after.pop(line, []))
    return merged


TEASER_MAX_CHARS = 400  # a card longer than this is a story, not a teaser
TEASER_MAX_SHARE = 0.5  # teasers are never most of the body: then they are the body


def _without_teasers(tree, kept: list[str], removed: list[Removed]) -> list[str]:
    """The body without other stories' teasers that the extractor let in.

    A teaser is a small card (an <article> or <li>) whose heading is all a
    link to the other story; sites mark up related and top stories so, before
    or after the article, and extractors that look for <article> take some in.
    """
    teasers = set()
    for heading in tree.iter(*HEADINGS[1:]):  # (an h1 is the page's own headline)
        text = _text(heading)
        if not text or normalise(" ".join(_text(a) for a in heading.iter("a"))) != text:
            continue
        card = next((a for a in heading.iterancestors("article", "li")), None)
        if card is not None and len(_text(card)) <= TEASER_MAX_CHARS:
            lines = (line for el in card.iter("p", *HEADINGS) for line in _lines(el))
            teasers.update(line.lstrip(BULLETS) for line in lines)
    body, gone = [], []
    for line in kept:  # (a list item's line comes marked "- ")
        (gone if line.lstrip(BULLETS) in teasers else body).append(line)
    if not gone or sum(map(len, body)) < TEASER_MAX_SHARE * sum(map(len, kept)):
        return kept
    removed += [Removed(line, "related-links") for line in gone]
    return body


DECK_SIMILARITY = 0.9  # a line this close to the page's description is the deck


def _without_deck(tree, kept: list[str], removed: list[Removed]) -> list[str]:
    """The body without its deck: the summary under the headline that pages also
    give as their description (meta description, og:description), set apart from
    the body's paragraphs. A lead paragraph that is the description too stays:
    it is inside the element holding the body's paragraphs."""
    descriptions = {
        normalise(meta.get("content"))
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or "").lower()
        in ("description", "og:description", "twitter:description")
        and meta.get("content")
    }
    decks = [n for n, line in enumerate(kept) if any(_is_deck(line, d) for d in descriptions)]
    home = _paragraph_home(tree) if decks else None
    if home is None:
        return kept
    inside = {line for el in home.iter("p", *HEADINGS) for line in _lines(el)}
    start = next((n for n, line in enumerate(kept) if line in inside), None)
    if start is None:  # the text is not that element's (a body of <div>s, <p>s in the footer)
        return kept
    gone = {n for n in decks if n < start}  # (only before the body's first paragraph)
    removed += [Removed(kept[n], "deck") for n in sorted(gone)]
    return [line for n, line in enumerate(kept) if n not in gone]


def _is_deck(line: str, description: str) -> bool:
    near = 0.75 * len(description) <= len(line) <= 1.33 * len(description)  # (cheap test first)
    return near and similarity(line, description) >= DECK_SIMILARITY


LINK_LIST_MIN_ITEMS = 2
HEADING_MAX_WORDS = 8  # a line this short, with no full stop, heads what follows


def _without_link_lists(tree, kept: list[str], removed: list[Removed]) -> list[str]:
    """The body without lists of links ("For more information", "See also"):
    a run of list items each of which is a link and nothing else, and the
    heading over it when the run is all that heading has under it."""
    items = {line.lstrip(BULLETS) for line in kept if _is_item(line)}
    if len(items) < LINK_LIST_MIN_ITEMS:
        return kept
    linked = set()
    for item in tree.iter("li"):
        if item.find(".//a") is None:
            continue
        text = _text(item)
        if text in items and normalise(" ".join(_text(a) for a in item.iter("a"))) == text:
            linked.add(text)
    if not linked:
        return kept
    gone = set()
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and _is_item(kept[j]) and kept[j].lstrip(BULLETS) in linked:
            j += 1
        if j - i >= LINK_LIST_MIN_ITEMS:
            gone.update(range(i, j))
            if (
                i > 0
                and _is_heading_line(kept[i - 1])
                and (j == len(kept) or _is_heading_line(kept[j]))
            ):
                gone.add(i - 1)
        i = max(j, i + 1)
    if 2 * sum(len(kept[n]) for n in gone) > sum(map(len, kept)):
        return kept  # the links are most of the page: they are its story ("Useful resources")
    removed += [Removed(kept[n], "related-links") for n in sorted(gone)]
    return [line for n, line in enumerate(kept) if n not in gone]


def _is_item(line: str) -> bool:
    return line.startswith("- ")  # (as trafilatura writes a list item)


def _is_heading_line(line: str) -> bool:
    return not _is_item(line) and word_count(line) <= HEADING_MAX_WORDS and not ends_sentence(line)


def _without_bylines(kept: list[str], removed: list[Removed]) -> list[str]:
    """The body without byline and time-stamp lines that the extractor let in
    ("Published 12 May 2026" under the last paragraph): the page's metadata,
    read apart (dates.py, organisations.py), not its text. A table row, or a list
    item with a time of day but no date, is the story's own (a programme's
    "- 09:30 Opening keynote"); a dated item is the post's ("- 3 March 2025")."""
    body = []
    for line in kept:
        item = _is_item(line)
        if (
            not line.startswith("|")
            and is_byline(line)
            and (not item or parse_date(line) is not None)
        ):
            removed.append(Removed(line, "byline"))
        else:
            body.append(line)
    return body


def _without_headline(kept: list[str], title: str | None, removed: list[Removed]) -> list[str]:
    """The body without the headline: the extractor takes it in as the first line,
    and pages repeat it further down (the title of the video or gallery under it)."""
    if not title:
        return kept
    body = []
    for line in kept:
        if not is_body_sentence(line) and similarity(line, title) >= HEADLINE_SIMILARITY:
            removed.append(Removed(line, "title"))
        else:
            body.append(line)
    return body


def _kin(element, first) -> bool:
    """Siblings, or cousins in twin wrappers: a shared class alone also marks teasers."""
    parent, first_parent = element.getparent(), first.getparent()
    if parent is first_parent:
        return True
    return (
        parent is not None
        and parent.getparent() is first_parent.getparent()
        and (parent.tag, parent.get("class")) == (first_parent.tag, first_parent.get("class"))
    )


def _key(text: str) -> str:
    """Text reduced to lower-case letters and digits, to spot the same paragraph twice."""
    return re.sub(r"\W+", "", text.lower())


def _text(element) -> str:
    return normalise(element.text_content())


def _lines(paragraph) -> list[str]:
    """A paragraph's lines: text_content() would glue the lines of a <br> together."""
    if paragraph.find(".//br") is None:
        return [_text(paragraph)]
    paragraph = copy.deepcopy(paragraph)
    for br in paragraph.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line for line in map(normalise, paragraph.text_content().split("\n")) if line]


def _paragraph_chars(tree) -> int:
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _filter_lines(lines: list[str]) -> tuple[list[str], list[Removed]]:
    kept, removed, after = [], [], []
    for line in lines:
        line = normalise(line)
        if not line:
            continue
        kind = clutter_kind(line)
        if kind:
            removed.append(Removed(line, kind))
            after.append(len(kept))
        else:
            kept.append(line)
    # between two kept lines: inside the article (a caption), not around it
    removed = [replace(r, within=0 < n < len(kept)) for r, n in zip(removed, after, strict=True)]
    return kept, removed


def _title(title: str | None) -> str | None:
    return normalise(title) if title else None


def _headline(tree, doc) -> tuple[str | None, object]:
    """The headline a reader sees, and its element (the byline is read beside it).

    Pages state their headline in metadata (og:title, JSON-LD, <title>) and
    show it as a heading. A heading that matches a metadata title is the
    headline: headings that match none are the site's logo or a section's
    name. Without such a heading the metadata title is taken, less the site
    name and section labels around it ("Opinion | ... - The Daily").
    """
    if tree is None:
        return (_title(doc.title) if doc else None), None
    metas = [t for t in _meta_titles(tree) if t]
    if not metas and doc is not None and doc.title:  # trafilatura's own pick, often the h1
        metas = [normalise(doc.title)]
    names = _site_names(tree, doc)
    best, best_score = None, 0.0
    for tag, penalty in (("h1", 0.0), ("h2", 0.1)):  # an h2 only when no h1 matches
        for rank, element in enumerate(tree.iter(tag)):
            text = normalise(element.text_content())
            if not text or len(text) > HEADLINE_MAX_CHARS:
                continue
            score = max((_title_match(text, meta, names) for meta in metas), default=0.0)
            score -= 0.01 * rank + penalty  # the first heading wins a tie
            if score > best_score:
                best, best_score = (element, text), score
        if best and best_score >= HEADLINE_MATCH:
            return best[1], best[0]
    if metas:
        return _without_site_name(metas[0], names), _first(tree, "h1")
    h1 = _first(tree, "h1")
    return (normalise(h1.text_content()) or None) if h1 is not None else None, h1


HEADLINE_MAX_CHARS = 400
HEADLINE_MATCH = 0.6  # share of the metadata title's words a heading must share
# " | ", " - ", " – ", " — ", " :: ", " » ", " · " between a headline and the site's name.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—»·•]|::)\s+")
SITE_LABEL_MAX_WORDS = 4


def _meta_titles(tree) -> list[str]:
    found = []
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name in ("og:title", "twitter:title") and meta.get("content"):
            found.append(normalise(meta.get("content")))
    title = _first(tree, "title")
    if title is not None:
        found.append(normalise(title.text_content()))
    return found


def _title_match(heading: str, meta: str, site_names: set[str]) -> float:
    """How much a heading is the metadata title, or one of its parts that is not
    the site's name: the share of words they have in common (Dice)."""
    words = set(_key_words(heading))
    if not words:
        return 0.0
    best = 0.0
    for part in [meta, *TITLE_SEPARATOR.split(meta)]:
        if part != meta and _is_site_name(part, site_names):
            continue
        wanted = set(_key_words(part))
        if wanted:
            best = max(best, 2 * len(words & wanted) / (len(words) + len(wanted)))
    return best


def _is_site_name(part: str, site_names: set[str]) -> bool:
    """The part is the site's name, or the name with a little more ("… News")."""
    key = _key(part)
    return len(key) >= 3 and any(
        key in name or (name in key and len(name) >= 0.6 * len(key)) for name in site_names
    )


def _key_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _site_names(tree, doc) -> set[str]:
    names = set()
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name in ("og:site_name", "application-name") and meta.get("content"):
            names.add(_key(meta.get("content")))
    if doc is not None and doc.url:
        names.add(_key(urlparse(doc.url).hostname or ""))
    return {n for n in names if n}


def _without_site_name(title: str, site_names: set[str]) -> str:
    """A metadata title less the site's name and short labels at either end."""
    spans, start = [], 0
    for separator in TITLE_SEPARATOR.finditer(title):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(title)))
    if len(spans) == 1:
        return title
    longest = max(spans, key=lambda span: span[1] - span[0])

    def goes(span: tuple[int, int]) -> bool:
        part = title[span[0] : span[1]]
        if _is_site_name(part, site_names):
            return True
        return span != longest and len(part.split()) <= SITE_LABEL_MAX_WORDS

    while len(spans) > 1 and goes(spans[-1]):
        spans.pop()
    while len(spans) > 1 and goes(spans[0]):
        spans.pop(0)
    return title[spans[0][0] : spans[-1][1]]


def _first(tree, tag: str):
    return next(tree.iter(tag), None)


def _source(doc) -> str | None:
    if getattr(doc, "sitename", None):
        return doc.sitename
    if doc.url:
        return urlparse(doc.url).hostname
    return None


# A feed or an XML page saved as .html opens with "<?xml …?>": it is read as HTML on
# purpose (as a browser shows it); without its declaration BeautifulSoup does not warn
# on the operator's screen (and no process-wide warning filter is touched).
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")


def _structural(html: str, doc, found: CleanHtml) -> CleanHtml:
    soup = BeautifulSoup(_XML_DECLARATION.sub("", html, count=1), "lxml")
    title = found.title or _soup_title(soup)
    for tag in soup(FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    cleaned = clean_text("\n".join(visible_lines(soup.body or soup)))
    title = title or cleaned.title
    if doc is None:
        return CleanHtml(
            title, cleaned.paragraphs, cleaned.removed, date=found.date, kinds=cleaned.kinds
        )
    return CleanHtml(
        title,
        cleaned.paragraphs,
        cleaned.removed,
        doc.url,
        _source(doc),
        found.date,
        cleaned.kinds,
    )


def visible_lines(root) -> list[str]:
    """The text of a parsed page, one line per block element.

    Reads the tree without changing it: each string joins the line of its
    nearest block ancestor, so the work stays linear however deep the nesting.
    """
    lines: list[str] = []
    current: list[str] = []
    block = None
    for string in root.find_all(string=True):
        if type(string) is not NavigableString or string.parent.name in INVISIBLE_TAGS:
            continue
        owner = next((p for p in string.parents if p.name in BLOCK_TAGS), None)
        if owner is not block:
            _flush(current, lines)
            block = owner
        current.append(str(string))
    _flush(current, lines)
    return lines


def _flush(current: list[str], lines: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        lines.append(text)
    current.clear()


def _is_furniture(tag) -> bool:
    if tag.attrs is None or tag.name in ("html", "body"):
        return False
    names = " ".join([*tag.get("class", []), tag.get("id", "") or "", tag.get("role", "") or ""])
    return bool(names.strip()) and bool(FURNITURE_NAMES.search(names))


def _soup_title(soup: BeautifulSoup) -> str | None:
    heading = soup.find("h1") or soup.find("title")
    return normalise(heading.get_text()) if heading else None
