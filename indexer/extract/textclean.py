"""Plain-text cleaning: a copied page in, title and body paragraphs out.

A copy of a web page keeps its layout as lines: menus and labels above the
article, the article as long sentences, and footers, related links and
spam below it. We first judge every line on its own (clutter rules from
`data/clutter.toml`, keyword spam, body sentence or short line), then by
where it stands:

* before the first body sentence (the lead) sit the title, its repeats, the
  dateline, navigation and other stories' headlines: the title is kept
  apart, a standfirst right above the article stays, the rest goes;
* between the first and the last body sentence short lines stay when they
  are headings (a lone line before a paragraph) or list items (bulleted, or
  a run that a line ending in a colon introduces), and go when they come in
  runs of labels;
* after the last body sentence everything short is page furniture, and so
  is a closing list of lone sentences (the teasers of other stories);
* a paragraph that only repeats the text just above it (a gallery's
  caption per slide, the article again as one line) is kept once.

Every removed line is kept with its reason, so a user can see what went.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..article import HEADING, LIST_ITEM, PARAGRAPH, Removed
from ..datafiles import article_end_kinds
from .dates import (
    ATTRIBUTION,
    DATE_PATTERNS,
    MONTH_FIRST_NAME,
    MONTH_NAME,
    PAPER_WORDS,
    WEEKDAYS,
    looks_like_dateline,
    parse_date,
)
from .forwards import SUBJECT_FIELD as _SUBJECT  # "Subject: Fwd: [Press release] …"
from .lines import (
    CJK_CHARS,
    CLOSING_MARKS,
    FOOTNOTE_MARK,
    HAS_CJK,
    SENTENCE_STOPS,
    WORD_RUN,
    clutter_kind,
    ends_sentence,
    is_body_sentence,
    is_bullet,
    normalise,
    similarity,
    word_count,
)

TITLE_MIN_WORDS = 3
# A block of lines this wide, give or take the spread, is one hard-wrapped paragraph.
WRAP_MIN, WRAP_MAX, WRAP_SPREAD = 45, 100, 30
# Text is hard-wrapped when WRAP_FULL of its WRAP_LINES or more lines of WRAP_MIN
# columns and more end within WRAP_BAND columns of the margin (the width that
# all but WRAP_OUTLIERS of them keep within).
WRAP_LINES, WRAP_OUTLIERS, WRAP_BAND, WRAP_FULL, WRAP_OPEN = 4, 0.05, 12, 0.6, 0.5
# A wrapped line ends within this many columns of where the next word would not fit.
WRAP_SLACK = 4
# Weights of the article-span search (tuned on bench/extraction.py --mode text).
BODY_DISCOUNT = 5
SHORT_COST = 3
CLUTTER_COST = 10
# A sentence printed twice in a row (`_mark_doubled`) is a caption too.
DOUBLED = "sentence printed twice"
INLINE_CLUTTER = {"image-caption", "editorial-label", DOUBLED}
# This many sentences or more, each with no other within the gap, are a list of teasers.
TEASER_GAP, TEASER_RUN = 2, 3
# A lone sentence this many lines and more below the article's last paragraph is not in it.
TAIL_GAP = 3
STANDFIRST_MIN_WORDS = 6
# A list the article's end introduces with a colon (within this many lines of
# the last body line) keeps this many items or more of this many words or more.
LIST_REACH, LIST_MIN_ITEMS, LIST_ITEM_MIN_WORDS = 4, 2, 3
# A line of this many words or more ending in a colon introduces a list inside the article.
LIST_INTRO_MIN_WORDS = 2
TITLE_VARIANT_SIMILARITY = 0.5
# A paragraph this long (in 4-word sequences) that repeats this share of the last few goes.
REPEAT_MIN_GRAMS, REPEAT_SHARE, REPEAT_WINDOW = 10, 0.8, 3
# A 4-word sequence in this many paragraphs is furniture, no sign of a repeat.
REPEAT_COMMON_SEQUENCE = 64
# A title-case run of this many words glued to prose this long is a story card's teaser.
HEADLINE_MIN_CAPS, HEADLINE_SUMMARY_MIN_WORDS = 5, 6


@dataclass
class Line:
    text: str
    block: int  # lines of one block follow each other without a blank line
    kind: str = "short"  # "body", "short" or a clutter kind
    width: int = 0  # display columns of the line as it came, indent included
    # The first and the last piece of a line put together from pieces (`_reflow`).
    ends: tuple[str, str] | None = None


@dataclass
class CleanText:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # each paragraph's kind (article.py)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def clean_text(raw: str) -> CleanText:
    lines, removed = _without_placeholders(_split(raw))
    margin = _wrap_margin(lines)
    lines = _classify(_reflow(lines, margin))
    span = _article_span(lines, _introduced_lists(lines, prose_only=True))
    if span is None:
        cleaned = _without_structure(lines)
        cleaned.removed[:0] = removed
        return cleaned
    first, last = span
    last = _with_closing_list(lines, last)
    for line in lines[:first]:
        if line.kind == "body":  # a sentence far above the article: a teaser
            line.kind = "outside the article"
    first = _after_headline(lines, first, last)
    title, lead = _lead(lines[:first], removed, lines[first : last + 1], wrapped=bool(margin))
    if title is None:
        title = _headline_under_standfirst(lines, first, last)
    middle = _middle(lines[first : last + 1], title, removed)
    for line in lines[last + 1 :]:
        removed.append(Removed(line.text, _reason(line, "after the article")))
    blocks = [(text, PARAGRAPH) for text in lead] + middle
    kept = without_repeats([text for text, _ in blocks], removed)
    return CleanText(title, kept, removed, _kinds_of(kept, blocks))


PLACEHOLDER = "image placeholder"
_FILE_NAME_MARK = re.compile(r"[\d_:./-]")
# An image's file name alone on a line: a browser shows the alt text, which many
# CMSs fill with the uploaded file's name ("google.JPG", "rtr4iun7.jpg"). In ASCII: a
# Chinese or Japanese sentence has no spaces either ("…见附件：deployment.png").
_IMAGE_FILE = re.compile(r"(?:(?![\[\]])[!-~])+\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?)", re.I)


def _placeholder(text: str) -> bool:
    """An image a text-mode browser shows by its file name or id, alone on a
    line ("[antenna-1024x683]", "[svg][31de74]", "[INS::INS]", "[gif]"): a
    bracketed word in lower case or with a figure or a file name's punctuation
    in it, or more than one; or the bare file name a browser's copy prints as
    the image's alt text (`_IMAGE_FILE`). A source's name in brackets
    ("[Engadget]"), a footnote's mark and an editor's aside ("[1]", "[sic]",
    `FOOTNOTE_MARK`) are the article's (but one opening its block, `_stray_mark`).
    (The brackets are read without a regular expression, whose backtracking over
    a long unclosed bracket took time growing with the square of its length.)
    """
    if _IMAGE_FILE.fullmatch(text):
        return True
    if not (text.startswith("[") and text.endswith("]")) or " " in text:
        return False
    if FOOTNOTE_MARK.fullmatch(text):
        return False
    words = text[1:-1].split("][")
    if any("[" in word or "]" in word for word in words):
        return False
    word = words[0]
    return len(words) > 1 or word.islower() or not word or bool(_FILE_NAME_MARK.search(word))


def _without_placeholders(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """The lines but the images a text-mode dump shows as bracketed names.

    A browser's copy has no such lines; left in, they stand between the items
    of a list or the paragraphs of an article as one-word labels would, and
    cut the list or the article short.
    """
    gone = [_placeholder(line.text) or _stray_mark(lines, i) for i, line in enumerate(lines)]
    removed = [Removed(ln.text, PLACEHOLDER) for ln, out in zip(lines, gone, strict=True) if out]
    kept = [line for line, out in zip(lines, gone, strict=True) if not out] if removed else lines
    for line in kept:
        glued = _glued_placeholders(line.text)
        if glued:  # ("[like][celebrate]238 Comments": the comments start here)
            removed.append(Removed(line.text[:glued], PLACEHOLDER))
            line.text = line.text[glued:]
    return kept, removed


def _glued_placeholders(text: str) -> int:
    """The length of the images (`_placeholder`) that open the line glued to its
    first word, as a text-mode browser prints an icon before a link's text, or 0.
    An editor's word in brackets ("[again]," he said) has no word glued to it."""
    end = 0
    while text.startswith("[", end):
        close = text.find("]", end)
        if close < 0 or " " in text[end:close]:
            break
        end = close + 1
    if not end or end == len(text) or not text[end].isalnum():
        return 0
    return end if _placeholder(text[:end]) else 0


def _stray_mark(lines: list[Line], i: int) -> bool:
    """A footnote's mark opening its block (the page's top, after a blank line):
    no sentence above it to go on, it marks nothing."""
    line = lines[i]
    return bool(FOOTNOTE_MARK.fullmatch(line.text)) and (i == 0 or lines[i - 1].block != line.block)


def _after_headline(lines: list[Line], first: int, last: int) -> int:
    """The article's first line once a headline read as a sentence is left above it.

    A question or a headline in title case is long enough to read as body
    text, so the article span can open with it ("Does X Have a Net Worth of
    $17 Million?"); the article starts at the next body line below. So does
    a headline that reads as a sentence, when a byline or date stands under
    it (`_byline_below`; only the span's first line: a list of dated
    sentences is not a row of headlines), and a question the span opens with
    under a time stamp ("Last Updated : Nov 20, 2019 01:41 PM IST"), under a
    breadcrumb ("首页 > 周刊 > 正文") or under a pull quote and its attribution
    (`_epigraph`), which go too.
    """
    opening = True
    quote, under = lines[first].text, lines[min(first + 1, last)].text
    if (
        first + 2 < last
        and lines[first + 2].kind == "body"
        and _epigraph(quote, under)
        and _headline_words(lines[first + 2].text)  # a pull quote over a headline, not testimonials
    ):
        lines[first].kind = lines[first + 1].kind = "outside the article"
        first += 2
    # A question under a time stamp, a quote's attribution or a breadcrumb is the headline.
    above = lines[first - 1].text if first else ""
    crumbs = bool(first) and lines[first - 1].kind == "breadcrumb"
    asks = _stamp_line(above) or bool(ATTRIBUTION.match(above)) or crumbs
    while first < last:
        lines[first].kind = "outside the article"
        if opening and _byline_below(lines, first, last):
            lines[first].kind = BYLINED_HEADLINE
        elif not _headline_sentence(lines[first], asks=asks and opening):
            lines[first].kind = "body"
            break
        opening = False
        first = next(i for i in range(first + 1, last + 1) if lines[i].kind == "body")
    return first


def _headline_under_standfirst(lines: list[Line], first: int, last: int) -> str | None:
    """The headline a copy prints under the article's first paragraph.

    Some pages (and stores of them) put the standfirst, the summary in a
    sentence or two, above the headline: the copy opens with a paragraph,
    and the headline stands right under it, before the body, or ends a copy
    of the standfirst alone (a line past the article with more after it is
    the page's: a related story's link). It is the line the paragraph above
    tells (TOLD_BY_SHARE of its words come back there), headline-shaped, with
    no sentence's end, and told by the paragraph above at least as much as by
    the one below: a section's heading tells the paragraph under it.
    """
    if lines[first].kind != "body":
        return None
    worded = list(
        itertools.islice((i for i in range(first + 1, len(lines)) if word_count(lines[i].text)), 2)
    )
    at = worded[0] if worded else None
    if at is None or lines[at].kind != "short" or (at > last and len(worded) > 1):
        return None  # (past the article, only a copy's last line: more there is the page's)
    text = lines[at].text
    if (
        not _headline_shaped(text)
        or _is_furniture(text)
        or _is_label(text)
        or text.rstrip()[-1:] in ".。"
    ):
        return None
    below = next((ln for ln in lines[at + 1 : last + 1] if ln.kind == "body"), None)
    above_share = _told_share(text, lines[first].text)
    told_above = above_share >= TOLD_BY_SHARE and not (
        below and _told_share(text, below.text) > above_share
    )
    if not told_above and not _printed_twice(lines, worded):
        return None
    # Out of the body: `_middle` knows the title repeated only by its words, and a
    # title's glued credit or site name ("… | Tech News Daily") is cut from it.
    lines[at].kind = "repeated title"
    return _title_text(text)


def _printed_twice(lines: list[Line], worded: list[int]) -> bool:
    """Whether the line under the paragraph is printed again right under
    itself, as a page prints its <title> over its <h1>: the headline, whatever
    the paragraph above it (a site's description: "News and information about
    …") tells."""
    return len(worded) > 1 and lines[worded[1]].text == lines[worded[0]].text


def _told_share(text: str, paragraph: str) -> float:
    """The share of a line's words (`_key_words`) that a paragraph repeats."""
    words = _key_words(_title_text(text))
    told = set(_keys(paragraph))
    return sum(w in told for w in words) / len(words) if words else 0.0


def _epigraph(line: str, under: str) -> bool:
    """A quotation with its attribution under it ("— Ann Lee on Monday, in a speech"):
    a pull quote over the headline, not the article's first paragraph."""
    return (
        line[:1] in _OPENING_QUOTES
        and line[-1:] in _CLOSING_QUOTES
        and bool(ATTRIBUTION.match(under))
    )


_OPENING_QUOTES, _CLOSING_QUOTES = "\"“„«‘'", "\"”»’'"


def _stamp_line(text: str) -> bool:
    """A dateline with a time stamp ("Last Updated : Nov 20, 2019 01:41 PM IST")."""
    return _byline_like(text) and bool(_STAMP.search(text))


def _byline_below(lines: list[Line], at: int, last: int) -> bool:
    """A line of headline length with a byline or a date below it, before the
    next body line: a headline that reads as a sentence ("Oulu doubles down
    on 6G. It might pay off."). Under a headline it is the deck instead."""
    if word_count(lines[at].text) > HEADLINE_MAX_WORDS or (at and _under_headline(lines[at - 1])):
        return False
    for line in lines[at + 1 : min(last, at + BYLINE_REACH) + 1]:
        if line.kind == "body":
            return False
        if _byline_like(line.text):
            return True
    return False


BYLINED_HEADLINE = "headline"
# Sentence punctuation: a line of prose this long has some, a run of links has none.
_PUNCTUATION = re.compile(r"[,.;:!?，。、；：！？]")


def _link_run(line: Line) -> bool:
    """A line too long for a headline without a single punctuation mark: the
    links of a menu or a tag cloud run together ("Showcase Annual Report Card
    Showcase Best of Breed ...", "icon bookmark icon camera icon check ...")."""
    return (
        line.kind == "body"
        and len(line.text.split()) > HEADLINE_MAX_WORDS  # words apart by spaces, not Thai
        and not _PUNCTUATION.search(line.text)
    )


def _under_headline(above: Line) -> bool:
    """Whether the line above is a headline, which makes the line below its deck."""
    return (
        above.kind == "short"
        and word_count(above.text) >= TITLE_MIN_WORDS
        and not _is_label(above.text)
        and not _is_furniture(above.text)
    )


def _kinds_of(kept: list[str], blocks: list[tuple[str, str]]) -> list[str]:
    """The kinds of the blocks that were kept (`kept` is `blocks` with some left out)."""
    kinds, at = [], 0
    for text in kept:
        while blocks[at][0] != text:
            at += 1
        kinds.append(blocks[at][1])
        at += 1
    return kinds


def without_repeats(paragraphs: list[str], removed: list[Removed]) -> list[str]:
    """Drop a paragraph that only repeats text the article has just given.

    A copy of a page repeats a photo's caption once per slide of a gallery
    (and its collapsed and expanded forms), and some pages print the whole
    article again as one long line. Such a paragraph repeats REPEAT_SHARE
    of its word sequences from the last REPEAT_WINDOW paragraphs, or holds
    two or more earlier paragraphs whole. Items that recur further apart
    (the same dish in each day's menu, an interview's set question) stay.
    """
    kept: list[str] = []
    earlier = _EarlierGrams()
    for text in paragraphs:
        own = _word_grams(text)
        if len(own) >= REPEAT_MIN_GRAMS and earlier.repeated(own):
            removed.append(Removed(text, "repeat of the text above"))
            continue
        kept.append(text)
        earlier.add(own)
    return kept


