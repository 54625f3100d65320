"""The user's five real articles come out clean, with the right metadata."""

from __future__ import annotations

import pytest

from indexer.extract import extract_file
from indexer.extract.reading import SourceFile

from .conftest import REPO


def extract(name_prefix: str):
    path = next((REPO / "corpus").glob(f"{name_prefix}_*.txt"))
    return extract_file(SourceFile(path, path.name))[1]


def raw_lines(name_prefix: str) -> list[str]:
    path = next((REPO / "corpus").glob(f"{name_prefix}_*.txt"))
    return [" ".join(ln.split()) for ln in path.read_text("utf-8").splitlines() if ln.strip()]


def test_seed_corpus_is_the_users_files_unchanged():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in shared.iterdir():
        assert (REPO / "corpus" / seed.name).read_bytes() == seed.read_bytes()


# Lines the issue names as clutter, per seed.
CLUTTER = {
    "002": [
        "Growing City",
        "Smart City",
        "Green City",
        "Social City",
        "New European Bauhaus",
        "ECP 2021 Winner",
        "follow us on Facebook",
    ],
    "003": [
        "Text:AAAPrint",
        "ECNS App Download",
        "Related news",
        "MorePhoto",
        "Most popular",
        "MoreTop news",
        "Copyright",
        "All rights reserved",
        "京ICP",
        "公網安備",
        "玉林市",
        "Back to top",
        "Privacy Policy",
    ],
    "004": [
        "Commercial airplane soaring",
        "Share Article",
        "Related Articles",
        "No related articles found",
        "China Daily Brief Editorial",
    ],
}


@pytest.mark.parametrize("seed", sorted(CLUTTER))
def test_clutter_lines_are_gone(seed):
    text = extract(seed).text
    for clutter in CLUTTER[seed]:
        assert clutter not in text, f"{clutter!r} left in seed {seed}"


# Every body paragraph stays: each long sentence line of the raw file is in the text.
BODY_EXCEPTIONS = {
    "follow us on",
    "All rights reserved",
    "主站蜘蛛池模板",
    "symbolizes",
    "Back to top",
}


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_body_paragraph_stays(seed):
    article = extract(seed)
    text = " ".join(article.text.split())
    for line in raw_lines(seed):
        if line == article.title:
            continue
        if len(line.split()) >= 12 and not any(e in line for e in BODY_EXCEPTIONS):
            assert line in text, f"body paragraph lost from seed {seed}: {line[:60]}"


def test_short_body_lines_that_matter_stay():
    assert "• Vision of 6G communication systems and networks." in extract("000").text
    assert "Who are the two parties?" in extract("002").text
    assert "What does the MoU entail?" in extract("002").text
    assert "Key Takeaways" in extract("004").text
    assert (
        "However, he expressed confidence in overcoming current challenges." in extract("003").text
    )


def test_repeated_title_lines_collapse_to_one_title():
    article = extract("002")
    assert article.title == "Finland and Japan team up to develop 6G technology"
    assert "team up to develop 6G technology" not in article.text
    assert "Japan and Finland will work together" not in article.text


@pytest.mark.parametrize(
    "seed,title",
    [
        (
            "001",
            "5G-ACIA and 6G Smart Networks and Services Industry Association (6G-IA) Sign "
            "Memorandum of Understanding to Strengthen Cooperation on Industrial Connectivity",
        ),
        ("003", "China to deepen cooperation in 6G with EU, South Korea, and India"),
        ("004", "China Mobilizes Provinces to Fast-Track 6G Integration with Future Industries"),
    ],
)
def test_titles(seed, title):
    assert extract(seed).title == title


def test_article_without_headline_gets_its_opening_clause_as_title():
    title = extract("000").title
    assert title.startswith("The 6G Smart Networks and Services Industry Association (6G-IA)")
    assert "2 June 2022" not in title


@pytest.mark.parametrize(
    "seed,expected",
    [
        ("000", "2022-06-02"),
        ("001", "2026-05-07"),
        ("002", None),
        ("003", "2025-04-18"),
        ("004", None),
    ],
)
def test_dates(seed, expected):
    found = extract(seed).date
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    "seed,orgs",
    [
        ("000", {"6G-IA", "IMT-2030 (6G) Promotion Group"}),
        ("001", {"6G-IA", "5G-ACIA"}),
        ("002", {"B5GPC", "6G Flagship"}),
        ("003", {"MIIT"}),
        ("004", {"MIIT"}),
    ],
)
def test_organisations_are_canonical(seed, orgs):
    found = extract(seed).organisations
    assert orgs <= set(found)
    assert "6G Smart Networks and Services Industry Association" not in found
    assert "Key Takeaways" not in found


def test_organisations_lead_with_the_most_mentioned():
    assert set(extract("001").organisations[:2]) == {"6G-IA", "5G-ACIA"}


@pytest.mark.parametrize(
    "seed,topic",
    [
        ("000", "Partnerships and MoUs"),
        ("001", "Partnerships and MoUs"),
        ("002", "Partnerships and MoUs"),
        ("003", "Policy and regulation"),
        ("004", "Policy and regulation"),
    ],
)
def test_topics(seed, topic):
    topics = extract(seed).topics
    assert topic in topics and 1 <= len(topics) <= 4
