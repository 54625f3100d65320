"""What an adversarial run broke (issue 18, items 2-6 and 14-16): query cost,
server errors from query values and URL arguments, links built from the Host
header, formula injection in CSV, invalid XML in the feed, `javascript:` links."""

from __future__ import annotations

import csv
import http.client
import io
import json
import threading
from urllib.parse import urlencode, urlsplit

import feedparser
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indexer.article import article_id
from indexer.index.schema import build_schema
from indexer.index.sync import sync_index
from indexer.search import SearchRequest, search
from web import create_app

from .conftest import copy_seeds, eventually, served

ARTICLE = (
    "{title}\n\nOulu, 3 March 2026\n\n"
    "Operators and vendors opened a sub-terahertz spectrum testbed in Oulu on Tuesday, "
    "where partners of the 6G Flagship will measure propagation between buildings.\n"
)


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """Seeds plus articles whose titles, sources and URLs are hostile."""
    root = tmp_path_factory.mktemp("odd")
    corpus = copy_seeds(root)
    (corpus / "formula.txt").write_text(ARTICLE.format(title='=HYPERLINK("http://x") 6G'))
    (corpus / "formula.meta.json").write_text(
        json.dumps({"source": "@SUM(A1)", "organisations": ["+Evil Org", "-Minus Org"]})
    )
    (corpus / "escape.txt").write_text(ARTICLE.format(title="Nokia \x1b[31m and\x0b 6G bell\x07"))
    (corpus / "script.txt").write_text(ARTICLE.format(title="Script link 6G"))
    (corpus / "script.meta.json").write_text(
        json.dumps({"url": "javascript:alert(document.domain)"})
    )
    # An index written before URLs and characters were checked at extraction.
    from indexer.extract import overrides, pipeline

    with pytest.MonkeyPatch.context() as unchecked:
        unchecked.setattr(overrides, "web_url", lambda url: url, raising=False)
        unchecked.setattr(pipeline, "web_url", lambda url: url, raising=False)
        unchecked.setattr(pipeline, "without_controls", lambda text: text, raising=False)
        sync_index(corpus, root / "index")
    return root, corpus


@pytest.fixture
def odd_client(odd_site):
    root, corpus = odd_site
    app = create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)})
    return app.test_client()


# -- 5: a value its field cannot hold ---------------------------------------------------

ROUTES = ("/", "/api/search", "/map", "/export.csv", "/api/facets", "/api/timeline", "/feed.atom")


@pytest.mark.parametrize("q", ['date:"x"', 'date:"1"', 'date:""', 'date:"a b"', 'date:"x"~3'])
def test_quoted_dates_are_a_notice_never_a_500(client, q):
    for route in ROUTES:
        response = client.get(route + "?" + urlencode({"q": q}))
        assert response.status_code == 200, (route, response.status_code)
    data = client.get("/api/search?" + urlencode({"q": q})).get_json()
    assert "could not be read as search syntax" in data["notice"]


VALUES = st.one_of(
    st.text(max_size=12),
    st.text(max_size=12).map(lambda t: f'"{t}"'),
    st.tuples(st.text(max_size=6), st.text(max_size=6)).map(lambda p: f"[{p[0]} TO {p[1]}]"),
    st.tuples(st.text(max_size=6), st.text(max_size=6)).map(lambda p: f"{{{p[0]} TO {p[1]}]"),
    st.text(max_size=6).map(lambda t: f"{t}*"),
    st.text(max_size=6).map(lambda t: f"{t}?x*"),
    st.sampled_from(["2024", "20240501", "-1", "1e3", "[2020 TO]", "[TO 2021]", "*", "''"]),
)
FIELDS = sorted(build_schema().names()) + ["org", "organization", "mention", "topics", "nosuch"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=VALUES, negate=st.booleans())
@example(field="date", value='"x"', negate=False)
def test_every_field_value_form_parses_without_an_error(snapshot, field, value, negate):
    """Every schema field with words, phrases, ranges and wildcards: a result, never
    an exception (date:"x" raised Whoosh's bare Exception in the term lookup)."""
    q = f"{'-' if negate else ''}{field}:{value}"
    result = search(snapshot, SearchRequest(q=q))
    assert result.total >= 0