class _EarlierGrams:
    """The word sequences of the paragraphs kept so far, with an index from each
    sequence to the paragraphs holding it, so that looking for the earlier
    paragraphs a line holds whole costs what the line shares with them rather
    than one comparison per earlier paragraph (quadratic on a long page).
    A sequence held by REPEAT_COMMON_SEQUENCE paragraphs or more is furniture
    and finds no candidates (a page of thousands of alike lines stays linear).
    Most lines share few sequences with anything before them: all the sequences
    seen so far, as one set, tell so at once, and the index is only built (up to
    the line asked about) when a line gets past that.
    """

    def __init__(self) -> None:
        self.grams: list[set[tuple[str, ...]]] = []
        self.seen: set[tuple[str, ...]] = set()
        self.holders: dict[tuple[str, ...], list[int]] = {}
        self.indexed = 0  # the paragraphs in `holders`

    def add(self, own: set[tuple[str, ...]]) -> None:
        self.grams.append(own)
        self.seen |= own

    def repeated(self, own: set[tuple[str, ...]]) -> bool:
        # both tests below count sequences seen before: too few, neither holds
        if len(own & self.seen) < REPEAT_SHARE * len(own):
            return False
        recent = set().union(*self.grams[-REPEAT_WINDOW:])
        if len(own & recent) >= REPEAT_SHARE * len(own):
            return True
        # A line that strings earlier paragraphs together (not one paragraph again).
        whole = [
            g
            for g in map(self.grams.__getitem__, self._sharing(own))
            if len(g & own) >= REPEAT_SHARE * len(g)
        ]
        held = set().union(*whole) & own
        return len(held) >= REPEAT_SHARE * len(own) and all(2 * len(g) < len(own) for g in whole)

    def _sharing(self, own: set[tuple[str, ...]]) -> set[int]:
        """The earlier paragraphs that share an uncommon word sequence with `own`."""
        for n in range(self.indexed, len(self.grams)):
            for gram in self.grams[n]:
                self.holders.setdefault(gram, []).append(n)
        self.indexed = len(self.grams)
        found: set[int] = set()
        for gram in own:
            holders = self.holders.get(gram, ())
            if len(holders) < REPEAT_COMMON_SEQUENCE:
                found.update(holders)
        return found


def _word_grams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD_RUN.findall(text)]
    return set(zip(words, words[1:], words[2:], words[3:], strict=False))  # runs of 4 words


def _article_span(lines: list[Line], listed: dict[int, str]) -> tuple[int, int] | None:
    """First and last line of the article: the stretch richest in body sentences.

    Each body sentence scores its words (less a little, so a lone teaser
    sentence weighs less), each short line and each clutter line costs, and
    so does a run of links as long as a sentence (`_link_run`), unless the
    text has no other prose; the best-scoring contiguous stretch (a
    maximum-sum subarray) is the article.
    The items of a list that the article's prose introduces (`listed`) cost
    nothing, so that a long list does not cut the article in two.
    A comment section ends it, wherever the stretch would go on; the lines
    from there to the stretch's end are the comments and leave the running,
    and the search is made again: a thread longer than the article can win
    the first search, but cut down to its first comment it loses to the
    article (which the furniture between them may have walled off).
    """
    end_kinds, comments = article_end_kinds(), set()
    while True:
        span = _best_stretch(lines, listed, comments, links_cost=True) or _best_stretch(
            lines, listed, comments
        )
        if span is None:
            return None
        first, last = span
        while lines[first].kind != "body":
            first += 1
        end = next((i for i in range(first, last + 1) if lines[i].kind in end_kinds), None)
        if end is None:
            break
        comments.update(range(end, last + 1))
    while last > first and lines[last].kind != "body":
        last -= 1
    return first, _before_teasers(lines, first, last)


def _best_stretch(
    lines: list[Line], listed: dict[int, str], out: set[int], links_cost: bool = False
) -> tuple[int, int] | None:
    best, span, running, start = 0.0, None, 0.0, 0
    for i, line in enumerate(lines):
        if i in out:  # no stretch runs through these lines
            running = 0.0
            continue
        if running <= 0:
            running, start = 0.0, i
        if listed.get(i) != LIST_ITEM:
            running += -CLUTTER_COST if links_cost and _link_run(line) else _weight(line)
        if running > best:
            best, span = running, (start, i)
    return span


def _with_closing_list(lines: list[Line], last: int) -> int:
    """The span's last line once a list that the article's end introduces is in.

    Articles end with the dates of a tour, the features of a product, the
    members of a group: short lines each, which read as page furniture. When
    the last body line, or a line at most LIST_REACH lines below it, ends with
    a colon, the LIST_MIN_ITEMS or more lines of LIST_ITEM_MIN_WORDS words or
    more right after it are the article's too (share buttons and one-word
    links stop the list).
    """
    reach = range(last, min(len(lines), last + LIST_REACH + 1))
    intro = next((j for j in reach if lines[j].text.endswith(":")), None)
    if intro is None or any(ln.kind not in ("short", "body") for ln in lines[last : intro + 1]):
        return last
    end = intro + 1
    while (
        end < len(lines)
        and lines[end].kind in ("short", "body")
        and word_count(lines[end].text) >= LIST_ITEM_MIN_WORDS
    ):
        end += 1
    if end - intro - 1 < LIST_MIN_ITEMS:
        return last
    for line in lines[last + 1 : end]:
        line.kind = "body"
    return end - 1


def _before_teasers(lines: list[Line], first: int, last: int) -> int:
    """The span's last line once a closing list of teasers is cut off.

    Below an article, pages list other stories as headline, byline, date
    and one sentence each. Every such sentence outweighs its short lines,
    so the span search takes the list in. Article paragraphs follow one
    another; teasers stand alone. When the span ends in TEASER_RUN or more
    lone sentences, it ends at the last paragraph before them instead; so it
    does when it ends in a single sentence more than TAIL_GAP lines below
    the last paragraph (an author's box, a blurb for a newsletter).
    """
    body = [i for i in range(first, last + 1) if lines[i].kind == "body"]
    prose = [i for i in body if not _lone(lines, i)]
    if not prose:
        return last
    tail = [i for i in body if i > prose[-1]]
    if len(tail) >= TEASER_RUN:
        return prose[-1]
    if len(tail) == 1 and tail[0] - prose[-1] > TAIL_GAP:
        return prose[-1]  # one sentence far below the article: an author's box, a blurb
    return last


def _lone(lines: list[Line], i: int) -> bool:
    """A body line with no other body line within TEASER_GAP lines of it.

    A bulleted line and an unbulleted one are not a run of paragraphs: in a
    text-mode dump, the photo of the next story in a list (its alt text
    under a bullet) stands right under the last story's sentence.
    """
    near = lines[max(0, i - TEASER_GAP) : i] + lines[i + 1 : i + 1 + TEASER_GAP]
    bullet = is_bullet(lines[i].text)
    return not any(line.kind == "body" and is_bullet(line.text) == bullet for line in near)


def _weight(line: Line) -> float:
    if line.kind == "body":
        return word_count(line.text) - BODY_DISCOUNT
    if line.kind in INLINE_CLUTTER:  # captions and labels sit inside articles too
        return -SHORT_COST
    return -SHORT_COST if line.kind == "short" else -CLUTTER_COST


def _split(raw: str) -> list[Line]:
    lines, block = [], 0
    for raw_line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = normalise(raw_line)
        if not text:
            block += 1
            continue
        lines.append(Line(text, block, width=display_width(raw_line.rstrip())))
    return lines


def _reflow(lines: list[Line], margin: int | None) -> list[Line]:
    """Join the lines of one paragraph that a wrapper or a copy broke apart.

    Text hard-wrapped at a fixed width (a text-mode browser's dump, e-mail,
    a PDF) is recognised by its line widths: most long lines end within a
    word's length of one right margin. A line there was broken by the
    wrapper exactly when the next line's first word would not have fitted
    on it, so it joins that line. Elsewhere a block whose lines (but the
    last) all have about the same width is one paragraph, and a line that
    stops mid-sentence joins the next when that one starts in lower case.
    """
    if margin:
        return _unwrap(lines, margin)
    out: list[_Joined] = []
    for block in _blocks(lines):
        if _hard_wrapped(block):
            text = block[0].text
            for prev, line in itertools.pairwise(block):
                text += _wrap_glue(prev.text, line.text) + line.text
            out.append(_Joined(Line(text, block[0].block)))
            continue
        for at, line in enumerate(block):
            prev = out[-1] if out else None
            nxt = block[at + 1].text if at + 1 < len(block) else None
            if prev and prev.line.block == line.block and _continues(prev, line.text, nxt):
                prev.add(glue(prev.tail, line.text), line.text)
            else:
                out.append(_Joined(line))
    return [joined.done() for joined in out]


def glue(tail: str, text: str) -> str:
    """What goes between a line's end and the piece joined to it: a space, or none
    before closing or after opening punctuation and between CJK characters."""
    tight = _TIGHT_BEFORE.match(text) or _TIGHT_AFTER.search(tail)
    # Chinese and Japanese: no spaces (Korean has them between its words)
    unspaced = _wide(tail[-1]) and _wide(text[0]) and not _HANGUL.match(tail[-1] + text[0])
    return "" if tight or unspaced else " "


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


class _Joined:
    """A line that the lines below it may be joined to (`_reflow`).

    What joining asks of the line above (does it end a sentence or end
    open, has it a few words) is kept up to date as its pieces come, and
    the text is put together once at the end: asked of the whole joined
    text at every step, a text of thousands of short lines that all join
    took time growing with the square of its length.
    """

    TAIL = 32  # characters kept of the line's end: more than any open word has

    def __init__(self, line: Line):
        self.line, self.parts, self.tail = line, [line.text], line.text[-self.TAIL :]
        self.ends = ends_sentence(line.text)
        self.rule = bool(_RULE.fullmatch(line.text))  # a joined line is never a rule
        self.reached: set[int] = set()  # word counts it holds (joining never takes one away)

    def add(self, joint: str, text: str) -> None:
        piece = joint + text
        self.parts.append(piece)
        self.tail = (self.tail + piece)[-self.TAIL :]
        # Only closing quotes or brackets, or a footnote's mark, added: the line ends as it did.
        if piece.rstrip(CLOSING_MARKS) and not FOOTNOTE_MARK.fullmatch(text):
            self.ends = ends_sentence(piece)
        self.rule = False

    def has_words(self, count: int) -> bool:
        if count not in self.reached and word_count("".join(self.parts)) >= count:
            self.reached.add(count)
        return count in self.reached

    def done(self) -> Line:
        if len(self.parts) > 1:
            self.line.text, self.line.ends = "".join(self.parts), (self.parts[0], self.parts[-1])
        return self.line


# A line that starts like this goes on the line above (a link or a bold word
# ended it, or it is a name's trademark sign); one that ends like this is continued
# by the next.
_MARKS = "®™℠"  # a trademark sign, set after the name
_CONTINUATION = re.compile(rf"[^\W\d_A-Z]|[(,;:)\]}}»”’%{_MARKS}]|[.!?](?!\.)")
_OPEN_CHARS = ",([{«“‘/–—-、，（「『"
# Words that do not end a sentence: English, German, French, Spanish, Portuguese
# and Italian articles, prepositions and conjunctions.
_OPEN_WORD_LIST = """
and or the a an of to in on for with by from at as that than is are was were its their his her
der den dem des ein eine einen einem und oder von mit zu zur zum für auf im
le la les un une du de et ou à au aux pour avec sur dans par
el los las y del en con por para al una
os e do da dos das no na com um uma
il lo gli di della per che
"""
_OPEN_WORDS = frozenset(_OPEN_WORD_LIST.split())
# A "key: value" line (front matter, an e-mail header) and a rule ("---")
# stand on their own.
_FIELD = re.compile(r"[a-z][\w-]{0,30}:\s", re.I)
_RULE = re.compile(r"\s*([-=*_~])\1{2,}\s*")
# The word for "by" before a writer's name: English, German, French, Spanish and
# Portuguese, Dutch (`_BYLINE`, `_LONE_BY`, `_SIGNATURE`).
_BY_WORDS = "by|von|par|por|door"
# ... and Italian, Swedish and Norwegian, Danish and Norwegian: words of every sentence
# there ("di Roma", "av 6G"), so a byline only with a writer's name of two or three
# words after them and nothing else ("di Marco Bellini", "Av Eva Berg", "Af Jens Holm").
_NAMED_BY_WORDS = "di|av|af"
_WRITER = r"[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){1,2}"
# A byline in any language: the word for "by" and a name ("di Marco Bellini", "av Eva
# Berg"); after a line that does not end open it is no piece of that line's sentence
# (a preposition and a name, "in New York City", is: a wrapped headline's end).
_SIGNATURE = re.compile(rf"(?:{_BY_WORDS}|{_NAMED_BY_WORDS}) {_WRITER}")
# The words a byline's stamp opens with (`_STAMP_FORMS`, `_POSTED`).
_STAMP_VERBS = "updated|published|posted|last updated"
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# A byline's stamp in lower case, as blogs print it under the writer's name ("posted on
# Saturday, August 13th, 2011", "updated Aug 18th 2010 7:30PM"): no piece of the line above.
# Only a day's or a time's shape after the verb: a wrapped headline's line may go on with
# one ("published 6G white paper", "updated satellite 6G roadmap", "published novel …").
_POSTED = re.compile(
    rf"(?:{_STAMP_VERBS})(?: on| at)?\s+(?:(?:{_WEEKDAY})\.?,?\s+)?"
    rf"(?:{MONTH_FIRST_NAME}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}})(?!\w)"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d|\d{1,2}:\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?,?\s+{MONTH_NAME}(?!\w)"
    r"|\d+\s+(?:min(?:ute)?|hour|day|week|month|year)s?\s+ago)",
    re.I,
)


def _byline_start(line: str) -> bool:
    """A byline or its stamp standing in lower case first (`_SIGNATURE`, `_POSTED`):
    the lines above end there, however open they leave their sentence."""
    return bool(_SIGNATURE.fullmatch(line) or _POSTED.match(line))


# No space when joining before closing or after opening punctuation.
_TIGHT_BEFORE = re.compile(rf"[,.;:!?)\]}}»”’%{_MARKS}]")
_TIGHT_AFTER = re.compile(r"[(\[{«“‘]$")


def _continues(prev: _Joined, line: str, nxt: str | None = None) -> bool:
    """Whether `line` goes on the sentence `prev` left open.

    A copy that puts every text node on its own line cuts a sentence at each
    link or bold word ("The" / "6G-IA" / "signed an MoU with" / "NGMN" / ".").
    The pieces are one sentence again when the line above ends open (a comma,
    an article, a preposition, a conjunction) or the line starts as only a
    continuation can (in lower case or with closing punctuation). A line
    longer than a headline (HEADLINE_MAX_WORDS) in capitals first is no link
    cut out of a sentence but a paragraph of its own: the deck under a
    headline that ends open ("… can't say what it's for").
    """
    if FOOTNOTE_MARK.fullmatch(line):  # "[1]", "[sic]": a piece of the sentence above
        return not prev.rule
    if prev.tail.endswith(":") and not prev.rule:
        return _after_colon(prev, line)
    if prev.ends or _FIELD.match(line) or prev.rule or _SUBTITLE.fullmatch(line):
        return False
    starts_low = line[0].islower() or not line[0].isalpha()
    return (
        bool(starts_low and _CONTINUATION.match(line) and not _byline_start(line))
        or _cjk_continues(prev, line)
        or (_open_end(prev.tail) and not _own_paragraph(line) and not _widget_end(prev.tail))
        or (_inline(prev, line, nxt) and not _kicker(prev))
        or _named_tail(prev, line)
    )


# A subtitle between dashes or waves, as Japanese releases print one under the headline
# ("～ 6G trials with seven partners ～", "— Highlighting trial progress —"): its own line.
_SUBTITLE = re.compile(r"([—―–～〜~])\s*\S(?:.*\S)?\s*\1")


def _cjk_continues(prev: _Joined, line: str) -> bool:
    """A CJK sentence or headline cut where a link or an emphasis starts: the
    line above is a CJK piece (`_cjk_piece`) and the line goes on with a Japanese
    particle (`_PARTICLE_START`: "光葉電機は" / "テラヘルツ帯" / "の電波を使い").
    A Latin name cut out of a CJK sentence ("…完成" / "6G" / "低軌衛星…") is not
    joined: nothing tells it from a badge or a link after a headline ("NEW",
    "PDF") over the first sentence of the body, and joining those loses the
    headline."""
    return _cjk_piece(prev) and bool(_PARTICLE_START.match(line))


def _cjk_piece(prev: _Joined) -> bool:
    """A line that ends in a CJK letter after at least CJK_PIECE_MIN of them: a
    piece of a sentence or headline (a menu's items are shorter)."""
    return bool(HAS_CJK.match(prev.tail[-1])) and len(HAS_CJK.findall(prev.tail)) >= CJK_PIECE_MIN


