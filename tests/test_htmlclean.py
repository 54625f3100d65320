"""The HTML path on saved pages: body kept, page furniture and footer spam gone."""

from __future__ import annotations

import warnings

import pytest

from indexer.extract import extract_document
from indexer.extract.htmlclean import clean_html

from .conftest import FIXTURES

PAGE = (FIXTURES / "press_release.html").read_text("utf-8")


def test_article_body_is_kept_and_furniture_removed():
    article = extract_document(PAGE, "press_release.html", is_html=True)
    text = article.text
    assert "define sustainability targets for 6G networks" in text
    assert "joint white paper on energy consumption metrics" in text
    assert "shared ways to measure and compare the energy use" in text
    assert "Sustainability has to be designed into 6G from the start" in text
    for clutter in [
        "We use cookies",
        "Home",
        "Share on Facebook",
        "Related articles",
        "Europe launches 6G flagship",
        "Sign up for our newsletter",
        "Follow us",
        "All rights reserved",
        "Privacy policy",
        "dataLayer",
        "display:none",
        "Photo: Example Agency",
    ]:
        assert clutter not in text, clutter


def test_page_metadata():
    article = extract_document(PAGE, "press_release.html", is_html=True)
    assert article.title == "NGMN and Next G Alliance join forces on 6G sustainability"
    assert article.date.isoformat() == "2025-03-11"
    assert article.url == "https://news.example.com/2025/03/ngmn-next-g-alliance-sustainability"
    assert article.source == "Example Telecom News"
    assert {"NGMN", "Next G Alliance"} <= set(article.organisations)
    assert "Sustainability" in article.topics
    assert article.format == "html"


def test_tiny_page_falls_back_to_the_structural_cleaner():
    html = (
        "<html><head><title>6G trial starts</title></head><body><nav>Home | News</nav>"
        "<div class='content'>Operators in Oulu started a 6G trial today, testing "
        "sub-terahertz links between two university buildings.</div>"
        "<footer>© 2026 Oulu News</footer></body></html>"
    )
    cleaned = clean_html(html)
    assert "Operators in Oulu started a 6G trial today" in cleaned.text
    assert "Home" not in cleaned.text and "2026 Oulu News" not in cleaned.text
    assert cleaned.title == "6G trial starts"


def test_broken_markup_does_not_fail():
    html = (
        "<html><body><div><p>Unclosed paragraph about 6G research in Finland and Japan"
        "<div><span>and more <b>bold text without end"
    )
    article = extract_document(html, "broken.html", is_html=True)
    assert "6G research in Finland and Japan" in article.text


def test_the_headline_taken_into_the_body_goes():
    paragraphs = [
        "The two associations signed a memorandum of understanding on 6G research "
        "cooperation in Brussels on Tuesday, covering spectrum and standards.",
        "Under the agreement, both sides will exchange experts and hold joint workshops "
        "on sensing, security and energy efficiency over the next three years.",
    ]
    html = (
        "<html><head><title>Associations sign 6G research pact</title></head><body>"
        "<nav><a href='/'>Home</a></nav><main><article><div class='story'>"
        "<h2>Associations sign 6G research pact</h2>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></article></main><footer>© 2026 Example</footer></body></html>"
    )
    cleaned = clean_html(html)
    assert cleaned.title == "Associations sign 6G research pact"
    assert cleaned.paragraphs == paragraphs


def test_a_paragraph_of_br_lines_already_kept_is_no_continuation():
    # Two containers of one class hold the body; trafilatura keeps the lines of
    # the <br> paragraph one by one, so it is kept already and stays as it was.
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><main><article>"
        f"<h1>{HEADLINE}</h1>"
        f"<div class='story-part'><p>{STORY[0]}</p><p>{STORY[1]}</p></div>"
        "<div class='ad'>Advertisement</div>"
        f"<div class='story-part'><p>{STORY[2]}<br>{STORY[3]}</p></div>"
        "</article></main></body></html>"
    )
    assert clean_html(html).paragraphs == STORY[:4]


def test_the_headline_repeated_under_the_first_paragraph_goes():
    # A news page shows its video's title, the headline again, after the lead.
    paragraphs = [
        "Hong Kong (Example News) Operators across Asia expect the first 6G "
        "trials to start earlier than planned, an industry survey found.",
        "Two thirds of the 40 operators asked said they would test sub-terahertz "
        "links before 2028, against a third in last year's survey.",
    ]
    headline = "Asian operators bring 6G trials forward"
    html = (
        f"<html><head><title>{headline} - Example News</title>"
        f"<meta property='og:title' content='{headline}'></head><body>"
        f"<h1>{headline}</h1><div class='story'><p>{paragraphs[0]}</p>"
        f"<div class='video'><p>{headline}</p></div><p>{paragraphs[1]}</p></div>"
        "</body></html>"
    )
    assert_cleaned(html, headline, paragraphs)


