"""Publication dates and titles on small pages written for each source and each trap.

HTML pages state their date in structured data, meta tags, <time>, the URL
and the byline; they disagree across time zones and carry "updated" dates
and copyright years that must not win. Titles hide among logos, site names,
breadcrumbs, back links, section labels, Markdown markers, photo credits and
front matter.
"""

from __future__ import annotations

import textwrap
from datetime import date

import lxml.html
import pytest

from indexer.extract import extract_document
from indexer.extract.dates import byline_date, date_in_byline, page_date, parse_date

BODY = (
    "<p>The three operators agreed on Tuesday to pool their research on sixth-generation "
    "networks, with a first joint testbed planned in Oulu for next year.</p>"
    "<p>Each partner brings its own laboratory, and the universities of the region will "
    "host students who work on radio, energy use and network security.</p>"
    "<p>The agreement runs for three years and is open to further members from the "
    "Nordic and Baltic countries, the partners said in a joint statement.</p>"
)
HEADLINE = "Nordic operators sign 6G research pact"


def page(head: str = "", byline: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body>{before}<article><h1>{HEADLINE}</h1>"
        f"<div class='byline'>{byline}</div>{BODY}</article>{after}</body></html>"
    )


def html_date(html: str) -> date | None:
    return extract_document(html, "page.html", is_html=True).date


def html_title(html: str) -> str:
    return extract_document(html, "page.html", is_html=True).title


def text_title(text: str) -> str:
    return extract_document(text, "page.txt", is_html=False).title


JSONLD = (
    '<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{}"}}</script>'
)


# --- each date source on its own -------------------------------------------------


def test_date_from_jsonld():
    assert html_date(page(JSONLD.format("2024-05-02T09:00:00+02:00"))) == date(2024, 5, 2)


def test_date_from_jsonld_that_is_not_strict_json():
    # Raw line breaks in a string and a trailing comma: JSON parsers refuse it, sites
    # print it; a later day in a list after the article must not win instead.
    jsonld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "description": "Two\n'
        'lines", "datePublished": "2024-05-02T09:00:00+02:00",}</script>'
    )
    most_read = "<aside><h2>Most read</h2><p><a href='/x'>Tower merger</a> 9 May 2024</p></aside>"
    assert html_date(page(jsonld, after=most_read)) == date(2024, 5, 2)


def test_date_from_microdata_written_as_text():
    # A theme marks the day it prints with itemprop, over the headline and the kicker;
    # a list of other stories follows the article.
    html = page(
        before="<div class='meta'><span itemprop='datePublished'>May 2, 2024</span>"
        " · <a href='/news'>News</a> · <a href='/news/research'>Research</a></div>",
        after="<aside><h2>Most read</h2><p><a href='/x'>Tower merger</a> 9 May 2024</p></aside>",
    )
    assert html_date(html) == date(2024, 5, 2)


def test_date_from_meta():
    head = '<meta property="article:published_time" content="2024-05-02T09:00:00+02:00">'
    assert html_date(page(head)) == date(2024, 5, 2)


def test_date_from_time_element_in_the_byline():
    byline = '<time datetime="2024-05-02T09:00:00+02:00">2 May 2024</time>'
    assert html_date(page(byline=byline)) == date(2024, 5, 2)


def test_date_from_the_url():
    head = '<link rel="canonical" href="https://telecom.example/news/2024/05/02/pact/">'
    assert html_date(page(head)) == date(2024, 5, 2)


def test_date_from_a_byline_in_words():
    assert html_date(page(byline="By Anna Virtanen · Published on 2 May 2024")) == date(2024, 5, 2)


def test_date_from_a_byline_in_figures_day_first():
    assert html_date(page(byline="Anna Virtanen, 02.05.2024, 09:15")) == date(2024, 5, 2)


@pytest.mark.parametrize(
    "byline",
    [
        "Yayınlanma: 2 Mayıs 2024 10:30",  # Turkish
        "Opublikowano 2 maja 2024, 11:20",  # Polish (genitive)
        "Publikováno 2. května 2024",  # Czech
        "Publicat pe 2 mai 2024",  # Romanian
        "2 травня 2024, 10:21",  # Ukrainian
        "2 Μαΐου 2024",  # Greek
        "Julkaistu 2. toukokuuta 2024",  # Finnish
        "2024. május 2. 10:21",  # Hungarian, year first
        "2 de maig de 2024",  # Catalan
        "الخميس ٢ مايو ٢٠٢٤ - ١٠:٢١ ص",  # Arabic, Arabic-Indic digits
        "２０２４年５月２日 10時21分",  # Japanese, full-width figures
        "Gepubliceerd: 02-05-2024 10:21",  # day first, hyphens
        "Publié le 2 mai 2024",  # French
        "2. Mai. 2024, 10:21 Uhr",  # German short name with its full stop
        "5月 2, 2024",  # English order, the month in CJK (a translated "F j, Y")
        "5월 2, 2024",
    ],
)
def test_date_from_a_byline_in_another_language_s_words_or_figures(byline):
    assert date_in_byline([byline]) == date(2024, 5, 2)  # read by us, not left to htmldate
    assert html_date(page(byline=byline)) == date(2024, 5, 2)


# --- sources that disagree --------------------------------------------------------


def test_utc_timestamp_gives_way_to_the_local_byline_a_day_earlier():
    html = page(JSONLD.format("2024-05-03T02:30:00Z"), byline="May 2, 2024 10:30 pm EDT")
    assert html_date(html) == date(2024, 5, 2)


def test_a_timestamp_with_its_own_offset_beats_a_byline_a_day_off():
    html = page(JSONLD.format("2024-05-02T23:30:00+02:00"), byline="Friday, May 3, 2024")
    assert html_date(html) == date(2024, 5, 2)


def test_an_updated_date_does_not_win():
    head = '<meta property="article:published_time" content="2024-05-02T09:00:00+02:00">'
    html = page(head, byline="Updated June 1, 2024")
    assert html_date(html) == date(2024, 5, 2)
    assert html_date(page(byline="Published May 2, 2024 | Updated June 1, 2024")) == date(
        2024, 5, 2
    )


@pytest.mark.parametrize(
    "byline, day",
    [
        ("Publié le 3 févr. 2024 à 10h12", date(2024, 2, 3)),
        ("3. Mär. 2024, 10:21 Uhr", date(2024, 3, 3)),
        ("Geplaatst op 3 mrt 2024", date(2024, 3, 3)),
        ("Publicado em 3 out 2024", date(2024, 10, 3)),
        ("3 juil. 2024", date(2024, 7, 3)),
    ],
)
def test_a_byline_with_a_short_month_name_of_another_language(byline, day):
    assert date_in_byline([byline]) == day