# -- 6: request arguments never reach url_for; links never from the Host header ---------


@pytest.mark.parametrize(
    "args", ["_anchor=x", "_method=POST", "_scheme=x", "_external=1", "_anchor=x&q=MoU&by=topic"]
)
def test_url_for_keywords_in_the_query_string_are_ignored(client, args):
    response = client.get(f"/?{args}", headers={"Host": "evil.example"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "evil.example" not in html and "#x" not in html and "_anchor" not in html


def test_feeds_and_exports_never_link_to_the_host_header(client):
    evil = {"Host": "evil.example"}
    for route in ("/feed.atom?org=6G-IA", "/export.csv", "/export.json"):
        body = client.get(route, headers=evil).get_data(as_text=True)
        assert "evil.example" not in body, route
    rows = client.get("/export.json").get_json()
    assert all(r["article_page"] == f"/articles/{r['id']}" for r in rows)


def test_absolute_links_come_from_the_configured_base_url(built_index, monkeypatch):
    monkeypatch.setenv("SIXG_BASE_URL", "https://search.example.org/")
    client = create_app({"TESTING": True, "INDEX_DIR": str(built_index)}).test_client()
    evil = {"Host": "evil.example"}
    feed = feedparser.parse(client.get("/feed.atom?org=6G-IA", headers=evil).data)
    assert not feed.bozo
    assert feed.feed.id == "https://search.example.org/feed.atom?org=6G-IA"
    for entry in feed.entries:
        assert entry.id == entry.link
        assert entry.link.startswith("https://search.example.org/articles/")
    rows = client.get("/export.json", headers=evil).get_json()
    assert all(r["article_page"].startswith("https://search.example.org/articles/") for r in rows)


@pytest.mark.parametrize(
    "value", ["search.example.org", "ftp://x.org", "https://", "https://x.org/a?b", "http://x:y"]
)
def test_a_malformed_base_url_is_refused_with_a_message(built_index, monkeypatch, value):
    monkeypatch.setenv("SIXG_BASE_URL", value)
    with pytest.raises(ValueError, match="SIXG_BASE_URL"):
        create_app({"TESTING": True, "INDEX_DIR": str(built_index)})


def test_base_url_is_a_known_setting_and_documented():
    from pathlib import Path

    from web import KNOWN_SETTINGS

    assert "SIXG_BASE_URL" in KNOWN_SETTINGS
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "`SIXG_BASE_URL`" in readme


# -- 14: CSV formula injection ----------------------------------------------------------


def test_csv_cells_never_start_a_formula(odd_client):
    text = odd_client.get("/export.csv?q=Oulu&copies=1").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    row = next(r for r in rows if r["path"] == "formula.txt")
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["source"] == "'@SUM(A1)"
    assert row["organisations"].startswith("'")
    data = odd_client.get("/export.json?q=Oulu&copies=1").get_json()  # JSON keeps the data as it is
    assert any(d["title"].startswith("=HYPERLINK(") for d in data)


# -- 15: the feed stays XML ---------------------------------------------------------------


def test_feed_with_control_characters_in_titles_is_valid_xml(odd_client, odd_site):
    from xml.etree import ElementTree

    root, _ = odd_site
    response = odd_client.get("/feed.atom?q=Oulu&copies=1")
    ElementTree.fromstring(response.data)  # raises on a character XML cannot hold
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert any(e.title.startswith("Nokia") for e in feed.entries)


def test_extraction_drops_control_characters_from_titles_and_text(tmp_path, odd_site):
    from indexer.extract.pipeline import extract_file
    from indexer.extract.reading import SourceFile

    from .conftest import indexed

    root, _ = odd_site
    assert "\x1b" in indexed(root / "index")["escape.txt"]["title"]  # (the older index)
    path = tmp_path / "escape.txt"
    path.write_text(ARTICLE.format(title="Nokia \x1b[31m and\x0b 6G bell\x07"))
    _, article = extract_file(SourceFile(path, "escape.txt"))
    assert not any(c in article.title + article.text for c in "\x1b\x0b\x07")
    assert article.title.startswith("Nokia")


# -- 16: only http(s) URLs become links -----------------------------------------------------


def test_javascript_urls_are_never_links(odd_client):
    page = odd_client.get(f"/articles/{article_id('script.txt')}").get_data(as_text=True)
    assert "javascript:" not in page and "original article" not in page
    feed = odd_client.get("/feed.atom?q=Script").get_data(as_text=True)
    assert "javascript:" not in feed and 'rel="via"' not in feed
    hits = odd_client.get("/?q=Script").get_data(as_text=True)
    assert "javascript:" not in hits


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/x", "example.org"]
)
def test_a_sidecar_url_must_be_http(tmp_path, url):
    from indexer.extract.overrides import sidecar_state

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.format(title="A title"))
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": url, "source": "Kept?"}))
    state = sidecar_state(article)
    assert state.problem and "http" in state.problem and not state.overrides
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": "https://example.org/a"}))
    assert sidecar_state(article).overrides == {"url": "https://example.org/a"}