def assert_cleaned(html: str, title: str, paragraphs: list[str]) -> None:
    cleaned = clean_html(html)
    assert cleaned.title == title
    assert cleaned.paragraphs == paragraphs


STORY = [
    "The research centre in Oulu opened a new laboratory for sub-terahertz radio on "
    "Monday, with room for forty researchers and two anechoic chambers.",
    "Its first project measures how rain, snow and foliage weaken links above 100 GHz "
    "over distances of up to one kilometre across the campus.",
    "Partners from three universities will share the equipment, and the measurements "
    "will be published as open data at the end of next year.",
    "The laboratory is funded for five years by the national research council and by "
    "two equipment makers, who may use it for their own trials.",
    "A second phase, planned for 2028, would add outdoor test links between the "
    "university and a hospital two kilometres away.",
]
TEASERS = "".join(
    f"<article class='card'><a href='/story/{i}'><img src='/img/{i}.jpg' alt=''></a>"
    f"<h3><a href='/story/{i}'>{headline}</a></h3><p>{dek}</p><time>2 hours ago</time></article>"
    for i, (headline, dek) in enumerate(
        [
            ("Operators test 6G links in Tokyo", "Three carriers share one test band."),
            ("Spectrum plan names new research bands", "The regulator asks for comments."),
            ("Chip makers plan first 6G radios", "Samples are due within two years."),
        ]
    )
)
TEASER_ITEMS = TEASERS.replace("<article class='card'>", "<li>").replace("</article>", "</li>")
HEADLINE = "Oulu opens sub-terahertz lab"
PAGE_HEAD = (
    f"<head><title>{HEADLINE} | Example News</title>"
    f"<meta property='og:title' content='{HEADLINE}'></head>"
)
BODY_HTML = "".join(f"<p>{p}</p>" for p in STORY)


@pytest.mark.parametrize(
    "body",
    [
        # the story in divs, other stories' cards as <article>s after it
        f"<main><div class='story'><h1>{HEADLINE}</h1>{BODY_HTML}</div>"
        f"<section class='related'><h2>More news</h2>{TEASERS}</section></main>",
        # the cards before the story
        f"<div class='top'>{TEASERS}</div><div class='txt'><h1>{HEADLINE}</h1>{BODY_HTML}</div>",
        # the cards in a column beside it
        f"<div id='page'><div class='left'><h1>{HEADLINE}</h1><div class='txt'>{BODY_HTML}"
        f"</div></div><div class='right'>{TEASERS}</div></div>",
        # the cards inside the story's own <article>
        f"<article class='post'><h1>{HEADLINE}</h1>{BODY_HTML}"
        f"<section class='more'>{TEASERS}</section></article>",
        # the cards as list items of a related list
        f"<article><h1>{HEADLINE}</h1>{BODY_HTML}</article><ul class='more'>"
        + TEASER_ITEMS
        + "</ul>",
        # the list inside the story's own <article>: trafilatura marks its items "- "
        f"<article><h1>{HEADLINE}</h1>{BODY_HTML}<ul class='more'>"
        + TEASER_ITEMS
        + "</ul></article>",
    ],
)
def test_other_stories_teasers_stay_out_of_the_body(body):
    assert_cleaned(f"<html>{PAGE_HEAD}<body>{body}</body></html>", HEADLINE, STORY)


def test_a_short_post_with_a_linked_title_is_kept():
    # A blog's post title links to the post itself: the post is no teaser.
    post = STORY[0]
    html = (
        f"<html>{PAGE_HEAD}<body><article><h2><a href='/oulu'>{HEADLINE}</a></h2>"
        f"<p>{post}</p></article></body></html>"
    )
    assert post in clean_html(html).paragraphs


MENU_CELL = "<td width='150' valign='top'>" + "".join(
    f"<a href='/section/{i}'>Section {i}</a><br>" for i in range(12)
)
BANDS = (
    "<table><tr><th>Band</th><th>Range</th></tr><tr><td>D-band</td><td>110-170 GHz</td></tr>"
    "<tr><td>H-band</td><td>220-330 GHz</td></tr></table>"
)


