"""The third tuning set of whole pages (bench/labels/text-titles3/) is labelled:
every file has a title that is in its text, a day or null, a shape, a language,
a trap and an alternating half, and it shares no headline with the other sets."""

import hashlib
import json
from pathlib import Path

from bench.metadata import BLIND_SHAPES, BLIND_TEXTS, TEXT_TITLES, blind_label_problems

TUNE3 = Path(__file__).resolve().parent.parent / "bench" / "labels" / "text-titles3"


def label_problems(folder: Path) -> list[str]:
    """The blind set's checks, plus a half that alternates A, B in file order."""
    problems = blind_label_problems(folder)
    labels = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
    for i, name in enumerate(sorted(labels)):
        if labels[name].get("half") != "AB"[i % 2]:
            problems.append(f"{name}: half {labels[name].get('half')!r}, not {'AB'[i % 2]!r}")
    return problems


def _labels(folder: Path) -> dict:
    return json.loads((folder / "titles.json").read_text(encoding="utf-8"))


def test_every_page_of_the_tuning_set_is_labelled():
    assert label_problems(TUNE3) == []
    labels = _labels(TUNE3)
    assert len(labels) == 40
    assert {label["shape"] for label in labels.values()} == set(BLIND_SHAPES)
    assert len({label["language"] for label in labels.values()}) >= 8
    assert any(label["date"] is None for label in labels.values())


def test_the_tuning_set_shares_no_headline_with_the_other_sets():
    mine = {label["title"] for label in _labels(TUNE3).values()}
    assert not mine & {label["title"] for label in _labels(TEXT_TITLES).values()}

    # The blind set is compared by digest and only counted: it is never shown.
    def digest(title: str) -> str:
        return hashlib.sha256(" ".join(title.split()).encode()).hexdigest()

    blind = {digest(label["title"]) for label in _labels(BLIND_TEXTS).values()}
    assert sum(digest(t) in blind for t in mine) == 0


PAGE = "Home\nNews\nOperators sign a 6G pact\nMarch 4, 2025\nTwo operators signed a pact on 6G."
GOOD = {"title": "Operators sign a 6G pact", "date": "2025-03-04", "shape": "browser copy"}
GOOD |= {"language": "en", "trap": "menu"}


def test_a_broken_tuning_set_is_caught(tmp_path):
    labels = {
        "01.txt": {**GOOD, "half": "A"},
        "02.txt": {**GOOD, "half": "A"},
        "03.txt": {**GOOD, "half": "A", "title": "Operators sign a 7G pact"},
        "04.txt": {**GOOD, "half": "B", "shape": "pdf"},
    }
    (tmp_path / "titles.json").write_text(json.dumps(labels), encoding="utf-8")
    for name in labels:
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    assert label_problems(tmp_path) == [
        "03.txt: title not in the text",
        "04.txt: unknown shape 'pdf'",
        "02.txt: half 'A', not 'B'",
    ]


def test_the_tuning_report_shows_halves_shapes_and_its_wrong_pages(tmp_path, capsys):
    from bench.metadata import report_tune3

    page = "Home\nNews\nOperators sign a 6G pact\nMarch 4, 2025\nTwo operators signed a pact on 6G."
    good = {"title": "Operators sign a 6G pact", "date": "2025-03-04", "shape": "browser copy"}
    good |= {"language": "en", "trap": "menu"}
    labels = {"a.txt": {**good, "half": "A"}, "b.txt": {**good, "date": None, "half": "B"}}
    (tmp_path / "titles.json").write_text(json.dumps(labels), encoding="utf-8")
    for name in labels:
        (tmp_path / name).write_text(page, encoding="utf-8")
    report_tune3(10, tmp_path)
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith("sixg-search")]
    assert [row[3] for row in rows] == ["all", "A", "B", "browser"]
    assert [row[5] for row in rows[:3]] == ["0.500", "1.000", "0.000"]
    assert "1 wrong dates" in out and "b.txt" in out and "a.txt" not in out
