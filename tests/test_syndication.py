"""Syndicated copies: found across clutter, re-wrapping and edits; shown once."""

from __future__ import annotations

import textwrap

import pytest

from indexer.search import SearchRequest, get_article, search
from indexer.store import open_searcher
from indexer.sync import sync_index
from indexer.syndication import signature, similarity

from .conftest import REPO

RELEASE = next((REPO / "corpus").glob("001_*.txt")).read_text("utf-8")
BODY = "\n\n".join(p for p in RELEASE.split("\n\n")[2:] if len(p.split()) > 12)


def rewrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, 68) for p in text.split("\n\n"))


def edited(text: str) -> str:
    return text.replace("recently signed", "signed").replace("excellent feedback", "good feedback")


def as_html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title} | ZVEI Press</title></head><body><nav>Home | Press"
        f"</nav><article><h1>{title}</h1>{paragraphs}</article><aside class='related'>"
        "Related: ZVEI annual report</aside><footer>© 2026 ZVEI</footer></body></html>"
    )


@pytest.fixture
def syndicated(corpus_dir, index_dir):
    title = "5G-ACIA and 6G-IA sign MoU on industrial connectivity"
    (corpus_dir / "zvei-copy.html").write_text(as_html(title, edited(BODY)), "utf-8")
    (corpus_dir / "newswire-copy.txt").write_text(
        f"Newswire\nHome | World | Tech\n\n{title}\n\n{rewrapped(BODY)}\n\n"
        "Follow us on Twitter\n© 2026 Newswire. All rights reserved.\n",
        "utf-8",
    )
    sync_index(corpus_dir, index_dir)
    with open_searcher(index_dir) as searcher:
        yield searcher


def test_copies_are_similar_and_different_articles_are_not():
    original = signature(BODY)
    assert similarity(original, signature(rewrapped(BODY))) == 1.0
    assert similarity(original, signature(edited(BODY))) > 0.8
    other_mou = next((REPO / "corpus").glob("000_*.txt")).read_text("utf-8")
    assert similarity(original, signature(other_mou)) < 0.2


def test_results_show_one_article_per_group_with_its_copies(syndicated):
    result = search(syndicated, SearchRequest(q="Willcock"))
    assert result.total == 1
    hit = result.hits[0]
    assert len(hit.copies) == 2
    assert {c.source for c in hit.copies} | {hit.path} >= {"newswire-copy.txt"} or hit.path in (
        "newswire-copy.txt",
        "zvei-copy.html",
        "001_16956a09bc7e4d62.txt",
    )
    every = search(syndicated, SearchRequest(q="Willcock", copies=True))
    assert every.total == 3 and all(h.copies == [] for h in every.hits)


def test_facets_count_groups_not_copies(syndicated):
    grouped = {v.value: v.count for v in search(syndicated, SearchRequest()).facets["org"]}
    copies = {
        v.value: v.count for v in search(syndicated, SearchRequest(copies=True)).facets["org"]
    }
    assert grouped["5G-ACIA"] == 1 and copies["5G-ACIA"] == 3
    assert grouped["6G-IA"] == 2  # 000 and the 001 group
    assert search(syndicated, SearchRequest()).total == 5


def test_article_page_lists_its_copies(syndicated):
    docnum = syndicated.document_number(path="zvei-copy.html")
    article = get_article(syndicated, syndicated.stored_fields(docnum)["id"])
    assert sorted(c.source for c in article.copies)[0] in (
        "001_16956a09bc7e4d62.txt",
        "newswire-copy.txt",
    )
    assert len(article.copies) == 2


def test_pages_and_api_show_copies_and_the_copies_switch(syndicated, tmp_path):
    from web import create_app

    index_dir = syndicated._ix.storage.folder
    client = create_app({"TESTING": True, "INDEX_DIR": index_dir}).test_client()
    html = client.get("/?q=Willcock").get_data(as_text=True)
    assert "Also published by:" in html and "newswire-copy.txt" in html
    assert 'href="/?q=Willcock&amp;copies=1"' in html
    data = client.get("/api/search?q=Willcock").get_json()
    assert data["total"] == 1 and len(data["hits"][0]["copies"]) == 2
    assert client.get("/api/search?q=Willcock&copies=1").get_json()["total"] == 3
    article = client.get(f"/articles/{data['hits'][0]['copies'][0]['id']}").get_data(as_text=True)
    assert "Also published as" in article


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_every_page_holds_one_hit_per_group(syndicated, sort):
    """Copies never appear as hits of their own, on any page or in any order."""
    q = "" if sort != "relevance" else "6G"
    first = search(syndicated, SearchRequest(q=q, sort=sort, page_size=2))
    pages = [
        search(syndicated, SearchRequest(q=q, sort=sort, page_size=2, page=n)).hits
        for n in range(1, first.pages + 2)
    ]
    hits = [h for page in pages for h in page]
    assert len(hits) == first.total and pages[-1] == []
    paths = [h.path for h in hits]
    group = {"001_16956a09bc7e4d62.txt", "newswire-copy.txt", "zvei-copy.html"}
    assert len(group & set(paths)) == 1 and len(paths) == len(set(paths))


def test_exports_list_groups_unless_copies_are_asked_for(syndicated):
    from web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": syndicated._ix.storage.folder}).test_client()
    assert len(client.get("/export.json").get_json()) == 5
    assert len(client.get("/export.json?copies=1").get_json()) == 7