@pytest.mark.parametrize("byline", ["الأحد 12 مايو 2024م", "الأحد ١٢ مايو ٢٠٢٤م - ١٠:٢١ ص"])
def test_an_arabic_year_with_the_gregorian_era_letter(byline):
    # "م" (milādī) glued to the year marks the Gregorian calendar.
    assert date_in_byline([byline]) == date(2024, 5, 12)


@pytest.mark.parametrize(
    "byline, day",
    [
        ("12 KASIM 2024", date(2024, 11, 12)),
        ("12 Kasım 2024", date(2024, 11, 12)),
        ("12 NİSAN 2024", date(2024, 4, 12)),
        ("3 ARALIK 2024", date(2024, 12, 3)),
    ],
)
def test_a_turkish_month_name_in_capitals(byline, day):
    # The pattern matches case-blind ("KASIM" for "kasım"); the name's number must too.
    assert date_in_byline([byline]) == day


@pytest.mark.parametrize(
    "updated",
    [
        "Zaktualizowano 1 czerwca 2024",  # Polish
        "Güncelleme: 1 Haziran 2024",  # Turkish
        "Обновлено 1 июня 2024",  # Russian
        "Diperbarui 1 Juni 2024",  # Indonesian
        "Cập nhật 1/6/2024",  # Vietnamese
        "آخر تحديث ١ يونيو ٢٠٢٤",  # Arabic
        "업데이트 2024.06.01",  # Korean
    ],
)
def test_an_update_in_another_language_printed_first_is_not_the_publication_day(updated):
    byline = f"<span>{updated}</span> <span>2 May 2024</span>"
    assert html_date(page(byline=byline)) == date(2024, 5, 2)


def test_an_event_date_in_the_standfirst_over_the_byline_is_not_the_publication_day():
    html = page(byline="By Anna Virtanen, 2 May 2024").replace(
        "</h1>", "</h1><p class='deck'>The first results will be shown in Oulu on 14 May 2024.</p>"
    )
    assert html_date(html) == date(2024, 5, 2)


def test_a_time_element_classed_as_the_update_is_not_the_publication_day():
    # A blog theme prints both times in the byline, the update first and unlabelled.
    byline = (
        '<time class="updated" datetime="2024-06-01T10:00:00+02:00">1 June 2024</time>'
        '<time class="entry-date published" datetime="2024-05-02T08:30:00+02:00">2 May 2024</time>'
    )
    assert html_date(page(byline=byline)) == date(2024, 5, 2)
    # Marked published as well (a post never edited): its day stands.
    both = '<time class="entry-date published updated" datetime="2024-05-02">2 May 2024</time>'
    assert html_date(page(byline=both)) == date(2024, 5, 2)


def _byline_day(html: str) -> date | None:
    tree = lxml.html.fromstring(html)
    return byline_date(tree, tree.find(".//h1"))


@pytest.mark.parametrize("kind", ["live-updates", "js-updatable", "has-modifier", "unchanged"])
def test_a_class_that_only_contains_an_update_word_does_not_hide_the_byline(kind):
    # A live blog's container of updates, a script hook, a style variant: none is
    # the page's update, so the day in it is the publication day.
    byline = f'<div class="{kind}"><span>By Anna Virtanen</span> <time>2 May 2024</time></div>'
    assert _byline_day(page(byline=byline)) == date(2024, 5, 2)


@pytest.mark.parametrize(
    "stamp",
    [
        '<time class="updated" datetime="2024-05-02">2 May 2024</time>',
        '<time class="entry-date updated td-module-date">2 May 2024</time>',
        '<time class="date-container minor-meta updated">May 2, 2024</time>',
    ],
)
def test_a_theme_s_one_date_classed_updated_for_hatom_is_the_publication_day(stamp):
    # hAtom asks for an "updated" class: themes that print one date put it there, and
    # mark a "published" one only when they print both.
    assert _byline_day(page(byline=f"By Anna Virtanen · {stamp}")) == date(2024, 5, 2)
    both = f'{stamp} <time class="entry-date published">1 May 2024</time>'
    assert _byline_day(page(byline=both)) == date(2024, 5, 1)


@pytest.mark.parametrize(
    "update",
    [
        '<div class="updated-on"><span>Aktualisiert:</span> 5 March 2025</div>',
        '<p class="page-updated"><span class="label">Page updated</span><br>5 March 2025</p>',
    ],
)
def test_the_day_after_a_label_inside_an_element_classed_as_the_update(update):
    # The day is the tail of the label's element: still inside the update.
    assert _byline_day(page(byline=f"{update}<p>Published 3 March 2025</p>")) == date(2025, 3, 3)


@pytest.mark.parametrize("kind", ["date-modified", "lastUpdated", "node__changed", "art-update"])
def test_an_update_s_own_class_still_marks_it(kind):
    byline = f'<span class="{kind}">1 June 2024</span> <span>2 May 2024</span>'
    assert _byline_day(page(byline=byline)) == date(2024, 5, 2)


def test_the_dated_addresses_of_other_stories_are_not_the_page_s_date():
    more = (
        "<section><h2>More stories</h2>"
        '<a href="https://telecom.example/2024/04/30/auction-delayed/">Auction delayed</a> '
        '<a href="https://telecom.example/2024/05/06/tower-merger/">Tower merger</a></section>'
    )
    assert html_date(page(after=more)) is None


def test_htmldate_s_day_printed_before_the_update_in_one_string_stands():
    # No headline found, so htmldate's extensive search gives the day; the page prints
    # it before its update in one string: it states it as its own.
    tree = lxml.html.fromstring(
        "<html><body><p>Published 2 March 2025 · Updated 5 March 2025</p>"
        "<p>Operators began trials of sub-THz radios.</p></body></html>"
    )
    assert page_date(tree, None, None, extensive=lambda: "2025-03-02") == date(2025, 3, 2)
    assert page_date(tree, None, None, extensive=lambda: "2025-03-05") is None


def test_the_day_a_cookie_notice_was_updated_is_not_the_page_s_date():
    notice = (
        "<div class='cookie-consent'><p>We use cookies to improve your experience. Our "
        "cookie policy was updated on 12 February 2024.</p><button>Accept all</button></div>"
    )
    assert html_date(page(before=notice)) is None


