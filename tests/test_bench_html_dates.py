"""The HTML date set (bench/labels/html-dates/): forty small news and press pages
written for the bench, each from a different kind of site, every page labelled
with its day (or null), language, CMS, trap and half, the halves even."""

import json
from collections import Counter
from datetime import date

from bench.metadata import HTML_DATES, html_date_label_problems, html_date_pages


def _labels() -> dict:
    return json.loads((HTML_DATES / "labels.json").read_text(encoding="utf-8"))


def test_every_page_of_the_html_date_set_is_labelled():
    assert html_date_label_problems() == []
    labels = _labels()
    assert len(labels) == 40
    assert Counter(label["half"] for label in labels.values()) == {"A": 20, "B": 20}
    languages = Counter(label["language"] for label in labels.values())
    assert len(languages) >= 15 and languages["en"] <= 20
    assert len({label["cms"] for label in labels.values()}) >= 30
    assert 2 <= sum(label["date"] is None for label in labels.values()) <= 6
    for name in labels:
        assert 3_000 <= (HTML_DATES / name).stat().st_size <= 15_000, name


def test_a_label_problem_is_reported(tmp_path):
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "b.html").write_text("<html></html>")
    good = {"date": None, "language": "en", "cms": "x", "trap": "x", "half": "A"}
    labels = {"a.html": {**good, "date": "3 March 2025"}, "c.html": good}
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    assert html_date_label_problems(tmp_path) == [
        "b.html: not labelled",
        "c.html: no such file",
        "a.html: date '3 March 2025' is not YYYY-MM-DD or null",
    ]


def test_a_page_s_own_url_is_removed_before_it_is_scored():
    labels = _labels()
    with_url = [name for name, label in labels.items() if label.get("url")]
    assert with_url
    pages = {page["key"]: page for page in html_date_pages()}
    for name in with_url:
        assert labels[name]["url"] in (HTML_DATES / name).read_text(encoding="utf-8")
        assert labels[name]["url"] not in pages[name]["html"]
        assert 'rel="canonical"' not in pages[name]["html"]
    assert all(
        page["date"] == (date.fromisoformat(labels[k]["date"]) if labels[k]["date"] else None)
        for k, page in pages.items()
    )
