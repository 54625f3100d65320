"""HTML cleaning: a saved page in, title, body and page metadata out.

trafilatura finds the article body (it is the best-scoring open extractor on
our benchmark); our clutter rules then remove what it lets through (share
labels, copyright lines, captions) so both paths obey the same
`clutter.toml`. When trafilatura finds nothing, as on tiny or odd pages, a
plain structural cleaner drops the page furniture by tag and class name
and hands the visible text to the plain-text cleaner.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

import trafilatura
from bs4 import BeautifulSoup, NavigableString
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from .dates import published_date
from .lines import clutter_kind, is_body_sentence, normalise, similarity
from .textclean import Removed, clean_text, without_repeats

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
INVISIBLE_TAGS = ["script", "style", "noscript", "template", "head", "svg"]


@dataclass
class CleanHtml:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    url: str | None = None
    source: str | None = None
    date: date | None = None

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
    doc = _trafilatura(tree, favor_precision=True) if tree is not None else None
    text = doc.text if doc is not None and doc.text else ""
    if tree is not None and len(text) < RECALL_BELOW * _paragraph_chars(tree):
        # Precision mode sometimes stops after the first part of a long article
        # (pages that split the body into sections); recall mode then finds it.
        wider = _trafilatura(tree, favor_recall=True)
        if wider is not None and wider.text and len(wider.text) > RECALL_GAIN * len(text):
            text = wider.text
    kept, removed = _filter_lines(text.split("\n"))
    if tree is not None and kept:
        kept = _with_continuations(tree, kept)
    title = _title(doc.title) if doc else None
    kept = without_repeats(_without_headline(kept, title, removed), removed)
    found = CleanHtml(
        title,
        kept,
        removed,
        doc.url if doc else None,
        _source(doc) if doc else None,
        published_date(doc.date) if doc else None,
    )
    if sum(len(line) for line in kept) >= MIN_BODY_CHARS:
        return found
    fallback = _structural(html, doc)  # trafilatura found little: try the page's structure
    return fallback if len(fallback.text) > len(found.text) else found


def _parse(html: str):
    try:
        return load_html(html)
    except Exception:  # lxml refuses some inputs outright
        return None


def _trafilatura(tree, **mode):
    """One trafilatura run on a copy of the tree (it edits the tree it is given).

    Metadata is read once, in precision mode, with htmldate's quick search:
    on our date benchmark the extensive search picks more wrong dates.
    """
    try:
        return trafilatura.bare_extraction(
            copy.deepcopy(tree),
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
    kept_keys = "\n".join(_key(line) for line in kept)
    homes = Counter()
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is not None and parent.get("class") and _text(paragraph) in kept_set:
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
        for paragraph in container.iter("p"):
            text = _text(paragraph)
            if text in kept_set:
                anchor = text
            elif is_body_sentence(text) and not clutter_kind(text) and _key(text) not in kept_keys:
                after.setdefault(anchor, []).append(text)
                kept_keys += "\n" + _key(text)
    if not after:
        return kept
    merged = after.get(None, [])
    for line in kept:
        merged.append(line)
        merged.extend(after.pop(line, []))
    return merged


def _without_headline(kept: list[str], title: str | None, removed: list[Removed]) -> list[str]:
    """The body without the headline that the extractor took in as its first line."""
    if (
        title
        and kept
        and not is_body_sentence(kept[0])
        and similarity(kept[0], title) >= HEADLINE_SIMILARITY
    ):
        removed.append(Removed(kept[0], "title"))
        return kept[1:]
    return kept


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


def _paragraph_chars(tree) -> int:
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _filter_lines(lines: list[str]) -> tuple[list[str], list[Removed]]:
    kept, removed = [], []
    for line in lines:
        line = normalise(line)
        if not line:
            continue
        kind = clutter_kind(line)
        if kind:
            removed.append(Removed(line, kind))
        else:
            kept.append(line)
    return kept, removed


def _title(title: str | None) -> str | None:
    return normalise(title) if title else None


def _source(doc) -> str | None:
    if getattr(doc, "sitename", None):
        return doc.sitename
    if doc.url:
        return urlparse(doc.url).hostname
    return None


def _structural(html: str, doc) -> CleanHtml:
    soup = BeautifulSoup(html, "lxml")
    title = _title(doc.title if doc is not None else None) or _soup_title(soup)
    for tag in soup(FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    cleaned = clean_text("\n".join(visible_lines(soup.body or soup)))
    title = title or cleaned.title
    if doc is None:
        return CleanHtml(title, cleaned.paragraphs, cleaned.removed)
    return CleanHtml(
        title, cleaned.paragraphs, cleaned.removed, doc.url, _source(doc), published_date(doc.date)
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
