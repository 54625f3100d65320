"""Hostile and odd requests: never a server error, always escaped, bounded cost."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.article import article_id
from indexer.index.sync import sync_index
from web import create_app

from .conftest import copy_seeds

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

anything = st.text(max_size=60)
numberish = st.one_of(st.integers(-(10**12), 10**12).map(str), anything)
params = st.fixed_dictionaries(
    {},
    optional={
        "q": st.one_of(anything, st.sampled_from(['"6G', "org:", "*", "a AND", "(", "MoU -"])),
        "page": numberish,
        "size": numberish,
        "sort": st.one_of(st.sampled_from(["relevance", "newest", "oldest"]), anything),
        "org": st.lists(anything, max_size=3),
        "topic": st.lists(anything, max_size=3),
        "year": st.lists(st.one_of(st.sampled_from(["2025", "undated"]), anything), max_size=3),
    },
)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """One index for many generated requests (built once: hypothesis runs hundreds)."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = copy_seeds(root)
    (corpus / "evil.txt").write_text(
        f"{XSS} 6G title line here\n\n"
        f"The {XSS} Evil Research Association (ERA) signed an agreement on 6G spectrum research "
        f"with partners in Europe on Tuesday, {XSS}, and more words follow here.\n",
        "utf-8",
    )
    (corpus / "evil.meta.json").write_text(
        json.dumps({"organisations": [f"<b>Bold</b>{XSS}"], "topics": [XSS]}), "utf-8"
    )
    sync_index(corpus, root / "index")
    app = create_app(
        {
            "TESTING": True,
            "INDEX_DIR": str(root / "index"),
            "CORPUS_DIR": str(corpus),
            "ADMIN_TOKEN": "s3cret-token",
        }
    )
    return app.test_client()


def _check(response):
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        if response.is_json:
            assert response.get_json()["error"]
        else:
            assert b"<h1>Bad Request</h1>" in response.data


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params)
def test_search_page_never_fails(hostile_client, query):
    response = hostile_client.get("/?" + urlencode(query, doseq=True))
    _check(response)
    assert b"<script>alert" not in response.data


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params)
def test_api_search_never_fails(hostile_client, query):
    for path in ("/api/search?", "/api/facets?"):
        response = hostile_client.get(path + urlencode(query, doseq=True))
        _check(response)
        assert response.is_json


@given(st.text(max_size=80))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_article_ids_never_fail(hostile_client, anything_id):
    for prefix in ("/articles/", "/api/articles/"):
        response = hostile_client.get(
            prefix + anything_id.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
        )
        assert response.status_code in (200, 404, 308), response.status_code


def test_markup_in_titles_text_organisations_and_snippets_is_escaped(hostile_client):
    for url in (
        "/?q=evil",
        "/?q=spectrum+research",
        f"/articles/{article_id('evil.txt')}",
        "/?org=" + f"<b>Bold</b>{XSS}",
    ):
        html = hostile_client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html
        assert "&lt;script&gt;" in html or "%3Cscript%3E" in html
    data = hostile_client.get("/api/search?q=evil").get_json()
    assert "<script>" not in data["hits"][0]["snippet_html"]
    assert "<script>" in data["hits"][0]["title"]  # raw in JSON data, escaped in *_html


def test_query_cost_is_bounded(hostile_client):
    many = " ".join(f"word{i}" for i in range(5000))[:999]
    data = hostile_client.get("/api/search?" + urlencode({"q": many})).get_json()
    assert "Only the first 64 words" in data["notice"]
    data = hostile_client.get("/api/search?q=*pectrum").get_json()
    assert "Leading wildcards are not supported; searched for pectrum." in data["notice"]
    data = hostile_client.get("/api/search?q=s*").get_json()
    assert "too short a prefix" in data["notice"]
    assert hostile_client.get("/api/search?page=99999999").status_code == 400
    assert hostile_client.get("/api/search?q=" + "x" * 5000).status_code == 400


def test_reindex_needs_the_operators_token(hostile_client, tmp_path):
    assert hostile_client.post("/api/reindex").status_code == 401
    bad = hostile_client.post("/api/reindex", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and "token" in bad.get_json()["error"]
    good = hostile_client.post("/api/reindex", headers={"Authorization": "Bearer s3cret-token"})
    assert good.status_code == 200 and good.get_json()["unchanged"] == 6
    assert hostile_client.get("/api/reindex").status_code == 405
    closed = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    assert closed.post("/api/reindex", headers={"Authorization": "Bearer x"}).status_code == 403


def test_security_headers_everywhere(hostile_client):
    for url in ("/", "/api/search", "/articles/nope", "/static/style.css"):
        headers = hostile_client.get(url).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"


def test_server_binds_loopback_by_default():
    from web.cli import _parser

    args = _parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


def test_absurd_years_draw_no_giant_histogram(hostile_client):
    response = hostile_client.get("/?year=99999999&year=0001&year=:")
    assert response.status_code == 200
    assert response.data.count(b"<rect") < 100
