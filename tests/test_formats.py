"""Markdown and PDF articles: found in the corpus, read, indexed."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.extract import extract_file
from indexer.extract.reading import ReadError, SourceFile, discover
from indexer.index.sync import sync_index

from .conftest import indexed
from .documents import make_pdf

MARKDOWN = """---
title: "Nordic operators and 6G-IA sign a memorandum"
date: 2025-03-04T09:30:00Z
url: https://example.org/news/nordic-mou?utm_source=feed
source: Example News
layout: post
tags: [6g, mou]
---
# A heading that is not the title

Helsinki, 4 March 2025. The **6G Smart Networks and Services Industry Association**
and three [Nordic operators](https://example.org/ops) signed a memorandum of
understanding on 6G spectrum research today.

- joint trials in the upper 6 GHz band
- a shared *testbed* in Oulu

![a photo](photo.jpg)
"""


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def extract(path):
    return extract_file(SourceFile(path, path.name))[1]


def test_markdown_front_matter_is_metadata_and_the_body_is_the_text(tmp_path):
    article = extract(write(tmp_path, "mou.md", MARKDOWN))
    assert article.title == "Nordic operators and 6G-IA sign a memorandum"
    assert article.date == date(2025, 3, 4)
    assert article.url == "https://example.org/news/nordic-mou?utm_source=feed"
    assert article.source == "Example News"
    assert article.format == "markdown"
    assert "6G-IA" in article.organisations
    assert article.paragraphs[0] == "A heading that is not the title"
    assert "signed a memorandum of understanding on 6G spectrum research today" in article.text
    assert "**" not in article.text and "](" not in article.text and "layout" not in article.text
    assert "a shared testbed in Oulu" in article.paragraphs
    assert article.kinds[:2] == ["h", "p"] and article.kinds.count("li") == 2


def test_markdown_without_front_matter_takes_its_heading_as_title(tmp_path):
    article = extract(
        write(
            tmp_path, "plain.md", "# SNS JU opens a 6G call\n\nOn 2 June 2022, the call opened.\n"
        )
    )
    assert article.title == "SNS JU opens a 6G call"
    assert article.date == date(2022, 6, 2)
    assert article.text == "On 2 June 2022, the call opened."


FRONT_MATTER = {
    "yaml": (
        '---\ntitle: "Nordic operators sign a 6G research pact"\ndate: 2025-03-04\n'
        'description: "The operators of three countries will pool their sixth-generation '
        'research in one joint testbed."\n---\n'
    ),
    "toml": (
        '+++\ntitle = "Nordic operators sign a 6G research pact"\n'
        "date = 2025-03-04T10:00:00+02:00\n"
        'description = "The operators of three countries will pool their sixth-generation '
        'research in one joint testbed."\ntags = ["6G", "research"]\n\n'
        '[params]\ntitle = "Not the title: a table\'s key"\n+++\n'
    ),
}
FRONT_MATTER_BODY = (
    "\nThe three operators agreed on Tuesday to pool their research on sixth-generation "
    "networks, with a first joint testbed planned in Oulu for next year.\n\n"
    "Each partner brings its own laboratory, and the universities of the region will host "
    "students who work on radio, energy use and network security.\n"
)


@pytest.mark.parametrize("syntax", ["yaml", "toml"])
@pytest.mark.parametrize("name", ["pact.txt", "pact.md"])
def test_front_matter_yaml_or_toml_gives_title_and_date_and_leaves_the_body(tmp_path, name, syntax):
    article = extract(write(tmp_path, name, FRONT_MATTER[syntax] + FRONT_MATTER_BODY))
    assert article.title == "Nordic operators sign a 6G research pact"
    assert article.date == date(2025, 3, 4)
    assert article.paragraphs[0].startswith("The three operators agreed on Tuesday")
    for word in ("+++", "---", "title", "description", "date", "params", "tags"):
        assert word not in article.text
    if name.endswith(".txt"):  # the block is shown as removed, like other clutter
        assert {r.reason for r in article.removed if "title" in r.line} == {"front matter"}


def test_front_matter_of_a_text_with_a_bad_date_keeps_the_text(tmp_path):
    text = '+++\ntitle = "Labs pool 6G gear"\ndate = "soon"\n+++\n' + FRONT_MATTER_BODY
    article = extract(write(tmp_path, "labs.txt", text))
    assert article.title == "Labs pool 6G gear" and article.date is None
    assert article.paragraphs[0].startswith("The three operators agreed")


@pytest.mark.parametrize("name", ["clip.txt", "clip.md"])
def test_a_web_clipper_s_published_day_is_the_date_and_its_clipping_day_is_not(tmp_path, name):
    """Web clippers write the article's day as `published` and the day of the
    clipping as `created`; Hugo writes `publishDate` beside `date`."""
    clipped = (
        '---\ntitle: "Labs pool 6G gear"\nsource: "https://example.org/news/labs"\n'
        "created: 2025-06-12\npublished: 2025-06-03T09:00:00+09:00\ntags:\n  - clippings\n---\n"
    )
    article = extract(write(tmp_path, name, clipped + FRONT_MATTER_BODY))
    assert article.date == date(2025, 6, 3)
    assert "created" not in article.text and "clippings" not in article.text
    hugo = '+++\ntitle = "Labs pool 6G gear"\ndate = 2025-05-30\npublishDate = 2025-06-02\n+++\n'
    article = extract(write(tmp_path, "hugo-" + name, hugo + FRONT_MATTER_BODY))
    assert article.date == date(2025, 6, 2)


@pytest.mark.parametrize("name", ["clip.txt", "clip.md"])
def test_a_clipper_s_tab_title_gives_way_to_the_page_s_own_headline(tmp_path, name):
    """A web clipper writes the browser tab's title (often reworded, with the
    site's name) as `title` and keeps the page's `# ` headline in the body: the
    headline is the title. A heading about something else is not."""
    clipped = (
        '---\ntitle: "Shared 6G gear for labs | Radio Weekly"\npublished: 2025-06-03\n---\n'
        "[Home](https://example.org/) / [News](https://example.org/news)\n\nNEWS\n\n"
        "# Three labs pool their 6G test gear\n\n"
    )
    article = extract(write(tmp_path, name, clipped + FRONT_MATTER_BODY))
    assert article.title == "Three labs pool their 6G test gear"
    other = clipped.replace("# Three labs pool their 6G test gear", "# Radio Weekly newsletter")
    article = extract(write(tmp_path, "other-" + name, other + FRONT_MATTER_BODY))
    assert article.title == "Shared 6G gear for labs | Radio Weekly"


@pytest.mark.parametrize("name", ["clip.txt", "clip.md"])
def test_a_heading_sharing_only_small_words_with_the_tab_title_is_not_its_headline(tmp_path, name):
    """Words like "what", "will", "your" tell no story: a box's heading that has only
    those in common with the tab's title leaves the title as it is."""
    clipped = (
        '---\ntitle: "What 6G will mean for your phone | Radio Weekly"\n'
        "published: 2025-06-03\n---\n# What will you read next?\n\n"
    )
    article = extract(write(tmp_path, name, clipped + FRONT_MATTER_BODY))
    assert article.title == "What 6G will mean for your phone | Radio Weekly"


@pytest.mark.parametrize("name", ["clip.txt", "clip.md"])
def test_a_colon_in_the_tab_title_is_the_headline_s_not_a_site_separator(tmp_path, name):
    """The tab title's parts are split where a site's name is (" | ", " » "), as the
    HTML cleaner splits a page's <title>; a colon, spaced as French writes it, is the
    headline's own: "Labo d'Oulu : …" is one part, the story's."""
    clipped = (
        '---\ntitle: "Labo d\'Oulu : un sondeur testé en mer | Radio Hebdo"\n'
        "published: 2025-06-03\n---\n# Le labo d'Oulu ouvre ses mesures au public\n\n"
    )
    article = extract(write(tmp_path, name, clipped + FRONT_MATTER_BODY))
    assert article.title == "Le labo d'Oulu ouvre ses mesures au public"


def test_markdown_with_a_bad_date_is_refused_with_the_reason(tmp_path):
    path = write(tmp_path, "bad.md", "---\ntitle: x\ndate: soon\n---\nBody text here.\n")
    with pytest.raises(ReadError, match="date must start with YYYY-MM-DD"):
        extract(path)


@pytest.mark.parametrize(
    "title_line",
    [
        'title: "Nordic operators sign a 6G research pact" # from the CMS',
        "title: 'Nordic operators sign a 6G research pact'   # from the CMS",
        "title: Nordic operators sign a 6G research pact # from the CMS",
        'title = "Nordic operators sign a 6G research pact" # from the CMS',
        'title = "Nordic operators sign a 6G research pact \\q" # a bad escape: not TOML',
    ],
)
@pytest.mark.parametrize("name", ["pact.txt", "pact.md"])
def test_a_front_matter_value_s_comment_and_quotes_are_no_part_of_it(tmp_path, name, title_line):
    fence = "+++" if " = " in title_line else "---"
    date_line = "date = 2025-03-04" if fence == "+++" else "date: 2025-03-04"
    text = f"{fence}\n{title_line}\n{date_line}\n{fence}\n" + FRONT_MATTER_BODY
    article = extract(write(tmp_path, name, text))
    assert article.title.removesuffix(" \\q") == "Nordic operators sign a 6G research pact"
    assert article.date == date(2025, 3, 4)


@pytest.mark.parametrize(
    "date_line",
    ["date: null", "date: ~", 'date: ""', "date:", "date: NULL # unknown", "date = null"],
)
@pytest.mark.parametrize("name", ["pact.txt", "pact.md"])
def test_front_matter_with_a_null_date_is_read_and_dated_by_its_body(tmp_path, name, date_line):
    """A null date says the front matter gives none: the file is read, its day taken
    from the body as in a file without front matter."""
    fence = "+++" if " = " in date_line else "---"
    key = "title = " if fence == "+++" else "title: "
    text = (
        f'{fence}\n{key}"Labs pool 6G gear"\n{date_line}\n{fence}\n'
        "Oulu, 2 June 2025 - Two labs will pool their 6G test gear from next month.\n"
    )
    article = extract(write(tmp_path, name, text))
    assert article.title == "Labs pool 6G gear"
    assert article.date == date(2025, 6, 2)
    assert article.text.startswith("Oulu, 2 June 2025 - Two labs")


def test_markdown_url_must_be_a_web_address(tmp_path):
    path = write(tmp_path, "js.md", "---\nurl: javascript:alert(1)\n---\nBody text here.\n")
    assert extract(path).url is None


HEADER = "NGMN Alliance - Press Release"
LINES_1 = [
    HEADER,
    "NGMN and the Next G Alliance agree on 6G sustainability work",
    "",
    "Frankfurt, 12 May 2025. NGMN Alliance and the Next G Alliance announced",
    "today that they will coordinate their work on the energy efficiency of",
    "future mobile net-",
    "works, starting with a joint white paper.",
    "",
    "The two organisations will also share test results from their members and",
    "publish a common set of key performance indicators that operators and",
]
LINES_2 = [
    HEADER,
    "vendors can use to compare the energy use of 6G equipment.",
    "",
    "The first results are expected at the end of the year.",
]


def pdf_pages():
    return [LINES_1 + ["", "Page 1 of 2"], LINES_2 + ["", "Page 2 of 2"]]


def test_pdf_text_without_headers_footers_and_page_numbers_joined_into_paragraphs(tmp_path):
    article = extract(write(tmp_path, "release.pdf", make_pdf(pdf_pages())))
    assert article.format == "pdf"
    assert article.title == "NGMN and the Next G Alliance agree on 6G sustainability work"
    assert article.date == date(2025, 5, 12)
    assert HEADER not in article.text and "Page 1" not in article.text
    assert article.paragraphs == [
        "Frankfurt, 12 May 2025. NGMN Alliance and the Next G Alliance announced today that "
        "they will coordinate their work on the energy efficiency of future mobile networks, "
        "starting with a joint white paper.",
        "The two organisations will also share test results from their members and publish a "
        "common set of key performance indicators that operators and vendors can use to "
        "compare the energy use of 6G equipment.",
        "The first results are expected at the end of the year.",
    ]
    removed = {(r.line, r.reason.split(" (")[0]) for r in article.removed}
    assert (HEADER, "repeated on most pages") in removed
    assert ("Page 2 of 2", "repeated on most pages") in removed
    assert {"NGMN", "Next G Alliance"} <= set(article.organisations)


def test_pdf_title_from_its_metadata(tmp_path):
    article = extract(write(tmp_path, "t.pdf", make_pdf(pdf_pages(), title="Energy MoU")))
    assert article.title == "Energy MoU"


def test_a_pdf_without_text_or_a_broken_one_is_refused(tmp_path):
    with pytest.raises(ReadError, match="no article text"):
        extract(write(tmp_path, "scan.pdf", make_pdf([[], []])))
    with pytest.raises(ReadError, match="not a readable PDF"):
        extract(write(tmp_path, "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n"))


def test_markdown_and_pdf_files_are_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "mou.md", MARKDOWN)
    write(corpus, "release.pdf", make_pdf(pdf_pages()))
    assert [f.relpath for f in discover(corpus)] == ["mou.md", "release.pdf"]
    report = sync_index(corpus, tmp_path / "index")
    assert report.added == 2 and not report.failed
    stored = indexed(tmp_path / "index")
    assert stored["mou.md"]["format"] == "markdown"
    assert stored["release.pdf"]["format"] == "pdf"
    assert stored["mou.md"]["language"] == stored["release.pdf"]["language"] == "en"