# A line that starts with a Japanese case particle standing alone (no kana after
# it): no sentence starts so.
_PARTICLE_START = re.compile("[をにがでのへとはもや](?![぀-ゟ])")
CJK_PIECE_MIN = 8


def _widget_end(tail: str) -> bool:
    """A line that ends in a widget's label ("Sign in", "Already have an account?
    Sign in"): its last word is a link's, not a sentence left open."""
    last = _SENTENCE_BREAK.split(tail)[-1].strip()
    return len(last.split()) <= INLINE_MAX_WORDS and clutter_kind(last) is not None


_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _kicker(prev: _Joined) -> bool:
    """A line of its own above a headline, whatever follows: a kicker in capitals
    ("MEDIA RELEASE", "NEWS ANALYSIS"), a section label (clutter.toml's
    editorial labels: "Press release", "Pressemitteilung") or a release's number
    ("Pressemitteilung Nr. 47/2025")."""
    if len(prev.parts) > 1:
        return False
    text = prev.parts[0]
    return (
        (text.isupper() and sum(c.isalpha() for c in text) >= KICKER_MIN_LETTERS)
        or clutter_kind(text) == "editorial-label"
        or bool(_RELEASE_NUMBER.match(text))
    )


KICKER_MIN_LETTERS = 4


def _named_tail(prev: _Joined, line: str) -> bool:
    """A headline's end cut off where a link starts on a name with a figure first:
    "Workshop agrees scope of first" / "6G study items". The piece is short, its
    other words are in lower case, and the line above stops on a word in lower
    case after a few words (no label, no sentence's end)."""
    words = line.split()
    last = prev.tail.rsplit(" ", 1)[-1]
    return (
        bool(_FIGURE_NAME.fullmatch(words[0]))
        and len(words) <= INLINE_MAX_WORDS
        and all(word[:1].islower() for word in words[1:])
        and last[:1].islower()
        and prev.has_words(TITLE_MIN_WORDS)
    )


# A name with a figure first: "6G", "5G-Advanced", "3GPP".
_FIGURE_NAME = re.compile(r"\d+[A-Za-z][\w-]*")


def _after_colon(prev: _Joined, line: str) -> bool:
    """A headline or sentence that goes on after its colon where a link or an
    emphasis starts ("AI-native air interface:" / "what we learned …"): the line
    is a few words in lower case first, after a line of a few words (a lone
    "Note:" is no sentence)."""
    words = line.split()
    return (
        len(words) >= TITLE_MIN_WORDS
        and words[0].isalpha()  # a word, no link ("https://…")
        and words[0].islower()
        and prev.has_words(INLINE_MIN_WORDS)
    )


def _own_paragraph(line: str) -> bool:
    """Longer than a headline and in capitals first: no link's text (`_continues`)."""
    return line[0].isupper() and word_count(line) > HEADLINE_MAX_WORDS


def _inline(prev: _Joined, line: str, nxt: str | None) -> bool:
    """A name in italics or a link cut out of a sentence: "… in rebooted" /
    "Star Trek" / "film series …". A short line between a line that stops
    mid-sentence and one that goes on in lower case is part of that sentence;
    so is a name with a figure first ("6G"), and a headline cut at its link
    ("Lab tests" / "6G" / "beams over sea ice") has only a few words above it."""
    return (
        nxt is not None
        and any(c.isalpha() for c in line)  # a name ("6G"), not a count ("3.409" / "reads")
        and word_count(line) <= INLINE_MAX_WORDS
        and (_name_like(line) or prev.has_words(LABEL_MAX_WORDS + 1))
        and not _LONE_BY.match(line)  # "By" / "admin": a byline starts, no name in a sentence
        and not ends_sentence(line)
        and nxt[0].islower()
        and not _byline_start(nxt)  # "di Marco Bellini": a byline, no sentence's end
        and prev.has_words(INLINE_MIN_WORDS)
    )


INLINE_MAX_WORDS, INLINE_MIN_WORDS, LABEL_MAX_WORDS = 4, 2, 3


def _name_like(line: str) -> bool:
    """A name's words: each with a capital or a figure ("Star Trek", "6G",
    "iPhone"), or a function word ("University of Surrey"). A headline's first
    words under a label ("On-demand webinar" / "Can a 6G network" / "see?") have
    words in lower case: after a line of a label's length (LABEL_MAX_WORDS words
    or fewer) they start a headline, not a piece of a sentence."""
    return all(
        word in _OPEN_WORDS or any(c.isupper() or c.isdigit() for c in word)
        for word in line.split()
    )


def _open_end(text: str) -> bool:
    """A line that ends in a comma, an opening bracket or dash, or a function word.
    (`text` may be only the line's last _Joined.TAIL characters.)"""
    return (
        text[-1] in _OPEN_CHARS
        or text.rsplit(" ", 1)[-1] in _OPEN_WORDS
        or text in ("The", "A", "An")
    )


def _wrap_margin(lines: list[Line]) -> int | None:
    """The right margin the text was hard-wrapped at, or None when it was not.

    Among the lines at least WRAP_MIN columns wide, the margin is the width
    that all but WRAP_OUTLIERS of them keep within (an unbreakable address
    may stick out); the text is wrapped there when WRAP_FULL of them end
    within WRAP_BAND columns of it (a browser copy's paragraphs are one
    line each, of any length) and WRAP_OPEN of those stop mid-sentence (a
    list of sentences of about one length is not wrapped text), or when the
    lines broke there one by one (`_broken_at`).
    """
    widths = sorted(line.width for line in lines if line.width >= WRAP_MIN)
    if len(widths) < WRAP_LINES:
        return None
    margin = widths[int((1 - WRAP_OUTLIERS) * (len(widths) - 1))]
    near = [ln for ln in lines if margin - WRAP_BAND <= ln.width <= margin]
    open_ends = sum(1 for ln in near if not ends_sentence(ln.text))
    if (
        margin <= WRAP_MAX
        and len(near) >= WRAP_FULL * len(widths)
        and open_ends >= WRAP_OPEN * len(near)
    ):
        return margin
    return margin if _broken_at(lines, margin) else None


def _broken_at(lines: list[Line], margin: int) -> bool:
    """Whether the wrapper broke the text's lines at `margin`, counted line by line.

    Lines near the margin are too few for `_wrap_margin` when most long lines
    are no wrapped paragraph's: a list of tour dates or headlines, short
    paragraphs ending in short lines, and CJK, which has no spaces: a wrapper
    breaks it anywhere, so its lines fill the width to the column (a column
    short after an odd number of narrow characters), and a Japanese paragraph
    is two or three of them. The line-by-line test asks only the lines of
    WRAP_MIN columns or more with a line in the same block after them (no list
    item): the text is wrapped when the wrapper broke WRAP_FULL of them, at
    least WRAP_LINES, because the next line's first word (or wide character)
    did not fit (`_broke_here`), and WRAP_OPEN of those stop mid-sentence (a
    list of sentences of about one length is not wrapped). A browser's copy has
    a paragraph a line, of any length, so few of its lines end within a word
    of the margin. A table's cell can be wider than the dump, so no WRAP_MAX.
    """
    followed = [
        (prev, line)
        for prev, line in itertools.pairwise(lines)
        if prev.block == line.block and prev.width >= WRAP_MIN and not is_bullet(line.text)
    ]
    broken = [prev for prev, line in followed if _broke_here(prev, line, margin)]
    open_ends = sum(not ends_sentence(line.text) for line in broken)
    return len(broken) >= max(WRAP_LINES, WRAP_FULL * len(followed)) and (
        open_ends >= WRAP_OPEN * len(broken)
    )


def _unwrap(lines: list[Line], margin: int) -> list[Line]:
    out: list[Line] = []
    parts: list[list[str]] = []  # each line's pieces, put together once at the end
    for line in lines:
        prev = out[-1] if out else None
        if prev and prev.block == line.block and _broke_here(prev, line, margin):
            parts[-1].append(_wrap_glue(prev.text, line.text) + line.text)
            prev.text = line.text  # only its last character is asked for
            prev.width = line.width
        else:
            out.append(Line(line.text, line.block, line.kind, line.width))
            parts.append([line.text])
    for line, pieces in zip(out, parts, strict=True):
        line.text = "".join(pieces)
    return out


def _broke_here(prev: Line, line: Line, margin: int) -> bool:
    """Whether the wrapper ended `prev` because `line`'s first word did not fit
    (a list item starts a line of its own; two hyphens, a typed dash, do not)."""
    if is_bullet(line.text) and not line.text.startswith("--"):
        return False
    first = line.text[:1] if _wide(line.text[0]) else line.text.split(" ", 1)[0]
    return prev.width + len(_wrap_glue(prev.text, first)) + display_width(first) > margin


def _wrap_glue(text: str, nxt: str) -> str:
    """What joins a hard-wrapped line to the next: nothing next to a wide character
    (a wrapper breaks CJK and Hangul alike at any character; `glue` joins the
    pieces of a copied line, where Korean keeps its spaces)."""
    return "" if _wide(text[-1]) or _wide(nxt[0]) else " "


# East Asian wide and fullwidth characters (Hangul, CJK, kana, fullwidth forms, emoji).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def _wide(char: str) -> bool:
    return bool(_WIDE.match(char))


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and blocks[-1][0].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _hard_wrapped(block: list[Line]) -> bool:
    """A block whose lines (but the last) have about one width, most stopping
    mid-sentence, and each as full as the next line's first word allows: a
    headline with its deck, its dateline or its subtitle (`_SUBTITLE`) under it
    is not one paragraph, nor a line with a widget's or a caption's label under it
    ("Mobile-Menu", "Image source: …": clutter is no piece of a wrapped sentence)."""
    if len(block) == 2 and clutter_kind(block[1].text):
        return False
    widths = [len(line.text) for line in block[:-1]]
    widest = max(widths, default=0)  # once: taken again for every line, it made a long block slow
    return (
        len(block) >= 2
        and min(widths) >= WRAP_MIN
        and widest <= WRAP_MAX
        and widest - min(widths) <= WRAP_SPREAD
        and len(block[-1].text) <= widest + 2
        and sum(not ends_sentence(line.text) for line in block[:-1]) >= WRAP_OPEN * len(widths)
        and all(_full(line, nxt, widest) for line, nxt in zip(block, block[1:], strict=False))
        and not (looks_like_dateline(block[-1].text) and not ends_sentence(block[-1].text))
        and not any(_SUBTITLE.fullmatch(line.text) for line in block[1:])
    )


def _full(line: Line, nxt: Line, width: int) -> bool:
    """Whether the next line's first word would have come near `width` on this line."""
    first = nxt.text.split(" ", 1)[0]
    return len(line.text) + 1 + len(first) >= width - WRAP_SLACK


def _classify(lines: list[Line]) -> list[Line]:
    for line in lines:
        line.kind = clutter_kind(line.text) or ("body" if is_body_sentence(line.text) else "short")
        if line.kind == "body" and _run_together_teaser(line.text):
            line.kind = "teaser"
    _mark_doubled(lines)
    return lines


def _mark_doubled(lines: list[Line]) -> None:
    """A sentence printed twice in a row is a photo's caption, not the article's.

    A text-mode browser prints an image's alt text, and a page gives many an
    image twice (the image and its fallback for readers without scripts), so
    a dump repeats each caption on the next line; an article does not say a
    sentence twice running. Both copies go, and cost only as captions do.
    A headline read as a sentence (a question, title case) is printed twice
    too, as the page's <title> and its <h1>: it stays, for the title's pick.
    """
    for above, line in zip(lines, lines[1:], strict=False):
        if (
            line.text == above.text
            and above.kind in ("body", DOUBLED)
            and not _headline_words(line.text)
        ):
            above.kind = line.kind = DOUBLED


_HEADLINE_JOIN = re.compile(r"[a-z]{2}[.?!)’'\"”]?(?=[A-Z][a-z\s])")
_HEADLINE_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "vs",
    "with",
}


def _run_together_teaser(text: str) -> bool:
    """A headline run into its summary without a space: another story's teaser.

    Copying a list of story cards joins each card's title and summary
    ("…Student-AthleteA 24-year-old woman and…"), which then reads as one
    long sentence. The part before the join is in title case (at least
    HEADLINE_MIN_CAPS capitalised words, only short words in lower case);
    the part after it is prose, mostly lower case.
    """
    join = _HEADLINE_JOIN.search(text)
    if not join:
        return False
    head, rest = text[: join.end()].split(), text[join.end() :].split()
    caps = [w for w in head if w[0].isupper() or w[0].isdigit() or w[0] in "(‘'\"“$"]
    return (
        len(caps) >= HEADLINE_MIN_CAPS
        and all(w in caps or w.lower() in _HEADLINE_SMALL_WORDS for w in head)
        and len(rest) >= HEADLINE_SUMMARY_MIN_WORDS
        and 2 * sum(w[0].islower() for w in rest) >= len(rest)
    )


def _reason(line: Line, where: str) -> str:
    return line.kind if line.kind not in ("body", "short") else where


def _lead(
    lines: list[Line], removed: list[Removed], article: list[Line], wrapped: bool
) -> tuple[str | None, list[str]]:
    """Pick the title out of the lines above the article (of a text hard-wrapped
    or not, `wrapped`); keep a standfirst."""
    picked = _pick_title(lines, article)
    title_line, rest, title, pieces = _title_from(lines, article, picked, wrapped)
    roles = [_lead_role(line, title) for line in lines]
    standfirst = _standfirst(roles)
    kept = []
    for i, (line, role) in enumerate(zip(lines, roles, strict=True)):
        if i in standfirst:
            kept.append(line.text)
        elif line.text in (title_line, rest) or i in pieces:
            removed.append(Removed(line.text, "title"))
        elif role in ("sentence", "deck"):
            removed.append(Removed(line.text, "teaser above the article"))
        else:
            removed.append(Removed(line.text, role))
    return title, kept


def _title_from(
    lines: list[Line], article: list[Line], picked: str | None, wrapped: bool
) -> tuple[str | None, str | None, str | None, list[int]]:
    """The line picked as the headline in full: cut short with an ellipsis
    (`_whole`), in pieces over several lines (`_title_pieces`: their indexes) or,
    in a text a wrapper broke (`wrapped`), wrapped onto the next line
    (`_wrapped_rest`: that rest); and the title they make (`_title_text`). In a
    text no wrapper broke (a browser's copy, a paragraph a line) two short lines
    are a headline and its deck ("6G 백서 발간…" / "2028년 상용화 목표…"), however
    the second starts."""
    title_line = _whole(lines, picked)
    if not title_line:
        return None, None, None, []
    pieces = _title_pieces(lines, title_line, _opening(article))
    rest = None
    if len(pieces) > 1:
        title_line = _joined(lines[i].text for i in pieces)
    elif wrapped:
        rest = _wrapped_rest(lines + article[:1], title_line)
    title = _title_text(f"{title_line} {rest}" if rest else title_line)
    # (The logo's or header's line stands above the article: a subheading in it
    # repeating the headline's end, "… – What it means for you", names no site.)
    return title_line, rest, _without_site_name(title, lines), pieces


def _whole(lines: list[Line], title_line: str | None) -> str | None:
    """The headline in full when the line picked is its copy cut short with an
    ellipsis ("… test AI-native radio on a …": a breadcrumb's or a card's) and
    the whole of it stands among the lines too."""
    if not title_line or not title_line.rstrip().endswith(("…", "...")):
        return title_line
    stem = title_line.rstrip(" .…")
    if word_count(stem) < TITLE_MIN_WORDS:
        return title_line
    whole = [line.text for line in lines if line.text.startswith(stem + " ")]
    return next((text for text in whole if not text.endswith(("…", "..."))), title_line)


def _title_pieces(lines: list[Line], title_line: str, opening: list[str]) -> list[int]:
    """The lines that make up the headline picked (its index alone when it is
    whole; empty when no line is the title's).

    A copy with a line per text node breaks a headline where a link or an
    emphasis starts, and `_reflow` joins the pieces when letter case tells they
    go on ("… launches" / "a new test suite"). Where case tells nothing
    (`_case_blind`: CJK and Hangul have none, a piece starts with a figure or a
    sign, the headline is in capitals) a piece next to the line picked is taken
    when nothing but a cut stands between (no sentence's end; a colon may) and
    the page shows the cut: a link's short text between the two
    (`_link_text`: "北辰研究院攜手兩家電信業者完成" / "6G" / "低軌衛星與地面網路整合試驗"),
    a line `_reflow` put together whose piece there is short (`_cut_at`), or a
    colon; and when the article's lead retells the piece as it retells a
    headline (`_told_piece`), or the piece is a question's first word above
    ("WHY" / "6G" / "NEEDS MORE FIBRE"). A link's text the lead does not retell
    is taken only between two pieces: a badge ("NEW") or a kicker ("6G") is no
    piece of the headline, nor a deck under it in a line of its own."""
    found = [i for i, line in enumerate(lines) if line.text == title_line]
    crumbs = _breadcrumb_tails(lines[: found[-1]]) if found else {}
    for at in reversed(found):
        crumbed = _crumbed_pieces(lines, at, crumbs)
        if crumbed:
            return crumbed
        above, below = _widening(lines, at, -1, opening), _widening(lines, at, 1, opening)
        if above or below:
            return [*reversed(above), at, *below]
    return found[-1:]


