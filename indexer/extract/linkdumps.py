"""Text-mode browser dumps with numbered links, read as a person reads them.

lynx (by default) and w3m (with its display_link_number option) print every
link with its number glued to it ("[12]Sign in | [13]Mail", "Some [3]link
text here") and end the dump with the addresses: "References" and
"   1. https://..." lines (lynx), "References:" and "[1] https://..." lines
(w3m). The numbers are not text, the References list is not the article
(nor a place for its date or title), and a line of numbered links and
nothing else ("[1]Sign in | [2]Mail", "[14]Terms  [15]Privacy") is a menu,
unless it states a day ("[5]Politics | [6]14 May 2024": the archive's link).

The shape is recognised from the page as a whole, never from one marker: a
References list closing the text whose numbers the text's markers use, or,
without the list, many markers on many lines numbered in the order they
come. A "[1]" footnote in an ordinary article, a Markdown link ("[text][1]",
"[1]: https://...") are no link markers and stay; in a dump, a number not
glued to a text stays unless it comes in the order the links are numbered
(a footnote's "[1]" far down the page).

Taking a marker out shortens its line, and the text cleaner finds where a
hard-wrapped paragraph was broken by its lines' widths: the columns a line
loses go to its indentation, so it keeps the width it was wrapped at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Removed
from .dates import parse_date
from .lines import normalise
from .textclean import glue

# A link's number glued to its text ("[12]Sign in", "[3][IMG]"); a number before
# a space, a colon, a closing mark (full-width ones too) or the line's end is a
# footnote's or a Markdown reference ("[1] ITU, 2024", "[1]: https://...", "said[1].",
# "2023.[1]", "研究表明[1]，").
MARKER = re.compile(r"\[(\d{1,5})\](?=[^\s:;,.!?)\]}、。，：；！？）」』】])")
LINK_NUMBER = re.compile(r"\[(\d{1,5})\]")
REFERENCES_HEADING = re.compile(r"^\s*References:?\s*$")
# "   1. https://x.org/a" (lynx), "[1] https://x.org/a" (w3m): one address a line;
# lynx parts its list into "Visible links:" and "Hidden links:".
REFERENCE = re.compile(r"^\s*(?:\[(\d{1,5})\]|(\d{1,5})\.)\s+\S+\s*$")
REFERENCE_PART = re.compile(r"^\s*(?:Visible|Hidden) links:?\s*$", re.I)
# A References list of this many entries or more whose numbers this many
# markers above it use makes the page a numbered dump.
LISTED_MIN_ENTRIES, LISTED_MIN_MARKERS = 2, 2
# Without the list: this many markers or more on this many lines or more, this
# share of them numbered one more than the marker before.
UNLISTED_MIN_MARKERS, UNLISTED_MIN_LINES, UNLISTED_IN_ORDER = 8, 4, 0.8
# A menu: its links parted by "|" or by two spaces or more, nothing else between
# but a label before the first ("In this issue: [10]Chair's letter | [11]Diary").
_MENU_SEPARATOR = re.compile(r"\s*\|\s*|\s{2,}")
_MENU_LABEL = re.compile(r"^[^\[\]|]{1,40}:\s*(?=\[)")
MENU_MIN_LINKS = 2
# Links parted by one space are a menu when the line opens with one and each
# holds at most this many words and no sentence's mark ("[3]About [4]Research
# [5]News"); so is a line of such links right under a menu (its wrapped end).
MENU_ITEM_WORDS = 3
_SENTENCE_MARK = re.compile(r"[.,;!?]$")
REFERENCES = "list of link addresses"
MENU = "menu of links"
# Glued to a word or a closing mark before it and to text after it, a marker
# parts two links ("[32]Subscribe[33]Sign In"): it leaves a space.
_PARTS_LINKS = re.compile(r"[\w)\]\"'”’]")


@dataclass
class LinkDump:
    text: str  # the dump without its link numbers, menus and References list
    removed: list[Removed]


def read_link_dump(text: str) -> LinkDump | None:
    """The dump read without its link numbers, or None when `text` is no such dump."""
    lines = text.splitlines()
    start, listed = _references(lines)
    body = lines[:start]
    markers = [(i, int(m.group(1))) for i, line in enumerate(body) for m in MARKER.finditer(line)]
    if not _numbered(markers, listed):
        return None
    # Once the shape is known, the numbers of form fields go too, which the list
    # leaves out ("[22][ ]"), and a number standing apart from its text ("[4] "
    # before a link whose text opens with a space) when it comes in the order
    # the links are numbered: a footnote's "[1]" far down the page stays.
    numbers = range(1, max(listed or {n for _, n in markers}) + 1)
    removed: list[Removed] = []
    kept: list[str] = []
    menu_above, last = False, 0
    for line in body:
        found = []
        for m in LINK_NUMBER.finditer(line):
            number = int(m.group(1))
            if number in numbers and (number > last or MARKER.match(line, m.start())):
                found.append(m)
                last = max(last, number)
        links = _short_links(line, found)
        menu = _menu(line, numbers) or links >= MENU_MIN_LINKS or (links and menu_above)
        if menu and not parse_date(line):  # a day linked to its archive is no menu's
            removed.append(Removed(normalise(_unnumbered(line, found)), MENU))
            kept.append("")
            menu_above = True
        else:
            kept.append(_unnumbered(line, found))
            menu_above = False
    removed += [Removed(normalise(line), REFERENCES) for line in lines[start:] if line.strip()]
    return LinkDump("\n".join(kept), removed)


def _references(lines: list[str]) -> tuple[int, set[int]]:
    """Where the References list closing the text starts (len(lines) when there
    is none), and the numbers it lists."""
    numbers: set[int] = set()
    for at in range(len(lines) - 1, -1, -1):
        line = lines[at]
        entry = REFERENCE.match(line)
        if entry:
            numbers.add(int(entry.group(1) or entry.group(2)))
        elif REFERENCES_HEADING.match(line):
            return (at, numbers) if len(numbers) >= LISTED_MIN_ENTRIES else (len(lines), set())
        elif line.strip() and not REFERENCE_PART.match(line):
            break
    return len(lines), set()


def _numbered(markers: list[tuple[int, int]], listed: set[int]) -> bool:
    """Whether the markers are a dump's link numbers (see the module's docstring)."""
    if listed:
        return sum(1 for _, n in markers if n in listed) >= LISTED_MIN_MARKERS
    in_order = sum(1 for (_, a), (_, b) in zip(markers, markers[1:], strict=False) if b == a + 1)
    return (
        len(markers) >= UNLISTED_MIN_MARKERS
        and len({i for i, _ in markers}) >= UNLISTED_MIN_LINES
        and in_order >= UNLISTED_IN_ORDER * (len(markers) - 1)
    )


def _menu(line: str, numbers: range) -> bool:
    """A line of numbered links and nothing else, parted by "|" or wide spaces."""
    parts = [p for p in _MENU_SEPARATOR.split(_MENU_LABEL.sub("", line.strip())) if p]
    heads = [LINK_NUMBER.match(p) for p in parts]
    return len(parts) >= MENU_MIN_LINKS and all(h and int(h.group(1)) in numbers for h in heads)


def _short_links(line: str, found: list[re.Match]) -> int:
    """How many links the line holds when it is nothing but links of a few words
    parted by spaces (see MENU_ITEM_WORDS), else 0."""
    if not found or line[: found[0].start()].strip():
        return 0
    ends = [m.start() for m in found[1:]] + [len(line)]
    items = [line[m.end() : end].strip() for m, end in zip(found, ends, strict=True)]
    short = all(
        len(item.split()) <= MENU_ITEM_WORDS and not _SENTENCE_MARK.search(item) for item in items
    )
    return len(items) if short else 0


def _unnumbered(line: str, found: list[re.Match]) -> str:
    """The line without its link numbers, as wide as it was (see the docstring)."""
    if not found:
        return line
    out, lost, at = [], 0, 0
    for m in found:
        out.append(line[at : m.start()])
        glued = m.start() > 0 and _PARTS_LINKS.match(line[m.start() - 1])
        after = line[m.end() : m.end() + 1]
        # (none inside a Chinese or Japanese sentence: "中国移动[6]与华为")
        if glued and after and not after.isspace() and glue(line[m.start() - 1], after):
            out.append(" ")
            lost -= 1
        lost += m.end() - m.start()
        at = m.end()
    out.append(line[at:])
    return " " * lost + "".join(out)
