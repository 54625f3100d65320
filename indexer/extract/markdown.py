"""Markdown articles: front matter as metadata, the body as the article text.

A file such as

    ---
    title: "6G-IA and NGMN sign an MoU"
    date: 2025-03-04
    url: https://example.org/news/mou
    source: 6G-IA
    ---
    # 6G-IA and NGMN sign an MoU
    Brussels, 4 March 2025. The two associations ...

gives an article whose title, date, url and source come from the front
matter (the same fields, checked the same way, as a sidecar's); other keys
(layout, tags, author) are ignored. Hugo's TOML front matter, between `+++`
lines (`title = "…"`, `date = 2025-03-04T10:00:00Z`), is read the same way;
a `published` or `publishDate` key (web clippers', Hugo's) is the date first.
A clipper's `title` is the browser tab's (reworded, the site's name added):
the page's own `# ` headline below it about the same story is the title
(`_on_page_headline`).
Only the simple top-level `key: value` (YAML) and `key = value` (TOML) lines
static site generators write are read, so no YAML library is needed; a TOML
value is read by the standard library's TOML reader. A saved plain text that
opens with front matter is read with the same reader (`read_front_matter`). The body's
Markdown syntax (headings, emphasis, links, images, code fences) is reduced
to its text; headings and list items keep their kind for the article page.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date

from ..article import HEADING, LIST_ITEM, PARAGRAPH
from .htmlclean import TITLE_SEPARATOR  # "Headline | Site", "Site » Headline"
from .textclean import _key_words

FRONT_MATTER_FIELDS = ("title", "date", "url", "source")
# Keys that name the day an article came out, most specific first: Hugo's `publishDate`,
# the `published` that web clippers (Obsidian's among them) write beside `created`, the
# day of the clipping, which is not the article's and so is not read; plain `date` last.
DATE_FIELDS = ("published", "publishdate", "pubdate", "date_published", "date")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
# A front matter's fences, and its top-level `key: value` (YAML) or `key = value` (TOML) lines.
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_KEY_VALUE = {
    "---": re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$"),
    "+++": re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$"),
}
# A YAML block's line: indented, a comment, a list item, or a key ("og:image:" too).
_YAML_LINE = re.compile(r"\s|#|-(?:\s|$)|[^\s:#][^\s:]*\s*:(?:\s|$)")
_TOML_TABLE = re.compile(r"^\s*\[")  # "[params]": the keys below are the table's
# A YAML block scalar's indicator ("title: >-"): the value is on the indented lines below.
_BLOCK_SCALAR = re.compile(r"[|>][1-9+-]{0,2}(?:\s+#.*)?")
# A quoted YAML scalar ('' stands for ' in single quotes), maybe a comment after it;
# a plain scalar's comment (a "#" after a space, or opening the value); YAML's nulls.
_QUOTED = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*(?:#.*)?""")
_COMMENT = re.compile(r"(?:^|\s)#")
_NULL = frozenset({"null", "Null", "NULL", "~"})


class FrontMatterError(ValueError):
    """Front matter that cannot be used; str() says why."""


@dataclass
class MarkdownDocument:
    meta: dict = field(default_factory=dict)  # title, date, url, source as found
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


@dataclass
class FrontMatter:
    meta: dict  # title, date, url, source as found
    lines: list[str]  # the block as written, fences included ([] when there is none)
    body: str  # the text after it


def parse_markdown(text: str) -> MarkdownDocument:
    found = read_front_matter(text.lstrip("\ufeff"))
    doc = MarkdownDocument(meta=found.meta)
    _blocks(found.body.splitlines(), doc)
    return doc


def read_front_matter(text: str, strict: bool = True) -> FrontMatter:
    """The front matter opening `text` (YAML between `---` lines, TOML between
    `+++` lines, made of key lines: `_is_front_matter`) and the text after it.
    A date that is no YYYY-MM-DD raises FrontMatterError, or is left out when
    not `strict`."""
    lines = text.splitlines()
    fence = lines[0].strip() if lines else ""
    if fence not in _FENCES:
        return FrontMatter({}, [], text)
    for end in range(1, len(lines)):
        if lines[end].strip() in _FENCES[fence]:
            if not _is_front_matter(lines[1:end], fence):
                break  # text between two rules
            meta = _front_matter(lines[1:end], fence, strict)
            if "title" in meta:
                meta["title"] = _on_page_headline(meta["title"], lines[end + 1 :])
            return FrontMatter(meta, lines[: end + 1], "\n".join(lines[end + 1 :]))
    return FrontMatter({}, [], text)  # no closing rule, or text below the first: a horizontal rule


HEADLINE_LINES = 12  # non-blank body lines a clipped page's headline stands within