@pytest.mark.parametrize(
    "article_cell",
    [
        f"<h1>{HEADLINE}</h1>{BODY_HTML}",
        # an older page: bold headline, paragraphs parted by <br><br>
        f"<font size='4'><b>{HEADLINE}</b></font><br><br>" + "<br><br>".join(STORY),
    ],
)
def test_a_page_laid_out_in_a_table_gives_its_paragraphs(article_cell):
    html = (
        f"<html>{PAGE_HEAD}<body><table width='100%'><tr><td colspan='2'>Example News</td></tr>"
        f"<tr>{MENU_CELL}</td><td valign='top'>{article_cell}</td></tr>"
        "<tr><td colspan='2'>Copyright 2026 Example News</td></tr></table></body></html>"
    )
    assert_cleaned(html, HEADLINE, STORY)


def test_a_data_table_in_a_layout_table_stays_a_table():
    html = (
        f"<html>{PAGE_HEAD}<body><table><tr>{MENU_CELL}</td><td><h1>{HEADLINE}</h1>"
        f"{BODY_HTML}{BANDS}</td></tr></table></body></html>"
    )
    assert clean_html(html).paragraphs == [
        *STORY,
        "| Band | Range |",
        "|---|---|",
        "| D-band | 110-170 GHz |",
        "| H-band | 220-330 GHz |",
    ]


def test_a_data_table_with_a_table_in_a_cell_stays_a_table():
    # A cell of a data table holds a small table of its own: no layout for that.
    details = "<table><tr><td>sub-band 1</td><td>110-140 GHz</td></tr></table>"
    table = BANDS.replace(
        "<td>D-band</td><td>110-170 GHz</td>", f"<td>D-band</td><td>{details}</td>"
    )
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1>{BODY_HTML}{table}"
        "</article></body></html>"
    )
    paragraphs = clean_html(html).paragraphs
    assert "| H-band | 220-330 GHz |" in paragraphs
    assert "| sub-band 1 | 110-140 GHz |" in paragraphs


def test_a_data_table_with_paragraphs_in_its_cells_stays_a_table():
    # Word processors and editors wrap each value of a table in its own <p>.
    table = BANDS.replace("<td>D-band</td>", "<td><p>D-band</p><p>(first trials)</p></td>")
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1>{BODY_HTML}{table}"
        "</article></body></html>"
    )
    assert clean_html(html).paragraphs[len(STORY) :] == [
        "| Band | Range |",
        "|---|---|",
        "| D-band (first trials) | 110-170 GHz |",
        "| H-band | 220-330 GHz |",
    ]


def test_a_data_table_with_a_long_value_stays_a_table():
    # A table of bands whose header row names its columns: a long description
    # in a cell does not make it a layout table.
    note = "The band most of the first sub-terahertz trials use, as its radios are closest. " * 7
    table = BANDS.replace("<td>110-170 GHz</td>", f"<td>{note}</td>")
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1>{BODY_HTML}{table}"
        "</article></body></html>"
    )
    paragraphs = clean_html(html).paragraphs
    assert "| H-band | 220-330 GHz |" in paragraphs
    assert f"| D-band | {note.strip()} |" in paragraphs


def test_a_data_table_without_a_header_row_and_with_a_long_value_stays_a_table():
    # No <th> to say it holds data, but its long cell is one value (a description),
    # not an article's paragraphs: it is no layout table.
    note = "The band most of the first sub-terahertz trials use, as its radios are closest. " * 7
    table = BANDS.replace("<td>110-170 GHz</td>", f"<td>{note}</td>").replace("th>", "td>")
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1>{BODY_HTML}{table}"
        "</article></body></html>"
    )
    paragraphs = clean_html(html).paragraphs
    assert "| H-band | 220-330 GHz |" in paragraphs
    assert any(p.startswith("| D-band | The band most of the first") for p in paragraphs)


SECTIONS = (
    f"<p>{STORY[0]}</p><p>{STORY[1]}</p><h3>What the lab measures</h3><p>{STORY[2]}</p>"
    "<ul><li>rain fade above 100 GHz;</li><li>foliage loss in summer and winter;</li>"
    f"<li>reflections off wet walls.</li></ul><h3>Who pays</h3><p>{STORY[3]}</p><p>{STORY[4]}</p>"
)
WITH_SECTIONS = [
    *STORY[:2],
    "What the lab measures",
    STORY[2],
    "- rain fade above 100 GHz;",
    "- foliage loss in summer and winter;",
    "- reflections off wet walls.",
    "Who pays",
    *STORY[3:],
]
DATELINE = "Tuesday 12 March 2026"
CAPTION = "The anechoic chamber of the new laboratory, seen from its door. University photo"
DECK = "The lab opens with forty places and the first project measures rain and snow."


