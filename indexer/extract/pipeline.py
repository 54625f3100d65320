"""The extraction pipeline: one article file in, one Article out.

Reading, cleaning and metadata are separate stages (see the package
docstring); this module only wires them so that the indexer and
`sixg-search extract` run exactly the same code.
"""

from __future__ import annotations

import re

from ..article import HEADING, PARAGRAPH, Article, Removed, web_url
from .dates import (
    MONTH_NAME,
    date_from_text,
    date_near_title,
    dateline_end,
    sign_off_day,
    wire_dateline_day,
)
from .forwards import read_forward
from .htmlclean import clean_html
from .language import declared_language, detect_language
from .lines import word_count
from .linkdumps import read_link_dump
from .markdown import FrontMatterError, parse_markdown, read_front_matter
from .organisations import attribution, find_organisations, is_credit
from .overrides import SidecarState, apply_overrides, sidecar_state, without_controls
from .overrides import clean_text as clean_value
from .pdf import read_pdf
from .reading import ReadError, SourceFile, decode, read_bytes
from .stamps import unglue_opening_stamp
from .textclean import ASKS, HEADLINE_MAX_WORDS, clean_text
from .topics import find_topics
from .version import EXTRACTION_VERSION, extractor_fingerprint  # noqa: F401  (re-exported)

FALLBACK_TITLE_WORDS = 12
FRONT_MATTER = "front matter"
_LEADING_DATE = re.compile(r"^(on|in)\s+[^,]{4,30}\d{4},\s*", re.I)
# A full stop and a space, not a day's ("Vom 26. bis 29. Juni"): after a figure of one
# or two, only before a word in capitals that names no month ("… Release 18. Operators").
_SENTENCE_END = re.compile(
    r"\.\s(?!(?:(?<=\b\d\.\s)|(?<=\b\d\d\.\s))"
    rf"(?:(?i:{MONTH_NAME})(?![^\W\d_])|[a-zß-öø-ÿ\d–—-]))"
)


def extract_file(source: SourceFile) -> tuple[bytes, Article]:
    """Read and extract one file with its sidecar's overrides.

    Raises ReadError with the reason the file cannot be read; a sidecar that
    cannot be used is left out (`sidecar_state` says why).
    """
    data = read_bytes(source.path, follow_symlinks=True)  # a file named by the user
    return data, extract_bytes(data, source, sidecar_state(source.path))


def extract_bytes(data: bytes, source: SourceFile, sidecar: SidecarState) -> Article:
    if source.format == "pdf":
        article = extract_pdf(data, source.relpath)
    elif source.format == "markdown":
        article = extract_markdown(without_controls(decode(data, False)), source.relpath)
    else:
        text = without_controls(decode(data, source.is_html))  # not in titles, text, XML
        article = extract_document(text, source.relpath, is_html=source.is_html)
    if sidecar.overrides:
        apply_overrides(article, sidecar.overrides, sidecar.name)
    return article


def extract_document(text: str, relpath: str, *, is_html: bool) -> Article:
    if is_html:
        cleaned = clean_html(text)
        title, published = cleaned.title, cleaned.date or date_from_text(cleaned.paragraphs)
        url, source = web_url(cleaned.url), cleaned.source
    else:
        cleaned, title, published = _clean_plain_text(text)
        url = source = None
    return _article(
        relpath,
        title,
        cleaned.paragraphs,
        published,
        url=url,
        source=source,
        format="html" if is_html else "text",
        removed=cleaned.removed,
        kinds=cleaned.kinds,
        declared=declared_language(text) if is_html else None,
    )


def _clean_plain_text(text: str):
    """A plain text's cleaned body, title and day.

    A static site's front matter (markdown.py) gives the title and date, and
    its lines are no body text. In a forwarded e-mail (forwards.py) the
    release is the text: the headers and the sender's note leave it, its
    title is the line the Subject repeats (else the cleaner's, else the
    Subject's words), its day the release's own. Else the cleaner's title
    (or the body's opening, `_title_from_body`) and the byline by it, else the
    lead's date line, an agency's dateline that leaves the year to the lead
    (`wire_dateline_day`) or the sign-off closing the story (`sign_off_day`).
    A text-mode browser's dump (linkdumps.py) is read without its link
    numbers, menus of links and list of their addresses; a date stamp glued
    before the opening text is a line of its own (stamps.py).
    """
    front = read_front_matter(text, strict=False)
    dump = read_link_dump(front.body)
    body = unglue_opening_stamp(dump.text if dump else front.body)
    forward = read_forward(body.splitlines())
    cleaned = clean_text(forward.text if forward else body)
    above = [Removed(line, FRONT_MATTER) for line in front.lines] + (dump.removed if dump else [])
    cleaned.removed[:0] = above + (forward.removed if forward else [])
    title = clean_value(front.meta.get("title", "")) or (forward and forward.title)
    title = title or cleaned.title or (forward and forward.subject)
    if "date" in front.meta:
        return cleaned, title, front.meta["date"]
    if forward:
        return cleaned, title, forward.day(title)
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    # The byline stands by the headline, however it was found: by the cleaner or,
    # when the cleaner read it as the first sentence ("… 踏み出した!"), from the body
    # (the article's title then, `_article`: taken once, here). A title from the body
    # may be only the opening sentence's clause: the sentence under it is more body,
    # its day an event's ("will be held on 5 March"), no byline's.
    from_body = not title
    title = title or _title_from_body(cleaned.paragraphs)
    day = date_near_title(lines, title, datelines_only=from_body)
    day = day or date_from_text(lines) or wire_dateline_day(lines)
    return cleaned, title, day or sign_off_day(lines)


