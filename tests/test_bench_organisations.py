"""The organisation development set (bench/organisations/) is consistent."""

import tomllib

import pytest

from bench.organisations import SETS, load_labels, problems


@pytest.mark.parametrize(
    ("number", "pages"), [(1, 64), (2, 40), (3, 15), (4, 21), (5, 36), (6, 22)]
)
def test_labels_cover_every_page_once(number, pages):
    labels_file, folder, splits = SETS[number]
    labels = load_labels(labels_file)
    assert len(labels) == pages
    assert problems(labels, folder, splits) == []
    assert {label["split"] for label in labels.values()} == set(splits)


def test_a_set_2_page_with_a_set_1_split_is_caught():
    labels_file, folder, splits = SETS[2]
    labels = load_labels(labels_file)
    labels["en_mou_stc_nokia.txt"]["split"] = "tune"
    assert problems(labels, folder, splits) == ["en_mou_stc_nokia.txt: split is 'tune'"]


def test_a_broken_label_set_is_caught(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Nokia and Ericsson sign an MoU.", encoding="utf-8")
    (pages / "unlabelled.html").write_text("<p>6G</p>", encoding="utf-8")
    labels_file = tmp_path / "labels.toml"
    labels_file.write_text(
        '[files."a.txt"]\nsplit = "train"\n'
        'about = [["Nokia"], ["Ericsson"]]\nmentions = [["NOKIA", "Nokia Bell Labs"]]\n'
        '[files."gone.txt"]\nsplit = "tune"\nabout = []\nmentions = []\n',
        encoding="utf-8",
    )
    labels = tomllib.loads(labels_file.read_text(encoding="utf-8"))["files"]
    assert problems(labels, pages) == [
        "gone.txt: no such page",
        "unlabelled.html: page without labels",
        "a.txt: split is 'train'",
        "a.txt: NOKIA listed twice",
    ]
