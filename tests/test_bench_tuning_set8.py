"""The eighth tuning set (bench/labels/text-titles8/): whole pages copied from a
browser (Chromium's innerText) from kinds of site the other sets do not use: a
research council, a Latin American ministry, a Nordic university, a satellite
operator, a consultancy, blog and newsletter platforms, a podcast, a conference
recap... Labelled like set 3 (the same checker); it shares no headline with the
other sets."""

import hashlib
from collections import Counter

from bench.metadata import BLIND_TEXTS, TEXT_TITLES, TUNE_TEXTS
from tests.test_bench_tuning_set3 import label_problems
from tests.test_bench_tuning_set4 import TUNE4, _labels

TUNE7 = TUNE_TEXTS.parent / "text-titles7"
TUNE8 = TUNE_TEXTS.parent / "text-titles8"


def test_every_page_of_the_eighth_tuning_set_is_labelled():
    assert label_problems(TUNE8) == []
    labels = list(_labels(TUNE8).values())
    assert len(labels) == 20
    assert {label["shape"] for label in labels} == {"browser copy"}
    languages = Counter(label["language"] for label in labels)
    assert languages["en"] == 14 and set(languages) == {"en", "de", "fr", "ja", "zh", "ko", "es"}
    assert Counter(label["half"] for label in labels) == {"A": 10, "B": 10}
    assert any(label["date"] is None for label in labels)


def test_the_eighth_tuning_set_shares_no_headline_with_the_other_sets():
    mine = {label["title"] for label in _labels(TUNE8).values()}
    for folder in (TEXT_TITLES, TUNE_TEXTS, TUNE4, TUNE7):
        assert not mine & {label["title"] for label in _labels(folder).values()}

    # The blind set is compared by digest and only counted: it is never shown.
    def digest(title: str) -> str:
        return hashlib.sha256(" ".join(title.split()).encode()).hexdigest()

    blind = {digest(label["title"]) for label in _labels(BLIND_TEXTS).values()}
    assert sum(digest(t) in blind for t in mine) == 0