def test_a_date_over_the_headline_not_the_next_item_s_under_the_body():
    # An episode page prints its day above the headline; the list after the body
    # is of other episodes.
    html = (
        f"<html><body><main><p class='meta'>Episode 12 · 2 May 2024 · 41 min</p><h1>{HEADLINE}</h1>"
        f"{BODY}<section><h2>More episodes</h2><p>Episode 13 · 9 May 2024 — "
        "<a href='/ep/13'>Antennas you can paint</a></p></section></main></body></html>"
    )
    assert html_date(html) == date(2024, 5, 2)
    # A byline under the headline still wins over a date above it.
    assert html_date(
        html.replace("</h1>", "</h1><p class='byline'>By Anna Virtanen, 3 May 2024</p>")
    ) == date(2024, 5, 3)


def test_a_copyright_year_is_not_a_date():
    footer = "<footer>© 2025 Telecom Example. All rights reserved.</footer>"
    assert html_date(page(after=footer)) is None


# --- HTML titles ------------------------------------------------------------------


def test_the_headline_not_the_logo_or_the_site_name():
    head = (
        f'<meta property="og:title" content="{HEADLINE} | Telecom Daily">'
        '<meta property="og:site_name" content="Telecom Daily">'
    )
    html = page(head, before="<header><h1 class='logo'>Telecom Daily</h1></header>")
    assert html_title(html) == HEADLINE


def test_metadata_title_without_section_label_and_site_name():
    html = (
        f"<html><head><title>Opinion | {HEADLINE} - Telecom Daily</title></head>"
        f"<body><div class='story'>{BODY}</div></body></html>"
    )
    assert html_title(html) == HEADLINE


# --- plain-text titles ------------------------------------------------------------

TEXT_BODY = (
    "The three operators agreed on Tuesday to pool their research on sixth-generation "
    "networks, with a first joint testbed planned in Oulu for next year.\n\n"
    "Each partner brings its own laboratory, and the universities of the region will host "
    "students who work on radio, energy use and network security.\n"
)


@pytest.mark.parametrize(
    "lead",
    [
        f"YOU ARE AT: Home » News » {HEADLINE}\n\n{HEADLINE}\n",  # breadcrumb
        f"Back to News\n\n{HEADLINE}\n",  # back link
        f"6G RESEARCH NEWS\n\n{HEADLINE}\n",  # section label
        f"# {HEADLINE}\n",  # Markdown heading
        f"{HEADLINE}Photo: Telia Company\n",  # photo credit glued to the headline
        f'---\ntitle: "{HEADLINE}"\ndate: 2025-03-04\ntags: [6G, research]\n---\n',  # front matter
        f"Telecom Daily\nNews Events Jobs\n{HEADLINE}\nBy Anna Virtanen\n4 March 2025\n",
        f"Continue reading the main story\nCopy this link to share\n{HEADLINE}\n",  # buttons
        f"top of page\nConnect with us\nHeadlines of the Day\n{HEADLINE}\n",  # widgets, label
    ],
    ids=[
        "breadcrumb",
        "back-link",
        "section-label",
        "markdown",
        "credit",
        "front-matter",
        "byline",
        "buttons",
        "widgets",
    ],
)
def test_text_title_is_the_headline_not_the_furniture(lead):
    assert text_title(f"{lead}\n{TEXT_BODY}") == HEADLINE


def test_text_date_from_the_byline_under_a_title_far_down_a_copied_page():
    menu = "\n".join(["Home", "News", "Events", "Jobs", "Contact", "Search", "Log in", "Menu"])
    text = (
        f"Wednesday, 20 November 2025\n{menu}\n\n{HEADLINE}\nBy Anna Virtanen\n"
        f"Published 4 March 2025 | Updated 5 March 2025\n\n{TEXT_BODY}"
    )
    assert extract_document(text, "page.txt", is_html=False).date == date(2025, 3, 4)


def test_a_short_title_case_headline_is_still_a_title_when_nothing_else_is():
    text = f"Ericsson Joins Research Alliance\n\nStockholm, 3 May 2024\n\n{TEXT_BODY}"
    assert text_title(text) == "Ericsson Joins Research Alliance"


# --- plain-text titles on whole-page copies -----------------------------------------
# A copy of a whole page puts menus, other stories' headlines, captions and the
# headline's deck around the headline; the headline is the line whose words the
# article's opening tells again.

MENU = "Home\nNews\nEvents\nJobs\nContact"


def test_text_title_is_told_by_the_lead_not_the_other_stories_above_it():
    text = (
        f"{MENU}\nMost read\nSpectrum auction raises record sum in Berlin\n"
        f"Chip makers report a quiet quarter\n{HEADLINE}\nBy Anna Virtanen\n"
        "Trending now\nSatellite start-up opens an office in Madrid\n"
        f"Quantum lab wins a European grant\n\n{TEXT_BODY}"
    ).replace("The three operators", "The three Nordic operators signed a 6G research pact")
    assert text_title(text) == HEADLINE


def test_text_title_not_the_deck_under_it():
    deck = "Three operators pool their sixth-generation research in Oulu"
    other = "Spectrum auction raises record sum in Berlin"
    text = f"{MENU}\nMost read\n{other}\n{HEADLINE}\n{deck}\nBy Anna Virtanen\n\n{TEXT_BODY}"
    assert text_title(text) == HEADLINE


@pytest.mark.parametrize(
    "byline",
    [
        " by Anna Virtanen — March 4, 2025",
        " by Anna March 4, 2025 written by Anna",
        " written by Anna",
        " posted by Anna Virtanen",
    ],
)
def test_text_title_without_a_byline_glued_to_it(byline):
    assert text_title(f"{MENU}\n{HEADLINE}{byline}\n\n{TEXT_BODY}") == HEADLINE


def test_text_title_without_a_name_and_handle_glued_to_it():
    """A browser copy may glue the writer's name, handle and the story's age to
    the headline; the handle alone would make the line read as a social widget."""
    line = f"{HEADLINE} Anna Virtanen @annavirtanen / 2 days"
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact and")
    assert text_title(f"{MENU}\nFollow us\n{line}\n{body}") == HEADLINE


@pytest.mark.parametrize("separator", ["/", "|", "›"])
def test_text_title_without_the_breadcrumb_separator_left_before_it(separator):
    assert text_title(f"{MENU}\n{separator} {HEADLINE}\n\n{TEXT_BODY}") == HEADLINE


def test_text_title_not_a_caption_with_its_credit_in_brackets():
    caption = "Researchers at the Oulu testbed, 2024. (University of Oulu/Anna Virtanen)"
    assert text_title(f"{MENU}\n{caption}\n{HEADLINE}\n\n{TEXT_BODY}") == HEADLINE
    assert text_title(f"{MENU}\n{HEADLINE}\n{caption}\n\n{TEXT_BODY}") == HEADLINE


