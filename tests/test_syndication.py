"""Syndicated copies: found across clutter, re-wrapping and edits; shown once."""

from __future__ import annotations

import re
import textwrap

import pytest

from indexer.index.signatures import signature, similarity
from indexer.index.sync import sync_index
from indexer.search import Generations, SearchRequest, get_article, open_snapshot, search

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
    with open_snapshot(index_dir) as snapshot:
        yield snapshot


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
    assert {c.source or c.path for c in hit.copies} | {hit.article.path} >= {
        "newswire-copy.txt"
    } or hit.article.path in (
        "newswire-copy.txt",
        "zvei-copy.html",
        "001_16956a09bc7e4d62.txt",
    )
    every = search(syndicated, SearchRequest(q="Willcock", copies=True))
    assert every.total == 3 and all(h.copies == [] for h in every.hits)


def test_a_page_reads_its_hits_and_their_copies_in_one_pass(syndicated, monkeypatch):
    """make_hits reads the stored records of the page's hits and of their copies at
    once (one pass over the stored column, not one more per hit): the same hits and
    copies as reading each article on its own."""
    from indexer.index import arrays
    from indexer.search import results
    from indexer.search.results import stored_article

    passes = []
    reading = arrays.stored_records

    def counted(reader, docnums):
        passes.append(list(docnums))
        return reading(reader, docnums)

    monkeypatch.setattr(results, "stored_records", counted)
    syndicated.generation.forget_results()
    result = search(syndicated, SearchRequest(q="Willcock OR 6G"))
    assert len(passes) == 1 and len(passes[0]) == len(result.hits) + 2
    assert sum(len(h.copies) for h in result.hits) == 2
    syndicated.generation.forget_results()
    group = syndicated.generation.copies.others
    for hit in result.hits:
        docnum = syndicated.searcher.document_number(id=hit.article.id)
        assert hit.article == stored_article(syndicated, docnum)
        assert hit.copies == [stored_article(syndicated, d) for d in group(docnum)]


def test_facets_count_groups_not_copies(syndicated):
    grouped = {v.value: v.count for v in search(syndicated, SearchRequest()).facets["org"]}
    copies = {
        v.value: v.count for v in search(syndicated, SearchRequest(copies=True)).facets["org"]
    }
    assert grouped["5G-ACIA"] == 1 and copies["5G-ACIA"] == 3
    assert grouped["6G-IA"] == 2  # 000 and the 001 group
    assert search(syndicated, SearchRequest()).total == 5


def test_article_page_lists_its_copies(syndicated):
    docnum = syndicated.searcher.document_number(path="zvei-copy.html")
    article = get_article(syndicated, syndicated.searcher.stored_fields(docnum)["id"])
    assert sorted(c.source or c.path for c in article.copies)[0] in (
        "001_16956a09bc7e4d62.txt",
        "newswire-copy.txt",
    )
    assert len(article.copies) == 2


def test_pages_and_api_show_copies_and_the_copies_switch(syndicated, index_dir):
    from web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
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
    paths = [h.article.path for h in hits]
    group = {"001_16956a09bc7e4d62.txt", "newswire-copy.txt", "zvei-copy.html"}
    assert len(group & set(paths)) == 1 and len(paths) == len(set(paths))


def test_exports_list_groups_unless_copies_are_asked_for(syndicated, index_dir):
    from web import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    assert len(client.get("/export.json").get_json()) == 5
    assert len(client.get("/export.json?copies=1").get_json()) == 7


def _banded(count: int, seed: int):
    import numpy as np

    from indexer.datafiles import signature_settings

    rng = np.random.default_rng(seed)
    return rng.integers(0, 2**63, size=(count, signature_settings().permutations), dtype=np.uint64)


def test_candidates_are_every_pair_sharing_a_band_when_buckets_are_small():
    import numpy as np

    from indexer.datafiles import grouping_settings
    from indexer.search.copies import _candidate_pairs

    rows, bands = grouping_settings().rows, grouping_settings().bands
    signatures = _banded(300, seed=1)
    rng = np.random.default_rng(2)
    for _ in range(60):  # pairs sharing one random band
        a, b = rng.integers(0, 300, 2)
        band = rng.integers(0, bands)
        signatures[b, band * rows : (band + 1) * rows] = signatures[
            a, band * rows : (band + 1) * rows
        ]
    live = np.ones(300, dtype=bool)
    live[[5, 17]] = False
    expected = {
        (a, b)
        for a in range(300)
        for b in range(a + 1, 300)
        if live[a]
        and live[b]
        and any(
            (
                signatures[a, k * rows : (k + 1) * rows] == signatures[b, k * rows : (k + 1) * rows]
            ).all()
            for k in range(bands)
        )
    }
    found = {tuple(pair) for pair in _candidate_pairs(signatures, live).tolist()}
    assert found == expected and len(expected) > 40


