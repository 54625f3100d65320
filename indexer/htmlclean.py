"""HTML cleaning: a saved page in, title, body and page metadata out.

trafilatura finds the article body (it is the best-scoring open extractor on
our benchmark); our clutter rules then remove what it lets through (share
labels, copyright lines, captions) so both paths obey the same
`clutter.toml`. When trafilatura finds nothing, as on tiny or odd pages, a
plain structural cleaner drops the page furniture by tag and class name
and hands the visible text to the plain-text cleaner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import trafilatura
from bs4 import BeautifulSoup, NavigableString

from .lines import clutter_kind, normalise
from .textclean import Removed, clean_text

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

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def clean_html(html: str) -> CleanHtml:
    doc = _trafilatura(html)
    if doc is not None and doc.text and doc.text.strip():
        kept, removed = _filter_lines(doc.text.split("\n"))
        if kept:
            return CleanHtml(_title(doc.title), kept, removed, doc.url, _source(doc))
    return _structural(html, doc)


def _trafilatura(html: str):
    try:
        return trafilatura.bare_extraction(
            html,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception:  # trafilatura can raise on pathological markup
        return None


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
    url = doc.url if doc is not None else None
    return CleanHtml(
        title, cleaned.paragraphs, cleaned.removed, url, _source(doc) if doc is not None else None
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