def _widening(lines: list[Line], at: int, step: int, opening: list[str]) -> list[int]:
    """The pieces of the headline at `at` above it (`step` -1) or below (1),
    nearest first (`_title_pieces`); at most TITLE_PIECES of them. The lead that
    retells a piece is the article's opening and the lines between the piece and
    the article, TOLD_REACH of them at most (the lead's first sentence may itself
    arrive in pieces)."""
    taken: list[int] = []
    pending: list[int] = []  # short pieces the lead does not retell, taken with the next
    i = at
    for j in range(at + step, at + step * (TITLE_PIECES + 1), step):
        if not 0 <= j < len(lines):
            break
        piece = lines[j]
        upper, lower = (piece, lines[i]) if step < 0 else (lines[i], piece)
        if (
            piece.kind != "short"
            or piece.block != lines[i].block
            or (ends_sentence(upper.text) and not upper.text.endswith(":"))
            or not _case_blind(upper.text, lower.text)
            or _is_furniture(piece.text, sentence=True)
            or _byline_like(piece.text)
            or _dated(piece.text)
        ):
            break
        cut = pending or _cut_at(upper, lower) or upper.text.endswith(":")
        start = max(at, j) + 1
        told = cut and (
            _told_piece(
                piece.text, [line.text for line in lines[start : start + TOLD_REACH]] + opening
            )
            or (step < 0 and _opens_question(piece.text))
        )
        if told and (step < 0 or not ends_sentence(piece.text)):
            taken += [*pending, j]
            pending = []
        elif pending or not _link_text(piece.text):
            break
        else:
            pending.append(j)
        i = j
    return taken


TITLE_PIECES = 4


def _crumbed_pieces(lines: list[Line], at: int, crumbs: dict[str, int]) -> list[int]:
    """The headline at `at` and the lines under it that the last item of a
    breadcrumb above it (`_breadcrumb_tails`) holds, put together (a long headline
    wrapped over two lines of its block, "…基金の造成" / "及び…の公表", under
    "総務省トップ > … > …基金の造成 及び…の公表"); empty when none ends in them."""
    joined = "".join(lines[at].text.split())
    for j in range(at + 1, min(len(lines), at + TITLE_PIECES)):
        if lines[j].block != lines[at].block:
            break
        joined += "".join(lines[j].text.split())
        if crumbs.get(joined, at) < at:
            return list(range(at, j + 1))
    return []


def _breadcrumb_tails(lines: list[Line]) -> dict[str, int]:
    """The last items of the breadcrumbs (two arrows or more) among the lines,
    spaces taken out, each with where it first stands: read once for all the
    places a headline is printed at (per place, a page printing it thousands of
    times would be quadratic)."""
    ends: dict[str, int] = {}
    for i, line in enumerate(lines):
        items = _CRUMB.split(line.text)
        if len(items) > 2:
            ends.setdefault("".join(items[-1].split()), i)
    return ends


def _link_text(text: str) -> bool:
    """A short piece that may be a link's text cut out of a CJK or capitals
    headline: a name or a figure ("6G"), in no script without case (whose pieces
    tell nothing by their case) and no separator ("|", ">")."""
    return (
        word_count(text) <= INLINE_MAX_WORDS
        and any(c.isalnum() for c in text)
        and not HAS_CJK.search(text)
    )


def _cut_at(upper: Line, lower: Line) -> bool:
    """Whether a line of the two was put together from pieces (`_reflow`) and its
    piece next to the other is a link's text (short, a name or a figure first:
    "국내 연구진," / "6G 위성통신") or a trademark sign (a superscript); a copy
    that cut the line at its start cut it at its end too. (A piece that goes on
    in the line's own script, "で実証に成功", ends the headline as often as not.)"""
    return any(
        line.ends is not None
        and word_count(piece := line.ends[end].strip()) <= INLINE_MAX_WORDS
        and (_link_text(piece.split()[0]) or piece[0] in _MARKS)
        for line, end in ((upper, 1), (lower, 0))
    )


def _opens_question(text: str) -> bool:
    """A piece of nothing but a question's first word ("Why", "How"): it stands
    on its own in no page, and goes on the piece below."""
    return " ".join(text.split()).casefold() in _QUESTION_WORDS


# "Why", "how", "what": English, German, French, Spanish, Portuguese, Italian, Dutch.
_QUESTION_WORD_LIST = """
why how what when where which
warum wie was wann wo welche
pourquoi comment quand où quel quelle
por_qué cómo qué cuándo dónde cuál
por_que como quando onde qual
perché come quando dove quale
waarom hoe wat wanneer waar welke
"""
_QUESTION_WORDS = frozenset(word.replace("_", " ") for word in _QUESTION_WORD_LIST.split())


def _case_blind(upper: str, lower: str) -> bool:
    """Whether letter case cannot tell that `lower` goes on `upper` (`_continues`
    joins a piece that starts in lower case): `lower` starts with a figure, a
    sign or a letter of a script without case (CJK, Hangul), or neither line
    has a small letter (a headline in capitals)."""
    first = next((c for c in lower if c.isalnum()), "")
    return not (first.isupper() or first.islower()) or not any(c.islower() for c in upper + lower)


def _told_piece(text: str, lead_lines: list[str]) -> bool:
    """Whether the lead retells a piece as it retells a headline (`_told_in_lead`):
    TOLD_MIN_WORDS of its words or more, and TOLD_MIN_SHARE of them."""
    words = _key_words(_title_text(text))
    wanted = set(words)  # (a long unspaced CJK lead has a key for every pair of characters)
    lead = {key for line in lead_lines for key in _keys(line) if key in wanted}
    shared = sum(word in lead for word in words)
    return shared >= TOLD_MIN_WORDS and shared >= TOLD_MIN_SHARE * len(words)


def _joined(texts) -> str:
    """Pieces of one line put together as `_reflow` joins them."""
    out = ""
    for text in texts:
        out += glue(out, text) + text if out else text
    return out


def _wrapped_rest(lines: list[Line], title_line: str) -> str | None:
    """The rest of a headline hard-wrapped onto the line under it (a text-mode
    dump, an e-mail): the two lines stand alone between blank lines, the first
    ends open ("… agreement on", `_open_end`) or the second goes on in small
    letters or figures ("6G-nät och radar …"), and the second is no byline,
    date or furniture. A headline and its deck are two blocks, or more lines.
    (Asked only of a text a wrapper broke: `_title_from`.)"""
    size = Counter(line.block for line in lines)
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        if line.text != title_line or nxt.block != line.block or size[line.block] != 2:
            continue
        goes_on = _open_end(line.text) or nxt.text[:1].islower() or nxt.text[:1].isdigit()
        if (
            goes_on
            and nxt.kind == "short"
            and not _byline_like(nxt.text)
            and not _is_furniture(nxt.text)
        ):
            return nxt.text
    return None


def _lead_role(line: Line, title: str | None) -> str:
    """What a line above the article is: a clutter kind, title, dateline, deck...
    (a byline or a time stamp counts as a dateline: it is never a deck)."""
    if line.kind != "short":
        return line.kind
    if title and similarity(line.text, title) >= TITLE_VARIANT_SIMILARITY:
        return "repeated title"
    if looks_like_dateline(line.text) or _byline_like(line.text):
        return "dateline"
    if word_count(line.text) >= STANDFIRST_MIN_WORDS:
        return "sentence" if ends_sentence(line.text) else "deck"
    return "navigation"


def _standfirst(roles: list[str]) -> set[int]:
    """The lines of the lead that stand right above the article.

    Further up, a page's sentences too short for body text are the teasers
    of other articles (a copy of a news page lists dozens of them above the
    story), so the standfirst is taken only from the lead's closing lines,
    where only the title and dateline may come between. A deck without a
    full stop counts only when the title stands right above it.
    """
    found: set[int] = set()
    decks: set[int] = set()
    for i in range(len(roles) - 1, -1, -1):
        if roles[i] == "sentence":
            found.add(i)
        elif roles[i] == "deck":
            decks.add(i)
        elif roles[i] == "repeated title":
            found |= decks
        elif roles[i] != "dateline":
            break
    return found


def _pick_title(lines: list[Line], article: list[Line]) -> str | None:
    """The line above the article that is its headline.

    Copies of whole pages open with menus, breadcrumbs, section labels and
    other stories' headlines; the headline stands just above the article,
    with only a byline, dateline, credit or standfirst between, and it tells
    what the article's opening tells: most of its words come back in the
    lead, and a byline or a date stands under it (`_bylined`). So the title
    is the headline-shaped line above the article whose words the lead
    repeats most, the nearer the better and a byline under it counting
    BYLINE_BONUS more (`_told_in_lead`; the lines of a list of other
    stories do not count, `_teaser_list`); without such a line, a
    headline-shaped line among the TITLE_WINDOW lines above the article that
    repeats there (pages print it as <title> and <h1>), else the nearest line
    with a byline under it, else the top of the nearest run of such lines
    right above one another there (a headline over its subtitles); failing
    that, a repeat further up, else the nearest of all, else a first line
    printed twice (`_doubled_opening`). A question or a title-case headline
    long enough to read as a sentence counts as headline-shaped too, and so
    does a line read as a sentence with a byline or a stamp under it
    (`_byline_below`), and a line of two words with one right under it
    (`_dated_short_headline`).
    Furniture is never a title: a breadcrumb ("YOU ARE AT: Home » News"), a
    back link ("Back to News"), a section label (unless a "By ..." byline
    stands right under it), a byline, a time stamp or a photo credit; nor,
    unless nothing else is, a bulleted or numbered item of a menu or a list,
    or a section's numbered heading (`_LIST_ITEM`).
    """
    shaped = _shaped(lines, article)
    bylined = _bylined(shaped, lines)
    teasers = _teaser_list(shaped, bylined, len(lines))
    opening = _opening(article, after_list=len(lines) - 1 in teasers)
    told = _told_in_lead(
        [c for c in shaped if c[0] not in teasers], lines, opening, bylined, _reprinted(article)
    )
    if told is not None:
        return lines[told].text
    candidates = [text for _, text in shaped]
    allowed = set(candidates)
    window = range(max(len(lines) - TITLE_WINDOW, 0), len(lines))
    near_at = [i for i in window if lines[i].text in allowed]
    repeated = _first_repeat([lines[i].text for i in near_at])
    if repeated:
        return repeated
    if bylined:
        return lines[max(bylined)].text
    if near_at:
        # the nearest run of lines that may be the title, right above one another:
        # a headline over its subtitles (CJK papers print two or three), its top
        return lines[_runs(near_at, 1)[FALLBACK_PICK][0]].text
    if candidates:
        return _first_repeat(candidates) or candidates[FALLBACK_PICK]
    return _doubled_opening(lines)


def _doubled_opening(lines: list[Line]) -> str | None:
    """A copy's first line printed twice in a row (`_mark_doubled`), of a
    headline's length, when nothing else is a title: the page's <title> and
    <h1>, a headline with its full stop ("… to begin in 2 years."), not the
    caption `_mark_doubled` takes a repeated sentence for, as nothing stands
    above it."""
    worded = [line for line in lines if word_count(line.text)][:2]
    if len(worded) < 2 or worded[0].kind != DOUBLED or worded[0].text != worded[1].text:
        return None
    return worded[0].text if word_count(worded[0].text) <= HEADLINE_MAX_WORDS else None


def _shaped(lines: list[Line], article: list[Line]) -> list[tuple[int, str]]:
    """The lines above the article that `_pick_title` chooses from, each with its
    index (see there): headline-shaped, no furniture; label-shaped and bulleted
    lines and an e-mail's subject field only when nothing else is."""
    lead = _widget_words_told(lines, article)
    shaped = [
        (i, line.text)
        for i, line in enumerate(lines)
        if (
            line.kind in ("short", BYLINED_HEADLINE)
            or _headline_sentence(line)
            or (line.kind == "outside the article" and _byline_below(lines, i, len(lines) - 1))
        )
        and (_headline_shaped(line.text) or _dated_short_headline(lines, i))
        and not _is_furniture(
            _GLUED_HANDLE.sub("", line.text), line.kind != "short", _told_by(line.text, lead)
        )
        and not (i + 1 < len(lines) and _epigraph(line.text, lines[i + 1].text))
        and not _photo_caption(lines, i)
        and not _credit_or_caption(lines, i)
        # a field's label, however long ("Due dates (required) (by 5 p.m.):"); a piece of
        # a headline cut at its colon is taken with the rest (`_title_pieces`)
        and not line.text.rstrip().endswith((":", "："))
    ]
    # A label-shaped line ("Research News") is a title only when nothing else is,
    # or when a byline ("By Ann Lee") stands right under it or a dated stamp ends it,
    # or it is a short Chinese or Japanese headline in two halves that the lead tells
    # ("6G創新聯盟 湖北啟動"; a menu's "新闻中心 行业动态" the lead does not).
    halves = [t for _, t in shaped if _is_label(t) and _two_part_headline(t.split())]
    told = _words_told(halves, article) if halves else set()
    shaped = [
        (i, text)
        for i, text in shaped
        if not _is_label(text)
        or _signed(lines, i)
        or _glued_stamp(text)
        or (text in halves and _told_by(text, told))
    ] or shaped
    # A bulleted or numbered line is a menu's, a list's or a section's, and an e-mail's
    # subject field the headline with the mail's tags ("Fwd: [Press release] …"): titles
    # only when nothing else is.
    shaped = [
        (i, t) for i, t in shaped if not _list_item(lines, i, t) and not _SUBJECT.match(t)
    ] or shaped
    # A line over a photo's credit ("[KT 제공. 재판매 및 DB 금지]") that retells another
    # line is the photo's caption retelling the headline.
    return [(i, t) for i, t in shaped if not _caption_retelling(lines, i, shaped)]


def _caption_retelling(lines: list[Line], i: int, shaped: list[tuple[int, str]]) -> bool:
    """Whether the line stands over a photo's credit and another line above the
    article tells most of its words (`_told_by`): a headline printed right over
    a credit is the headline, when nothing else retells it."""
    if i + 1 >= len(lines) or lines[i + 1].kind != "image-caption":
        return False
    others = {key for j, text in shaped if j != i for key in _keys(_title_text(text))}
    return _told_by(lines[i].text, others)


CAPTION_LINES = 2
# A photo's credit label alone on its line ("Credit...", "Photo:", "Credit"): the line
# under it is the credit ("Ann Lee/The Daily"), as a copy that puts every text node on
# its own line, or a browser's copy of a caption, prints it. Only "credit" may stand
# bare: "Photos" or "Foto" alone is a menu's item, and the headline may follow it.
_CREDIT_LABEL = re.compile(
    r"(?:photo|image|picture|foto|bild|kuva|source|fuente|quelle)s?(?:\s*credits?)?"
    r"\s*(?:[:：]|\.{2,}|…)"
    r"|(?:credit|crédit|crédito)s?\s*(?:[:：]|\.{2,}|…)?",
    re.I,
)


def _photo_caption(lines: list[Line], i: int) -> bool:
    """Whether the line is a photo's title or caption: one of the CAPTION_LINES
    under a gallery's counter ("Image 1 of 5") in its block, with no blank line
    nor credit ("Photo: Ann Lee") between to close the caption (a headline may
    follow either)."""
    for above in reversed(lines[max(i - CAPTION_LINES, 0) : i]):
        if above.block != lines[i].block:  # a blank line ends the photo's caption
            return False
        if above.kind == "gallery-counter":
            return True
        if above.kind == "image-caption":
            return False
    return False


def _credit_or_caption(lines: list[Line], i: int) -> bool:
    """The credit under a credit's label alone on its line (`_CREDIT_LABEL`), or the
    caption's sentence over it."""
    if i and _CREDIT_LABEL.fullmatch(lines[i - 1].text):
        return True
    under = lines[i + 1].text if i + 1 < len(lines) else ""
    return bool(_CREDIT_LABEL.fullmatch(under)) and ends_sentence(lines[i].text)