def test_copies_inside_a_boilerplate_bucket_are_still_paired():
    """40 articles share one band (a boilerplate bucket, too big for all pairs):
    it is paired by neighbours only, and a copy among them is still found."""
    import numpy as np

    from indexer.datafiles import grouping_settings
    from indexer.search.copies import ALL_PAIRS_UP_TO, _candidate_pairs

    rows = grouping_settings().rows
    signatures = _banded(200, seed=3)
    signatures[:40, :rows] = 11  # band 0 shared by 40 documents
    signatures[33] = signatures[7]  # a copy
    pairs = {tuple(p) for p in _candidate_pairs(signatures, np.ones(200, dtype=bool)).tolist()}
    assert ALL_PAIRS_UP_TO < 40 and (7, 33) in pairs
    assert len(pairs) < 40 * 39 // 2  # neighbours only, not every pair of the bucket


def test_groups_after_added_articles_equal_a_fresh_computation(
    syndicated, corpus_dir, index_dir, monkeypatch
):
    """A commit that appends articles is bucketed incrementally (the earlier state is
    reused, not recomputed) and groups exactly as a computation from scratch."""
    from bench.corpus import generate
    from indexer.search import copies as syndication

    kept = Generations()  # as the site keeps them, with their LSH buckets
    history = kept.buckets

    def groups(snapshot):
        return syndication.copy_groups(snapshot.reader, snapshot.generation.arrays, history)

    assert len(groups(syndicated)) == 3  # the release and its two copies
    generate(corpus_dir / "more", 30, seed=8)
    title = "5G-ACIA and 6G-IA sign MoU on industrial connectivity"
    (corpus_dir / "wire-copy.txt").write_text(f"{title}\n\n{rewrapped(edited(BODY))}\n", "utf-8")
    (corpus_dir / "newswire-copy.txt").unlink()  # a deleted member leaves its group
    sync_index(corpus_dir, index_dir)
    from_scratch = []
    bucketed = syndication._bucketed
    monkeypatch.setattr(syndication, "_bucketed", lambda *a: from_scratch.append(1) or bucketed(*a))
    with open_snapshot(index_dir, kept) as snapshot:
        assert len(snapshot.reader.leaf_readers()) > 1  # appended, not merged
        incremental = groups(snapshot)
        history.states.clear()
        fresh = groups(snapshot)
        paths = {snapshot.searcher.stored_fields(d)["path"] for d in incremental}
    assert from_scratch == [1]  # only the second, forced computation
    assert incremental == fresh
    assert paths == {"wire-copy.txt", "zvei-copy.html", next(corpus_dir.glob("001_*")).name}


def test_a_removed_copy_leaves_its_group_without_a_new_computation(
    syndicated, corpus_dir, index_dir, monkeypatch
):
    from indexer.search import copies as syndication

    kept = Generations()
    history = kept.buckets
    assert (
        len(syndication.copy_groups(syndicated.reader, syndicated.generation.arrays, history)) == 3
    )
    (corpus_dir / "zvei-copy.html").unlink()
    sync_index(corpus_dir, index_dir)
    monkeypatch.setattr(syndication, "_bucketed", None)  # must not be needed
    with open_snapshot(index_dir, kept) as snapshot:
        group = syndication.copy_groups(snapshot.reader, snapshot.generation.arrays, history)
        paths = {snapshot.searcher.stored_fields(d)["path"] for d in group}
    assert paths == {"newswire-copy.txt", next(corpus_dir.glob("001_*")).name}


def test_deleted_versions_in_a_big_bucket_do_not_hide_live_copies():
    """Nine identical signatures, every other one deleted (old versions an update
    left behind): the bucket is too big for all pairs, yet the five live copies
    form one group led by the first of them."""
    import numpy as np

    from indexer.search.copies import _bucketed, _live_groups

    signatures = np.repeat(_banded(1, seed=4), 9, axis=0)
    live = np.array([True, False] * 4 + [True])
    similar = _bucketed(signatures, (("segment", 9),)).similar
    assert _live_groups(similar, live) == {0: 0, 2: 0, 4: 0, 6: 0, 8: 0}


def test_shingles_are_every_run_of_words_hashed():
    """shingles() (runs of words zipped) equals the plain definition: each run of
    `shingle_words` lower-cased words, or all of them when there are fewer."""
    import hashlib

    from indexer.datafiles import signature_settings
    from indexer.index.signatures import shingles

    size = signature_settings().shingle_words
    line = "Nokia and DOCOMO sign İstanbul 6G_x MoU on sub-THz Straße"
    words = line.split(" ")
    for text in [*(" ".join(words[:n]) for n in range(len(words) + 1)), BODY, " .,; "]:
        found = [w.lower() for w in re.findall(r"\w+", text)]
        grams = {" ".join(found[i : i + size]) for i in range(max(1, len(found) - size + 1))}
        expected = {
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
            for g in grams
            if g
        }
        assert shingles(text) == expected, text
