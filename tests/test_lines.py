"""Line rules both cleaners share (lines.py with clutter.toml)."""

from __future__ import annotations

import pytest

from indexer.extract.lines import clutter_kind


@pytest.mark.parametrize(
    "line",
    [
        "Delegates at the signing in Brussels on Tuesday. (AP Photo/Jane Doe)",
        "The testbed on the university campus in Oulu (Reuters)",
        "Nogales, Ariz. (AP)",
    ],
)
def test_a_caption_credited_to_an_agency_goes(line):
    assert clutter_kind(line) == "image-caption"


@pytest.mark.parametrize(
    "line",
    [
        # an abbreviation that reads like an agency's name when case is ignored
        "Der Zugang zu den Daten der elektronischen Patientenakte (ePA)",
        # a dateline standing alone, as a copy with one text node per line gives it
        "ST. JOSEPH, Mich. (AP)",
        "BONN (AFP)",
    ],
)
def test_an_abbreviation_or_a_dateline_is_no_credit(line):
    assert clutter_kind(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "The testbed links two buildings on the campus in Oulu with a radio ... more",
        "The testbed links two buildings on the campus in Oulu with a radio … Read more",
        "The operator posted photos of the first sub-terahertz link on the roof… See more",
        "The testbed links two buildings on the campus in Oulu with a radio link. less",
        "The testbed links two buildings on the campus in Oulu with a radio link. Show less",
    ],
)
def test_a_text_toggle_goes(line):
    assert clutter_kind(line) == "expandable-caption"


def test_a_sentence_that_ends_in_more_stays():
    line = "Operators say the new band will let them serve ten times more."
    assert clutter_kind(line) is None