GERMAN_MARKDOWN = """---
title: "Netzbetreiber starten gemeinsame Versuche zum Mobilfunk der sechsten Generation"
date: 2025-06-02
---
Die drei großen Netzbetreiber wollen in den kommenden zwei Jahren gemeinsam mit
mehreren Hochschulen neue Funktechnik für den Mobilfunk der sechsten Generation
erproben. Die Versuche beginnen im Herbst in Berlin und München.
"""
GERMAN_PDF_LINES = [
    "Hochschulen und Netzbetreiber erproben neue Antennen",
    "",
    "Die Forschungsgruppe wird in diesem Jahr zusammen mit den Betreibern neue",
    "Antennen und Verfahren fuer den Mobilfunk der sechsten Generation in der",
    "Stadt erproben, bevor die Ergebnisse im naechsten Jahr veroeffentlicht werden.",
]


def test_markdown_and_pdf_articles_get_their_language(tmp_path):
    """Markdown and PDF articles had no language at all (only text and HTML
    had one), so they were not stemmed in their own language nor found under
    the language facet."""
    german = extract(write(tmp_path, "versuche.md", GERMAN_MARKDOWN))
    assert german.format == "markdown" and german.language == "de"
    assert extract(write(tmp_path, "mou.md", MARKDOWN)).language == "en"
    pdf = extract(write(tmp_path, "antennen.pdf", make_pdf([GERMAN_PDF_LINES])))
    assert pdf.format == "pdf" and pdf.language == "de"
    assert extract(write(tmp_path, "release.pdf", make_pdf(pdf_pages()))).language == "en"


