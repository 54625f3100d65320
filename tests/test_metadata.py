"""Dates, organisations and topics on small articles written for each case."""

from __future__ import annotations

import pytest

from indexer.extract.dates import date_from_text, parse_date
from indexer.extract.organisations import find_organisations
from indexer.extract.topics import find_topics


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Brussels, May 7th 2026", "2026-05-07"),
        ("2025-04-18 15:44:41Global Times", "2025-04-18"),
        ("On 2 June 2022, the two sides signed", "2022-06-02"),
        ("7 May 2026", "2026-05-07"),
        ("March 3, 2024", "2024-03-03"),
        ("3rd of March 2024", "2024-03-03"),
        ("发布时间：2025年4月18日", "2025-04-18"),
        ("Sept. 9, 2023", "2023-09-09"),
        ("publiziert am 25. September 2018", "2018-09-25"),
        ("sexta-feira, 22 de outubro de 2010", "2010-10-22"),
        ("Maret 30, 2015", "2015-03-30"),
        ("le 4 juillet 2021", "2021-07-04"),
        ("Von Ulrike Berg 02.August 2021", "2021-08-02"),
        ("1.Juni 2022", "2022-06-01"),
    ],
)
def test_date_forms(text, expected):
    assert parse_date(text).isoformat() == expected


def test_impossible_and_future_dates_are_not_dates():
    assert parse_date("2025-02-30") is None
    assert parse_date("Release v1.2.March 2021") is None  # a version's figures, no day
    assert parse_date("The summit will take place on 5 June 2999.") is None


def test_date_comes_from_the_lead_not_the_copyright_or_later_text():
    lines = [
        "Copyright 2024 Example",
        "Operators sign 6G pact",
        "The operators signed the agreement, which runs until 12 May 2020 and was "
        "first discussed on 3 March 2019, after long talks between the two sides.",
    ]
    assert date_from_text(lines) is None
    assert date_from_text(["Helsinki, 4 April 2024", *lines]).isoformat() == "2024-04-04"


def test_full_name_and_acronym_are_one_organisation():
    text = (
        "The Next Generation Mobile Networks Alliance (NGMN) met the Ministry of "
        "Industry and Information Technology. NGMN and MIIT agreed to talk again."
    )
    found = {o.canonical: o for o in find_organisations("", text)}
    assert set(found) == {"NGMN", "MIIT"}
    assert found["NGMN"].count == 2 and found["MIIT"].count == 2
    assert found["MIIT"].name == "Ministry of Industry and Information Technology"


def test_longest_name_wins():
    found = [o.canonical for o in find_organisations("", "Beyond 5G Promotion Consortium signed.")]
    assert found == ["B5GPC"]


def test_case_rules():
    assert find_organisations("", "an orange mic in the apple tree") == []
    assert [o.canonical for o in find_organisations("", "Orange and Apple")] == ["Orange", "Apple"]


def test_definitions_discover_unknown_organisations_and_reject_junk():
    text = (
        "The Nordic Telecom Research Association (NTRA) and the Memorandum of "
        "Understanding (MOU) were discussed by John Smith (JS). NTRA will report."
    )
    found = {o.canonical: o for o in find_organisations("", text)}
    assert set(found) == {"NTRA"}
    assert found["NTRA"].name == "Nordic Telecom Research Association"
    assert found["NTRA"].count == 2


def test_topics_are_ranked_and_explained():
    title = "Regulator opens 6G spectrum consultation"
    body = (
        "The regulator proposes spectrum in the upper 6 GHz band and sub-THz frequencies "
        "for 6G trials. Spectrum sharing rules and licensing are part of the policy."
    )
    topics = find_topics(title, body)
    assert topics[0].name == "Spectrum"
    assert "spectrum" in topics[0].phrases
    assert len(topics) <= 4


def test_organisation_shaped_names_are_discovered_without_junk():
    title = "Key Takeaways from the 6G week"
    body = (
        "The Baltic Radio Promotion Association and the Ministry of Science and ICT of "
        "Korea opened a testbed. Matti Latva-aho, Academy Professor and Director, spoke.\n\n"
        "Strategic Insight\n\nDaily Brief Editorial"
    )
    names = {o.canonical for o in find_organisations(title, body)}
    assert "Baltic Radio Promotion Association" in names
    assert "MSIT" in names  # the gazetteer knows this ministry by its full name
    assert not names & {
        "Key Takeaways",
        "Matti Latva-aho",
        "Academy Professor",
        "Strategic Insight",
    }


def test_a_name_inside_a_known_name_is_not_a_second_organisation():
    body = "The IMT-2030 (6G) Promotion Group met. The Promotion Group said it would meet again."
    assert [o.canonical for o in find_organisations("", body)] == ["IMT-2030 (6G) Promotion Group"]


def test_salience_title_lead_or_repeated_without_a_named_subject_versus_mentioned():
    title = "NGMN publishes 6G requirements"
    lead = "The NGMN Alliance published its requirements for 6G on Monday, after a long review."
    body = (
        f"{lead}\n\n"
        + "Filler sentence about networks and operators that pads the lead out. " * 4
        + "\n\nThe work feeds into 3GPP. ETSI, ETSI and ETSI were also named here."
    )
    found = {o.canonical: o for o in find_organisations(title, body)}
    assert found["NGMN"].salient and found["NGMN"].where == "title"
    assert not found["3GPP"].salient and found["3GPP"].where == "body"
    # named three times, but the headline names the subject: background
    assert not found["ETSI"].salient
    # with a headline and lead that name no organisation, it is the subject
    body = "Filler sentence about networks and operators that pads the lead out. " * 4
    body += "\n\nThe work feeds into 3GPP. ETSI, ETSI and ETSI were also named here."
    found = {o.canonical: o for o in find_organisations("New 6G requirements", body)}
    assert found["ETSI"].salient and found["ETSI"].role == "named throughout"
    assert not found["3GPP"].salient
