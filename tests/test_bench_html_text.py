"""The html-text development set (bench/labels/html-text/): thirty HTML pages
written for the bench on as many platforms, each with its article body marked,
its language, platform and half; every marked paragraph is on its page."""

import json
from collections import Counter

from bench.extraction import HTML_TEXT, html_text_label_problems, load_html_text


def test_every_page_of_the_html_text_set_is_labelled_and_its_body_is_on_the_page():
    assert html_text_label_problems() == []
    labels = json.loads((HTML_TEXT / "bodies.json").read_text(encoding="utf-8"))
    assert len(labels) == 30
    assert Counter(label["half"] for label in labels.values()) == {"A": 15, "B": 15}
    assert len({label["language"] for label in labels.values()}) >= 12
    assert len({label["platform"] for label in labels.values()}) == 30
    pages, truth, folds = load_html_text()
    assert set(pages) == set(truth) == set(folds)
    assert all("\ufffd" not in page for page in pages.values())  # every charset read


def test_a_label_problem_is_reported(tmp_path):
    page = "<html><body><nav>Home</nav><p>The two groups signed the agreement.</p></body></html>"
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "b.html").write_text(page)
    good = {"language": "en", "platform": "x", "half": "A"}
    labels = {
        "a.html": {**good, "articleBody": "The two groups signed the agreement.\n\nNot there."},
        "c.html": {**good, "articleBody": "x"},
    }
    (tmp_path / "bodies.json").write_text(json.dumps(labels))
    assert html_text_label_problems(tmp_path) == [
        "b.html: not labelled",
        "c.html: no such file",
        "a.html: body paragraph not on the page: 'Not there.'",
    ]
