"""6G press in its own languages: detection, the language facet, CJK and European search.

The articles in tests/fixtures/languages are short 6G releases written for
these tests in Chinese (simplified and traditional), Japanese (one with
kana, one all but kanji-only), Korean, German, Finnish, Swedish, French,
Polish and English; some declare their language (<html lang>), the plain
text ones do not. They are indexed with the five English seed articles.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from whoosh.qparser import MultifieldParser

from indexer.extract import extract_document
from indexer.extract.language import declared_language, detect_language
from indexer.index.sync import sync_index
from indexer.search import SearchRequest, open_snapshot, search
from indexer.search.query import TITLE_BOOST, parse_query
from web import create_app
from web.cli import main

from .conftest import FIXTURES, SEEDS

LANGUAGES = FIXTURES / "languages"
EXPECTED = {
    "zh-hans.html": "zh",
    "zh-hant.txt": "zh",
    "ja.html": "ja",
    "ja-kanji.txt": "ja",
    "ko.html": "ko",
    "de.txt": "de",
    "fi.html": "fi",
    "sv.txt": "sv",
    "fr.html": "fr",
    "pl.txt": "pl",
    "en.txt": "en",
}


def _corpus(root: Path, with_languages: bool = True) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy2(seed, corpus / seed.name)
    if with_languages:
        for name in EXPECTED:
            shutil.copy2(LANGUAGES / name, corpus / name)
    else:
        shutil.copy2(LANGUAGES / "en.txt", corpus / "en.txt")
    return corpus


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("mixed")
    corpus = _corpus(root)
    report = sync_index(corpus, root / "index")
    assert report.added == len(SEEDS) + len(EXPECTED) and not report.failed
    return corpus, root / "index"


@pytest.fixture(scope="module")
def snap(mixed):
    with open_snapshot(mixed[1]) as s:
        yield s


def run(snap, q="", **filters):
    return search(snap, SearchRequest(q=q, filters=filters, page_size=50))


def paths(result) -> list[str]:
    return [h.article.path for h in result.hits]


def test_every_test_article_gets_its_language(snap):
    """Detection accuracy on the test texts: 16/16 (11 written for this, 5 seeds)."""
    found = {h.article.path: h.article.language for h in run(snap).hits}
    assert {p: found[p] for p in EXPECTED} == EXPECTED
    assert all(found[s.name] == "en" for s in SEEDS)


@pytest.mark.parametrize(
    "title, text, declared, expected",
    [
        # kanji-only Japanese (no kana at all) is not taken for Chinese
        ("総務省 次世代通信技術戦略", "情報通信審議会 中間報告 公表", None, "ja"),
        ("工业和信息化部 6G 技术试验", "推进组 国际标准合作", None, "zh"),
        ("6G 연구", "국가연구개발사업", None, "ko"),
        # the page's declared language is trusted; a script contradicting it is not
        ("Tiedote", "Lyhyt teksti.", "fi", "fi"),
        ("6G推进组", "签署合作备忘录", "en", "zh"),
        # too short to tell: unknown, never a guess that flips
        ("6G MoU", "", None, "und"),
        ("Swedish konkurrenskraft", "", None, "und"),
    ],
)
def test_detection_rules(title, text, declared, expected):
    assert detect_language(title, text, declared) == expected


def test_declared_language_comes_from_the_page():
    assert declared_language('<html lang="zh-Hant-TW"><head>') == "zh"
    assert declared_language('<html><head><meta property="og:locale" content="sv_SE">') == "sv"
    assert declared_language('<meta http-equiv="Content-Language" content="nb">') == "no"
    assert declared_language("<html><body>no declaration</body></html>") is None
    page = (LANGUAGES / "fi.html").read_text(encoding="utf-8")
    assert extract_document(page, "fi.html", is_html=True).language == "fi"


@pytest.mark.parametrize(
    "q, expected",
    [
        # Japanese, inside unspaced runs of kanji and kana
        ("覚書", "ja.html"),
        ("推進チーム", "ja.html"),
        ("締結", "ja.html"),
        ("中間報告", "ja-kanji.txt"),
        # Korean: a word inside a compound, a word with its particle
        ("연구개발", "ko.html"),
        ("국가연구개발사업", "ko.html"),
        ("표준화", "ko.html"),
        # Chinese: words inside runs, in both scripts
        ("推进组", "zh-hans.html"),
        ("产业联盟", "zh-hant.txt"),
        # European languages: in-language words and other inflected forms
        ("Forschungsprogramm", "de.txt"),
        ("Mobilfunknetz", "de.txt"),
        ("verkko", "fi.html"),
        ("tutkimushanke", "fi.html"),
        ("konkurrenskraft", "sv.txt"),
        ("konkurrenskraften", "sv.txt"),
        ("partenariat", "fr.html"),
        ("télécommunication", "fr.html"),
        ("program", "pl.txt"),
        ("programu", "pl.txt"),
        ("programach", "pl.txt"),
        ("sieć", "pl.txt"),
    ],
)
def test_found_by_in_language_words_and_inflected_forms(snap, q, expected):
    assert paths(run(snap, q))[:1] == [expected]


def test_traditional_and_simplified_chinese_find_each_other(snap):
    for q in ("备忘录", "備忘錄", "合作備忘錄", "签署合作备忘录"):
        assert set(paths(run(snap, q))) == {"zh-hans.html", "zh-hant.txt"}, q
    assert paths(run(snap, "台灣"))[:1] == ["zh-hant.txt"]
    assert paths(run(snap, "台湾"))[:1] == ["zh-hant.txt"]


def test_full_width_forms_fold(snap):
    assert paths(run(snap, "ＭｏＵ")) == paths(run(snap, "MoU"))
    assert run(snap, "ＭｏＵ").total == 3
    assert "zh-hans.html" in paths(run(snap, "ＩＭＴ"))  # the text has half-width IMT


def test_single_characters_and_phrases_in_cjk(snap):
    assert set(paths(run(snap, "網"))) == {"zh-hans.html", "zh-hant.txt"}  # 网络 / 網路
    assert paths(run(snap, '"覚書を締結"')) == ["ja.html"]
    assert paths(run(snap, '"締結を覚書"')) == []  # the same characters, not in that order
    # a phrase never spans two runs: 覚書 ends one sentence's run, 両者 begins another's
    assert paths(run(snap, '"覚書両者"')) == []


def test_language_facet_counts_and_filter(snap):
    counts = {v.value: (v.count, v.name) for v in run(snap).facets["lang"]}
    assert counts == {
        "en": (6, "English"),
        "zh": (2, "Chinese"),
        "ja": (2, "Japanese"),
        "ko": (1, "Korean"),
        "de": (1, "German"),
        "fi": (1, "Finnish"),
        "sv": (1, "Swedish"),
        "fr": (1, "French"),
        "pl": (1, "Polish"),
    }
    six_g = run(snap, "6G")
    by_language = {v.value: v.count for v in six_g.facets["lang"]}
    # 6G glued to Japanese text (6Gの研究) counts; the kanji-only report has no 6G
    assert by_language["ja"] == 1 and by_language["zh"] == 2 and by_language["ko"] == 1
    narrowed = run(snap, "6G", lang=["ja"])
    assert narrowed.total == 1
    assert {h.article.language for h in narrowed.hits} == {"ja"}
    both = run(snap, "6G", lang=["ja", "ko"])
    assert both.total == by_language["ja"] + by_language["ko"]  # OR within the facet
    # the facet's own counts ignore its selection (disjunctive)
    assert {v.value: v.count for v in narrowed.facets["lang"]} == by_language


def test_highlighting_marks_the_right_characters(snap):
    hit = run(snap, "推進チーム").hits[0]
    assert '<mark class="match term0">推進チーム</mark>' in hit.snippet_html
    assert hit.snippet_html.count("<mark") == 1  # not the 推進 of 推進コンソーシアム
    hant = next(h for h in run(snap, "备忘录").hits if h.article.path == "zh-hant.txt")
    assert "合作<mark" in hant.title_html and ">備忘錄</mark>" in hant.title_html
    hans = next(h for h in run(snap, "網").hits if h.article.path == "zh-hans.html")
    assert '智能<mark class="match term0">网</mark>络' in hans.snippet_html
    sv = run(snap, "konkurrenskraft").hits[0]
    assert '<mark class="match term0">konkurrenskraften</mark>' in sv.snippet_html
    pl = run(snap, "program").hits[0]
    assert '<mark class="match term0">programu</mark>' in pl.snippet_html
    de = run(snap, "Mobilfunknetz").hits[0]
    assert ">Mobilfunknetzen</mark>" in de.snippet_html


ENGLISH_QUERIES = ["spectrum sharing", "MoU", '"memorandum of understanding"', "research", "6G"]


@pytest.mark.parametrize("q", [*ENGLISH_QUERIES, "IMT", "partnership* NOT spectrum"])
def test_english_articles_score_as_before_in_a_mixed_corpus(snap, q):
    """English articles score exactly what the English analysis alone gives them
    (Whoosh's own search of title and body, the query as it was before the other
    languages' fields), so their ranking among themselves is unchanged."""
    result = run(snap, q)
    parser = MultifieldParser(["title", "body"], snap.schema, fieldboosts={"title": TITLE_BOOST})
    whoosh_hits = snap.searcher.search(parser.parse(q), limit=None)
    english = {h.article.path: h.score for h in result.hits if h.article.language == "en"}
    expected = {
        hit["path"]: hit.score
        for hit in whoosh_hits
        if snap.searcher.stored_fields(hit.docnum)["language"] == "en"
    }
    assert english.keys() == expected.keys()
    for path, score in english.items():
        assert score == pytest.approx(expected[path], rel=1e-6), path


@pytest.mark.parametrize("q", [*ENGLISH_QUERIES, "verkko", "Netzwerk Forschung", '"open ran"'])
def test_plain_queries_are_made_in_a_mixed_corpus_as_whoosh_parses_them(snap, q):
    """query.plain_query (plain words made into a query without Whoosh's parser)
    searches every other language's analysis as the parser does, or leaves the
    query to the parser."""
    from indexer.search import query as queries

    fast = queries.plain_query(snap, q)
    parsed = queries._parser(snap).parse(q).accept(queries._facet_value_folder(snap))
    whoosh = queries._best_analysis(parsed, snap.generation.language_fields)
    assert snap.generation.language_fields
    assert fast is None or (fast == whoosh and repr(fast) == repr(whoosh))
    assert (fast is None) == ('"' in q)


def test_an_english_corpus_searches_exactly_as_before(tmp_path):
    """No article in another language: no other analysis is searched, every
    query is the title-and-body query it always was."""
    corpus = _corpus(tmp_path, with_languages=False)
    sync_index(corpus, tmp_path / "index")
    with open_snapshot(tmp_path / "index") as alone:
        assert alone.generation.language_fields == ()
        parser = MultifieldParser(
            ["title", "body"], alone.schema, fieldboosts={"title": TITLE_BOOST}
        )
        for q in ENGLISH_QUERIES:
            assert parse_query(alone, q)[0] == parser.parse(q), q


def test_topic_phrases_and_organisation_edges_in_cjk(snap):
    topics = {h.article.path: h.article.topics for h in run(snap).hits}
    assert "Partnerships and MoUs" in topics["zh-hans.html"]
    assert "Partnerships and MoUs" in topics["zh-hant.txt"]
    assert "Partnerships and MoUs" in topics["ja.html"]
    from indexer.extract.phrases import compile_phrases

    pattern = compile_phrases(["推进组", "MoU"])
    assert pattern.search("IMT-2030（6G）推进组与欧洲伙伴")  # inside an unspaced run
    assert not pattern.search("MoUs")  # Latin phrases keep their word boundaries


def test_did_you_mean_proposes_no_english_word_for_cjk(snap):
    result = run(snap, "覚書")
    assert result.total == 1 and result.suggestion is None
    assert run(snap, "覚書スペクトラム").suggestion is None


def test_api_openapi_and_cli_offer_the_language_facet(mixed, capsys):
    corpus, index = mixed
    client = create_app(
        {"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}
    ).test_client()
    body = client.get("/api/search?q=6G&lang=ko").get_json()
    assert body["total"] == 1 and body["hits"][0]["language"] == "ko"
    values = body["facets"]["lang"]["values"]
    assert {"value": "ko", "count": 1, "selected": True, "name": "Korean"} in values
    spec = client.get("/api/openapi.json").get_json()
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert "lang" in params
    page = client.get("/?q=6G&lang=sv").get_data(as_text=True)
    assert "Swedish" in page and "Svenska forskare vill" in page and "Oulun yliopisto" not in page
    assert '<h3 lang="sv">' in page  # so browsers pick fonts and voices for the language
    japanese = client.get("/?q=覚書").get_data(as_text=True)
    assert '<p class="snippet" lang="ja">' in japanese
    assert main(["search", "6G", "--lang", "fi", "--json", "--index", str(index)]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["path"] for h in hits] == ["fi.html"]


def test_a_sidecar_corrects_the_language(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(LANGUAGES / "ja-kanji.txt", corpus / "report.txt")
    (corpus / "report.meta.json").write_text('{"language": "ZH"}', encoding="utf-8")
    shutil.copy2(LANGUAGES / "en.txt", corpus / "other.txt")
    (corpus / "other.meta.json").write_text('{"language": "Japanese"}', encoding="utf-8")
    report = sync_index(corpus, tmp_path / "index")
    assert "language must be a language code" in " ".join(f.reason for f in report.failed)
    with open_snapshot(tmp_path / "index") as s:
        languages = {h.article.path: h.article.language for h in run(s).hits}
    assert languages == {"report.txt": "zh", "other.txt": "en"}  # the bad sidecar is ignored


def test_the_extraction_bench_loads_the_language_model_before_it_times_a_page(monkeypatch):
    # py3langid's model takes ~2 s to load, once a process, on the first text whose
    # language only the model tells: the bench loads it first, so that no page is
    # charged for it (a German browser copy stood out at ~2 s, every other ~30 ms).
    from bench import extraction
    from indexer.extract import language

    loads = []

    class Model:
        def classify(self, sample):
            return "de", 1.0

    monkeypatch.setattr(language, "_identifier", lambda: loads.append(1) or Model())
    extraction.warm_up()
    assert loads == [1]