def test_a_page_url_must_be_http_to_be_kept():
    from indexer.extract.pipeline import extract_document

    page = (
        '<html><head><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="javascript:alert(1)"></head><body><article>'
        "<h1>Partners open a 6G testbed</h1><p>"
        + ARTICLE.format(title="").strip()
        + "</p></article></body></html>"
    )
    assert extract_document(page, "p.html", is_html=True).url is None


# -- 2: did-you-mean is bounded by work ---------------------------------------------------


def test_did_you_mean_skips_nonsense_without_an_error(snapshot, monkeypatch):
    """64 nonsense words or one 999-letter word: no correction is even attempted
    (they took 7-11 s), and the search answers without a suggestion."""
    from indexer.search.suggestions import SegmentsCorrector

    calls = []
    real = SegmentsCorrector.suggest

    def counting(self, text, *args, **kwargs):
        calls.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(SegmentsCorrector, "suggest", counting)
    nonsense = " ".join(f"qzx{chr(97 + i % 26)}vbn{i}w" for i in range(64))
    for q in (nonsense, "q" + "z" * 998, "spectrun " + "zzqx " * 5):
        result = search(snapshot, SearchRequest(q=q))
        assert result.suggestion is None
    assert calls == []
    result = search(snapshot, SearchRequest(q="spectrun"))  # a typo is still corrected
    assert result.suggestion and result.suggestion.q == "spectrum"
    assert calls == ["spectrun"]


def test_did_you_mean_stops_at_its_budget(snapshot, monkeypatch):
    from indexer.search import suggestions

    monkeypatch.setattr(suggestions, "BUDGET_SECONDS", -1.0)  # spent before the first word
    assert search(snapshot, SearchRequest(q="spectrun")).suggestion is None


# -- 3: ranges and inner wildcards are bounded by the words they touch --------------------


def test_inner_wildcard_after_one_letter_is_a_word(client):
    data = client.get("/api/search?" + urlencode({"q": "s*m"})).get_json()
    assert "s*m is too short a prefix; searched for sm as a word." in data["notice"]


def test_range_and_wildcard_expansions_are_cut_with_a_notice(snapshot, monkeypatch):
    from indexer.search import matching, query

    looked_up = []
    real = matching._add_term
    monkeypatch.setattr(
        matching,
        "_add_term",
        lambda s, a, t, f, *held: looked_up.append(t.text) or real(s, a, t, f, *held),
    )
    full = search(snapshot, SearchRequest(q="body:[a TO z]"))
    assert full.notice is None and len(looked_up) > 200
    monkeypatch.setattr(query, "MAX_EXPANSIONS", 50, raising=False)
    snapshot.generation.parsed.clear()  # a query is parsed and expanded once per generation
    looked_up.clear()
    cut = search(snapshot, SearchRequest(q="body:[a TO z]"))
    assert "body:[a TO z] stands for more index words than a search may look at" in cut.notice
    assert len(looked_up) <= 50 and 0 < cut.total <= full.total
    monkeypatch.setattr(query, "MAX_SCANNED", 3, raising=False)
    snapshot.generation.parsed.clear()
    looked_up.clear()
    for q in ("body:[a TO z]", "sp*m", "spectrum OR sp?c*"):
        result = search(snapshot, SearchRequest(q=q))
        assert "than a search may look at" in (result.notice or ""), q
    assert len(looked_up) <= 2 + 3 * 3