def test_text_title_not_a_caption_with_its_credit_glued_after_its_full_stop():
    caption = "Nordic operators at the 6G research testbed in Oulu. Credit: University"
    deck = "A pact on radio and energy research between three operators"
    text = f"{MENU}\nNews\n2025\n{caption}\n{HEADLINE}\n{deck}\nTuesday 4 March 2025\n\n"
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators of the 6G testbed")
    assert text_title(text + body) == HEADLINE


def test_text_title_not_a_breadcrumb_with_arrows():
    headline = "Why the north keeps winning"  # the lead does not repeat its words
    crumbs = "Blog > Networks > Research Partnerships"
    assert text_title(f"{MENU}\n{crumbs}\n{headline}\n\n{TEXT_BODY}") == headline
    assert text_title(f"{MENU}\n{headline}\n{crumbs}\n\n{TEXT_BODY}") == headline


def test_a_title_case_headline_long_enough_to_read_as_a_sentence_is_still_the_title():
    headline = "Nordic Operators Pool Their 6G Research. Here Is What Changes For Oulu."
    other = "Spectrum auction raises record sum in Berlin"
    text = f"{MENU}\n{other}\n{headline}\n{headline}\n{TEXT_BODY}"
    assert text_title(text) == headline


LONG_HEADLINE = "Nordic operators sign a research pact on sixth-generation networks"


@pytest.mark.parametrize(
    "under",
    [
        "OULU, Finland, March 4, 2025 /PRNewswire/ --",  # dateline, no blank line between
        # a deck and a byline
        "Three partners will share their laboratories and open a joint testbed in Oulu next spring"
        "\nBy Anna Virtanen, 4 March 2025",
    ],
    ids=["dateline", "deck"],
)
def test_a_headline_and_the_line_under_it_are_not_one_wrapped_paragraph(under):
    assert text_title(f"{LONG_HEADLINE}\n{under}\n\n{TEXT_BODY}") == LONG_HEADLINE


def test_the_text_title_set_is_labelled_and_scored_by_the_bench():
    from bench.metadata import text_titles

    texts = text_titles()
    assert len(texts) >= 40
    assert {t["half"] for t in texts} == {"tune", "heldout"}
    assert all(t["title"] and t["text"].strip() for t in texts)


def test_a_cjk_opening_sentence_is_not_taken_for_a_title_case_headline():
    headline = "NTTドコモ、6G向け屋外実験で高速通信に成功"
    opening = (
        "NTTドコモは、サブテラヘルツ帯を用いた屋外での無線伝送実験において、"
        "高速通信を達成したと発表した。"
    )
    more = "実験は複数の企業と共同で行われ、約100メートルの距離で安定した通信を確認したという。"
    assert (
        text_title(f"ニュースリリース\n{headline}\n2025年6月10日\n\n{opening}\n\n{more}\n")
        == headline
    )


# --- the headline a byline or a date stands under -----------------------------------
# On a copied news page the headline is the line with its byline or date under it;
# a video's caption, a related story and a teaser printed twice may all tell the
# article's opening as well or better, and stand nearer to it.


def test_text_title_with_its_byline_not_a_video_caption_nearer_the_article():
    caption = "Oulu testbed: three operators pool their research, video"
    text = (
        f"{MENU}\n{HEADLINE}\nBy Anna Virtanen | Telecom Daily\nFacebook\nTwitter\n"
        f"{caption}\n\nVideo: three operators pool their research on a testbed in Oulu, "
        f"filmed on Tuesday.\n\n{TEXT_BODY}"
    ).replace("The three operators", "The three Nordic operators signed a 6G research pact and")
    assert text_title(text) == HEADLINE


def test_text_title_with_its_byline_cut_at_the_link_one_node_per_line():
    """Copied one text node per line, "By" and the writer's linked name arrive
    on lines of their own: the "By" still marks the line above as the headline."""
    caption = "Oulu testbed: three operators pool their research, video"
    text = (
        f"{MENU}\nPublished\n2 hours ago\n{HEADLINE}\nBy\nAnna Virtanen\n| Telecom Daily\n"
        f"Facebook\nTwitter\nVideo\n{caption}\n\n{TEXT_BODY}"
    ).replace("The three operators", "The three Nordic operators signed a pact and")
    assert text_title(text) == HEADLINE


def test_text_title_with_its_date_not_a_related_story_printed_twice():
    teaser = "Three operators pool research on an Oulu testbed for sixth-generation networks"
    text = (
        f"{MENU}\n{HEADLINE}\nNovember 18, 2025 | 4:10pm\nEnlarge Image\nMore on:\n{teaser}\n"
        f"Satellite start-up opens an office in Madrid\n{teaser}\n\n"
        f"{TEXT_BODY.replace('The three operators', 'The three Nordic operators signed a pact')}"
    )
    assert text_title(text) == HEADLINE


def test_a_short_title_case_headline_with_a_byline_under_it_is_the_title():
    other = "Spectrum auction raises record sum in Berlin"
    text = f"{MENU}\n{other}\nThe Oulu Clock\nBy Anna Virtanen\n\n{TEXT_BODY}"
    assert text_title(text) == "The Oulu Clock"


def test_a_two_word_headline_with_its_date_under_it_is_the_title():
    """A blog's headline may be two words; its date under it tells it from the
    menu's items and from a sentence of the post's own lead-in."""
    text = (
        f"{MENU}\nHome » Blog »\n13 Aug\nBlog\nAbout bugs\nAugust 13, 2025\nPosted by Anna\n"
        "Leave a comment\nWhat changed in the autumn release\nMore tasks in the game\n\n"
        f"{TEXT_BODY}"
    )
    assert text_title(text) == "About bugs"


def test_the_dates_of_a_list_of_other_stories_do_not_make_them_headlines():
    stories = [
        ("Oulu operators open a satellite lab", "March 3, 2025"),
        ("Madrid students win a chess cup again", "March 2, 2025"),
        ("Operators in Berlin raise their prices", "March 1, 2025"),
    ]
    listed = "\n".join(f"{story}\n{day}" for story, day in stories)
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    assert (
        text_title(f"{MENU}\n{HEADLINE}\nFacebook\nTwitter\nLatest\n{listed}\n\n{body}") == HEADLINE
    )


def test_a_headline_printed_twice_over_its_deck_is_not_a_list_of_other_stories():
    """Three headline-shaped lines in a row are a list of other stories only when
    they are three stories: a headline printed twice over its deck is one."""
    deck = "Three operators in the north pool their research on radio and energy use"
    share = "\n".join(["•", "Facebook", "Twitter", "Email", "Print", "•", "•", "•"])
    text = (
        f"{MENU}\nUp next:\n{HEADLINE}\n{HEADLINE}\n{deck}\n•\nAnna Virtanen portrait\n"
        f"• Anna Virtanen\n• Nov 18, 2025 at 9:24 pm ET\n{share}\n\n{TEXT_BODY}"
    ).replace("The three operators", "The three Nordic operators signed a pact and")
    assert text_title(text) == HEADLINE


