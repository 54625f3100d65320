"""bench/train_titles.py: the learned title ranker's leave-one-set-out bench, run on a
tiny set of pages written here (the real groups take minutes)."""

import json

import numpy as np

from bench import train_titles
from bench.metadata import BLIND_SETS

MENU = "Home\nNews\nEvents\nAbout us\nContact\nCareers\n\n"
BODY = (
    "The {what} test bed in {city} opened on Monday with forty partners from industry "
    "and academia, the university said in a statement.\n\n"
    "Researchers will use the {what} range to try radios above 100 GHz and to measure "
    "how the new links behave in rain, fog and city streets over the next three years.\n"
)


def _page(what: str, city: str, furniture: str) -> str:
    headline = f"{city} opens a {what} test bed for terahertz radios"
    return f"{MENU}{furniture}\n\n{headline}\n\nBy Ann Lee\n\n" + BODY.format(what=what, city=city)


def _group(furniture: str) -> list[dict]:
    places = [("6G", "Oulu"), ("sub-THz", "Dresden"), ("radio", "Bristol"), ("link", "Turin")]
    return [
        train_titles.record(
            _page(what, city, furniture), [f"{city} opens a {what} test bed for terahertz radios"]
        )
        for what, city in places
    ]


def test_the_bench_scores_each_group_on_a_ranker_trained_on_the_others(capsys):
    recorded = {
        "breadcrumbs": [train_titles.featurize(p) for p in _group("Home » News » Research")],
        "back links": [train_titles.featurize(p) for p in _group("Back to News")],
        "unreachable": [
            train_titles.featurize(train_titles.record(_page("6G", "Oulu", "Share"), ["Nowhere"]))
        ],
    }
    page = recorded["breadcrumbs"][0]
    assert page["x"].shape[1] == len(train_titles.FEATURES) + 1  # and the rule chain's pick
    assert page["y"].sum() == 1 and page["right"]
    train_titles.leave_one_out(recorded)
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in out[1:]}
    assert rows["breadcrumbs"][1:3] == ["4", "0"]  # pages, unreachable
    assert rows["breadcrumbs"][3:5] == ["1.000", "4"]  # the rule chain: all right
    assert rows["unreachable"][1:3] == ["1", "1"]
    assert rows["total"][1] == "9"


def test_the_fitted_ranker_prefers_the_headline_to_the_furniture_above_it():
    pages = [train_titles.featurize(p) for p in _group("Back to News") + _group("Press room")]
    w = train_titles.fit(pages, train_titles.NO_RULE)
    for page in pages:
        best = int(np.argmax(train_titles.scores(page, w, train_titles.NO_RULE)))
        assert page["y"][best], page["picks"][best]


def test_no_blind_set_is_a_group():
    named = {folder.name for folder in BLIND_SETS}
    assert not named & set(train_titles.GROUPS)


def test_a_real_set_is_a_group_of_its_pages_with_a_headline(tmp_path):
    """--real DIR: a set kept outside the repository (bench.metadata.real_pages) is one
    more group; its pages that show no headline have no title to rank."""
    (tmp_path / "pages").mkdir()
    with_headline = _page("6G", "Oulu", "Home » News")
    (tmp_path / "pages" / "1.txt").write_text(with_headline, encoding="utf-8")
    (tmp_path / "pages" / "2.txt").write_text(BODY.format(what="6G", city="Oulu"))
    labels = {
        "1.txt": {"title": "Oulu opens a 6G test bed for terahertz radios", "date": None},
        "2.txt": {"title": None, "date": None},
    }
    (tmp_path / "labels-1.json").write_text(json.dumps(labels))
    assert train_titles.group_texts(str(tmp_path)) == [
        (with_headline, ["Oulu opens a 6G test bed for terahertz radios"])
    ]
