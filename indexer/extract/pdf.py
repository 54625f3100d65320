"""PDF articles: the text layer, without page furniture, as paragraphs.

pypdf reads each page's text layer (a scanned PDF without one has no text
and is refused like an empty page). Lines repeated on most pages (running
headers and footers, with their page numbers folded: "Page 3 of 7" and
"Page 4 of 7" are the same line) and lines that are only a page number are
removed and recorded. The remaining lines are joined into paragraphs: a
line continues the paragraph unless the previous one ended a sentence well
short of the usual line width, or a blank line came between; words
hyphenated at a line end are joined; a paragraph running over a page break
continues on the next page.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from statistics import median

from ..article import Removed
from .reading import ReadError

PAGE_NUMBER = "page number"
PAGE_FURNITURE = "repeated on most pages (header or footer)"
_PAGE_NUMBER = re.compile(
    r"^(?:page|seite|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:/|of|von)\s*\d{1,4})?$", re.I
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_HYPHENATED = re.compile(r"[A-Za-z]-$")
EDGE_LINES = 3  # lines at the top and bottom of a page that may be furniture


@dataclass
class PdfText:
    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def read_pdf(data: bytes) -> PdfText:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings on odd but readable files
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF; cannot read its text")
        pages = _lines([_page_rows(page) for page in reader.pages])
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"not a readable PDF: {exc}") from exc
    removed: list[Removed] = []
    pages = _without_furniture(pages, removed)
    paragraphs = _paragraphs(pages)
    if not paragraphs:
        raise ReadError("PDF without a text layer (a scan?); no article text found")
    title = str(title).strip() if title else None
    return PdfText(title or None, paragraphs, removed)


def _page_rows(page) -> list[tuple[float, str]]:
    """The page's lines, top down, each with its height on the page."""
    rows: list[list] = []  # [y, text]

    def visit(text, cm, tm, _font, _size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        for i, piece in enumerate(text.split("\n")):
            if i or not rows or abs(rows[-1][0] - y) > 1.0:
                rows.append([y, ""])
            rows[-1][1] += piece

    text = page.extract_text(visitor_text=visit) or ""
    rows = [row for row in rows if row[1].strip()]
    if not rows and text.strip():  # no positions: lines without gaps
        return [(0.0, line) for line in text.splitlines()]
    return [(y, line) for y, line in rows]


def _lines(pages: list[list[tuple[float, str]]]) -> list[list[str]]:
    """Each page's lines, with an empty line where the gap between two lines is
    clearly wider than the document's usual line spacing (a paragraph break)."""
    gaps = [
        round(a[0] - b[0], 1)
        for rows in pages
        for a, b in zip(rows, rows[1:], strict=False)
        if a[0] - b[0] > 0.5
    ]
    spacing = min(set(gaps), key=lambda g: (-gaps.count(g), g)) if gaps else 0  # the usual gap
    result = []
    for rows in pages:
        lines = [rows[0][1]] if rows else []
        for above, row in zip(rows, rows[1:], strict=False):
            if spacing and above[0] - row[0] > 1.5 * spacing:
                lines.append("")
            lines.append(row[1])
        result.append(lines)
    return result


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).lower())


def _without_furniture(pages: list[list[str]], removed: list[Removed]) -> list[list[str]]:
    """Pages without lines repeated at the edges of most pages, nor page numbers."""
    counts: dict[str, int] = {}
    for lines in pages:
        edges = [ln for ln in lines if ln.strip()]
        edges = edges[:EDGE_LINES] + edges[-EDGE_LINES:]
        for key in {_key(ln) for ln in edges}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, (len(pages) + 1) // 2 + (len(pages) > 2))  # most pages, at least two
    repeated = {key for key, n in counts.items() if n >= needed} if len(pages) >= 2 else set()
    kept_pages = []
    for lines in pages:
        kept = []
        body = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(body[:EDGE_LINES] + body[-EDGE_LINES:])
        for i, line in enumerate(lines):
            stripped = line.strip()
            if i in edge and _key(line) in repeated:
                removed.append(Removed(stripped, PAGE_FURNITURE))
            elif stripped and _PAGE_NUMBER.match(stripped):
                removed.append(Removed(stripped, PAGE_NUMBER))
            else:
                kept.append(line.rstrip())
        while kept and not kept[-1].strip():  # the gap before a footer
            kept.pop()
        while kept and not kept[0].strip():  # the gap after a header
            kept.pop(0)
        kept_pages.append(kept)
    return kept_pages


def _paragraphs(pages: list[list[str]]) -> list[str]:
    lengths = [len(ln.strip()) for lines in pages for ln in lines if ln.strip()]
    width = median(lengths) if lengths else 0
    paragraphs: list[str] = []
    current = ""
    previous = ""  # the last line added, for the decision on the next one
    for lines in pages:
        for line in lines:
            text = " ".join(line.split())
            if not text:
                if current:
                    paragraphs.append(current)
                current = previous = ""
                continue
            if current and _ends_paragraph(previous, text, width):
                paragraphs.append(current)
                current = ""
            if not current:
                current = text
            elif _HYPHENATED.search(current) and text[:1].islower():
                current = current[:-1] + text
            else:
                current = f"{current} {text}"
            previous = text
        # a page break alone does not end a paragraph: the next page may go on with it
    if current:
        paragraphs.append(current)
    return paragraphs


def _ends_paragraph(line: str, following: str, width: float) -> bool:
    """A line that ends a sentence well short of the usual width closes its paragraph;
    so does a short line without an end (a heading), unless the next line goes on
    with a small letter or the word was hyphenated."""
    if len(line) >= 0.8 * width or following[:1].islower() or _HYPHENATED.search(line):
        return False
    return bool(_SENTENCE_END.search(line)) or len(line) < 0.6 * width