def test_text_title_not_one_of_a_list_of_other_stories_that_tell_the_same():
    related = [
        "Three operators pool their research on an Oulu testbed",
        "Universities of the region host students working on radio",
        "Oulu testbed planned for next year opens to partners",
    ]
    text = f"{MENU}\n{HEADLINE}\nFacebook\nTwitter\nRelated\n" + "\n".join(related) + "\n\n"
    text += TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    assert text_title(text) == HEADLINE


def test_text_title_not_a_breadcrumb_ending_in_the_headline_in_other_letter_case():
    """A blog prints its breadcrumb ending in the headline, and the headline
    again in capitals under it: the breadcrumb holds the headline whole."""
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    crumbs = f"Home Research {HEADLINE}"
    text = f"{MENU}\n{crumbs}\nResearch\n{HEADLINE.upper()}\nSharing is caring!\n\n{body}"
    assert text_title(text) == HEADLINE.upper()


def test_text_title_of_a_forwarded_mail_is_the_release_headline_not_its_subject_field():
    """The subject field carries the mail's tags and the site's name, and the
    forwarded mail's date under it reads as a byline: the release's own
    headline in the body is the title."""
    mail = (
        "From: Anna Virtanen <anna@example.org>\nSent: Tuesday, 4 March 2025 09:12\n"
        f"Subject: Fwd: [Press release] {HEADLINE} | Telecom Daily\n\nFor the newsletter.\n\n"
        "---------- Forwarded message ---------\nFrom: Press Office <press@example.fi>\n"
        f"Date: Mon, 3 Mar 2025 at 16:40\nSubject: [Press release] {HEADLINE}\n"
        f"To: <anna@example.org>\n\nPRESS RELEASE\n3 March 2025\n\n{HEADLINE}\n\n"
    )
    body = TEXT_BODY.replace(
        "The three operators", "Oulu - The three Nordic operators signed a pact and"
    )
    assert text_title(mail + body) == HEADLINE


def test_a_mail_subject_is_the_title_when_nothing_else_is():
    mail = f"From: Anna Virtanen <anna@example.org>\nSubject: Re: Fwd: {HEADLINE}\n\n"
    assert text_title(mail + TEXT_BODY) == HEADLINE


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("Nordic operators sign a research pact on", "sixth-generation networks in Oulu"),
        ("Nordiska operatörer tecknar forskningsavtal om energisnåla", "6G-nät i Uleåborg"),
    ],
    ids=["open-end", "goes-on-in-figures"],
)
def test_a_headline_hard_wrapped_over_two_lines_is_the_whole_title(first, rest):
    """A text-mode dump or an e-mail wraps a long headline at its width: the
    two lines stand alone between blank lines and the first does not end it."""
    body = "\n\n".join(
        textwrap.fill(paragraph, 74, initial_indent="   ", subsequent_indent="   ")
        for paragraph in TEXT_BODY.strip().split("\n\n")
    )
    text = f"   [1]Home  [2]News\n\nNewsroom\n\n  {first}\n  {rest}\n\n   Press release\n\n"
    assert text_title(text + body) == f"{first} {rest}"


@pytest.mark.parametrize(
    ("headline", "deck"),
    [
        ("6G 백서 발간…내년부터 표준화 논의 착수", "2028년 상용화 목표…5G보다 속도 50배 빨라"),
        ("Nordic operators sign 6G research pact", "3 universities join the testbed in Oulu"),
    ],
    ids=["korean", "english"],
)
def test_a_deck_under_the_headline_of_a_browser_copy_is_no_rest_of_it(headline, deck):
    """A copy no wrapper broke (a paragraph a line, as a browser copies a page)
    prints the headline and its deck as two lines of one block: the deck going
    on in figures is not the headline's wrapped rest."""
    text = f"{MENU}\n\n{headline}\n{deck}\n\n{TEXT_BODY}"
    assert text_title(text) == headline


def test_text_title_in_full_not_its_copy_cut_short_in_the_breadcrumb():
    cut = "Nordic operators sign 6G research …"
    text = f"{MENU}\nPress releases\n{cut}\nUpdated: 5 March 2025\nPublished: 4 March 2025\n"
    text += f"Press release\n{HEADLINE}\nA pact on radio and energy research in Oulu\n"
    body = TEXT_BODY.replace(
        "The three operators", "The three Nordic operators signed a 6G pact and"
    )
    assert text_title(text + body) == HEADLINE


@pytest.mark.parametrize("bullet", ["□", "•", "☆", "*", "-"])
def test_text_title_not_a_bulleted_item_of_a_text_mode_dump(bullet):
    """A text-mode browser draws a bullet before each item of a menu or of a
    list of other stories; the headline (an <h1>) has none, even when the
    lead does not tell it and an item stands nearer the article."""
    headline = "Why the north keeps winning"
    items = ["All our research reports", "Spectrum auction raises record sum"]
    listed = "\n".join(f"{bullet} {item}" for item in items)
    text = f"{bullet} Home\n{bullet} News\n{headline}\n{listed}\n\n{TEXT_BODY}"
    assert text_title(text) == headline


@pytest.mark.parametrize("credit", ["/China Media Group", "/Xinhua", "/연합뉴스"])
def test_text_title_without_the_source_credited_after_a_slash(credit):
    """A wire page credits its source after the headline's full stop and a
    slash; a headline's own slash ("Huawei / ZTE") has a space after it."""
    headline = "China finishes first phase of 6G tech trials"
    assert text_title(f"{headline}. {credit}\n\n{TEXT_BODY}") == headline
    assert text_title(f"Huawei / ZTE ban on 6G trials widens\n\n{TEXT_BODY}") == (
        "Huawei / ZTE ban on 6G trials widens"
    )


@pytest.mark.parametrize("number", ["1.", "01.", "1)", "I.", "一、"])
def test_text_title_not_the_numbered_heading_of_the_first_section(number):
    """A blog post or a report opens its first section with a numbered heading
    ("1. Why talk about 6G now?") right above its first paragraph, which tells
    it; the headline above it has no number."""
    headline = "When will 6G arrive, and what will change after 5G"
    section = f"{number} Why are the operators talking about 6G already?"
    lead = "The operators are talking about 6G already because the radio research takes ten years."
    text = f"{headline}\n{section}\n{lead}\n\n{TEXT_BODY}"
    assert text_title(text) == headline


