"""The organisation development set (bench/organisations/) is consistent."""

import tomllib

from bench.organisations import load_labels, problems


def test_labels_cover_every_page_once():
    labels = load_labels()
    assert len(labels) == 64
    assert problems(labels) == []
    assert {label["split"] for label in labels.values()} == {"tune", "heldout"}


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