@pytest.mark.parametrize(
    "body",
    [
        # no container the extractor knows (an ASP.NET portal's classes): it read
        # the loose <p>s only, the dateline and the caption with them, and lost
        # the subheadings and the list
        f"<div class='titulo'><p class='fecha'>{DATELINE}</p><h1>{HEADLINE}</h1></div>"
        f"<div class='foto'><img src='/lab.jpg' alt=''><p class='pie'>{CAPTION}</p></div>"
        f"<div class='cuerpo'>{SECTIONS}</div>",
        # a page-wide wrapper ("main…") the extractor reads whole, deck and all
        f"<div id='mainColumn'><div class='titulo'><h1>{HEADLINE}</h1></div>"
        f"<div class='abstract'><h2>{DECK}</h2></div><div class='cuerpo'>{SECTIONS}</div>"
        "<div class='cols'><h3>Most read</h3><ol><li><a href='/1'>Operators test 6G links</a>"
        "</li><li><a href='/2'>Spectrum plan names new research bands</a></li></ol></div></div>",
    ],
)
def test_the_container_of_most_paragraphs_is_the_body(body):
    assert_cleaned(f"<html>{PAGE_HEAD}<body>{body}</body></html>", HEADLINE, WITH_SECTIONS)


def test_the_deck_the_page_gives_as_its_description_goes():
    # The summary under the headline, set apart from the body's paragraphs, that
    # the page also gives as its description: the reader has it above the story.
    head = PAGE_HEAD.replace("</head>", f"<meta name='description' content='{DECK}'></head>")
    html = (
        f"<html>{head}<body><article><h1>{HEADLINE}</h1><p class='standfirst'>{DECK}</p>"
        f"<div class='byline'>By A. Writer</div><div class='body'>{BODY_HTML}</div>"
        "</article></body></html>"
    )
    assert_cleaned(html, HEADLINE, STORY)


def test_a_lead_paragraph_that_is_the_description_stays():
    head = PAGE_HEAD.replace("</head>", f"<meta name='description' content='{STORY[0]}'></head>")
    html = (
        f"<html>{head}<body><article><h1>{HEADLINE}</h1><div class='byline'>By A. Writer"
        f"</div><div class='body'>{BODY_HTML}</div></article></body></html>"
    )
    assert_cleaned(html, HEADLINE, STORY)


def test_a_list_of_links_and_its_heading_go():
    # "For more information" and links only under it: a reader's next clicks, not
    # the story. The press contacts after it, and the story's own list, stay.
    links = "".join(
        f"<li><a href='/{i}'>{name}</a></li>"
        for i, name in enumerate(
            [
                "Smart networks and services research programme",
                "Sub-terahertz research in the region",
                "The national digital decade plan",
            ]
        )
    )
    contacts = ["Anna Virtanen, phone +358 40 123 4567", "Mikko Laine, phone +358 40 765 4321"]
    html = (
        f"<html>{PAGE_HEAD}<body><main><h1>{HEADLINE}</h1><div class='cuerpo'>{SECTIONS}"
        f"<h2>For more information</h2><ul>{links}</ul><h3>Press contacts</h3><ul>"
        + "".join(f"<li>{c}</li>" for c in contacts)
        + "</ul></div></main></body></html>"
    )
    expected = [*WITH_SECTIONS, "Press contacts", *(f"- {c}" for c in contacts)]
    assert_cleaned(html, HEADLINE, expected)


def test_byline_and_time_stamp_lines_in_the_body_go():
    # The page's own metadata set as paragraphs in the story's container: the
    # date is read from the page apart, and neither is the story's text.
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1><div class='txt'>"
        f"<p>By Anna Virtanen</p>{BODY_HTML}<p>Published 12 May 2026</p>"
        "<p>Last updated 14 May 2026 10:30</p></div></article></body></html>"
    )
    assert_cleaned(html, HEADLINE, STORY)


