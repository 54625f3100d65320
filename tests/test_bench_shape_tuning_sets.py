"""The tuning sets of one text shape each, written from many kinds of site and
labelled like set 3 (the same checker); none shares a headline with another set.

* set 7 (bench/labels/text-titles7/): whole pages copied one text node per line
  (menus a word a line, breadcrumbs with their separators, headlines split where a
  link or an emphasis starts, bylines and dates in pieces);
* set 8 (bench/labels/text-titles8/): whole pages copied from a browser (Chromium's
  innerText) from kinds of site the other sets do not use: a research council, a
  Latin American ministry, a Nordic university, a satellite operator, a
  consultancy, blog and newsletter platforms, a podcast, a conference recap...;
* set 10 (bench/labels/text-titles10/): browser copies again, from yet other kinds
  of site (investor relations, city and regional governments, an embassy, space
  agencies, a patent office, news portals in Portuguese, Turkish, Arabic and
  Hindi, a wiki page, an event listing, a video page, a PDF viewer...);
* set 11 (bench/labels/text-titles11/): node per line again, from kinds of site
  sets 3, 4 and 7 do not use (a trade fair, a tech magazine, investor relations,
  a webinar, a municipality, a space agency, a law firm, a forum thread, an
  embassy, a chamber of commerce, a parliament, an analyst firm...), half of them
  in nine languages other than English; CJK headlines split mid-phrase and a
  trademark node keep the node breaks as spaces in the label."""

import hashlib
from collections import Counter

import pytest

from bench.metadata import BLIND_TEXTS, TEXT_TITLES, TUNE_TEXTS
from tests.test_bench_tuning_set3 import label_problems
from tests.test_bench_tuning_set4 import TUNE4, _labels

TUNE7 = TUNE_TEXTS.parent / "text-titles7"
TUNE8 = TUNE_TEXTS.parent / "text-titles8"
TUNE10 = TUNE_TEXTS.parent / "text-titles10"
TUNE11 = TUNE_TEXTS.parent / "text-titles11"
SETS = {
    TUNE7: "node per line",
    TUNE8: "browser copy",
    TUNE10: "browser copy",
    TUNE11: "node per line",
}
# How many pages each set has and the languages it is written in.
SIZES = {TUNE7: 20, TUNE8: 20, TUNE10: 24, TUNE11: 20}
LANGUAGES = {
    TUNE7: {"en": 14, "de": 1, "fr": 1, "ja": 1, "zh": 1, "ko": 1, "es": 1},
    TUNE8: {"en": 14, "de": 1, "fr": 1, "ja": 1, "zh": 1, "ko": 1, "es": 1},
    TUNE10: {"en": 11, "ja": 2}
    | dict.fromkeys(("de", "fr", "zh", "pt", "tr", "ar", "ko", "hi", "ca", "it", "nl"), 1),
    TUNE11: {"en": 10, "ja": 2}
    | dict.fromkeys(("pt", "nl", "zh", "pl", "ko", "de", "fr", "es"), 1),
}


@pytest.mark.parametrize("folder", SETS, ids=lambda folder: folder.name)
def test_every_page_of_a_shape_s_tuning_set_is_labelled(folder):
    assert label_problems(folder) == []
    labels = list(_labels(folder).values())
    assert len(labels) == SIZES[folder]
    assert {label["shape"] for label in labels} == {SETS[folder]}
    assert Counter(label["language"] for label in labels) == LANGUAGES[folder]
    half = SIZES[folder] // 2
    assert Counter(label["half"] for label in labels) == {"A": half, "B": half}
    assert any(label["date"] is None for label in labels)


@pytest.mark.parametrize("folder", SETS, ids=lambda folder: folder.name)
def test_a_shape_s_tuning_set_shares_no_headline_with_the_other_sets(folder):
    mine = {label["title"] for label in _labels(folder).values()}
    others = [TEXT_TITLES, TUNE_TEXTS, TUNE4, *(f for f in SETS if f != folder)]
    for other in others:
        assert not mine & {label["title"] for label in _labels(other).values()}

    # The blind set is compared by digest and only counted: it is never shown.
    def digest(title: str) -> str:
        return hashlib.sha256(" ".join(title.split()).encode()).hexdigest()

    blind = {digest(label["title"]) for label in _labels(BLIND_TEXTS).values()}
    assert sum(digest(t) in blind for t in mine) == 0


TUNE12 = TUNE_TEXTS.parent / "text-titles12"
MIX12 = {"browser copy": 22, "text-mode dump": 6, "node per line": 5, "markdown": 4}
MIX12 |= {"e-mail forward": 3}


def test_tuning_set_12_follows_blind_set_9_s_recipe():
    """Forty whole pages in blind set 9's mix of shapes and languages, half A/B."""
    assert label_problems(TUNE12) == []
    labels = list(_labels(TUNE12).values())
    assert Counter(label["shape"] for label in labels) == MIX12
    languages = Counter(label["language"] for label in labels)
    assert languages["en"] == 24 and len(languages) >= 11
    assert Counter(label["half"] for label in labels) == {"A": 20, "B": 20}
    assert sum(label["date"] is None for label in labels) >= 3
    for folder in (TEXT_TITLES, TUNE_TEXTS, TUNE4, *SETS):
        assert not {lb["title"] for lb in labels} & {lb["title"] for lb in _labels(folder).values()}


TUNE13 = TUNE_TEXTS.parent / "text-titles13"


def test_tuning_set_13_follows_the_same_recipe_from_other_kinds_of_site():
    """Forty more whole pages in the same mix, 24 English and 16 in 14 other languages."""
    assert label_problems(TUNE13) == []
    labels = list(_labels(TUNE13).values())
    assert Counter(label["shape"] for label in labels) == MIX12
    languages = Counter(label["language"] for label in labels)
    assert languages["en"] == 24 and len(languages) == 15
    assert Counter(label["half"] for label in labels) == {"A": 20, "B": 20}
    assert sum(label["date"] is None for label in labels) >= 3
    for folder in (TEXT_TITLES, TUNE_TEXTS, TUNE4, TUNE12, *SETS):
        assert not {lb["title"] for lb in labels} & {lb["title"] for lb in _labels(folder).values()}
