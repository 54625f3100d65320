"""The site through Flask's test client: pages, filters in the URL, the JSON API."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from indexer.article import article_id
from indexer.index.sync import sync_index
from web import create_app

from .test_sync import NEW_ARTICLE

SEED_003 = "003_aca5d6cf16b5deaf.txt"


def facet_links(html: str, facet: str) -> dict[str, str]:
    """label -> href of one facet's value links in the sidebar."""
    section = html.split(f'data-facet="{facet}"', 1)[1].split("</section>", 1)[0]
    links = re.findall(
        r'href="([^"]+)"[^>]*>\s*<span class="box"[^>]*></span>'
        r'<span class="label">([^<]+)</span><span class="n">(\d+)</span>',
        section,
    )
    return {label: href.replace("&amp;", "&") for href, label, _ in links}


def test_home_lists_every_article_newest_first(client):
    html = client.get("/").get_data(as_text=True)
    assert "<strong>5</strong> articles" in html
    assert html.index("7 May 2026") < html.index("18 April 2025") < html.index("2 June 2022")


def test_search_shows_ranked_highlighted_hits_and_facet_counts(client):
    html = client.get("/?q=MoU").get_data(as_text=True)
    assert "<strong>3</strong> articles" in html
    assert '<mark class="match term0">MoU</mark>' in html
    assert 'title="6G Smart Networks and Services Industry Association"' in html
    assert '<span class="label">6G-IA</span><span class="n">2</span>' in html


def test_clicking_an_organisation_filters_and_keeps_state_in_the_url(client):
    html = client.get("/?q=MoU").get_data(as_text=True)
    href = facet_links(html, "org")["6G-IA"]
    assert parse_qs(urlparse(href).query) == {"q": ["MoU"], "org": ["6G-IA"]}
    filtered = client.get(href).get_data(as_text=True)
    assert "<strong>2</strong> articles" in filtered
    assert "Finland and Japan team up" not in filtered
    assert 'class="chip"' in filtered and "Clear all" in filtered
    # the selected value's link removes it again
    assert parse_qs(urlparse(facet_links(filtered, "org")["6G-IA"]).query) == {"q": ["MoU"]}


def test_two_organisations_are_ored(client):
    html = client.get("/?org=6G-IA&org=MIIT").get_data(as_text=True)
    assert "<strong>4</strong> articles" in html


def test_sort_and_pagination_links(client):
    html = client.get("/?size=2").get_data(as_text=True)
    assert 'rel="next" href="/?size=2&amp;page=2"' in html
    page3 = client.get("/?size=2&page=3").get_data(as_text=True)
    assert page3.count('class="hit"') == 1
    oldest = client.get("/?sort=oldest").get_data(as_text=True)
    assert oldest.index("2 June 2022") < oldest.index("7 May 2026")


def test_article_page(client):
    html = client.get(f"/articles/{article_id(SEED_003)}").get_data(as_text=True)
    assert (
        '<h1 lang="en">China to deepen cooperation in 6G with EU, South Korea, and India</h1>'
        in html
    )
    assert '<time datetime="2025-04-18">18 April 2025</time>' in html
    assert 'href="/?org=MIIT"' in html
    assert "Xie noted that by the end of March" in html
    assert "What the cleaner removed" in html and "ECNS App Download" in html
    assert client.get("/articles/nope").status_code == 404


def test_api_search_and_article(client):
    data = client.get("/api/search?q=MoU&org=6G-IA").get_json()
    assert data["total"] == 2 and data["filters"] == {"org": ["6G-IA"]}
    assert {h["path"] for h in data["hits"]} == {
        "000_3408b5ef8843c45f.txt",
        "001_16956a09bc7e4d62.txt",
    }
    org_values = {v["value"]: v for v in data["facets"]["org"]["values"]}
    assert org_values["6G-IA"]["selected"] and org_values["6G-IA"]["count"] == 2
    assert org_values["6G-IA"]["name"] == "6G Smart Networks and Services Industry Association"
    article = client.get(f"/api/articles/{data['hits'][0]['id']}").get_json()
    assert article["text"] and article["date"] in ("2022-06-02", "2026-05-07")
    facets = client.get("/api/facets?q=MoU").get_json()
    assert facets["total"] == 3 and "year" in facets["facets"]
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and "error" in missing.get_json()