@pytest.mark.parametrize(
    "headline",
    ["V. Putin signs a decree on 6G research funding", "5. Generation networks get research money"],
)
def test_text_title_a_headline_opening_with_an_initial_or_a_lone_number(headline):
    """A numbered line is a section's heading when its number is the first, or
    a list's item among numbered lines: a lone "V. " is a name's initial. (Over
    it a section's label: a line of a headline's shape right above, "News from
    Moscow today", would be taken for the headline over its subtitle, the
    fallback's known cost when the lead retells no line, measured and kept in the
    sixteenth round.)"""
    text = f"World News\n\n{headline}\n\n{TEXT_BODY}"
    assert text_title(text) == headline
    numbered = "\n".join(f"{n}. {headline[3:]} in round {n}" for n in (4, 5, 6))
    assert text_title(f"Moscow sets 6G research funding\n{numbered}\n\n{TEXT_BODY}") == (
        "Moscow sets 6G research funding"
    )


@pytest.mark.parametrize(
    "stamp", ["Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM", "Published 10:02 AM EST Nov 19"]
)
def test_a_headline_that_reads_as_a_sentence_with_a_stamp_under_it_is_the_title(stamp):
    headline = "Oulu doubles down on its 6G testbed. It might just pay off for the region."
    article = extract_document(
        f"{MENU}\nTechnology\n{headline}\n{stamp}\n\n{TEXT_BODY}", "page.txt", is_html=False
    )
    assert article.title == headline
    assert headline not in article.text and article.text.startswith("The three operators")


def test_a_list_of_dated_sentences_is_not_read_as_headlines():
    events = [
        (
            "The Oulu summit opens its doors to researchers and vendors from all over Europe.",
            "12 May 2025",
        ),
        (
            "The Brussels workshop gathers regulators and operators for two full days of talks.",
            "3 June 2025",
        ),
        (
            "The Madrid fair shows the first prototypes of radios for the upper 6 GHz band.",
            "9 July 2025",
        ),
    ]
    text = "Events this year\n\n" + "\n".join(f"{line}\n{day}" for line, day in events)
    article = extract_document(text, "events.txt", is_html=False)
    assert events[1][0] in article.text and events[2][0] in article.text


# --- bounded cost on hostile plain text ---------------------------------------------
# A fetched page or a feed item reaches the text cleaner too: no line may make its
# title rules take longer than a scan. Each input below is sized so that a rule that
# backtracks (a name split into words every possible way, a scan to the line's end
# from every arrow) would run for hours; the alarm only turns such a hang into a
# failure, the cleaner itself takes milliseconds.


def test_a_long_capitalised_word_after_by_is_not_a_hang(finishes):
    line = "Nordic operators sign a research pact, signed by " + "A" * 3000 + "!"
    assert text_title(f"{MENU}\n{line}\n\n{TEXT_BODY}") == line


def test_a_line_of_arrows_is_not_a_hang(finishes):
    line = "Nordic operators sign a research pact " + ">" * 300_000
    assert text_title(f"{MENU}\n{line}\n\n{TEXT_BODY}") == line


def test_a_long_unspaced_lead_costs_memory_in_proportion_to_the_text():
    """Was: every pair of characters of the lead's first lines was kept as a word
    to compare headlines with: 600,000 Chinese characters (1.8 MB) took 74 MB at
    the peak, a 20 MB page over a gigabyte. Now only the headlines' words are."""
    import random
    import tracemalloc

    from indexer.extract.textclean import clean_text

    rng = random.Random(1)
    para = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(100_000)) + "。"
    raw = "关于六G网络的新闻标题\n\n" + "\n\n".join(para[i:] + para[:i] for i in (0, 7, 13))
    tracemalloc.start()
    try:
        assert clean_text(raw).title == "关于六G网络的新闻标题"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(raw.encode())  # the cleaner's own copies of the text


@pytest.mark.parametrize(
    "under",
    [
        "12:3" * 100_000,
        "1/1/" * 100_000,
        "1 " * 150_000 + "ago",
        "/ " * 150_000,
        "By " + "A" * 300_000,
    ],
    ids=["times", "figures", "ages", "separators", "byline"],
)
def test_long_stamp_shaped_lines_under_a_headline_are_not_a_hang(finishes, under):
    text = f"{MENU}\n{HEADLINE}\n{under}\n{under}\n\n{TEXT_BODY}"
    assert text_title(text) == HEADLINE


@pytest.mark.parametrize("tail", ["a_" * 150_000 + "1", "a" * 300_000, "a_b " * 75_000 + "x1"])
def test_a_long_snake_case_tail_on_a_headline_is_not_a_hang(finishes, tail):
    assert text_title(f"{MENU}\n{HEADLINE} {tail}\n\n{TEXT_BODY}")


def test_a_long_line_of_links_is_not_a_hang(finishes):
    links = "Home News " * 150_000
    assert text_title(f"{MENU}\n{links}\n{HEADLINE}\n\n{TEXT_BODY}") == HEADLINE


# --- where the article begins on a copied whole page ----------------------------------


def test_text_title_not_a_teaser_above_it_with_another_story_between():
    """A headline's deck may stand above the line that tells the lead best, but
    not across another story's headline: the teasers above a headline share its
    byline zone and may tell the lead too."""
    teaser = "Oulu testbed plans slip to next spring"
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    text = (
        f"{MENU}\nLatest\n{teaser}\nSatellite start-up opens an office in Madrid\n"
        f"{HEADLINE}\nBy Anna Virtanen\n\n{body}"
    )
    assert text_title(text) == HEADLINE


def test_a_byline_with_its_stamp_under_the_headline_is_not_kept_as_its_deck():
    byline = "Monday March 3, 2025 7:45 am CET by Anna Virtanen"
    article = extract_document(
        f"{MENU}\n{HEADLINE}\n{byline}\n\n{TEXT_BODY}", "p.txt", is_html=False
    )
    assert article.title == HEADLINE
    assert byline not in article.text and article.text.startswith("The three operators")


@pytest.mark.parametrize(
    "links",
    [
        " ".join(
            f"Showcase {name} Report Card"
            for name in ["Annual", "Partner", "Cloud", "Edge", "Data"]
        )
        + " Learning Center Research Companies Channel Marketing Events Jobs News Podcasts",
        " ".join(
            f"icon {name}"
            for name in ["bookmark", "camera", "check", "chevron", "clock", "close"] * 2
        )
        + " icon down icon left icon right icon up icon menu icon search icon share icon star",
    ],
    ids=["menu", "icons"],
)
def test_a_long_run_of_links_above_the_headline_is_not_where_the_article_begins(links):
    """Links run together into one line long enough for a sentence, but prose
    that long has punctuation and a menu or a tag cloud has none."""
    article = extract_document(
        f"{MENU}\n{links}\n{HEADLINE}\n\n{TEXT_BODY}", "p.txt", is_html=False
    )
    assert article.title == HEADLINE
    assert "Showcase" not in article.text and "icon" not in article.text