def test_a_programme_s_times_in_a_list_or_a_table_stay():
    # Times of day make a line look like a time stamp; a list item or a table row
    # holding one is the story's programme, not the page's byline.
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1><div class='txt'>{BODY_HTML}"
        "<h2>Programme</h2><ul><li>09:30 Opening keynote on the research roadmap</li>"
        "<li>10:15 Panel on terahertz links and their range</li></ul><table>"
        "<tr><th>Time</th><th>Session</th></tr><tr><td>14:00</td><td>Spectrum policy</td></tr>"
        "<tr><td>15:30</td><td>Closing remarks</td></tr></table></div></article></body></html>"
    )
    text = extract_document(html, "p.html", is_html=True).text
    assert "- 09:30 Opening keynote on the research roadmap" in text
    assert "- 10:15 Panel on terahertz links" in text
    assert "| 14:00 | Spectrum policy |" in text and "| 15:30 | Closing remarks |" in text


def test_a_page_that_is_mostly_a_list_of_links_keeps_them():
    # A page of useful resources: its links are what it says, not a reader's next
    # clicks beside a story (was: the lists went, the short rest fell to the
    # structural cleaner, which lost the introduction and ran the links together).
    names = [
        "The national research programme and its open calls",
        "Spectrum plan for the upper mid band, second edition",
        "Testbed access rules for small companies and start-ups",
        "White paper on the energy use of radio networks",
    ]
    links = "".join(f"<li><a href='/{i}'>{name}</a></li>" for i, name in enumerate(names))
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1><p>{STORY[0]}</p>"
        f"<h2>Programmes</h2><ul>{links}</ul><h2>Standards</h2><ul>{links.replace('/', '/s')}"
        "</ul></article></body></html>"
    )
    text = extract_document(html, "p.html", is_html=True).text
    assert STORY[0] in text
    assert all(f"- {name}" in text for name in names)


def test_a_lead_set_apart_before_the_body_s_container_stays_first():
    # The lead in a container of its own, the rest in another that holds most of
    # the paragraphs: that one marked as the body alone, the lead went (was: lost
    # on an English page, read after the story's last line on a Chinese one).
    html = (
        f"<html>{PAGE_HEAD}<body><div class='x'><h1>{HEADLINE}</h1>"
        f"<div class='lead'><p>{STORY[0]}</p></div><div class='c'>"
        + "".join(f"<p>{p}</p>" for p in STORY[1:])
        + "</div></div></body></html>"
    )
    assert extract_document(html, "p.html", is_html=True).text.split("\n\n") == STORY


@pytest.mark.parametrize("joined", ["<div>{}</div>", "{}<br><br>"])
def test_a_lead_that_is_the_description_stays_in_a_body_without_paragraphs(joined):
    # The body's paragraphs set as <div>s or split by <br>: the element holding the
    # page's <p>s is then the footer, and no line of the text is in it (was: the
    # lead, the page's description, went as a deck standing before the body).
    head = PAGE_HEAD.replace("</head>", f"<meta name='description' content='{STORY[0]}'></head>")
    html = (
        f"<html>{head}<body><article><h1>{HEADLINE}</h1><div class='t'>"
        + "".join(joined.format(p) for p in STORY)
        + "</div></article><footer><p>Copyright 2026 Oulu Research Centre, all rights"
        " reserved.</p></footer></body></html>"
    )
    assert STORY[0] in extract_document(html, "p.html", is_html=True).text


def test_a_dated_list_item_before_the_story_goes():
    # The post's own list of facts (its date, its kind) that the extractor took in.
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1><ul><li>3 March 2025</li>"
        f"<li>Press release</li></ul><div class='txt'>{BODY_HTML}</div></article></body></html>"
    )
    assert "3 March 2025" not in extract_document(html, "p.html", is_html=True).text


def test_a_line_opening_with_a_day_in_figures_year_first_is_the_storys():
    """ "2018.04.05 ~ Open run of the test bed" is a programme's line, not a time
    stamp: a stamp's day in figures year first closes its line."""
    html = (
        f"<html>{PAGE_HEAD}<body><article><h1>{HEADLINE}</h1><div class='txt'>{BODY_HTML}"
        "<p>2018.04.05 ~ Open run of the test bed for visiting teams</p>"
        "</div></article></body></html>"
    )
    text = extract_document(html, "p.html", is_html=True).text
    assert "2018.04.05 ~ Open run of the test bed for visiting teams" in text


def test_a_feed_saved_as_a_page_is_read_as_html_without_a_warning():
    # A feed saved as .html opens with "<?xml": it is read as a browser shows it, its
    # text kept, with nothing printed on the operator's screen.
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Port News</title><item><title>Harbour goes 6G</title><description>The "
        "harbour authority switched on a private 6G test network at the ferry terminal on "
        "Tuesday, covering the quays and the ramps.</description></item></channel></rss>"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cleaned = clean_html(page)
    assert "private 6G test network" in cleaned.paragraphs[0]