def test_bad_parameters_get_a_clear_400(client):
    for url in ["/?page=abc", "/?page=0", "/?size=1000", "/?sort=random", "/?q=" + "x" * 2000]:
        response = client.get(url)
        assert response.status_code == 400, url
    api = client.get("/api/search?page=abc")
    assert api.status_code == 400 and "page must be a whole number" in api.get_json()["error"]


def test_markup_in_queries_is_escaped(client):
    html = client.get("/?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_security_headers(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_no_external_resources(client):
    html = client.get("/?q=MoU").get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_running_site_sees_a_new_index_generation_without_restart(client, corpus_dir, built_index):
    assert client.get("/api/search?q=Oulu+testbed").get_json()["total"] == 0
    (corpus_dir / "oulu.txt").write_text(NEW_ARTICLE, "utf-8")
    sync_index(corpus_dir, built_index)
    data = client.get("/api/search?q=Oulu+testbed").get_json()
    assert data["total"] == 1 and data["hits"][0]["path"] == "oulu.txt"


def test_missing_index_is_a_clear_503(tmp_path):
    from web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")})
    response = app.test_client().get("/")
    assert response.status_code == 503 and b"sixg-search index" in response.data


def test_article_page_shows_headings_and_lists_as_such(client):
    html = client.get(f"/articles/{article_id('002_2c7ca463eb4f3b18.txt')}").get_data(as_text=True)
    assert "<h2>Who are the two parties?</h2>" in html
    listing = client.get(f"/articles/{article_id('000_3408b5ef8843c45f.txt')}").get_data(
        as_text=True
    )
    assert "<li>Vision of 6G communication systems and networks.</li>" in listing


def test_article_page_explains_organisations_and_topics(client):
    html = client.get(f"/articles/{article_id('001_16956a09bc7e4d62.txt')}").get_data(as_text=True)
    assert "Why these organisations and topics" in html
    assert "<strong>6G-IA</strong> (6G Smart Networks and Services Industry Association)" in html
    assert "first in the title" in html
    assert "Also mentions" in html and ">3GPP</a>" in html


def test_mentioned_organisations_are_searchable_but_not_in_the_facet(client):
    data = client.get("/api/search").get_json()
    assert "3GPP" not in {v["value"] for v in data["facets"]["org"]["values"]}
    hits = client.get("/api/search?q=mentions:3GPP").get_json()["hits"]
    assert [h["path"] for h in hits] == ["001_16956a09bc7e4d62.txt"]
    assert client.get('/api/search?q=mentions:"SNS JU"').get_json()["total"] == 1


def test_did_you_mean_offers_the_corrected_query(client):
    html = client.get("/?q=spectrun").get_data(as_text=True)
    assert "Did you mean" in html and 'href="/?q=spectrum"' in html
    data = client.get("/api/search?q=memorandum+of+understandin").get_json()
    assert data["total"] == 0
    assert data["suggestion"] == {"q": "memorandum of understanding", "total": 3}
    assert client.get("/api/search?q=MoU").get_json()["suggestion"] is None


def test_zero_results_offer_to_remove_each_filter(client):
    html = client.get("/?q=Finland&org=MIIT&from=2020").get_data(as_text=True)
    assert "No articles match" in html
    removals = re.findall(r'<li><a href="([^"]+)">without ([^<]+)</a></li>', html)
    labels = [label for _, label in removals]
    assert labels == ["MIIT", "from 2020-01-01", "any filter"]
    for href, _ in removals:
        href = href.replace("&amp;", "&")
        assert client.get(href).status_code == 200
    assert "<strong>1</strong> article" in client.get(removals[-1][0]).get_data(as_text=True)


def test_date_range(client):
    assert client.get("/api/search?from=2025").get_json()["total"] == 2
    assert client.get("/api/search?to=2022").get_json()["total"] == 1
    assert client.get("/api/search?from=2025-04&to=2025-04").get_json()["total"] == 1
    assert client.get("/api/search?from=2025-04-19&to=2026-05-06").get_json()["total"] == 0
    assert client.get("/api/search?from=soon").status_code == 400
    assert client.get("/api/search?from=2026&to=2020").status_code == 400
    html = client.get("/?from=2025").get_data(as_text=True)
    assert 'class="chip"' in html and "from 2025-01-01" in html


def test_year_histogram_bars_are_links_that_filter(client):
    html = client.get("/").get_data(as_text=True)
    svg = html.split('<svg class="histogram"', 1)[1].split("</svg>", 1)[0]
    links = dict(re.findall(r'<a href="([^"]+)" aria-label="(\d{4}): ', svg)[::-1])
    years = sorted(links.values())
    assert years == [str(y) for y in range(2022, 2027)]  # every year between, empty ones too
    href = next(h for h, y in links.items() if y == "2025").replace("&amp;", "&")
    assert client.get(href.replace("/?", "/api/search?")).get_json()["total"] == 1


def test_page_size_choice(client):
    html = client.get("/?size=2").get_data(as_text=True)
    assert 'href="/?size=10"' not in html and "Per page:" in html
    assert client.get("/api/search?size=2").get_json()["pages"] == 3


def test_field_values_in_queries_are_case_and_alias_insensitive(client):
    assert client.get("/api/search?q=org:6g-ia").get_json()["total"] == 2
    full = "org:%226G Smart Networks and Services Industry Association%22"
    assert client.get(f"/api/search?q={full}").get_json()["total"] == 2
    assert client.get('/api/search?q=topic:"policy and regulation"').get_json()["total"] == 2


def test_selected_values_stay_on_top_of_their_facet(client):
    data = client.get("/api/search?org=ZVEI&org=6G-IA").get_json()
    values = data["facets"]["org"]["values"]
    assert [v["value"] for v in values[:1]] == ["6G-IA"]  # ZVEI is only mentioned: count 0
    assert all(v["selected"] for v in values[:2])


def test_similar_articles(client):
    html = client.get(f"/articles/{article_id('000_3408b5ef8843c45f.txt')}").get_data(as_text=True)
    assert "Similar articles" in html
    data = client.get(f"/api/articles/{article_id('000_3408b5ef8843c45f.txt')}").get_json()
    titles = [s["title"] for s in data["similar"]]
    assert titles and titles[0].startswith("5G-ACIA and 6G Smart Networks")  # the other 6G-IA MoU


def test_openapi_document_matches_the_api(client, app):
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    rules = {rule.rule.replace("<article_id>", "{id}") for rule in app.url_map.iter_rules()}
    assert set(doc["paths"]) <= rules
    params = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert params == {
        *("q", "sort", "page", "size", "from", "to", "org", "topic", "lang", "year", "copies")
    }
    example = {
        "q": "MoU",
        "sort": "newest",
        "page": "1",
        "size": "5",
        "from": "2020",
        "to": "2026",
        "org": "6G-IA",
        "topic": "Partnerships and MoUs",
        "year": "2022",
    }
    response = client.get("/api/search", query_string=example)
    assert response.status_code == 200
    body = response.get_json()
    assert set(doc["components"]["schemas"]["Search"]["properties"]) == set(body)


def test_a_sentence_ending_in_a_colon_stays_a_paragraph(tmp_path):
    """Was: the article page re-guessed headings from the flat text, so a body
    sentence ending in ':' before a paragraph was shown as a heading."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "colon.txt").write_text(
        "Partners announce a joint 6G research programme\n\n"
        "The partners announced on Monday that they will fund these projects:\n\n"
        "The first project studies terahertz links between base stations in cities.\n\n"
        "Key results\n\n"
        "The second project measures the energy use of networks over a whole year.\n",
        "utf-8",
    )
    sync_index(corpus, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    html = client.get(f"/articles/{article_id('colon.txt')}").get_data(as_text=True)
    assert "<p>The partners announced on Monday that they will fund these projects:</p>" in html
    assert "<h2>Key results</h2>" in html


def test_exports_build_no_snippets(client, monkeypatch):
    """Was: /export.csv highlighted up to 10,000 snippets and threw them away."""
    from indexer.search import highlighting

    def refuse(*_args, **_kw):
        raise AssertionError("an export asked for a snippet")

    monkeypatch.setattr(highlighting, "snippet", refuse)
    monkeypatch.setattr(highlighting, "title", refuse)
    csv_text = client.get("/export.csv?q=MoU").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == 1 + 3
    assert len(client.get("/export.json?q=MoU").get_json()) == 3


def test_every_api_route_is_documented_and_every_documented_route_exists(app):
    """Was: /api/map and /api/timeline were missing from the OpenAPI document."""
    doc = app.test_client().get("/api/openapi.json").get_json()
    routes = {
        rule.rule.replace("<article_id>", "{id}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") or rule.endpoint.startswith("feeds.")
    }
    assert routes == set(doc["paths"])


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _assert_matches(doc: dict, schema: dict, value, where: str) -> None:
    """Every key a response holds is documented, and every documented key is there."""
    schema = _resolve(doc, schema)
    if isinstance(value, dict) and "properties" in schema:
        assert set(value) == set(schema["properties"]), where
        for key, item in value.items():
            _assert_matches(doc, schema["properties"][key], item, f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            _assert_matches(doc, schema["items"], item, f"{where}[]")


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=MoU",
        "/api/facets?q=MoU",
        "/api/articles/{id}",
        "/api/map",
        "/api/timeline?by=topic",
        "/export.json",
    ],
)
def test_responses_match_their_documented_schemas(app, path):
    client = app.test_client()
    doc = client.get("/api/openapi.json").get_json()
    url = path.replace("{id}", article_id("000_3408b5ef8843c45f.txt"))
    body = client.get(url).get_json()
    schema = doc["paths"][path.split("?")[0]]["get"]["responses"]["200"]["content"]
    _assert_matches(doc, schema["application/json"]["schema"], body, path)


def test_json_answers_are_what_json_dumps_gives_in_to_jsons_key_order(app, client):
    """The API's answers (encoded by orjson) parse to what json.dumps makes of the same
    search's to_json, keys in the order to_json writes them, non-ASCII text as UTF-8;
    what orjson refuses (an integer beyond 64 bits, a lone surrogate, a key that is not
    a string) and dates are encoded as Flask's own provider encodes them."""
    import json
    from datetime import date

    from flask import jsonify
    from flask.json.provider import DefaultJSONProvider

    from indexer.search import open_snapshot, search
    from web.params import read_search_request

    path = "/api/search?q=6G+OR+research&page_size=50"
    response = client.get(path)
    with app.test_request_context(path), open_snapshot(app.config["INDEX_DIR"]) as snapshot:
        expected = search(snapshot, read_search_request()).to_json()
    assert expected["total"] > 2 and "<mark" in expected["hits"][0]["snippet_html"]
    assert response.get_json() == json.loads(json.dumps(expected))
    answer = json.loads(response.data, object_pairs_hook=lambda pairs: [k for k, _ in pairs])
    assert answer == list(expected)  # (the top level's keys, in order)
    text = response.get_data(as_text=True)
    assert not text.isascii() and "\\u" not in text  # the seeds' dashes and quotes as UTF-8
    plain = DefaultJSONProvider(app)
    odd = [{"big": 2**70}, {"lone": "a\ud800b"}, {1: "key"}, {"day": date(2024, 5, 1)}]
    with app.test_request_context():
        for value in odd:
            assert json.loads(jsonify(value).data) == json.loads(plain.response(value).data)


@pytest.mark.parametrize(
    "q",
    [
        "MoU^" + "9" * 400,  # (float: inf)
        "MoU^1" + "0" * 308 + " OR 6G",  # (a score of 15 times 1e308)
        "(" * 90 + "MoU" + ")^99999999" * 90 + " OR 6G",  # (nested boosts multiply)
    ],
)
def test_a_boost_past_what_a_score_holds_is_not_a_score_of_null(client, q):
    """A boost the scores cannot hold (beyond float range, or boosts multiplied past
    it) made scores infinite or NaN: json.dumps wrote the JSON no parser reads
    (Infinity, NaN), orjson writes null, which the API documents as 'not ranked by
    relevance'. Such a query is read as its plain words, with the notice saying so."""
    import json
    import math

    def refused(constant):
        raise AssertionError(f"{constant} in a JSON answer")

    response = client.get("/api/search", query_string={"q": q})
    answer = json.loads(response.data, parse_constant=refused)
    assert answer["notice"] and "plain words" in answer["notice"]
    for hit in answer["hits"]:
        assert isinstance(hit["score"], float) and math.isfinite(hit["score"])