def _on_page_headline(title: str, body: list[str]) -> str:
    """The page's own `# ` headline near the top of the body, when the front
    matter's title is about the same thing in other words: a web clipper
    writes the browser tab's title (reworded for search engines, the site's
    name added) and keeps the page's headline in the body. The title's longest
    part between the tab's separators is compared; two words in common that
    carry meaning (`_key_words`: no "what", "will", "your"; CJK as pairs of
    characters) make the same story."""
    lines = [line for line in body if line.strip()][:HEADLINE_LINES]
    heading = next((m for line in lines if (m := _HEADING.match(line))), None)
    if not heading or len(heading.group(1)) != 1:
        return title
    headline = _inline(heading.group(2))
    story = max(TITLE_SEPARATOR.split(title), key=len)
    same = set(_key_words(story)) & set(_key_words(headline))
    return headline if len(same) >= 2 else title


def _is_front_matter(lines: list[str], fence: str) -> bool:
    """Whether a block between two rules is front matter: in YAML each line
    indented, a comment, a list item or a key's; in TOML (whose arrays and
    strings run over lines as they like) its first line, comments aside, a key's."""
    if fence == "---":
        return all(_YAML_LINE.match(line) for line in lines if line.strip())
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), None)
    return first is None or bool(_KEY_VALUE[fence].match(first))


def _front_matter(lines: list[str], fence: str, strict: bool) -> dict:
    meta, days = {}, {}
    for at, line in enumerate(lines):
        if fence == "+++" and _TOML_TABLE.match(line):
            break  # the rest are a table's keys, not the page's
        match = _KEY_VALUE[fence].match(line)
        key = match.group(1).lower() if match else ""
        if key not in FRONT_MATTER_FIELDS and key not in DATE_FIELDS:
            continue  # other keys, list items and nested values are not ours
        if fence == "+++":
            value = _toml_value(match.group(2))
        elif _BLOCK_SCALAR.fullmatch(match.group(2).strip()):
            value = _block_scalar(lines[at + 1 :])
        else:
            value = _scalar(match.group(2))
        if not value:
            continue
        if key not in DATE_FIELDS:
            meta[key] = value
        elif key == "date" and strict:
            days[key] = _date(value)  # the field this format documents: a bad one is an error
        elif day := _valid_date(value):
            days[key] = day
    if days:
        meta["date"] = next(days[key] for key in DATE_FIELDS if key in days)
    return meta


def _scalar(value: str) -> str:
    """A YAML scalar's text: a quoted one without its quotes (and escapes) and the
    comment after them, a plain one without its comment; null (`null`, `~`, nothing)
    is ""."""
    value = value.strip()
    if quoted := _QUOTED.fullmatch(value):
        text = quoted.group(1)
        if text[0] == "'":
            return text[1:-1].replace("''", "'").strip()
        return _unescaped(text).strip()
    value = _COMMENT.split(value, maxsplit=1)[0].strip()
    return "" if value in _NULL else value


def _unescaped(quoted: str) -> str:
    """A double-quoted scalar's text, its escapes read (\\" and \\u… as JSON writes
    them, a subset of YAML's); with one JSON lacks (YAML's \\x41), as written."""
    try:
        text = json.loads(quoted, strict=False)
        text.encode()  # a lone surrogate ("\\ud800") is no text
    except ValueError:  # UnicodeEncodeError among them
        return quoted[1:-1]
    return text


def _block_scalar(lines: list[str]) -> str:
    """A YAML block scalar's text: its indented lines, joined by spaces."""
    below = itertools.takewhile(lambda line: not line.strip() or line[0].isspace(), lines)
    return " ".join(line.strip() for line in below if line.strip())


def _toml_value(value: str) -> str:
    """A TOML value as text: a string unescaped, a date or time as ISO text."""
    try:
        parsed = tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return _scalar(value)
    if isinstance(parsed, str):
        return parsed.strip()
    return parsed.isoformat() if hasattr(parsed, "isoformat") else ""


def _valid_date(value: str) -> date | None:
    try:
        return _date(value)
    except FrontMatterError:
        return None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise FrontMatterError(
            f"front matter: date must start with YYYY-MM-DD, not {value!r}"
        ) from exc


def _blocks(lines: list[str], doc: MarkdownDocument) -> None:
    current: list[str] = []
    kind = PARAGRAPH
    fenced = False

    def flush() -> None:
        nonlocal current, kind
        text = _inline(" ".join(s.strip() for s in current))
        if text:
            doc.paragraphs.append(text)
            doc.kinds.append(kind)
        current, kind = [], PARAGRAPH

    for line in lines:
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line.strip():
                current.append(line)
            continue
        line = _QUOTE.sub("", line)
        if not line.strip() or _REF_DEF.match(line):
            flush()
        elif _RULE.match(line) and not current:
            continue
        elif _SETEXT.match(line) and current:
            kind = HEADING
            flush()
        elif heading := _HEADING.match(line):
            flush()
            current, kind = [heading.group(2)], HEADING
            flush()
        elif item := _LIST.match(line):
            flush()
            current, kind = [item.group(1)], LIST_ITEM
        else:
            current.append(line)
    flush()


def _inline(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(lambda m: m.group(1), text)
    for _ in range(2):  # nested emphasis: ***both***
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return " ".join(text.split())
