"""The cooperation map, the timeline, feeds and exports of a search."""

from __future__ import annotations

import csv
import io
import re

import feedparser
import pytest

from web import create_app

from .conftest import seeds_and_generated


@pytest.fixture(scope="module")
def big_client(tmp_path_factory):
    """Seeds plus 120 generated articles over 2018-2026: long spans, many organisations."""
    _, index = seeds_and_generated(tmp_path_factory.mktemp("explore"), 120, seed=3)
    return create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()


def test_map_json_counts_articles_about_both(client):
    data = client.get("/api/map").get_json()
    nodes = {n["name"]: n["count"] for n in data["nodes"]}
    assert nodes["6G-IA"] == 2 and nodes["MIIT"] == 2
    edges = {(e["a"], e["b"]): e["count"] for e in data["edges"]}
    assert edges[("6G-IA", "IMT-2030 (6G) Promotion Group")] == 1
    assert edges[("6G-IA", "5G-ACIA")] == 1 or edges.get(("5G-ACIA", "6G-IA")) == 1
    assert client.get("/api/map?q=Finland").get_json()["edges"] == [
        {"a": "6G Flagship", "b": "B5GPC", "count": 1}
    ]


def test_map_page_draws_links_that_filter(client):
    html = client.get("/map?q=MoU").get_data(as_text=True)
    assert '<svg class="coop-map"' in html
    node = re.search(r'<a href="([^"]+)" class="node" aria-label="6G-IA: 2">', html)
    assert node and "org=6G-IA" in node.group(1)
    edge = re.search(r'<a href="([^"]+)" class="edge" aria-label="6G-IA and ', html)
    both = client.get(edge.group(1).replace("&amp;", "&").replace("/?", "/api/search?"))
    assert both.get_json()["total"] == 1


def test_timeline_by_month_quarter_and_year(client, big_client):
    small = client.get("/api/timeline").get_json()
    assert small["months"][0] == "2022-Q2" and small["months"][-1] == "2026-Q2"  # 48 months
    assert sum(small["total"].values()) == 3  # two seeds are undated
    big = big_client.get("/api/timeline").get_json()
    assert all(re.fullmatch(r"\d{4}(-Q[1-4])?", m) for m in big["months"])
    assert len(big["months"]) <= 36 and len(big["series"]) == 4
    topics = big_client.get("/api/timeline?by=topic").get_json()
    assert topics["series"][0]["name"] in {
        "Research and funding",
        "Standardisation",
        "Trials and pilots",
        "Partnerships and MoUs",
    }
    assert big_client.get("/api/timeline?by=colour").status_code == 400


def test_timeline_on_the_search_page_filters_by_clicking(big_client):
    html = big_client.get("/?q=6G").get_data(as_text=True)
    bars = re.findall(r'<a href="([^"]+)" aria-label="(\d{4}-Q\d|\d{4}(?:-\d\d)?): (\d+)">', html)
    assert len(bars) > 4
    href, period, count = next(b for b in bars if int(b[2]) > 0)
    data = big_client.get(href.replace("&amp;", "&").replace("/?", "/api/search?")).get_json()
    assert data["total"] == int(count)


def test_atom_feed_is_valid_and_follows_the_search(client):
    response = client.get("/feed.atom?org=6G-IA")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert len(titles) == 2 and titles[0].startswith("5G-ACIA and 6G Smart Networks")  # newest
    assert {t.term for t in feed.entries[0].tags} >= {"6G-IA", "5G-ACIA"}
    assert feed.entries[0].link.endswith("/articles/" + feed.entries[0].id.rsplit("/", 1)[1])


def test_exports_carry_the_results_and_their_metadata(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv?q=MoU").get_data(as_text=True))))
    assert len(rows) == 3
    assert rows[0]["title"].startswith("The 6G Smart Networks")
    assert "6G-IA" in rows[0]["organisations"].split("; ")
    data = client.get("/export.json?org=MIIT&sort=oldest").get_json()
    assert [d["date"] for d in data] == ["2025-04-18", None]
    # relative without SIXG_BASE_URL (never from the Host header): see test_security.py
    assert all(d["article_page"] == f"/articles/{d['id']}" for d in data)


def test_search_page_links_to_the_other_views(client):
    html = client.get("/?q=MoU&org=6G-IA").get_data(as_text=True)
    for view in (
        "/map?q=MoU&amp;org=6G-IA",
        "/feed.atom?q=MoU&amp;org=6G-IA",
        "/export.csv?q=MoU&amp;org=6G-IA",
        "/export.json?q=MoU&amp;org=6G-IA",
    ):
        assert view in html


def test_timeline_switches_between_organisations_and_topics(big_client):
    html = big_client.get("/?q=6G").get_data(as_text=True)
    assert "busiest organisations" in html and 'href="/?q=6G&amp;by=topic"' in html
    html = big_client.get("/?q=6G&by=topic").get_data(as_text=True)
    assert "busiest topics" in html and "Research and funding" in html.split("<figcaption>")[1]
