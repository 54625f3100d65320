"""A date stamp glued before a saved page's opening text ("date 2025-11-14 Harbour
town …", "15 Feb Harbour town …"): the stamp is the page's date, never part of its
headline, and a stamp known only to the month leaves no date and no clutter."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.extract import extract_document
from indexer.extract.stamps import unglue_opening_stamp

HEADLINE = "Harbour town switches on a 6G test network for its ferry terminal"
BODY = "\n\n".join(
    [
        "Engineers from the regional operator and the port authority switched on a 6G test"
        " network at the ferry terminal on Tuesday, covering the quays, the ticket hall and"
        " the car park.",
        "The network will carry video from the loading ramps to the control room and track"
        " vehicles as they queue, the port's technical director told reporters.",
        "It will run for eighteen months before the partners decide whether to keep it for"
        " the summer season.",
    ]
)


def extracted(text: str):
    return extract_document(text, "page.txt", is_html=False)


@pytest.mark.parametrize(
    "stamp, day",
    [
        (" date 2025-11-14 ", date(2025, 11, 14)),
        ("Date: 2025-11-14 ", date(2025, 11, 14)),
        ("2025/11/14 09:30 ", date(2025, 11, 14)),
    ],
)
def test_a_dated_stamp_glued_before_the_headline_is_the_date_not_the_title(stamp, day):
    article = extracted(f"{stamp}{HEADLINE}\n\n{BODY}")
    assert article.title == HEADLINE
    assert article.date == day


def test_a_day_and_month_glued_before_the_headline_leave_it():
    article = extracted(f"15 Feb {HEADLINE}\n\n{BODY}")
    assert article.title == HEADLINE


def test_a_stamp_known_only_to_the_month_gives_no_date_and_no_title_words():
    """A store that knows a page only to the month ("date 2021-06") glues that
    before the body's first sentence: the article starts at the sentence."""
    article = extracted(f" date 2021-06 {BODY}")
    assert article.date is None
    assert not article.title.lower().startswith("date")
    assert article.text.startswith("Engineers from the regional operator")


@pytest.mark.parametrize(
    "text",
    [
        "2025-11-14 14:05",  # a stamp and nothing else
        "date 2025-11-14 EN",  # a stub after it: a language switch
        "2025-11-14 2025-11-20 Conference week",  # a range of days
        "Published 2025-11-14",
    ],
)
def test_a_stamp_without_words_after_it_is_left_as_it_is(text):
    assert unglue_opening_stamp(text) == text


def test_only_the_opening_lines_are_read():
    """In the body a sentence may start with a date: it is the body's."""
    lines = [f"Line {i} of the page furniture" for i in range(8)]
    text = "\n".join([*lines, "2025-11-14 was the day the network went live"])
    assert unglue_opening_stamp(text) == text


def test_a_headline_opening_with_a_year_and_a_month_stays_whole():
    """A year and a month without a day are a stamp only after a field word
    ("date 2021-06"): alone they open a headline ("2030-12 deadline set …")."""
    text = f"2030-12 deadline set for the port's 6G test network\n\n{BODY}"
    assert unglue_opening_stamp(text) == text


def test_a_cjk_headline_after_the_stamp_is_set_apart():
    text = "date 2026-03-05 ドコモが6Gの実証実験を開始\n本文です。"
    lines = unglue_opening_stamp(text).split("\n")
    assert lines[:2] == ["date 2026-03-05", "ドコモが6Gの実証実験を開始"]


def test_a_headline_starting_with_a_figure_word_is_set_apart_too():
    """ "6G" after the stamp is a word, not a time or a second date."""
    text = "date 2025-12-01 6G向けの電波をソフトバンクとノキアが銀座で確認\n本文です。"
    assert unglue_opening_stamp(text).split("\n")[:2] == [
        "date 2025-12-01",
        "6G向けの電波をソフトバンクとノキアが銀座で確認",
    ]


def test_a_headline_starting_with_an_amount_is_set_apart_too():
    """A figure with a word after it ("200 million euros …") opens a headline; a
    figure with a month name, a time's colon or a year after the stamp does not."""
    text = "date 2026-03-13 200 million euros for six 6G research hubs\nBody text."
    assert unglue_opening_stamp(text).split("\n")[:2] == [
        "date 2026-03-13",
        "200 million euros for six 6G research hubs",
    ]
    for kept in ("date 2026-03-13 14 March 2026 Harbour news", "date 2026-03-13 2026 Harbour news"):
        assert unglue_opening_stamp(kept) == kept