@pytest.mark.parametrize("first", ["Three operators pool their 6G research", "Posted: 4 March"])
@pytest.mark.parametrize("name", ["rules.txt", "rules.md"])
def test_text_between_two_rules_at_the_top_is_no_front_matter(tmp_path, name, first):
    """A text that opens with a rule and has another below is text, not a block of
    `key: value` lines: nothing of it leaves as front matter."""
    text = f"---\n{first}\n" + FRONT_MATTER_BODY + "---\nEnd\n"
    article = extract(write(tmp_path, name, text))
    assert "agreed on Tuesday to pool their research" in article.text
    assert "front matter" not in {r.reason for r in article.removed}


@pytest.mark.parametrize("indicator", [">-", "|", ">"])
@pytest.mark.parametrize("name", ["pact.txt", "pact.md"])
def test_a_yaml_title_on_the_indented_lines_below_its_key_is_the_title(tmp_path, name, indicator):
    """A long title written as a YAML block scalar ('title: >-' and the words on the
    indented lines below) is those words, not the indicator."""
    text = (
        f"---\ntitle: {indicator}\n  Nordic operators sign\n  a 6G research pact\n"
        "date: 2025-03-04\n---\n" + FRONT_MATTER_BODY
    )
    article = extract(write(tmp_path, name, text))
    assert article.title == "Nordic operators sign a 6G research pact"
    assert article.date == date(2025, 3, 4)
    assert article.paragraphs[0].startswith("The three operators agreed on Tuesday")


_PACT = 'The "6G" pact: Nordic operators sign'


@pytest.mark.parametrize(
    "title_line, title",
    [
        (r'title: "The \"6G\" pact: Nordic operators sign"', _PACT),
        (r'title: "The \u201c6G\u201d pact: Nordic operators sign" # from the CMS', _PACT),
        (
            r"title: 'The \"6G\" pact: Nordic operators sign'",
            r"The \"6G\" pact: Nordic operators sign",
        ),
        (r'title: "The \x226G\x22 pact"', r"The \x226G\x22 pact"),  # YAML's, not JSON's
        (r'title: "The \ud800 pact"', r"The \ud800 pact"),  # no character
    ],
)
def test_a_double_quoted_front_matter_value_s_escapes_are_read(tmp_path, title_line, title):
    """YAML's double quotes take escapes (\\" and \\u…); single quotes take none."""
    text = f"---\n{title_line}\ndate: 2025-03-04\n---\n" + FRONT_MATTER_BODY
    found = extract(write(tmp_path, "pact.md", text)).title
    assert found.replace("\u201c", '"').replace("\u201d", '"') == title
