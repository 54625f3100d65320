"""The blind sets of whole pages (bench/labels/text-titles2/, text-titles5/,
text-titles9/ and text-titles14/) are labelled, and their report shows summary
figures, never a page."""

import hashlib
import json
from datetime import date

import pytest

from bench.metadata import (
    BLIND_SETS,
    BLIND_SHAPES,
    BLIND_TEXTS,
    BLIND_TEXTS5,
    BLIND_TEXTS9,
    BLIND_TEXTS14,
    blind_label_problems,
    blind_texts,
    report_blind,
)


def test_every_page_of_the_blind_set_is_labelled_with_title_date_and_shape():
    assert blind_label_problems() == []
    pages = blind_texts()
    assert len(pages) == 40
    assert {p["fold"] for p in pages} == set(BLIND_SHAPES)
    assert all(p["date"] is None or isinstance(p["date"], date) for p in pages)
    assert any(p["date"] is None for p in pages)


def _write_set(folder, labels, texts):
    folder.mkdir()
    (folder / "titles.json").write_text(json.dumps(labels), encoding="utf-8")
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


GOOD = {"title": "Operators sign a 6G pact", "date": "2025-03-04", "shape": "browser copy"}
GOOD |= {"language": "en", "trap": "menu"}
PAGE = "Home\nNews\nOperators sign a 6G pact\nMarch 4, 2025\nTwo operators signed a pact on 6G."


def test_a_broken_blind_set_is_caught(tmp_path):
    labels = {
        "a.txt": GOOD,
        "b.txt": {**GOOD, "date": "4 March 2025"},
        "c.txt": {k: v for k, v in GOOD.items() if k != "shape"},
        "d.txt": {**GOOD, "title": "Another headline"},
        "gone.txt": GOOD,
    }
    texts = {name: PAGE for name in ("a.txt", "b.txt", "c.txt", "d.txt", "unlabelled.txt")}
    _write_set(tmp_path / "set", labels, texts)
    assert blind_label_problems(tmp_path / "set") == [
        "unlabelled.txt: not labelled",
        "gone.txt: no such file",
        "b.txt: date '4 March 2025' is not YYYY-MM-DD or null",
        "c.txt: no shape",
        "d.txt: title not in the text",
    ]


def test_the_blind_report_prints_summary_figures_and_never_a_page(tmp_path, capsys):
    labels = {"first-page.txt": GOOD, "second-page.txt": {**GOOD, "shape": "node per line"}}
    _write_set(tmp_path / "set", labels, {name: PAGE for name in labels})
    report_blind(tmp_path / "set")
    out = capsys.readouterr().out
    assert "BLIND" in out and "never shown per page" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("sixg-search")]
    assert [row[3] for row in rows] == ["all", "browser", "node"]
    assert "first-page" not in out and "second-page" not in out
    assert "Operators sign" not in out


def test_the_blind_set_is_not_the_tuning_set():
    assert BLIND_TEXTS.name == "text-titles2"
    tuning = json.loads((BLIND_TEXTS.parent / "text-titles" / "titles.json").read_text())
    blind = json.loads((BLIND_TEXTS / "titles.json").read_text())
    assert not {label["title"] for label in tuning.values()} & {
        label["title"] for label in blind.values()
    }


def _digests(folder) -> set[str]:
    """A set's headlines as digests: a blind title is compared, never shown."""
    labels = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
    titles = (" ".join(label["title"].split()) for label in labels.values())
    return {hashlib.sha256(title.encode()).hexdigest() for title in titles}


@pytest.mark.parametrize(
    "folder", [BLIND_TEXTS5, BLIND_TEXTS9, BLIND_TEXTS14], ids=lambda f: f.name
)
def test_every_page_of_the_later_blind_sets_is_labelled_and_shares_no_headline(folder):
    assert folder in BLIND_SETS
    assert blind_label_problems(folder) == []
    pages = blind_texts(folder)
    assert len(pages) == 40
    assert {p["fold"] for p in pages} == set(BLIND_SHAPES)
    assert any(p["date"] is None for p in pages)
    labels = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
    assert len({label["language"] for label in labels.values()}) >= 10
    mine = _digests(folder)
    assert len(mine) == 40
    others = sorted(p for p in folder.parent.glob("text-titles*") if p != folder)
    assert sum(len(mine & _digests(other)) for other in others) == 0
