"""Markdown articles: YAML front matter as metadata, the body as the article text.

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
(layout, tags, author) are ignored. Only the simple `key: value` lines static
site generators write are read, so no YAML library is needed. The body's
Markdown syntax (headings, emphasis, links, images, code fences) is reduced
to its text; headings and list items keep their kind for the article page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..article import HEADING, LIST_ITEM, PARAGRAPH

FRONT_MATTER_FIELDS = ("title", "date", "url", "source")
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
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


class FrontMatterError(ValueError):
    """Front matter that cannot be used; str() says why."""


@dataclass
class MarkdownDocument:
    meta: dict = field(default_factory=dict)  # title, date, url, source as found
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def parse_markdown(text: str) -> MarkdownDocument:
    text = text.lstrip("\ufeff")
    meta, body = _split_front_matter(text)
    doc = MarkdownDocument(meta=meta)
    _blocks(body.splitlines(), doc)
    return doc


def _split_front_matter(text: str) -> tuple[dict, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return _front_matter(lines[1:end]), "\n".join(lines[end + 1 :])
    return {}, text  # an opening rule without a closing one: a horizontal rule


def _front_matter(lines: list[str]) -> dict:
    meta = {}
    for line in lines:
        match = _KEY_VALUE.match(line)
        if not match or match.group(1).lower() not in FRONT_MATTER_FIELDS:
            continue  # other keys, list items and nested values are not ours
        key, value = match.group(1).lower(), _scalar(match.group(2))
        if not value:
            continue
        if key == "date":
            meta[key] = _date(value)
        else:
            meta[key] = value
    return meta


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value.split(" #", 1)[0].strip()  # a trailing YAML comment


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