def test_expansions_are_bounded_by_the_postings_they_read(snapshot, monkeypatch):
    """A few very common words cost more than many rare ones: the budget counts
    the documents the words are in (what reading their postings costs)."""
    from indexer.search import query

    monkeypatch.setattr(query, "MAX_POSTINGS", 12, raising=False)
    found, notice = query.parse_query(snapshot, "body:[a TO z]")
    assert "stands for more index words than a search may look at" in notice
    reader = snapshot.reader
    assert 0 < sum(reader.doc_frequency("body", w) for w in found.words) <= 12


def test_expansions_share_one_budget_per_query(snapshot, monkeypatch):
    from indexer.search import query

    monkeypatch.setattr(query, "MAX_EXPANSIONS", 10, raising=False)
    q = " OR ".join(f"{p}*" for p in ("pa", "sp", "re", "co", "te", "in"))
    found, _ = query.parse_query(snapshot, q)
    expansions = []
    found.accept(lambda leaf: expansions.append(leaf) or leaf)
    words = sum(len(e.words) for e in expansions if isinstance(e, query.Expansion))
    assert words == 10


# -- 4: exports cannot starve searches ------------------------------------------------------


def _get(base: str, path: str, timeout: float = 20) -> tuple[int, dict]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    conn.request("GET", path)
    try:
        response = conn.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        conn.close()


def test_concurrent_exports_leave_threads_for_searches(app, monkeypatch):
    """8 exports at once on a 4-thread server (each held until the search is answered):
    a cheap search is still answered, the exports over the limit get 503 + Retry-After."""
    from web import feeds

    release, entered = threading.Event(), []
    real = feeds.ranked_articles

    def held(snapshot, request):
        entered.append(1)
        release.wait(30)
        return real(snapshot, request)

    monkeypatch.setattr(feeds, "ranked_articles", held)
    statuses: list[tuple[int, dict]] = []
    with served(app) as base:
        exports = [
            threading.Thread(target=lambda: statuses.append(_get(base, "/export.csv?q=MoU")))
            for _ in range(8)
        ]
        for thread in exports:
            thread.start()
        try:
            eventually(lambda: len(entered) >= 2)  # exports hold threads (before: all four)
            eventually(lambda: False, timeout=0.3)
            status, _ = _get(base, "/api/search?q=spectrum", timeout=10)
            eventually(lambda: len(statuses) >= 8 - app.config["EXPORTS_AT_ONCE"])
        finally:
            release.set()
            for thread in exports:
                thread.join(30)
    assert status == 200
    assert len(statuses) == 8 and len(entered) <= app.config["EXPORTS_AT_ONCE"] + 1
    refused = [headers for code, headers in statuses if code == 503]
    assert refused and all(h["Retry-After"] == "5" for h in refused)
    assert {code for code, _ in statuses} == {200, 503}


def test_serve_links_to_where_it_serves_unless_told(built_index, monkeypatch, capsys):
    import waitress

    from web.cli import main

    served_apps = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kwargs: served_apps.append(app))
    monkeypatch.delenv("SIXG_BASE_URL", raising=False)
    where = ["--no-index", "--index", str(built_index), "--port", "8123", "--workers", "1"]
    assert main(["serve", *where]) == 0
    assert served_apps[-1].config["BASE_URL"] == "http://127.0.0.1:8123"
    monkeypatch.setenv("SIXG_BASE_URL", "https://search.example.org")
    assert main(["serve", *where]) == 0
    assert served_apps[-1].config["BASE_URL"] == "https://search.example.org"
    monkeypatch.setenv("SIXG_BASE_URL", "search.example.org")
    assert main(["serve", *where]) == 2
    assert "SIXG_BASE_URL must be an http(s) address" in capsys.readouterr().err