LIST_NEIGHBOURS = 4


def _list_item(lines: list[Line], i: int, text: str) -> bool:
    """A bulleted line, or a numbered one that is the first (a section's heading
    over the first paragraph: "1. ", "I. ") or has a numbered line near it (a
    list's): a lone "V. " or "5. " opens a headline ("V. Putin signs …")."""
    item = _LIST_ITEM.match(text)
    if not item or not item["number"] or item["number"].lstrip("0") in _FIRST_NUMBERS:
        return bool(item)
    near = lines[max(i - LIST_NEIGHBOURS, 0) : i] + lines[i + 1 : i + 1 + LIST_NEIGHBOURS]
    return any(_numbered(line.text) for line in near)


def _numbered(text: str) -> bool:
    item = _LIST_ITEM.match(text)
    return bool(item and item["number"])


_FIRST_NUMBERS = {"1", "I", "一"}


def _widget_words_told(lines: list[Line], article: list[Line]) -> set[str]:
    """The words of the lines with a widget's word (`_FURNITURE_WORDS`), a Chinese
    byline's shape (`_CJK_BYLINE`) or a trail's (`_trail`) that the article's lead
    repeats: only those are asked of `_told_by`, and a long unspaced CJK lead has a
    word for every pair of its characters (kept all, a memory hog)."""
    widgets = [
        line.text
        for line in lines
        if _FURNITURE_WORDS.search(line.text) or _CJK_BYLINE.match(line.text) or _trail(line.text)
    ]
    return _words_told(widgets, article)


def _words_told(texts: list[str], article: list[Line]) -> set[str]:
    """The words of `texts` that the article's lead repeats (for `_told_by`)."""
    wanted = {key for text in texts for key in _keys(_title_text(text))}
    return {key for text in _opening(article) for key in _keys(text) if key in wanted}


def _told_by(text: str, lead: set[str]) -> bool:
    """Whether the article's lead repeats most of a line's words (TOLD_BY_SHARE
    of them, and as many as a headline has, TITLE_MIN_WORDS; a widget's words
    aside, they tell nothing): the line tells the story, whatever its words."""
    words = _key_words(_FURNITURE_WORDS.sub(" ", _title_text(text)))
    shared = sum(word in lead for word in words)
    return shared >= TITLE_MIN_WORDS and shared >= TOLD_BY_SHARE * len(words)


TOLD_BY_SHARE = 0.5


def _headline_shaped(text: str) -> bool:
    """Long enough for a headline (a headline with its stamp glued to it may be
    shorter: the stamp tells it is one), and not a dateline or a stamp itself."""
    head = _glued_stamp(text)
    if head:
        return word_count(head) >= GLUED_STAMP_MIN_WORDS
    return not _dated(text) and word_count(_title_text(text)) >= TITLE_MIN_WORDS


def _dated(text: str) -> bool:
    """A dateline or a time stamp ("Published: ...", "Updated 5 May"): no headline."""
    return looks_like_dateline(text) or bool(_STAMP.search(text))


def _dated_short_headline(lines: list[Line], i: int) -> bool:
    """A headline of two words ("About bugs") with its date or byline right under
    it: too short to tell from a menu's item by its words, the date tells it."""
    text = lines[i].text
    return (
        word_count(text) == TITLE_MIN_WORDS - 1
        and i + 1 < len(lines)
        and not _dated(text)
        and _byline_like(lines[i + 1].text)
    )


GLUED_STAMP_CACHE = 4096


@lru_cache(maxsize=GLUED_STAMP_CACHE)
def _glued_stamp(text: str) -> str | None:
    """The headline of a line that ends in its date and time of day, a weekday
    maybe before them ("Season standings Friday, 22 October 2010 at 20:13"):
    a page that prints its headline and its time stamp as one line, the stamp
    maybe in brackets with its seconds ("…生態系 (2025-05-21 17:32:08)"). A date
    without a time after it may belong to the headline ("Results to 30 June 2019").
    (Asked up to four times of a line while a title is picked, and of a site's
    furniture on every page: remembered for the last GLUED_STAMP_CACHE lines.)"""
    glued = _CJK_GLUED_DAY.search(text)  # "…する方法2018-08-16": a card's headline and day
    if glued and word_count(text[: glued.start()]) >= GLUED_STAMP_MIN_WORDS:
        return text[: glued.start()]
    for pattern in DATE_PATTERNS:
        found = pattern.search(text)
        tail = found and found.start() and _TIME_TAIL.fullmatch(text, found.end())
        if tail:
            head = text[: found.start()].rstrip(_STAMP_SEPARATORS)
            # A stamp in a bracket of its own, in figures or to the second, not an
            # event's time written out ("… (12 March 2025 at 15:00)").
            machine = tail["seconds"] or not _LATIN_LETTER.search(found[0])
            if tail["close"] and not (head.endswith(("(", "（")) and machine):
                return None
            head = head.rstrip(_STAMP_SEPARATORS + "(（")
            before, _, last = head.rstrip(",").rpartition(" ")
            if last.lower().rstrip(".") in WEEKDAYS:  # "Friday, 22 October": the stamp's
                head = before.rstrip(_STAMP_SEPARATORS)
            # A place or a name with a comma before the date ("Oulu, Finland, 14 March",
            # "Ann Lee, 14 March": a dateline, a byline), a field's name ("Published:",
            # "发布时间：") or a date is not a headline.
            stamp = head.endswith(",") or _ends_colon(head) or _dated(head)
            return None if stamp else head or None
    return None


GLUED_STAMP_MIN_WORDS = 2
_LATIN_LETTER = re.compile("[A-Za-zÀ-ÿ]")
# A day in figures glued to a CJK headline's last character, closing the line.
_CJK_GLUED_DAY = re.compile(rf"(?<=[{CJK_CHARS}])(?:19|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\s*$")
_STAMP_SEPARATORS = " |–—-·"
# The time of day after a date, maybe after a short word ("at 8:40 pm", "às 20:13"),
# maybe with its seconds, maybe closing the bracket the stamp stands in ("(2025-05-21
# 17:32:08)", to the second: `_glued_stamp`). (Spaces after the bracket only: two runs
# of spaces around an optional sign would be tried at every split of a long run.)
_TIME_TAIL = re.compile(
    r"\s*(?:[^\W\d]{1,3}\s+){0,2}\d{1,2}[:h]\d{2}(?P<seconds>:\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"\s*(?P<close>[)）]\s*)?",
    re.I,
)


def _first_repeat(texts: list[str]) -> str | None:
    """The first of `texts` that comes more than once (pages print their headline twice)."""
    repeats = Counter(texts)
    return next((text for text in texts if repeats[text] > 1), None)


def _signed(lines: list[Line], i: int) -> bool:
    return i + 1 < len(lines) and bool(_BYLINE.match(lines[i + 1].text))


def _teaser_list(shaped: list[tuple[int, str]], bylined: dict[int, int], above: int) -> set[int]:
    """The lines of a list of other stories: a run of TEASER_LIST_RUN or more
    different headline-shaped lines (a headline printed twice over its deck is
    one story) of TEASER_LIST_WORDS words or more, one right under
    the other, none with a byline under it. Such a list ("Most read", "More
    on") often tells the article's subject as well as its headline does.
    A run that holds every headline-shaped line above the article and ends
    within DECK_REACH lines of it holds the headline if the page has one: a
    headline over its decks (no other story's list stands alone above an
    article's opening)."""
    long = [i for i, text in shaped if word_count(text) >= TEASER_LIST_WORDS and i not in bylined]
    text_of = dict(shaped)
    every = sorted(text_of)
    runs = [
        run
        for run in _runs(long, 1)
        if len({text_of[i] for i in run}) >= TEASER_LIST_RUN
        and not (run == every and above - run[-1] <= DECK_REACH)
    ]
    return {i for run in runs for i in run}


DECK_REACH = 3


def _runs(indices: list[int], gap: int) -> list[list[int]]:
    """Rising line indices cut into runs, each index within `gap` lines of the one before."""
    runs, run = [], []
    for i in indices:
        if run and i - run[-1] > gap:
            runs.append(run)
            run = []
        run.append(i)
    runs.append(run)
    return runs


TEASER_LIST_RUN, TEASER_LIST_WORDS = 3, 5


def _bylined(shaped: list[tuple[int, str]], lines: list[Line]) -> dict[int, int]:
    """The headline-shaped lines that a byline or a date follows, each with
    the index of its byline.

    Above an article, the headline is the line a byline, a dateline or a
    time stamp follows within BYLINE_REACH lines ("By Ann Lee", "November
    19, 2019 at 8:40 AM", "Updated 2 hours ago"); of a headline with its
    deck, both. A section label ("Press releases") opens the next headline's
    block: a date under it is not the line's above, and a line the byline
    holds whole is the author's name over it (`_byline_names`). A list of
    other stories gives each of its headlines a date too: a run of BYLINE_RUN
    or more such lines, each within BYLINE_RUN_GAP lines of the next, is a
    list of teasers and counts none.
    """
    byline_of: dict[int, int] = {}
    headlines = {i for i, _ in shaped}
    for i, text in shaped:
        if len(lines) - i > TOLD_REACH:
            continue
        if _glued_byline(text) is not None or _glued_stamp(text):  # a byline on the same line
            byline_of[i] = i
            continue
        reach = itertools.takewhile(
            lambda j: lines[j].kind != "editorial-label",
            range(i + 1, min(len(lines), i + 1 + BYLINE_REACH)),
        )
        at = next((j for j in reach if j not in headlines and _byline_like(lines[j].text)), None)
        if at is not None and not _byline_names(lines[at].text, text):
            byline_of[i] = at
    runs = _runs(sorted(set(byline_of.values())), BYLINE_RUN_GAP)
    teasers = {at for run in runs if len(run) >= BYLINE_RUN for at in run}
    return {i: at for i, at in byline_of.items() if at not in teasers}


def _byline_names(byline: str, line: str) -> bool:
    """Whether a byline holds the line above it whole: the author's name over
    "By Ann Lee" (a columnist's card under the headline), not a headline. Whole
    words only: "Ann Lee" is not the name of "By Joann Leeds"."""
    name = re.escape(" ".join(line.split()))
    return bool(re.search(rf"(?<!\w){name}(?!\w)", " ".join(byline.split()), re.I))


BYLINE_REACH, BYLINE_RUN, BYLINE_RUN_GAP, BYLINE_MAX_WORDS = 3, 3, 4, 16
# A stamp's day after its field's name in CJK, or nothing (`_STAMP_FORMS`).
_CJK_FIELD_DAY = (
    r"\s*[:：]?\s*(?:(?:19|20)\d{2}\s?(?:[-./]\s?\d{1,2}\s?[-./]\s?\d{1,2}"
    r"|[年년]\s?\d{1,2}\s?[月월]\s?\d{1,2})|$)"
)
# A byline's stamp, never a headline's: a time of day ("21:17"), a date in figures
# ("18.11.2019", "2025/06/27"), an age ("2 hours ago"), "Updated" or "Published" first.
_STAMP_FORMS = (
    r"\b\d{1,2}:\d{2}(?!\d)",
    r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}",
    # Year first, closing the line (a time may follow): "by Ann 2021. 6. 23.", not the
    # programme's "2018.04.05 ~ Open run" (a named group: the forms are joined into one).
    r"(?<![\d.])(?:19|20)\d{2}(?P<ysep>[./]) ?\d{1,2}(?P=ysep) ?\d{1,2}\.?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    r"\b\d{1,3} ?(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?) ago\b",
    rf"^(?:{_STAMP_VERBS})\b",
    # The same fields in other languages ("Publié le 1er juin 2025 à 06h30").
    r"^(?:publiée?|mis à jour|publicado|actualizado|veröffentlicht|aktualisiert|pubblicato"
    r"|aggiornato|publicerad|uppdaterad|julkaistu|gepubliceerd)\b",
    # ... and in Korean, Japanese and Chinese, the field's name before its day
    # ("기사승인 2024-10-10 15:12:26", "입력 2024.05.02", "公開日 2024年5月2日",
    # "发布时间 2024-05-02", "观察者网 发布于 2019-11-08"), or the name alone: what is
    # left of a line before the stamp glued to it. A day in full: a headline may
    # open with the word and a figure ("입력 64개·출력 64개 …", "发表于2025年IEEE …").
    rf"^(?:기사\s?승인|승인|입력|수정|등록|발행|게재|작성)(?:일|일시)?{_CJK_FIELD_DAY}"
    rf"|^(?:公開|更新|掲載|投稿|配信)(?:日時?)?{_CJK_FIELD_DAY}"
    rf"|^(?:发布|發布|更新|发表|發表)(?:时间|時間|日期){_CJK_FIELD_DAY}"
    rf"|(?:^|\s)(?:发布|發布|發佈|发表|發表)[于於]{_CJK_FIELD_DAY}",
)
_STAMP = re.compile("|".join(_STAMP_FORMS), re.I)
# "By" alone: a byline whose name is a link, cut from it in a copy of one node per line.
_LONE_BY = re.compile(rf"^(?:written |posted )?(?:{_BY_WORDS})$", re.I)


def is_byline(text: str) -> bool:
    """A line that is a byline, a dateline or a time stamp and no sentence
    ("Published 12 May 2026", "By Ann Lee | 5 May 2026"): the HTML path's test too,
    which drops such lines from a body, so a name with an organisation ("Ann Lee,
    Aalto University": a release lists its speakers so) is none of them here."""
    return not ends_sentence(text) and _byline_like(text, affiliated=False)


def _byline_like(text: str, affiliated: bool = True) -> bool:
    """A byline, a dateline or a time stamp: a short line with a name or a date
    (not a quote's attribution: "— Ann Lee on Monday, May 5, in a speech"); with
    `affiliated`, a writer's name with an organisation under a headline too."""
    return (
        word_count(text) <= BYLINE_MAX_WORDS
        and not ATTRIBUTION.match(text)
        and bool(
            _BYLINE.match(text)
            or _named_byline(text)
            or (affiliated and _affiliated(text))
            or _LONE_BY.match(text)
            or _STAMP.search(text)
            or parse_date(text)
        )
    )