def extract_markdown(text: str, relpath: str) -> Article:
    """Front matter as metadata, the body as the article text (markdown.py)."""
    try:
        doc = parse_markdown(text)
    except FrontMatterError as exc:
        raise ReadError(str(exc)) from exc
    meta = {key: clean_value(v) if isinstance(v, str) else v for key, v in doc.meta.items()}
    paragraphs = doc.paragraphs
    title = meta.get("title")
    kinds = doc.kinds
    if not title and paragraphs and kinds[0] == HEADING:  # "# Title" opening the body
        title, paragraphs, kinds = paragraphs[0], paragraphs[1:], kinds[1:]
    elif title and paragraphs and paragraphs[0] == title:
        paragraphs, kinds = paragraphs[1:], kinds[1:]
    return _article(
        relpath,
        title,
        paragraphs,
        meta["date"] if "date" in meta else date_from_text(paragraphs),
        url=meta["url"] if meta.get("url", "").startswith(("http://", "https://")) else None,
        source=meta.get("source"),
        format="markdown",
        kinds=kinds if any(k != PARAGRAPH for k in kinds) else [],
    )


def extract_pdf(data: bytes, relpath: str) -> Article:
    """The text layer without page furniture, as paragraphs (pdf.py)."""
    found = read_pdf(data)
    paragraphs = found.paragraphs
    title = found.title
    if not title and paragraphs and word_count(paragraphs[0]) <= 20:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    return _article(
        relpath, title, paragraphs, date_from_text(paragraphs), format="pdf", removed=found.removed
    )


def _article(relpath, title, paragraphs, published, declared=None, **fields) -> Article:
    """The Article of every format, with what is found in its title and text:
    language (`declared` is the page's own, trusted unless its script
    disagrees), organisations and topics."""
    article = Article(
        path=relpath,
        title=title or _title_from_body(paragraphs) or relpath,
        text="\n\n".join(paragraphs),
        date=published,
        **fields,
    )
    article.language = detect_language(article.title, article.text, declared)
    _add_organisations(article)
    _add_topics(article)
    return article


def _title_from_body(paragraphs: list[str]) -> str | None:
    """Articles copied without their headline get their opening clause as title.

    "On 2 June 2022, A and B signed an MoU on 6G, with the aim to ..." becomes
    "A and B signed an MoU on 6G": the date is shown beside the title anyway,
    and so is a dateline before it ("Roma, 27 feb. (askanews) – …").
    A short question or exclamation alone as the first paragraph ("Is 6G a
    thing, or a phoney war?") is a headline the cleaner read as a sentence:
    it is the title whole, its commas and all.
    """
    if not paragraphs:
        return None
    if paragraphs[0].endswith(ASKS) and word_count(paragraphs[0]) <= HEADLINE_MAX_WORDS:
        return paragraphs[0]  # a question standing alone first: the headline, read as a sentence
    opening = paragraphs[0][dateline_end(paragraphs[0]) :]
    sentence = _LEADING_DATE.sub("", _SENTENCE_END.split(opening)[0].rstrip("."))
    clauses = sentence.split(", ")
    title = clauses[0]
    for clause in clauses[1:]:
        if word_count(title) >= FALLBACK_TITLE_WORDS:
            break
        title = f"{title}, {clause}"
    return title[:1].upper() + title[1:]


def _add_organisations(article: Article) -> None:
    issuers = attribution([r.line for r in article.removed if not (r.within and is_credit(r.line))])
    for mention in find_organisations(article.title, article.text, issuers):
        target = article.organisations if mention.salient else article.mentions
        target.append(mention.canonical)
        article.organisation_names[mention.canonical] = mention.name
        article.org_evidence[mention.canonical] = mention.evidence()


def _add_topics(article: Article) -> None:
    for match in find_topics(article.title, article.text):
        article.topics.append(match.name)
        article.topic_evidence[match.name] = list(match.phrases)