def test_a_headline_read_as_a_sentence_with_a_stamp_under_it_beats_a_short_variant_below():
    """The headline is long enough to read as body text and stands above the
    article with a stamp under it; a shorter line that tells the same (a
    video's caption, the headline shortened) stands nearer the article."""
    headline = 'Nordic operators sign a research pact for Oulu: "We start now!"'
    text = (
        f"{MENU}\nLive\n{headline}\nUpdated on: March 4, 2025 / 10:07 AM\n"
        f"Nordic operators sign research pact\n\n"
        + TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    )
    assert text_title(text) == headline


def test_text_title_not_a_menu_printed_twice_that_shares_only_pronouns_with_the_lead():
    """The mobile and the desktop menu both print "Who we are Our team"; a line
    printed twice is taken for the headline when it tells the lead, and "we"
    and "our" tell nothing."""
    menu = "Who we are Our team\nWork with us\nBlog\n"
    body = (
        "We are glad to say that the three Nordic operators signed a pact on Tuesday to "
        "pool our research on sixth-generation networks, with a testbed in Oulu.\n\n"
        "Our partners bring their own laboratories, and we will host students who work "
        "on radio, energy use and network security.\n"
    )
    assert text_title(f"{menu}{menu}{HEADLINE}\n\n{body}") == HEADLINE


def test_text_title_without_an_icon_ligature_and_its_link_glued_to_it():
    line = f"{HEADLINE} chevron_left Browse All Posts"
    assert text_title(f"{MENU}\n{line}\n\n{TEXT_BODY}") == HEADLINE


def test_the_headline_printed_again_with_the_site_name_is_not_moved_up_to_a_teaser():
    """A copied page opens with its <title> (the headline and the site's name);
    the headline under a teaser that tells the lead too stays the title, and
    the date is read from the byline under the headline, not under the <title>."""
    teaser = "Nordic Operators Grab Their Hottest Research Deals Here"
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    text = (
        f"{HEADLINE} – Telecom Daily\nSkip ad\n{MENU}\n{teaser}\n{HEADLINE}\nAnna Virtanen\n"
        f"March 4, 2025 at 8:40 AM\nShare Tweet\n\n{body}"
    )
    article = extract_document(text, "p.txt", is_html=False)
    assert article.title == HEADLINE
    assert article.date == date(2025, 3, 4)


def test_a_question_headline_under_its_time_stamp_is_the_title_not_the_lead():
    """The page prints its time stamp over the headline and the headline asks a
    question: it reads as the article's first sentence, yet it is the title."""
    question = "Will the Nordic operators' research pact bring 6G to Oulu first?"
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators signed a pact")
    stamp = "Last Updated : Mar 4, 2025 01:41 PM IST | Source: Telecom Daily"
    text = f"{MENU}\nAn Evening Walk Through Oulu\n{stamp}\n{question}\n{body}"
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == question
    assert article.text.startswith("The three Nordic operators")


def test_a_question_headline_under_a_pull_quote_and_its_attribution_is_the_title():
    """A fact-check prints the claim in quotes with its speaker and day under it,
    then the headline, a question, with its byline: the quote is not the
    title, and the day the quote was said is not the article's date."""
    question = "Do Nordic operators spend more on 6G research than anyone?"
    quote = '"Our operators put more into 6G research than any other region."'
    said = "— Anna Virtanen on Monday, February 3rd, 2025 in a radio interview"
    byline = "By Mika Laine on Tuesday, March 4th, 2025 at 8:40 a.m."
    body = TEXT_BODY.replace("The three operators", "The three Nordic operators in 6G research")
    text = f"{MENU}\n{quote}\n{said}\n{question}\n{byline}\n{body}"
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == question
    assert article.date != date(2025, 2, 3)  # the day the quote was said
    assert article.text.startswith("The three Nordic operators")


def test_testimonials_in_quotes_with_their_names_under_them_stay_in_the_article():
    """Quotes with a "– Name" under each, one after the other, are the page's text."""
    said = [
        '"The 6G testbed in Oulu was easy to book and the staff were very helpful."',
        "– Anna V.",
        '"We measured our radio prototypes there for a week and will come back next year."',
        "– Mika L.",
        '"A good place to try new antennas, with engineers who answer every question."',
        "– Sara K.",
    ]
    article = extract_document(f"{MENU}\n" + "\n".join(said), "page.txt", is_html=False)
    assert said[0] in article.text


@pytest.mark.parametrize("line", ['"' * 300_000, "— " * 150_000, '"' + "— " * 150_000 + '"'])
def test_long_quote_and_dash_lines_above_a_question_are_not_a_hang(finishes, line):
    question = "Will the Nordic operators' research pact bring 6G to Oulu first?"
    text = f"{MENU}\n{line}\n{line}\n{question}\nBy Mika Laine\n{TEXT_BODY}"
    assert text_title(text)


@pytest.mark.parametrize(
    "head", ["Operators pool their 6G research", "A pact for sixth-generation networks"]
)
def test_a_headline_near_the_top_keeps_its_deck_under_it(head):
    # The deck telling the lead best is the second line of the page: the look for
    # the headline printed again further up must not wrap round to the page's end.
    deck = "The three operators agreed to pool their research on sixth-generation networks"
    assert text_title(f"Home\n{head}\n{deck}\nBy Anna Virtanen\n\n{TEXT_BODY}") == head


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Oulu Standings Friday, 14 March 2025 at 18:05", "Oulu Standings"),
        ("Testbed Schedule 2025 sexta-feira, 14 de março de 2025 às 9:30", "Testbed Schedule 2025"),
        ("Oulu Standings Fri 14 March 2025 at 18:05", "Oulu Standings"),  # a weekday goes too
    ],
)
def test_a_short_headline_with_its_time_stamp_glued_to_it_is_the_title(line, title):
    # A menu above lists other pages; the page prints its headline and its stamp as one line.
    menu = "Oulu Results\nOulu Standings Archive\nTestbed Schedule Archive\nContact Us"
    assert text_title(f"{menu}\n{line}\nShare this\n\n{TEXT_BODY}") == title