def _told_in_lead(
    shaped: list[tuple[int, str]],
    lines: list[Line],
    opening: list[str],
    bylined: dict[int, int],
    reprinted: Counter[str],
) -> int | None:
    """The headline-shaped line whose words the article's lead repeats most.

    Each line within TOLD_REACH lines of the article scores the share of its
    words (stems, CJK character pairs) found in the lead, less
    TOLD_DISTANCE_COST for each line between it and the article; a line
    scores only when TOLD_MIN_SHARE of its words and TOLD_MIN_WORDS or more
    come back (one shared word is chance), and a line the lead prints whole
    inside a sentence scores only with a byline under it (`_named_in`: else it
    is a name, the institute's or the site's). A deck under a headline tells the
    lead as well and stands nearer, so of the lines that score, the topmost
    within TOLD_DECK_GAP lines above the best is the headline, unless a
    line holding the best line whole (a breadcrumb ending in the headline), a
    section label, a trail of names (`_trail`: "News article | Publication") or
    another story's headline (a line of TEASER_LIST_WORDS words or more
    that does not score) stands between, or the best line is a longer one in
    title case under a line that is not (`_headline_under_short_line`).
    A line printed twice is the headline, unless a line with a byline under
    it (`bylined`) scores more: other stories' teasers are printed twice too.
    The article's opening counts (`reprinted`: a photo's caption may print the
    headline again), and a headline printed again, further up, around its
    kicker or as a breadcrumb's last item (`_crumbs_end`), is kept over the
    lines between and is never moved off to a line above its deck.
    A line of the site's header (among the first HEADER_LINES, above the
    first menu, `_first_menu`: a tagline, an institute's name the lead names)
    is the headline only when no line below scores or has a byline under it,
    unless a byline stands under it too.
    Of the lead's words (`opening`: its first lines) only those of the lines
    scored are kept: a long unspaced CJK paragraph has one for every pair of
    characters.
    """
    folded = [text.casefold() for text in opening]
    near = [
        (i, words)
        for i, text in shaped
        if len(lines) - i <= TOLD_REACH and (words := _key_words(_title_text(text)))
    ]
    wanted = {word for _, words in near for word in words}
    lead = {key for text in opening for key in _keys(text) if key in wanted}
    scores = {}
    for i, words in near:
        shared = sum(w in lead for w in words)
        share = shared / len(words)
        if (
            share < TOLD_MIN_SHARE
            or shared < TOLD_MIN_WORDS
            or (i not in bylined and _named_in(lines[i].text, folded))
        ):
            continue
        scores[i] = share - TOLD_DISTANCE_COST * (len(lines) - i) + BYLINE_BONUS * (i in bylined)
    if not scores:
        return None
    # A line among the page's first HEADER_LINES above its first menu is the site's
    # header (a tagline, the institute's name): the headline stands below the menu
    # when a line there scores. A line with its byline under it is no header: the
    # "menu" below it is a bar of tools (font size, listen, share).
    header = min(_first_menu(lines), HEADER_LINES)
    below = {i: s for i, s in scores.items() if i >= header or i in bylined}
    if not below and any(i >= header for i in bylined):
        return None  # a line with its byline under it below the menu: the headline (`_pick_title`)
    scores = below or scores
    # Pages print their headline twice (<title> and <h1>): a repeat is the headline.
    printed = Counter(lines[i].text for i in scores) + reprinted
    repeated = [i for i in scores if printed[lines[i].text] > 1]
    # A repeat stands against the lines a byline follows (a teaser is printed twice too).
    pool = set(repeated) | (bylined.keys() & scores.keys()) if repeated else scores
    best = max(pool, key=scores.get)
    dated = _headline_over_its_stamp(best, bylined, lines, header, lead)
    if dated is not None:
        return dated
    top, others = best, {i for i, text in shaped if word_count(text) >= TEASER_LIST_WORDS}
    # (letter case aside: a page may print its headline in capitals once)
    title = _title_text(lines[best].text).casefold()
    if any(title in line.text.casefold() for line in lines[: max(best - TOLD_DECK_GAP, 0)]):
        return best  # printed again further up (<title> with the site's name): the headline
    if any(_crumbs_end(line.text.casefold(), title) for line in lines[:best]):
        return best  # a breadcrumb's last item: what stands between is the sections above it
    deck = _deck_top(lines, best)
    for i in range(best - 1, max(deck - TOLD_DECK_GAP, 0) - 1, -1):
        if lines[i].kind == "editorial-label" or _trail(lines[i].text):
            break  # a section label or a trail (`_trail`) opens the best line's block
        if lines[i].text == lines[best].text:
            return best  # the headline printed twice around its kicker or deck
        if title in lines[i].text.casefold():
            break  # a breadcrumb ending in the headline: what is above is not its deck's
        if i in pool:
            top = i
        elif i in others and i < deck:
            break  # another story's headline between: what is above is not the deck's
    if top != best and _headline_under_short_line(lines[top].text, lines[best].text):
        return best
    if top != best and _standfirst_over(lines[top].text, lines[best].text):
        return best
    if top != best or best in repeated:
        return top
    return _headline_over_deck(top, shaped, lines, lead)


def _headline_over_its_stamp(
    best: int, bylined: dict[int, int], lines: list[Line], header: int, lead: set[str]
) -> int | None:
    """The headline when the line the lead tells best is its deck, right under
    the headline's byline or time stamp.

    A headline may tell the lead in other words than the lead's ("Open RAN's
    one team weighs anchor"), and the deck under the stamp tells it better;
    the line the stamp stands under is the headline when the lead tells it
    too (TOLD_MIN_WORDS of its words: a department's or a club's name over a
    stamp tells one) and it is no section's label ("Business" over
    "11/11/2025 17:34" and the headline), nor a line of the site's header
    (above `header`). A line between the stamp and the line told best (a view
    count, "Updated …", a section's label) makes that line the headline."""
    if best in bylined:
        return None
    above = [
        i
        for i, at in bylined.items()
        if header <= i < at == best - 1
        and word_count(lines[i].text) >= TITLE_MIN_WORDS
        and not _is_label(lines[i].text)
        and sum(word in lead for word in _key_words(_title_text(lines[i].text))) >= TOLD_MIN_WORDS
    ]
    return max(above, default=None)


def _standfirst_over(above: str, below: str) -> bool:
    """Whether the line above is the standfirst printed over its headline: longer
    than a headline may be, and twice the line under it or more (a deck under a
    headline of its length is the headline's, `_told_in_lead`)."""
    return word_count(above) > HEADLINE_MAX_WORDS and word_count(above) >= 2 * word_count(below)


def _headline_under_short_line(above: str, below: str) -> bool:
    """Whether the line below is the headline and the one above a kicker or
    another story's line, not the headline over its deck: a deck is a
    sentence, so a line in title case longer than a line above it that is not
    ("Calling All Makers of Radio Technology – …" under "Radio lab boot @
    Globecom") is the headline. A question or a cry above is a headline's
    whatever its case ("Is Oulu's 6G network open?")."""
    return (
        _headline_words(below, asks=False)
        and not _headline_words(above)
        and word_count(below) > word_count(above)
    )


def _reprinted(article: list[Line]) -> Counter[str]:
    """The lines of the article's opening that a headline may be printed again as
    (a photo's caption, the headline over the body of a copy that kept both)."""
    return Counter(line.text for line in article[:REPRINT_REACH])


REPRINT_REACH = 20


_ARROW = "[>»›]"  # a breadcrumb's separator between two sections ("News › Press")
# Words in guillemets, as French, Spanish, Italian, Russian and Swiss papers quote
# them ("« France 6G » : lancement …"): a closing "»" after its "«" is no arrow.
_GUILLEMETS = re.compile(r"«[^«»]*»")


def _unquoted(line: str) -> str:
    """The line with each quote in guillemets as one word of its length, its "»"
    no arrow (offsets in it hold in the line)."""
    return _GUILLEMETS.sub(lambda quote: "Q" * len(quote[0]), line)


def _crumbs_end(crumbs: str, title: str) -> bool:
    """Whether a breadcrumb ends in the title: its last item is the title, maybe
    without the number a section's title has ("… > 基金事業の実施" over "(1) 基金事業の実施")."""
    *above, last = _CRUMB.split(crumbs)
    last = last.strip()
    return bool(above) and len(last) >= CRUMB_MIN_CHARS and title.endswith(last)


_CRUMB = re.compile(rf"\s{_ARROW}\s")
CRUMB_MIN_CHARS = 8


def _trail(text: str) -> bool:
    """A line of a few names of a word or two apart by one separator: a breadcrumb
    ("Início / Notícias / Pesquisa"), the site's name and a language link
    ("Tsinghua University | 中文版") or a page's kind ("News article | Publicação").
    No headline unless the lead retells it ("Huawei / ZTE ban", `_is_furniture`),
    and never between a headline and its deck (`_told_in_lead`)."""
    parts = _TRAIL_SEPARATOR.split(text.strip())
    return len(parts) >= 2 and all(
        0 < word_count(part) <= TRAIL_ITEM_WORDS and not _PUNCTUATION.search(part) for part in parts
    )


_TRAIL_SEPARATOR = re.compile(rf"\s(?:[/|·]|{_ARROW})\s")
TRAIL_ITEM_WORDS = 2


def _deck_top(lines: list[Line], best: int) -> int:
    """Where the deck holding the line at `best` starts: a paragraph of two to
    DECK_BLOCK_LINES phrases (lines of TITLE_MIN_WORDS words or more, no blank
    line between, a blank line above: a Korean or Chinese page's subheads under
    its headline) is one deck however many lines it has; else the line itself."""
    top = best
    while top > 0 and lines[top - 1].block == lines[best].block:
        top -= 1
    deck = lines[top : best + 1]
    fits = top > 0 and 2 <= len(deck) <= DECK_BLOCK_LINES  # (before its words are counted)
    return top if fits and all(word_count(ln.text) >= TITLE_MIN_WORDS for ln in deck) else best


DECK_BLOCK_LINES = 6


def _first_menu(lines: list[Line]) -> int:
    """Where the page's first menu starts (0 without one): a run of MENU_RUN lines
    of a word or two each ("Who we are" / "Policy" / "Events" / "Newsroom" …).
    A share button ("Share", "Email", "Print") ends a run: a share bar under a
    headline is no menu, and the headline above it no site's header."""
    run = 0
    for i, line in enumerate(lines):
        item = word_count(line.text) <= MENU_ITEM_WORDS
        run = run + 1 if item and clutter_kind(line.text) != "share-widget" else 0
        if run == MENU_RUN:
            return i - MENU_RUN + 1
    return 0


MENU_RUN, MENU_ITEM_WORDS, HEADER_LINES = 6, 2, 6


def _headline_over_deck(
    best: int, shaped: list[tuple[int, str]], lines: list[Line], lead: set[str]
) -> int:
    """The headline right above the deck that scored: a headline may tell the
    story in words of its own ("Why the next network will need to listen")
    where its deck retells the lead. The line right above the deck is the
    headline when it is headline-shaped, of STANDFIRST_MIN_WORDS words or more
    (no section's name: "Innovative use of spectrum"), shorter than the deck,
    and shares a word with the lead. A mark between them with no word ("-",
    "·": a divider, an empty link) is no line."""
    above = best - 1
    while above > 0 and not word_count(lines[above].text):
        above -= 1
    text = dict(shaped).get(above)
    if (
        text is None
        or not STANDFIRST_MIN_WORDS <= word_count(text) < word_count(lines[best].text)
        or not any(word in lead for word in _key_words(_title_text(text)))
    ):
        return best
    return above


def _named_in(text: str, opening: list[str]) -> bool:  # (`opening` casefolded)
    """Whether the lead prints the line whole inside a sentence: a name (the
    institute's, the site's: "The National Institute of … has achieved"), not
    a headline, which the lead retells in its own words (a headline glued to
    the lead's first words, as a wrapped dump may join them, starts the line,
    and one the lead restates opens a sentence of it).
    A headline the lead quotes as a name ("… my Spiced Pear Jam for the
    Holidays is …") has its byline under it: `_told_in_lead` keeps that one."""
    name = " ".join(text.split()).casefold()
    return any(_inside_sentence(line, name) for line in opening)


def _inside_sentence(line: str, name: str) -> bool:
    """Whether `name` stands in `line` after a sentence's first word."""
    at = line.find(name)
    while at > 0:
        # The text before is read back over its spaces, not searched: a search of
        # each prefix took time growing with the square of a long lead's length.
        end = at
        while end and line[end - 1].isspace():
            end -= 1
        if not end or line[end - 1] not in _SENTENCE_ENDS:
            return True
        at = line.find(name, at + 1)
    return False


# (not a colon's, a semicolon's or an ellipsis's: a name may follow them, "Partners: the …")
_SENTENCE_ENDS = SENTENCE_STOPS - frozenset(":;…")


TOLD_DECK_GAP = 3
BYLINE_BONUS = 0.5
TOLD_REACH = 60  # lines above the article where its headline may stand
TOLD_MIN_SHARE = 0.3
TOLD_MIN_WORDS = 2
TOLD_DISTANCE_COST = 0.005
LEAD_BODY_LINES = 3  # the article's opening lines that tell what its title tells
_KEY_STEM = 5  # "investigating" and "investigation" share a key
# Pronouns tell nothing of a story ("Who we are Our team" in a menu printed twice).
_PRONOUNS = {"we", "you", "he", "she", "it", "they", "us", "him", "them", "my", "our", "your"}
_STOP_WORDS = _OPEN_WORDS | {"be", "has", "have", "will", "this", "not", "who", "what"} | _PRONOUNS


def _key_words(text: str) -> list[str]:
    """The words of a line that carry its meaning (`_keys`), each once."""
    return list(dict.fromkeys(_keys(text)))


def _keys(text: str):
    """The words of a line that carry its meaning, cut to a common stem;
    CJK text (no spaces between words) as its pairs of characters, taken within
    a word where there are spaces (Korean: a pair across two words means nothing)."""
    for word in WORD_RUN.findall(HAS_CJK.sub(" ", text)):
        key = word.lower()[:_KEY_STEM]
        if key not in _STOP_WORDS and len(key) > 1:
            yield key
    if not HAS_CJK.search(text):
        return  # (most lines: no CJK pairs, and no look at each word for them)
    for token in text.split():
        cjk = "".join(HAS_CJK.findall(token))
        yield from (cjk[i : i + 2] for i in range(len(cjk) - 1))


def _opening(article: list[Line], after_list: bool = False) -> list[str]:
    """The article's first body lines, which tell what its title tells.

    A list of other stories ("Most popular") that runs into the article may
    end in a teaser long enough to read as a sentence; when the lead ends in
    such a list (`after_list`), the article's first line is one more of its
    items if a line that is not prose follows it (the list's next item), and
    it does not tell the title.
    """
    body = [i for i, line in enumerate(article) if line.kind == "body"]
    if after_list and len(body) > 1 and body[1] > body[0] + 1:
        body = body[1:]
    return [article[i].text for i in body[:LEAD_BODY_LINES]]


