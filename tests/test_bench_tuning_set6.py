"""The sixth tuning set (bench/labels/text-titles6/): e-mail forwards of 6G press
releases as people paste them from Outlook (English, German, French and Spanish
headers), Gmail, Apple Mail and Thunderbird, nested and quoted, with and without a
date of their own, under embargo, with events' dates in the text. Labelled like set 3
(the same checker); the day is the release's own, else the day its original sender
sent it, never the outer forward's."""

import hashlib

from bench.metadata import BLIND_TEXTS, TEXT_TITLES, TUNE_TEXTS
from tests.test_bench_tuning_set3 import _labels, label_problems

TUNE6 = TUNE_TEXTS.parent / "text-titles6"


def test_every_forward_of_the_sixth_tuning_set_is_labelled():
    assert label_problems(TUNE6) == []
    labels = _labels(TUNE6)
    assert len(labels) == 16
    assert {label["shape"] for label in labels.values()} == {"e-mail forward"}
    assert {label["language"] for label in labels.values()} == {"en", "de", "fr", "es"}
    assert all(label["date"] for label in labels.values())
    assert [label["half"] for label in labels.values()].count("A") == 8


def test_each_half_holds_each_kind_of_mail():
    """Both halves mix the programs, dated and undated releases and event dates."""
    texts = {name: (TUNE6 / name).read_text(encoding="utf-8") for name in _labels(TUNE6)}
    halves = {name: label["half"] for name, label in _labels(TUNE6).items()}
    kinds = {
        "outlook": lambda t: "Sent:" in t or "Gesendet:" in t or "Envoyé :" in t,
        "gmail": lambda t: "---------- Forwarded message" in t or " wrote:" in t,
        "apple or thunderbird": lambda t: "Begin forwarded" in t or "-------- Forwarded" in t,
        "embargo": lambda t: "EMBARGOED UNTIL" in t,
    }
    for kind, holds in kinds.items():
        assert {halves[name] for name, text in texts.items() if holds(text)} == {"A", "B"}, kind


def test_the_sixth_tuning_set_shares_no_headline_with_the_other_sets():
    mine = {label["title"] for label in _labels(TUNE6).values()}
    for folder in (TEXT_TITLES, TUNE_TEXTS, TUNE_TEXTS.parent / "text-titles4"):
        assert not mine & {label["title"] for label in _labels(folder).values()}

    # The blind set is compared by digest and only counted: it is never shown.
    def digest(title: str) -> str:
        return hashlib.sha256(" ".join(title.split()).encode()).hexdigest()

    blind = {digest(label["title"]) for label in _labels(BLIND_TEXTS).values()}
    assert sum(digest(t) in blind for t in mine) == 0
