"""The fourth tuning set (bench/labels/text-titles4/): whole pages as people copy them
from a browser, from many kinds of site (ministries, regulators, research projects,
press rooms, trade press, newspapers, Asian portals). It is labelled like set 3 (the
same checker) and shares no headline with the other sets."""

import hashlib
import json
from pathlib import Path

from bench.metadata import BLIND_TEXTS, TEXT_TITLES, TUNE_TEXTS
from tests.test_bench_tuning_set3 import label_problems

TUNE4 = TUNE_TEXTS.parent / "text-titles4"


def _labels(folder: Path) -> dict:
    return json.loads((folder / "titles.json").read_text(encoding="utf-8"))


def test_every_page_of_the_fourth_tuning_set_is_labelled():
    assert label_problems(TUNE4) == []
    labels = list(_labels(TUNE4).values())
    assert len(labels) == 40
    shapes = [label["shape"] for label in labels]
    assert (shapes.count("browser copy"), shapes.count("node per line")) == (34, 6)
    assert len({label["language"] for label in labels}) >= 8
    assert any(label["date"] is None for label in labels)


def test_the_fourth_tuning_set_shares_no_headline_with_the_other_sets():
    mine = {label["title"] for label in _labels(TUNE4).values()}
    for folder in (TEXT_TITLES, TUNE_TEXTS):
        assert not mine & {label["title"] for label in _labels(folder).values()}

    # The blind set is compared by digest and only counted: it is never shown.
    def digest(title: str) -> str:
        return hashlib.sha256(" ".join(title.split()).encode()).hexdigest()

    blind = {digest(label["title"]) for label in _labels(BLIND_TEXTS).values()}
    assert sum(digest(t) in blind for t in mine) == 0