@pytest.mark.parametrize(
    "stamp",
    [
        "6G summit opens in Oulu, 14 March 2025 at 18:05",  # was cut to "6G summit opens in"
        "Helsinki, Finland, 14 March 2025 at 18:05",
        "Anna Virtanen, 14 March 2025 at 18:05",
    ],
)
def test_a_place_or_a_name_with_a_comma_before_a_time_stamp_is_not_a_title(stamp):
    # Only a weekday stands between a headline and its glued stamp with a comma:
    # "Oulu, 14 March" is a dateline; with no headline, the lead stands in.
    title = text_title(f"{MENU}\nShare this\n{stamp}\n\n{TEXT_BODY}")
    assert title.startswith("The three operators agreed on Tuesday")


def test_a_field_name_with_its_date_and_time_is_not_a_title():
    headline = "Why the north keeps winning"  # the lead does not repeat its words
    text = f"{MENU}\n{headline}\nDate and time: 14 March 2025 18:05\n\n{TEXT_BODY}"
    assert text_title(text) == headline


@pytest.mark.parametrize(
    "author",
    [
        "Anna Virtanen, Senior Technology Writer",
        "Ángel Ruiz, Senior Technology Writer",  # a name's capitals of any alphabet
        "Łukasz Nowak, Senior Technology Writer",
    ],
)
def test_an_author_line_without_by_is_not_the_title(author):
    # A byline may be a name and the writer's role, with no "By" before it.
    headline = "Why the north keeps winning"  # the lead does not repeat its words
    text = (
        f"{MENU}\nBreaking news\nSpectrum auction raises record sum in Berlin\n{headline}\n"
        f"{author}\nUpdated 9:15 am, March 4, 2025\n\n{TEXT_BODY}"
    )
    assert text_title(text) == headline


def test_a_teaser_sentence_ending_a_list_of_other_stories_does_not_tell_the_title():
    # "Most popular" runs into the article; its last teaser reads as a sentence.
    teasers = [
        "Satellite start-up opens a new office in Madrid",
        "Quantum lab wins a large European research grant",
        "Chip makers report a quiet quarter across Europe",
        "Spectrum prices are rising in the north, and these maps show where and how much.",
        "Ferry strike ends after three days",
    ]
    text = (
        f"{MENU}\nOur picks\nSpectrum prices rising\n{HEADLINE}\nBy Anna Virtanen\n"
        f"Most popular\n" + "\n".join(teasers) + f"\n{TEXT_BODY}"
    )
    assert text_title(text) == HEADLINE


def test_a_headline_ending_in_writers_is_no_byline():
    # A byline names one writer: a role in the plural ends a headline.
    headline = "Studio Cuts Jobs, Lays Off Writers"
    assert text_title(f"{MENU}\n{headline}\nBy Anna Virtanen\n\n{TEXT_BODY}") == headline


def test_a_cjk_month_with_a_thousands_comma_after_it_is_no_date():
    """ "…1至8月 1,2025万台" counts phones shipped: a translated "F j, Y" always
    prints its comma's space."""
    assert parse_date("今年1至8月 1,2025万台手机出货") is None


ZH_HEADLINE = "北辰研究院擬5年投入80億元 強化次世代通訊產業鏈"
ZH_BODY = (
    "北辰研究院今天在理事會議提出次世代通訊發展方案草案,初步規劃在2026至2030年間投入80億元,"
    "透過三項策略加速通訊產業布局,強化產業生態系。\n\n"
    "研究院院長表示,衛星與6G通訊整合等技術將在智慧城市、物聯網等領域扮演關鍵角色,"
    "方案仍需報主管機關核定。\n"
)


@pytest.mark.parametrize(
    "dateline",
    ["中央社記者王明台北21日電 (2025-05-21 17:32:08)", "新华社北京5月21日电(记者王明)"],
    ids=["cna", "xinhua"],
)
def test_a_headline_run_into_a_chinese_wire_dateline_is_the_title_alone(dateline):
    """A copy may run the headline into the agency's dateline and stamp on one
    line (the stamp in brackets, with its seconds): the agency ("…社"), its
    reporter or the place, the day and "dispatched" (電) are no headline's."""
    text = f"{ZH_HEADLINE}{dateline}\n\n{ZH_BODY}"
    assert text_title(text) == ZH_HEADLINE


@pytest.mark.parametrize(
    "stamp",
    ["기사승인 2024-10-10 15:12:26", "입력 2024.10.10 15:12", "公開日 2024年10月10日 15:12"],
)
def test_a_cjk_stamps_field_name_before_its_figures_is_no_headline(stamp):
    """A Korean, Japanese or Chinese stamp's field name ("기사승인", article
    approved) with the day and time after it, its seconds too, is a stamp: the
    line over it is the headline, not the photo's caption under it."""
    headline = "KRISS·KAIST, 6G 그랜드 서밋 개최…차세대 통신 전문가 한자리"
    caption = "11일 대전 본원에서 열린 6G 그랜드 서밋. 한국표준과학연구원"
    body = (
        "한국표준과학연구원은 11일 대전 본원에서 6G 그랜드 서밋을 열고 차세대 통신 기술을 "
        "논의했다고 밝혔다.\n\n서밋에는 대학과 기업의 전문가 200여 명이 참석했다.\n"
    )
    text = f"{headline}\n\n{stamp}\n{caption}\n\n{body}"
    assert text_title(text) == headline


@pytest.mark.parametrize(
    "field", ["来源:人民日报2025-11-04 10:57:41", "观察者网 发布于 2019-11-08 08:23:21"]
)
def test_a_chinese_source_or_published_field_is_no_title(field):
    """ "来源:" (source) and "…发布于" (published at) with the stamp glued to them
    are the page's fields: no headline; a page without one is titled by its
    opening sentence."""
    assert text_title(f"{field}\n{ZH_BODY}").startswith("北辰研究院今天在理事會議提出")


def test_a_korean_boards_writer_field_without_a_colon_is_no_title():
    """A university's or ministry's board prints "작성자" (writer) and the writer's
    name, no colon, among its fields: the short headline it prints twice around
    them is the title."""
    headline = "차세대 통신 선도한다"
    text = (
        "북방대학교\n바로가기 메뉴\n  • 발전기금\n  • Webmail\n\n보도자료\n\n"
        f"{headline}\n\n등록일 2024-10-21 09:02:27.0\n  • 작성자 연구처&산학협력단\n"
        f"  • 조회수 41\n\n{headline}\n\n"
        "융합미래통신 교육연구단이 중간평가에서 우수 교육연구단으로 선정됐다. 이번 결과로 "
        "연구단은 재정 지원을 추가로 받는다.\n\n연구단은 6G 통신 인재를 길러 왔다.\n"
    )
    assert text_title(text) == headline
