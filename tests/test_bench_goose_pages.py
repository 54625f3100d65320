"""bench/goose_pages.py: real pages in goose's test format (an .html beside a .json
with its address and goose's expected text), scored on pages written here."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from bench import goose_pages
from bench.extraction import browser_texts

from .test_browser import chromium_path

ARTICLE = (
    "The harbour authority switched on a private 6G test network at the ferry terminal "
    "on Tuesday, covering the quays, the ticket hall and the loading ramps."
)
SECOND = (
    "Engineers will carry video from the ramps to the control room over the new radios, "
    "the port's technical director told reporters at the opening."
)


def _page(headline: str, url: str) -> str:
    return (
        f'<html><head><title>{headline}</title><link rel="canonical" href="{url}"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{headline}</h1><p>{ARTICLE}</p><p>{SECOND}</p></article>"
        f'<footer>Share <a href="{url}">{url}</a> · © Port News</footer></body></html>'
    )


@pytest.fixture
def fixtures(tmp_path):
    pages = {
        "test_port": "https://news.example/2012/10/28/harbour-6g-network.html",
        "test_undated": "https://news.example/harbour-6g-network",
    }
    for name, url in pages.items():
        (tmp_path / f"{name}.html").write_text(_page("Harbour goes 6G", url), encoding="utf-8")
        expected = {"final_url": url, "cleaned_text": ARTICLE, "title": "Harbour goes 6G"}
        (tmp_path / f"{name}.json").write_text(json.dumps({"url": url, "expected": expected}))
    (tmp_path / "test_no_json.html").write_text("<p>no expectations</p>", encoding="utf-8")
    return tmp_path


def test_the_address_gives_the_day_and_is_removed_from_the_page(fixtures):
    pages = {page["key"]: page for page in goose_pages.load(fixtures)}
    assert set(pages) == {"test_port", "test_undated", "test_no_json"}
    assert (pages["test_no_json"]["url_day"], pages["test_no_json"]["expected"]) == (None, "")
    assert pages["test_port"]["url_day"] == date(2012, 10, 28)
    assert pages["test_undated"]["url_day"] is None
    assert "2012/10/28" not in pages["test_port"]["html"]
    assert pages["test_port"]["expected"] == ARTICLE


@pytest.mark.parametrize(
    "url, day",
    [
        ("http://www.cnn.com/2010/POLITICS/08/13/x/index.html", None),
        ("http://www.engadget.com/2010/08/18/verizon-fios/", date(2010, 8, 18)),
        ("http://news.donga.com/3/all/20131023/58406128/1", date(2013, 10, 23)),
        ("http://x.example/2013-04-05/story/", date(2013, 4, 5)),
        ("http://x.example/2013/02/30/not-a-day/", None),
    ],
)
def test_url_day(url, day):
    assert goose_pages.url_day(url) == day


def test_the_report_scores_dates_and_the_article_by_half(fixtures, capsys):
    pages = goose_pages.load(fixtures)
    goose_pages.report_dates(pages)
    goose_pages.report_article(pages)
    out = capsys.readouterr().out
    # the page's day is only in its address, which was removed: no system may find it
    assert "dates: 1 pages whose address holds a day" in out
    ours = [line.split() for line in out.splitlines() if line.strip().startswith("sixg-search")]
    assert ours[0][2:4] == ["0/1", "(A"]
    # both pages' article is kept whole (and its opening) by the HTML path; the page
    # with no expectations is not scored
    assert "article: 2 pages" in out
    assert ours[1][2] == "2/2" and ours[1][8] == "2/2"


def test_labels_may_be_keyed_by_path(tmp_path):
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"/x/text/test_port.txt": {"title": "T", "date": None}, "n": 1}))
    assert goose_pages.read_labels(labels) == {"test_port": {"title": "T", "date": None}}


def test_the_command_says_when_the_folder_holds_no_pages(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["goose_pages", str(tmp_path)])
    assert goose_pages.main() == 1
    assert "no .html pages" in capsys.readouterr().err


def test_a_page_that_refreshes_to_elsewhere_still_gives_its_browser_copy():
    """A saved page with a meta refresh (a wire's redirect page) sends Chromium away
    as it loads; the browser copy is the page's own text, not an error."""
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium not found")
        pytest.skip("Chromium not found")
    html = (
        '<html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/gone">'
        f"</head><body><h1>Harbour goes 6G</h1><p>{ARTICLE}</p></body></html>"
    )
    copies = browser_texts({"refresh": html, "plain": _page("Harbour goes 6G", "/x")})
    assert copies["refresh"].startswith("Harbour goes 6G")
    assert ARTICLE in copies["plain"]


def test_odd_expectations_load_or_stop_naming_the_file(tmp_path):
    (tmp_path / "test_a.html").write_text("<p>a</p>", encoding="utf-8")
    bom = b"\xef\xbb\xbf"
    (tmp_path / "test_a.json").write_bytes(bom + json.dumps({"expected": None}).encode())
    (tmp_path / "test_b.html").write_text("<p>b</p>", encoding="utf-8")
    (tmp_path / "test_b.json").write_text("[]", encoding="utf-8")
    assert [p["expected"] for p in goose_pages.load(tmp_path)] == ["", ""]
    (tmp_path / "test_c.html").write_text("<p>c</p>", encoding="utf-8")
    (tmp_path / "test_c.json").write_bytes('{"url": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(SystemExit, match="test_c.json: not JSON"):
        goose_pages.load(tmp_path)


@pytest.fixture
def marked(tmp_path):
    """A page with its whole article marked beside it, as readability's test pages are."""
    (tmp_path / "moz_port.html").write_text(_page("Harbour goes 6G", "/x"), encoding="utf-8")
    article = f"<div><h1>Harbour goes 6G</h1><p>{ARTICLE}</p><p>{SECOND}</p></div>"
    (tmp_path / "moz_port.expected.html").write_text(article, encoding="utf-8")
    return tmp_path


def test_a_marked_article_is_read_and_is_no_page_of_its_own(marked):
    pages = goose_pages.load(marked)
    assert [p["key"] for p in pages] == ["moz_port"]
    assert pages[0]["marked"].splitlines() == ["Harbour goes 6G", ARTICLE, SECOND]
    assert pages[0]["expected"] == ""


def test_without_the_benchmark_s_scorer_marked_pages_are_said_not_scored(
    marked, tmp_path_factory, monkeypatch, capsys
):
    monkeypatch.setattr(goose_pages, "BENCH", tmp_path_factory.mktemp("no-bench"))
    goose_pages.report_article(goose_pages.load(marked))
    assert "article F1: 1 marked pages, not scored: no " in capsys.readouterr().out


def test_marked_articles_are_scored_by_half_for_every_path(marked, capsys):
    if not (goose_pages.BENCH / "score.py").exists():
        pytest.skip("the shared extraction benchmark's scorer is not here")
    if chromium_path() is None:
        pytest.skip("Chromium not found")
    goose_pages.report_article(goose_pages.load(marked))
    rows = {line[:24].strip(): line[24:].split() for line in capsys.readouterr().out.splitlines()}
    half = "A" if goose_pages.fold("moz_port") == "A" else "B"
    for system in ("sixg-search HTML", "trafilatura", "text (browser copy)"):
        figures = dict(zip(rows[system][::2], rows[system][1::2], strict=True))
        assert set(figures) == {"all", half}
        assert float(figures["all"]) > 0.8, system


def test_a_marked_article_that_is_no_text_stops_naming_the_file(marked):
    (marked / "moz_port.expected.html").write_bytes(bytes(range(256)) * 20)
    with pytest.raises(SystemExit, match="moz_port.expected.html: not text"):
        goose_pages.load(marked)