FALLBACK_PICK = -1
TITLE_WINDOW = 8  # lines above the article where its headline stands
TITLE_MAX_WORDS = 40
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# The site's name after a tab title's pipe or bullet ("… security projects | Virginia
# Tech News", "… | GOV.UK", "… • The Register"): a name of up to four capitalised
# words, not an episode's or a part's number ("… | Ep. 103", "| Part 2": the title's).
# (Not after a middle dot: CJK headlines list names with it, "… 협약 · KT".)
# (A dash may be the headline's.) Only a run of spaces's first starts the match: each
# one would scan the run (quadratic).
_SITE_SUFFIX = re.compile(
    r"(?<!\s)\s+[|•]\s+(?!(?i:ep|episode|part|no|vol|issue|folge|teil)\.?\s*\d+$)"
    r"[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9&][\w.&'’-]*){0,3}$"
)
# ... or a paper's name in CJK after a dash or a pipe ("… - 日本経済新聞", "… | 중앙일보"):
# a name that ends in the word for a paper (not "news": "… | フェイクニュース" is a
# headline's own words).
_CJK_SITE_SUFFIX = re.compile(rf"(?<!\s)\s+[-|｜]\s*[\w・]{{1,10}}(?:{PAPER_WORDS}|新闻)$")
# A breadcrumb's last separator left before the headline ("/ 7 key questions ...").
_LEADING_SEPARATOR = re.compile(r"^[/|»›>•·]\s")
# A table cell's closing bar or a bullet left at the end ("| Headline |"); not a
# French quote's closing "»", which has a space before it too.
_TRAILING_SEPARATOR = re.compile(r"\s[|•·]$")
# A list item's bullet as a text-mode browser draws it ("□ Standings", "☆ Podcast"),
# or its number ("1. ", "01. ", "2) ", "IV. ", "一、": a numbered list of other stories,
# or the numbered heading of a post's first section right above its first paragraph):
# a menu's or a list's line or a section's, never the headline (an <h1> has none).
_LIST_ITEM = re.compile(
    r"^(?:[•□■◦○●▪▫☆★◆◇►▶➤✓✔*+-]\s|(?P<number>0?\d{1,2}|[IVX]{1,4}|[一二三四五六七八九十]{1,3})(?:[.)]\s|、))"
)
# A title's field: front matter's "title:", a Chinese wire copy's "题：" ("标题", "標題"),
# a repost's "original title" ("原标题：", "原題丨").
_TITLE_FIELD = re.compile(
    r"""^(?:title|题|題|标题|標題|原标题|原標題|原题|原題)\s*[:：丨]\s*(["']?)(?P<title>.+?)\1\s*$""",
    re.I,
)
_GLUED_CREDIT = re.compile(
    r"(?<=[a-z0-9.!?’'\")])\s*(?:\(?(?:photo|image|picture|foto|credit|source)s?\b\s*(?:credit)?\s*"
    r"[:/|©].*|©.*)$",
    re.I,
)
# A source's or photo's credit after a slash, glued to the sentence before it (a wire
# page's "… of 6G tech trials. /China Media Group", a Korean caption's "… 있다. /SKT"),
# with the full stop before it; a headline's own slash has a space after it ("Huawei / ZTE").
_SLASH_CREDIT = re.compile(
    r"(?:\.|(?<=[!?。]))\s+/(?=\S)(?:[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}|[가-힣]{2,8})$"
)
# The date after a release's number: in figures, the day first or the month first in words.
_NUMBER_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}|\d{1,2}\.?\s+[^\W\d_]+\.?\s+(?:19|20)\d{2}"
    r"|[^\W\d_]+\.?\s+\d{1,2},?\s+(?:19|20)\d{2})"
)
# A release's number with its year: a label of a few words, the number and nothing
# after but the release's date ("Comunicato stampa n. 12/2025", "Nr. 118/2025 vom
# 12.03.2025"; not "Regulation No 5/2025 adopted", "Decision No 243/2012/EU on …").
_RELEASE_NUMBER = re.compile(
    r"^(?:[^\W\d_][\w.'’-]*\s+){0,3}(?:n|no|nr|n°)\.?\s*\d{1,4}/(?:19|20)\d{2}"
    rf"(?:(?:\s*[·|,–—-]\s*|\s+(?:vom|del|du)\s+){_NUMBER_DATE})?\s*$",
    re.I,
)
_FURNITURE = re.compile(
    r"^(you are (at|here)\b|当前位置|當前位置|您的位置|现在位置|現在位置|현재\s?위치|"
    r"back to\b|return to\b|zurück\b|retour\b|volver\b|"
    r"skip to\b|go to\b|jump to\b|home\s*[»>/|›]|written by\b|posted by\b|"
    r"(photo|image|picture|foto|credit|source)s?\s*(credit)?\s*[:/|©]|(来源|來源|출처|出典)\s*[:：])"
    # A writer's field, maybe in a table's cell: "Author: Ann Lee", "| Автор: …", "作者：".
    r"|^[|•·]?\s*(author|autor|autore|auteur|автор|författare|forfatter|kirjoittaja|yazar|"
    r"συντάκτης|作者|著者|글쓴이)\s*[:：]"
    # ... or a Korean board's, its name and the writer's (two words at most) with no
    # colon, alone or before the board's other fields ("작성자 연구처&산학협력단", "작성자
    # 관리자 | 작성일 2024.05.02 | 조회수 123"; not a headline: "작성자 실명제 확대, …")
    r"|^[|•·]?\s*(작성자|글쓴이)\s+\S+(\s\S+)?(\s*$|\s*[|·•]?\s*(작성일|등록일|조회))"
    # A social handle ("@noksutagram"): an embedded post's, never a headline's.
    r"|@\w"
    # A button or link: a page's own command ("Continue reading", "Copy this link").
    r"|^(continue|follow|embed|copy|close|expand|submit|read|click|tap|download|print|e-?mail|"
    r"share|sign|subscribe|register|skip|jump|show|hide|load|view|save|welcome to|filed|"
    r"(image|photo|slide) \d)\b"
    # A breadcrumb: sections between two or more arrows ("Blog > Health > Tips"). The
    # first arrow is taken once (atomic): tried from every arrow, the scan to the
    # line's end would make a line of a million arrows quadratic.
    rf"|^(?>.*?\S\s*{_ARROW}\s*\S).*\s{_ARROW}\s"
    # ... or one of its items, the arrow after it ("Software ›")
    rf"|\s{_ARROW}$"
    # A photo's caption: a sentence and its credit in brackets ("… 2004. (NASA/JPL)").
    r"|[.!?]\s*\([^()]+\)$"
    # A quote's attribution under it ("— Ann Lee on Monday, in a speech"), or an
    # interviewer's question with its dash glued on, as Japanese interviews print
    # them ("――最初に、…を教えてください").
    r"|^[—―–]\s|^[—―]{1,2}(?=[^\W\d_])"
    # A release's number (`_RELEASE_NUMBER`).
    rf"|{_RELEASE_NUMBER.pattern}",
    re.I,
)
# A widget's words anywhere in a line ("Share this", "Subscribe", "Read more"):
# furniture, unless the article's lead tells the line (`_told_by`: a headline on
# operators that "sign up"). "Sharing" alone is a story's word ("spectrum sharing"),
# a widget's only in its phrases ("Sharing is caring", "Social sharing").
_FURNITURE_WORDS = re.compile(
    r"\b(sharing (is caring|options|tools)|social sharing|share this|follow (us|the)|"
    r"subscribe|sign (in|up)|signed in|log ?in|newsletter|"
    r"opens? in a new window|read more|continue reading|see all|show more|advertisement)\b",
    re.I,
)
# An icon font's ligature ("chevron_left", "arrow_forward") and the link it opens: words
# in snake case are never a headline's. (Tried only where a word starts: linear.)
_GLUED_ICON = re.compile(r"(?<=\s)[a-z]+(?:_[a-z]+)+\b.*$")
# " by" and a writer's name closing the line: one to four capitalised words with a
# date or a separator after them, or after "written by" ("posted", "reported"); else
# a person's name of two or three words ("… by Ann Lee"), as a headline ends
# "… launched by Nokia" or "… workshop by Hexa-X-II" too. A second writer may follow
# ("by Ann Lee and Bo Ek | 12 JUN"). (Words apart by spaces: a long word split into
# names every possible way backtracks; and tried only where a run of spaces starts:
# a run of 100,000 spaces tried at each of its spaces is quadratic.)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# A number as a date or an age starts ("12 June", "12th", "2 h ago", "2024-06-12"), not
# a name's ("by Nokia 5G team").
_FIGURE = r"\d+(?!\d)(?:st|nd|rd|th|[hmd])?(?![A-Za-z])"
_PERSON = r"[A-Z][a-zà-ÿ.'’-]+(?:\s+[A-Z][a-zà-ÿ.'’-]+){1,2}"
_GLUED_BYLINE = re.compile(
    rf"(?:(?:^|(?<!\s)\s+)(?:written|posted|words|reported)\s+by\s+{_NAME}\s*$"
    rf"|(?<!\s)(?:\s+(?:written|posted|words|reported))?\s+by\s+"
    rf"(?:{_NAME}(?:\s+(?:and|&)\s+{_NAME})?(?:\s*[,|]|\s+[—–-]|\s+{_FIGURE}).*"
    rf"|{_PERSON}(?:\s+(?:and|&)\s+{_PERSON})?\s*$))"
)
# The words after "by", to tell a writer from a passive verb's agent or a repeated word.
_AFTER_BY = re.compile(r"\bby\s+(?P<name>[^\W\d_][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
# A passive verb: a regular participle ("opened", "co-founded") or an irregular one
# headlines use ("led", "built", "won"); not a noun ending so ("testbed", "speed").
_PASSIVE = re.compile(
    r"(?!.*(?:testbed|need|speed|feed|hundred)$)(?:[^\W\d_]+-)?(?:[^\W\d_]{2,}ed|led|fed|made|built|held|won|run|hit|set|given|taken|"
    r"shown|seen|chosen|driven|drawn|known|bought|sold|brought|found|kept|paid|sent|told|beaten)",
    re.I,
)
_BYLINE_TRIES = 4
# A writer's name and social handle glued to the headline, an age may follow
# ("… opens a 6G lab in Oulu Ann Lee @annlee / 2 days"). (Only a run of spaces's first
# starts the match: each one would scan the run.)
_GLUED_HANDLE = re.compile(r"(?<!\s)\s+[A-Z][\w.'’-]*\s+[A-Z][\w.'’-]*\s+@\w+(?:\s*[/|·•].*)?$")
# The word in lower case, capitalised or, for "BY", in capitals; "di", "av", "af" in
# any case with a writer's name and nothing after.
_BYLINE = re.compile(
    rf"^(?:(?:{_BY_WORDS}|{_BY_WORDS.title()}|BY)\s+[A-ZÀ-Ý]|(?i:{_NAMED_BY_WORDS}) {_WRITER}$"
    # ... or a user's name in lower case and nothing after ("By admin", "by staff")
    rf"|(?i:{_BY_WORDS})\s+[a-z][\w.-]*$)"
)
# A byline without "By": a name, a comma and the writer's role ("Ann Lee, Senior Tech Writer").
# The name's words start with a capital of any alphabet ("Łukasz", `_named_byline`); the
# role is one writer's ("Studio Cuts Jobs, Lays Off Writers" is a headline).
_NAMED_BYLINE = re.compile(
    r"^(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,3}),\s+(?:[\w.&'’-]+\s+){0,5}"
    r"(?i:writer|reporter|editor|correspondent|columnist|contributor|journalist|staff)$"
)


def _glued_byline(line: str) -> int | None:
    """Where a writer's byline glued to the line's end starts (`_GLUED_BYLINE`), or
    None. A name closing a headline after "by" is the headline's own words when
    "by" follows a passive verb ("… unveiled by Keysight Technologies", "… opened by
    Mayor Ann Lee"); and "by" between a word and itself is never a byline ("Step by
    Step Guide"). Not when "written by" says it is one. A firm's name alone is no
    sign: a news site's glued source line reads "… spacecraft by European Space
    Agency". (A few tries only: a line of a thousand "X by X," would be quadratic.)"""
    start = 0
    for _ in range(_BYLINE_TRIES):
        found = _GLUED_BYLINE.search(line, start)
        if found is None:
            return None
        if _is_writer(line, found):
            return found.start()
        start = found.start() + 1
    return None


def _is_writer(line: str, found: re.Match) -> bool:
    """Whether a `_GLUED_BYLINE` match names a writer (see `_glued_byline`)."""
    matched = found.group()
    named = _AFTER_BY.search(matched)
    if named is None or matched.split()[0].lower() != "by":  # "written by …"
        return True
    before = line[: found.start()].split()
    name = named["name"]
    if before and before[-1].lower() == name.split()[0].lower():
        return False
    closes = matched.rstrip().endswith(name)
    return not (closes and before and _PASSIVE.fullmatch(before[-1]))


def _named_byline(text: str) -> bool:
    """A name and the writer's role (`_NAMED_BYLINE`), the name's words capitalised
    (Python's regular expressions have no class of capital letters)."""
    found = _NAMED_BYLINE.match(text)
    return bool(found) and all(word[0].isupper() for word in found["name"].split())


# A writer's (or a chair's) name and organisation: "Hans van der Veen, NEC Laboratories
# Europe GmbH", "Chair: Ann Lee, Technische Universität Braunschweig, Centre for …".
_AFFILIATED = re.compile(
    r"^(?:[^\W\d_]+:\s+)?(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,4}),\s+(?P<org>\D+)$"
)
# A word of a company's or an institute's name.
_ORGANISATION_WORD = re.compile(
    r"\b(?:GmbH|AG|Inc|Ltd|LLC|plc|Oyj?|AB|ASA|Corp|Corporation|Laborator(?:y|ies|ien|ios)|"
    r"Labs?|Universit\w*|Institut\w*|Cent(?:re|er|ro)|College|School|Foundation|Academy)\b",
    re.I,
)
# The small words of people's names ("Hans van der Veen", "Ana de la Cruz").
_NAME_PARTICLE_LIST = "van von der den de da di du del della la le ter ten bin al el dos das"
_NAME_PARTICLES = frozenset(_NAME_PARTICLE_LIST.split())
AFFILIATION_MAX_WORDS = 10


def _affiliated(text: str) -> bool:
    """A name and an organisation after its comma (`_AFFILIATED`): the name's
    words capitalised but for its particles, the organisation's all capitalised
    or small words, one of them a company's or an institute's, and no figure in
    it (a title-case headline has verbs in capitals too, and mostly a "6G"), nor
    words going on after its name (`_organisation_ends`)."""
    found = _AFFILIATED.match(text)
    if not found or word_count(found["org"]) > AFFILIATION_MAX_WORDS:
        return False
    name = found["name"].split()
    return (
        all(word[0].isupper() or word in _NAME_PARTICLES for word in name)
        and name[-1][0].isupper()
        and _name_like(found["org"].replace(",", " "))
        and bool(_ORGANISATION_WORD.search(found["org"]))
        and _organisation_ends(found["org"])
    )


def _organisation_ends(org: str) -> bool:
    """Whether each of the organisation's parts ends soon after its word of a company
    or an institute (`_ORGANISATION_WORD`): a place's or a field's name at most, small
    words aside ("Technische Universität Braunschweig", "Centre for Radio"), not a
    title-case headline's verb and what it does ("Samsung Electronics, Seoul National
    University Team Up")."""
    for part in org.split(","):
        words = [word.strip(".") for word in part.split()]
        at = next((i for i, word in enumerate(words) if _ORGANISATION_WORD.fullmatch(word)), None)
        after = [] if at is None else words[at + 1 :]
        rest = [
            w for w in after if w.lower() not in _OPEN_WORDS and not _ORGANISATION_WORD.fullmatch(w)
        ]
        if len(rest) > 1:
            return False
    return True


_SMALL_WORDS = re.compile(
    r"^(a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with|is|are|was|be|how|why|what|"
    r"after|over|says?|will|not|no|its?|this|that|who)$",
    re.I,
)


def _title_text(line: str) -> str:
    """A title line once when a copy glued it to itself ("A 6G test bed A 6G test
    bed": a card's link and its heading), its twice-escaped entities read
    (`_ENTITY`), without its Markdown marker, front-matter key, glued photo
    credit (or a source's after a slash, `_SLASH_CREDIT`), glued icon ligature
    ("… chevron_left Browse All Posts"), the site's name after a tab title's
    pipe or bullet (`_SITE_SUFFIX`) or a CJK paper's after a dash or a pipe
    (`_CJK_SITE_SUFFIX`), glued name and handle ("… opens a 6G lab
    in Oulu Ann Lee @annlee / 2 days", `_GLUED_HANDLE`), a byline's word left
    at its end (`_LONE_BY_END`), glued byline ("… program by Ann Lee — November
    18, 2019", "… by Ann Lee (5 June 2025)", `_without_dated_brackets`), glued
    time stamp ("… Friday, 22 October 2010 at 20:13", `_glued_stamp`) or a Chinese
    agency's dateline run into it (`_GLUED_WIRE_DATELINE`)."""
    unescaped = _ENTITY.sub(lambda entity: html.unescape(entity[0]), line)
    # (a space or a break it names, "&nbsp;", "&#10;", folded as the copy's lines are)
    line = normalise(unescaped) if unescaped != line else line
    field = _TITLE_FIELD.match(line)
    if field:
        line = field["title"]
    line = _undoubled(line)
    line = _MARKDOWN_HEADING.sub("", line)
    line = _SUBJECT.sub("", line) or line
    line = _LEADING_SEPARATOR.sub("", line) or line
    line = _TRAILING_SEPARATOR.sub("", line) or line
    line = _GLUED_CREDIT.sub("", line).strip() or line
    line = _SLASH_CREDIT.sub("", line) or line
    line = _titled(_GLUED_ICON.sub("", line).rstrip(), line)
    line = _GLUED_HANDLE.sub("", line) or line
    line = _titled(_CJK_SITE_SUFFIX.sub("", _SITE_SUFFIX.sub("", line)), line)
    if word_count(line) > TITLE_MIN_WORDS and not _name_like(line):
        line = _LONE_BY_END.sub("", line)
    # A writer's byline may stand before a date in brackets, the byline's own:
    # both go. Without a byline the bracket's days are the headline's (an event's).
    dateless = _without_dated_brackets(line)
    start = _glued_byline(dateless)
    headline = line if start is None else dateless[:start]
    line = _titled(headline, line)
    line = _glued_stamp(line) or line
    return _titled(_GLUED_WIRE_DATELINE.sub("", line), line)


def _titled(cut: str, line: str) -> str:
    """The line with a piece cut off (`_title_text`), when words enough for a
    title are left; else the line whole."""
    return cut if word_count(cut) >= TITLE_MIN_WORDS else line


# A news agency's dateline in Chinese glued to the headline, as a copy runs the
# headline into the story's first line ("…產業生態系中央社記者張璦台北21日電", "…推进6G
# 新华社北京6月4日电"): the agency, its reporter or the place (one of them at least), the
# day and "dispatched" (電) ending a word, and all after it, the bracket or dash before it
# too ("…產業鏈（中央社記者…電）"). Only an agency's name: "…合作社12日电商节" and
# "…子会社、5日電波試験" are a headline's words, and so is "…6日电话会议".
_WIRE_AGENCIES = (
    "中央社|新华社|新華社|中新社|中通社|共同社|韩联社|韓聯社|法新社|路透社|美联社|美聯社"
)
_GLUED_WIRE_DATELINE = re.compile(
    rf"(?<=\S)\s?[（(【\[—–-]?\s?(?:{_WIRE_AGENCIES})(?:\s?[记記]者)?[^\s\d，。,.（(]{{1,10}}"
    rf"(?:\d{{1,2}}月)?\d{{1,2}}日\s?[電电](?=\s|[（(【\[)）\]】]|$).*$"
)


# A byline's word left at the headline's end, its name on the next line ("… 6G Por"),
# unless the headline is in title case ("Rules Operators Will Live By").
_LONE_BY_END = re.compile(rf"(?<!\s)\s+(?:{_BY_WORDS.title()}|BY)$")


# A character's HTML entity a page escaped twice, so that a copy prints it
# ("… Are Here &mdash; And …", "AT&amp;T"): the character.
_ENTITY = re.compile(r"&(?:[a-z]{2,8}\d?|#\d{2,7}|#x[0-9a-f]{2,6});", re.I)


# A bracket closing the line, its text short, that may hold a date ("… by Ann Lee (5 June
# 2025)"). (Only a run of spaces's first starts the match: each one would scan the run.)
_CLOSING_BRACKET = re.compile(r"(?<!\s)\s*[(（]([^()（）]{4,60})[)）]\s*$")


def _without_dated_brackets(line: str) -> str:
    """The line without a closing bracket that holds a date and little else
    (eight words at most), when the rest is still a title."""
    found = _CLOSING_BRACKET.search(line)
    if not found or word_count(found[1]) > 8 or word_count(line[: found.start()]) < TITLE_MIN_WORDS:
        return line
    return line[: found.start()] if parse_date(found[1]) else line


# A tab title's separator between the headline and the site's name.
_NAME_SEPARATOR = re.compile(r"\s[-–—|·•»]{1,2}\s")


def _without_site_name(title: str | None, lines: list[Line]) -> str | None:
    """The title without the site's name a tab title adds after it ("Radio lab
    opens in Oulu - Institute of Radio"), cut only where the page prints that
    name on a line of its own (its logo's or header's line), or the headline
    alone, longer than what follows it (the article's own heading, when the
    site's name is printed only in its logo's picture): a headline's own dash
    ("6G - what operators want") names no line. A name before the headline
    stays (an issuer's notice is titled "Acme Oy – Strategic partnership" under
    a line "Acme Oy", and a series' name over its episode is no headline) unless
    the page prints the headline alone too (`_without_section`)."""
    # (A quote's closing guillemet, "« France 6G » pour …", is no separator.)
    if not title:
        return title
    printed = {line.text.strip().casefold() for line in lines}
    cuts = list(_NAME_SEPARATOR.finditer(_unquoted(title)))
    if not cuts:
        return _without_section(title, printed)
    cut = cuts[-1]
    name, rest = title[cut.end() :].strip().casefold(), title[: cut.start()].strip()
    named = word_count(rest) >= TITLE_MIN_WORDS and bool(name) and name in printed
    if named or _printed_alone(rest, name, printed):
        return rest
    return _without_section(title, printed)


def _without_section(title: str, printed: set[str]) -> str:
    """The title without a section's name before it ("Business|Trade war keeps
    world guessing", a tab title's or a breadcrumb's), only where the page prints
    the headline alone on a line of its own too, longer than the name."""
    cut = _LEADING_SECTION.search(_unquoted(title))
    if not cut:
        return title
    name, rest = title[: cut.start()], title[cut.end() :].strip()
    return rest if _printed_alone(rest, name, printed) else title


def _printed_alone(headline: str, name: str, printed: set[str]) -> bool:
    """Whether the part of a tab title that is its headline stands alone on a line
    of the page (`printed`: the lines, casefolded), longer than the name beside it."""
    return (
        word_count(headline) >= TITLE_MIN_WORDS
        and word_count(headline) > word_count(name)
        and headline.casefold() in printed
    )


# The first separator of a tab title (`_NAME_SEPARATOR`), or a pipe without spaces
# ("Business|…"). (Only a run of spaces's first starts the match: each one would scan it.)
_LEADING_SECTION = re.compile(rf"(?<!\s)\s*\|\s*|{_NAME_SEPARATOR.pattern}")


def _undoubled(line: str) -> str:
    """The line's first half when its second half repeats it word for word."""
    words = line.split()
    half = len(words) // 2
    if half >= TITLE_MIN_WORDS and len(words) == 2 * half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return line


def _is_furniture(line: str, sentence: bool = False, told: bool = False) -> bool:
    """Page furniture shaped like a title: breadcrumbs, back links, bylines, widgets
    (a widget's word in a line the lead tells, `told`, is the story's word, and a
    trail of short names the lead tells is the story's headline: "Huawei / ZTE ban")."""
    if _FURNITURE.search(_unquoted(line)) or _BYLINE.match(line) or _named_byline(line):
        return True
    # A name and an organisation is no title, but no byline for a body to drop: a
    # release's list of speakers prints such lines ("Ann Lee, Aalto University").
    if _affiliated(line):
        return True
    if not told and _trail(line):
        return True
    if not told and _FURNITURE_WORDS.search(line):
        return True
    if _captioned(line) or _CJK_CREDIT.search(line):
        return True
    if not told and _CJK_BYLINE.match(line):
        return True  # (a headline's topic before a slash, "中美科技戰／6G競賽升溫", the lead tells)
    if not sentence and line.rstrip().endswith((":", ".")):
        return True  # a title does not end a sentence: a caption or a teaser does
    return len(line.split()) > TITLE_MAX_WORDS


# Chinese papers' bylines and photo credits: short parts between slashes, the whole
# line ("撰文／編輯部", "記者王明／台北報導", "聯合報／ 大陸中心／綜合報導", "文／李明";
# not a headline going on after its names: "華為／中興 6G專利競賽升溫"), or a
# caption's credit at its end ("…政府工作報告。（圖／CFP）", "…艾蒙。聯合報系資料照");
# Japanese "…総務相＝山田太郎撮影", Korean "(사진=연합뉴스)", "…포스터.(KAIST 제공)/뉴스1".
_CJK_BYLINE = re.compile(
    rf"[【\[（(]?[{CJK_CHARS}]{{1,8}}(?:\s?[／/]\s?[{CJK_CHARS}]{{1,8}})+[】\]）)]?\s*$"
)
_CJK_CREDIT = re.compile(
    r"(?:[（(](?:圖|图|攝影|摄影|照片)[／/:：][^）)]{0,30}[）)]|(?:圖|图)[／/]\S{0,20}"
    # the paper's "file photo", maybe with the photographer's name: "…資料照 林青錦"
    rf"|(?:資料照|资料照)(?:\s[{CJK_CHARS}]{{2,4}})?"
    r"|[=＝][^=＝]{1,20}撮影|[（(]사진\s?=[^)）]{0,30}[)）]"
    # a Chinese caption's photographer ("…展会现场。记者汪甦摄"); a Japanese caption's day
    # and place or agency after its "＝" ("…あいさつする総務相＝13日午後、総務省", "＝共同")
    r"|(?:记者|記者)\s?[\u4e00-\u9fff]{2,4}\s?(?:摄|攝)"
    r"|[=＝]\s?\d{1,2}日(?:午前|午後|夜|朝)?(?:、[^=＝]{1,20})?|[=＝](?:共同|時事|ロイター|AP|AFP)"
    # a Korean photo's "(KAIST 제공)" ("provided by") after the caption's full stop or
    # before the agency after a slash: a headline's own bracket may end so ("…(무료 제공)")
    r"|(?<=[.。])\s?[（(][^)）]{1,30}제공[)）]|[（(][^)）]{1,30}제공[)）]\s?/\s?\S{1,12})\s*$"
)


def _captioned(line: str) -> bool:
    """A photo's caption: a sentence closed by its full stop, then the credit
    ("… the new test range. Credit: University of Bristol"). A headline with a
    credit glued to it has no full stop before the credit."""
    credit = _GLUED_CREDIT.search(line)
    if credit and line[: credit.start()].rstrip().endswith("."):
        return True
    return bool(_CAPTION_CREDIT.search(line) or _NAMED_CREDIT.search(line))


# A caption's credit as the photographer's name and the outlet's or agency's after
# the sentence's full stop ("… on Thursday. Ann Lee / The National", "… in Oulu.
# Ann Lee/AFP"): a headline has no full stop before names and a slash, but for an
# abbreviation's ("Dr. Ann Lee Joins Nokia / Bell Labs").
_NAMED_CREDIT = re.compile(
    r"(?<![A-Z])(?<!\b(?:Dr|Mr|Ms|Co|St|Jr|vs))(?<!\b(?:Mrs|Inc|Ltd|Plc))(?<!\bCorp)(?<!\bProf)"
    r"\.\s+[A-Z][\w'’-]+(?:\s[A-Z][\w.'’-]*){1,3}\s?/\s?[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}$"
)

# A caption's credit in other languages after its sentence's full stop ("… bündeln.
# Grafik: Ann Lee", "… Oulussa. Kuva: …"); only there, as a headline may open with
# such a word ("Das Bild: was 6G bringt").
_CAPTION_CREDIT = re.compile(
    r"\.\s+(?:grafik|graphic|bild|kuva|zdjęcie|imagem|imagen|crédit|crédito)s?\s*[:/|©]"
    # or after a bar: the agency's or photographer's credit, a lightbox's button may
    # follow ("… electoral votes. | AP Photo Close", "… Oulu. | Getty Images")
    # (a sentence's stop, not an abbreviation's: "… 6G patents in the U.S. | Reuters")
    r"|(?<!\b[a-z])(?<!\.\.)(?<!\binc)(?<!\bltd)(?<!\bcorp)(?<!\bco)(?<!\bjr)(?<!\bst)"
    r"\.\s*\|\s*(?:[\w.&'’-]+\s+){0,3}(?:photos?|fotos?|getty images|reuters|afp)\b[^|]{0,20}$",
    re.I,
)


def _headline_sentence(line: Line, asks: bool = True) -> bool:
    """A line read as a sentence that is a headline: a question or exclamation of
    at most HEADLINE_MAX_WORDS words (when `asks`), or as many words in title case
    (only in scripts that have capitals and spaces: a CJK sentence has neither)."""
    return line.kind == "outside the article" and _headline_words(line.text, asks)


def _headline_words(text: str, asks: bool = True) -> bool:
    """Whether a line's words are a headline's (`_headline_sentence`), wherever it stands."""
    words = text.split()
    if word_count(text) > HEADLINE_MAX_WORDS:
        return False
    if asks and text.endswith(ASKS):
        return True
    capitalised = [w for w in words if not _SMALL_WORDS.match(w)]
    return (
        not HAS_CJK.search(text)
        and len(words) >= TITLE_MIN_WORDS
        and sum(w[:1].isupper() or w[:1].isdigit() for w in capitalised)
        >= HEADLINE_CAPS * len(capitalised)
    )


HEADLINE_MAX_WORDS, HEADLINE_CAPS = 20, 0.8
ASKS = ("?", "!", "؟", "？", "！")  # (Arabic's question mark; full-width CJK marks)


def _is_label(line: str) -> bool:
    """A few capitalised words: a section's or a person's name ("Headlines of the Day").
    In CJK, which has no capitals, a company's name ("株式会社光波ネットワークス",
    `_CJK_COMPANY`) or a few characters without punctuation ("ニュースリリース")."""
    words = line.split()
    if HAS_CJK.search(line):
        name = "".join(words)
        short = len(name) <= CJK_LABEL_MAX_CHARS and not _CJK_PUNCTUATION.search(name)
        return short or bool(_CJK_COMPANY.fullmatch(name))
    return len(words) <= SITE_LABEL_MAX_WORDS and all(
        not w[:1].islower() or _SMALL_WORDS.match(w) for w in words
    )


SITE_LABEL_MAX_WORDS, CJK_LABEL_MAX_CHARS = 4, 12
HEADLINE_HALF_MIN_CHARS = 3  # "湖北啟動"; a section label's halves are shorter ("科技 新闻")
_CJK_PUNCTUATION = re.compile(r"[、，。：；！？「」『』…,.:;!?]")
# A company's name with its legal form first or last, and no punctuation in it.
_CJK_COMPANY = re.compile(
    r"(?:株式会社|（株）|㈱|주식회사|㈜)[^、，。:：]+|[^、，。:：]+(?:株式会社|有限公司|集团|주식회사)"
)


def _two_part_headline(words: list[str]) -> bool:
    """Two halves of Han or kana, HEADLINE_HALF_MIN_CHARS or more each, a space
    between: a Chinese or Japanese headline's (Korean spaces every word)."""
    return (
        len(words) == 2
        and not _HANGUL.search("".join(words))
        and all(len(w) >= HEADLINE_HALF_MIN_CHARS and HAS_CJK.search(w) for w in words)
    )


def _middle(lines: list[Line], title: str | None, removed: list[Removed]) -> list[tuple[str, str]]:
    """The article's lines as (text, kind): body paragraphs, headings, list items."""
    kept = []
    listed = _introduced_lists(lines)
    bulleted = _introduced_bullets(lines)
    groups = _short_groups(lines)
    short_in_group = Counter(
        g for line, g in zip(lines, groups, strict=True) if line.kind == "short"
    )
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind == "body":
            kept.append((line.text, LIST_ITEM if is_bullet(line.text) else PARAGRAPH))
        elif line.kind != "short":
            removed.append(Removed(line.text, line.kind, within=True))
        elif title and similarity(line.text, title) >= 0.9:
            removed.append(Removed(line.text, "repeated title"))
        elif i in listed:
            kept.append((line.text, listed[i]))
        elif i in bulleted:
            kept.append((line.text, LIST_ITEM))
        elif short_in_group[groups[i]] == 1 and _introduces(nxt):
            kept.append((line.text, HEADING))
        else:
            removed.append(Removed(line.text, "label between paragraphs"))
    return kept


def _introduced_bullets(lines: list[Line]) -> set[int]:
    """The bulleted lines that are the article's list items: those of a run of
    bulleted lines right under a body line or under a line ending in a colon
    that is not a label ("More:").

    A text-mode browser puts a bullet before every item of every list on the
    page, so under a label ("Related Links", "More on ...") or a heading of
    its own a bulleted run is a page's list of links, as it is in a browser's
    copy, where the same lines come without bullets.
    """
    found: set[int] = set()
    introduced = False
    for i, line in enumerate(lines):
        if not is_bullet(line.text):
            introduced = line.kind == "body" or (
                _ends_colon(line.text) and not _is_label(line.text[:-1])
            )
        elif introduced:
            found.add(i)
    return found


def _introduced_lists(lines: list[Line], prose_only: bool = False) -> dict[int, str]:
    """The kinds of the short lines that are lists or introduce one.

    Press releases name the winners of a call, the partners of a project or
    the members of a group one a line, without bullets ("The following
    consortia will receive funding:" and a name a line). Such a run reads as
    labels; what makes it a list is the line above it: one of
    LIST_INTRO_MIN_WORDS words or more (a lone "More:" or "Tags:" introduces
    links) that is not itself furniture and ends in a colon (":" or "：").
    The LIST_MIN_ITEMS or more short lines right below it, up to the next
    body line, clutter line or line ending in a colon, are its items.
    With `prose_only`, only lists that the article's own prose introduces
    count: the line ending in a colon is a body line or follows one, and is
    not a few capitalised words ("More On:", "Stay Connected:" above a
    page's menus and link lists).
    """
    listed: dict[int, str] = {}
    for i, line in enumerate(lines):
        if not _introduces_list(line):
            continue
        if prose_only and (_is_label(line.text[:-1]) or not _after_prose(lines, i)):
            continue
        end = i + 1
        while end < len(lines) and lines[end].kind == "short" and not _ends_colon(lines[end].text):
            end += 1
        if end - i - 1 >= LIST_MIN_ITEMS:
            listed[i] = PARAGRAPH
            listed.update(dict.fromkeys(range(i + 1, end), LIST_ITEM))
    return listed


def _introduces_list(line: Line) -> bool:
    return (
        line.kind in ("short", "body")
        and _ends_colon(line.text)
        and word_count(line.text) >= LIST_INTRO_MIN_WORDS
    )


def _after_prose(lines: list[Line], i: int) -> bool:
    return lines[i].kind == "body" or (i > 0 and lines[i - 1].kind == "body")


def _ends_colon(text: str) -> bool:
    return text.endswith((":", "："))


def _short_groups(lines: list[Line]) -> list[tuple[int, int]]:
    """The group each line of the article belongs to, to count its short lines.

    A group is a block (lines without a blank line between them). A copy that
    puts every text node on its own line has no blank lines at all; there each
    stretch between two body lines is a group, so a heading between two
    paragraphs stands alone as it does in a copy with blank lines.
    """
    flat = len({line.block for line in lines}) == 1
    groups, run = [], 0
    for line in lines:
        run += line.kind == "body"
        groups.append((line.block, run if flat else 0))
    return groups


def _introduces(nxt: Line | None) -> bool:
    """A lone short line before a paragraph or a list is a heading."""
    return nxt is not None and (nxt.kind == "body" or is_bullet(nxt.text))


def _without_structure(lines: list[Line]) -> CleanText:
    """No line reads as a body sentence: keep what is not clutter."""
    removed = [Removed(ln.text, ln.kind) for ln in lines if ln.kind not in ("body", "short")]
    kept = [ln.text for ln in lines if ln.kind == "short"]
    title = next((t for t in kept if word_count(t) >= TITLE_MIN_WORDS), None)
    paragraphs = [t for t in kept if t != title]
    kinds = [LIST_ITEM if is_bullet(t) else PARAGRAPH for t in paragraphs]
    return CleanText(_without_site_name(title, lines), paragraphs, removed, kinds)
