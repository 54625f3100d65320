"""Collecting articles from a real HTTP server on 127.0.0.1 that each test starts:
pages, redirects, feeds, PDFs, slow and oversized answers, a URL given twice."""

from __future__ import annotations

import json
import time

import pytest

from bench.concurrency import free_port
from indexer import datafiles
from indexer.collect import fetch as fetch_module
from indexer.collect.adding import ADDED, FAILED, KNOWN, add_paste, add_upload, add_urls
from indexer.collect.feeds import FollowSchedule, follow
from indexer.collect.fetch import FetchError, fetch
from indexer.collect.store import normalise_url, store
from indexer.search import SearchRequest, open_snapshot, search
from web.cli import main

from .conftest import FIXTURES, indexed
from .documents import make_pdf
from .test_formats import MARKDOWN, pdf_pages
from .test_syndication import as_html
from .webserver import Route, serving

PAGE = (FIXTURES / "press_release.html").read_text("utf-8")
TITLE = "NGMN and Next G Alliance join forces on 6G sustainability"


SECOND = as_html(
    "SNS JU and 6G-IA open a call on 6G spectrum research",
    "Brussels, 3 April 2025. The Smart Networks and Services Joint Undertaking opened a "
    "call for 6G research projects on spectrum sharing and sustainable networks today.\n\n"
    "Proposals are due by the end of September and projects start early next year, with "
    "a budget of 130 million euro for the whole call across the member states.",
)


@pytest.fixture
def site():
    with serving() as s:
        yield s


@pytest.fixture
def allow_loopback(monkeypatch):
    monkeypatch.setenv("SIXG_ALLOW_PRIVATE_URLS", "1")


def files(corpus) -> list[str]:
    """Everything in the corpus folder, hidden files too (no temporary leftovers)."""
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*"))


def found(index_dir, q: str) -> list[str]:
    with open_snapshot(index_dir) as snapshot:
        return [h.article.path for h in search(snapshot, SearchRequest(q=q)).hits]


# -- fetching ---------------------------------------------------------------


def test_loopback_and_private_addresses_are_refused_by_default(site, monkeypatch):
    monkeypatch.delenv("SIXG_ALLOW_PRIVATE_URLS", raising=False)
    url = site.page("/news", PAGE)
    with pytest.raises(
        FetchError, match="private, loopback or link-local.*SIXG_ALLOW_PRIVATE_URLS"
    ):
        fetch(url)
    assert site.hits == {}  # refused before connecting
    assert not fetch_module.is_public("10.1.2.3")
    assert not fetch_module.is_public("169.254.169.254")  # cloud metadata
    assert not fetch_module.is_public("::ffff:127.0.0.1")
    assert not fetch_module.is_public("fe80::1")
    assert fetch_module.is_public("93.184.216.34")


def test_every_redirect_hop_is_checked(site, monkeypatch):
    """A public page redirecting to a private address is refused at that hop."""
    monkeypatch.delenv("SIXG_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.setattr(fetch_module, "is_public", lambda address: address == "127.0.0.1")
    port = site.base.rsplit(":", 1)[1]
    url = site.redirect("/go", f"http://127.0.0.2:{port}/internal")
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.2"):
        fetch(url)
    assert site.hits == {"/go": 1}


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_redirects_are_followed_up_to_a_limit(site, allow_loopback):
    site.page("/final", PAGE)
    site.redirect("/one", "/two", 302)
    site.redirect("/two", site.url("/final"), 308)
    page = fetch(site.url("/one"))
    assert page.url == site.url("/final") and page.kind == "html"
    site.redirect("/loop-a", "/loop-b")
    site.redirect("/loop-b", "/loop-a")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.url("/loop-a"))


def test_slow_oversized_missing_and_wrong_type_are_clear_failures(site, allow_loopback):
    site.routes["/slow"] = Route(PAGE.encode(), delay=3.0)
    site.routes["/big"] = Route(b"x" * 3_000_000)
    site.routes["/big-unannounced"] = Route(b"<p>" + b"x" * 3_000_000, length=-1)
    site.routes["/image"] = Route(b"\x89PNG....", "image/png")
    with pytest.raises(FetchError, match="timed out"):
        fetch(site.url("/slow"), timeout=0.5)
    with pytest.raises(FetchError, match="too big"):
        fetch(site.url("/big"), max_bytes=1_000_000)
    with pytest.raises(FetchError, match="too big"):
        fetch(site.url("/big-unannounced"), max_bytes=1_000_000)
    with pytest.raises(FetchError, match="404 Not Found"):
        fetch(site.url("/nothing"))
    with pytest.raises(
        FetchError, match=r"not an HTML page or a PDF \(the server sent image/png\)"
    ):
        fetch(site.url("/image"))


def test_an_unreachable_server_is_a_message(allow_loopback):
    port = free_port()  # a port nobody listens on
    with pytest.raises(FetchError, match="unreachable"):
        fetch(f"http://127.0.0.1:{port}/")


# -- storing ------------------------------------------------------------------


def test_tracking_parameters_fragment_case_and_default_port_are_ignored():
    same = {
        normalise_url(u)
        for u in [
            "https://Example.org/news/a?id=3",
            "HTTPS://example.org:443/news/a?id=3&utm_source=x&utm_medium=y#comments",
            "https://example.org/news/a?fbclid=abc&id=3&gclid=1&mc_cid=2&mc_eid=3",
        ]
    }
    assert same == {"https://example.org/news/a?id=3"}
    assert normalise_url("http://example.org") == "http://example.org/"
    assert normalise_url("https://example.org/a?id=4") != normalise_url(
        "https://example.org/a?id=3"
    )


def test_names_are_safe_and_never_overwrite(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = store(corpus, "example.org", "../../etc/passwd", ".html", b"<p>one</p>", {"url": "x"})
    second = store(corpus, "example.org", "../../etc/passwd", ".html", b"<p>two</p>")
    assert first.relpath == "example.org/etc-passwd.html"
    assert second.relpath == "example.org/etc-passwd-2.html"
    assert first.path.read_bytes() == b"<p>one</p>"
    assert json.loads((corpus / "example.org/etc-passwd.meta.json").read_text()) == {"url": "x"}
    for folder in ("../outside", "/tmp", ".hidden", "a/b"):
        with pytest.raises(ValueError):
            store(corpus, folder, "x", ".html", b"<p>x</p>")
    assert files(corpus) == [
        "example.org",
        "example.org/etc-passwd-2.html",
        "example.org/etc-passwd.html",
        "example.org/etc-passwd.meta.json",
    ]


def test_a_site_folder_that_is_a_link_out_of_the_corpus_is_not_written_through(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (corpus / "example.org").symlink_to(outside)
    with pytest.raises(ValueError, match="not a folder inside the corpus"):
        store(corpus, "example.org", "a", ".html", b"<p>x</p>")
    assert list(outside.iterdir()) == []


def test_leftovers_of_a_killed_store_are_removed_later(tmp_path):
    import os

    folder = tmp_path / "corpus" / "example.org"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".collecting-old", folder / ".collecting-new"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    store(tmp_path / "corpus", "example.org", "a", ".html", b"<p>x</p>")
    assert not stale.exists() and fresh.exists()


# -- adding by URL --------------------------------------------------------------


def test_what_a_page_says_cannot_write_outside_the_corpus(
    site, allow_loopback, corpus_dir, built_index, tmp_path
):
    hostile = PAGE.replace(TITLE, "../../../../outside/evil").replace(
        "<html", '<html><base href="file:///etc/">', 1
    )
    (outcome,) = add_urls(corpus_dir, built_index, [site.page("/x/..%2F..%2Fevil", hostile)])
    assert outcome.status == ADDED, outcome.message
    assert outcome.relpath == "127.0.0.1/outside-evil.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "index"]


def test_add_a_url_stores_the_page_with_a_sidecar_and_indexes_it(
    site, allow_loopback, corpus_dir, built_index
):
    url = site.page("/news/2025/ngmn-nga", PAGE)
    (outcome,) = add_urls(corpus_dir, built_index, [url + "?utm_source=newsletter#top"])
    assert outcome.status == ADDED, outcome.message
    assert (
        outcome.relpath
        == "127.0.0.1/ngmn-and-next-g-alliance-join-forces-on-6g-sustainability.html"
    )
    assert (corpus_dir / outcome.relpath).read_text("utf-8") == PAGE  # the raw page, as fetched
    sidecar = json.loads((corpus_dir / outcome.relpath.replace(".html", ".meta.json")).read_text())
    assert sidecar["url"] == url  # without tracking parameters and fragment
    assert sidecar["fetched"].endswith("+00:00")
    article = outcome.article
    assert article.title == TITLE
    assert {"NGMN", "Next G Alliance"} <= set(article.organisations)
    assert outcome.relpath in found(built_index, "sustainability")
    assert indexed(built_index)[outcome.relpath]["url"] == sidecar["url"]


def test_a_url_given_twice_or_again_later_is_stored_once(
    site, allow_loopback, corpus_dir, built_index
):
    url = site.page("/news/mou", PAGE)
    site.redirect("/short/mou", "/news/mou?utm_campaign=x")
    first = add_urls(corpus_dir, built_index, [url, url + "#comments"])
    assert [o.status for o in first] == [ADDED, KNOWN]
    assert first[1].relpath == first[0].relpath and "given twice" in first[1].message
    before = files(corpus_dir)
    hits = dict(site.hits)
    again = add_urls(corpus_dir, built_index, [url.replace("http://", "HTTP://") + "?fbclid=1"])
    assert again[0].status == KNOWN and again[0].relpath == first[0].relpath
    assert site.hits == hits  # recognised without fetching it again
    redirected = add_urls(corpus_dir, built_index, [site.url("/short/mou")])
    assert redirected[0].status == KNOWN and "already collected" in redirected[0].message
    assert files(corpus_dir) == before


def test_two_pages_with_one_title_get_numbered_names(site, allow_loopback, corpus_dir, built_index):
    other = PAGE.replace("energy", "power use").replace("Frankfurt", "Bonn")
    outcomes = add_urls(corpus_dir, built_index, [site.page("/a", PAGE), site.page("/b", other)])
    assert [o.status for o in outcomes] == [ADDED, ADDED], [o.message for o in outcomes]
    assert outcomes[1].relpath == outcomes[0].relpath.replace(".html", "-2.html")


def test_failures_leave_the_corpus_as_it_was(site, allow_loopback, corpus_dir, built_index):
    site.routes["/slow"] = Route(PAGE.encode(), delay=3.0)
    site.routes["/image"] = Route(b"\x89PNG....", "image/png")
    site.page("/empty", "<html><body><nav>Home</nav><script>x()</script></body></html>")
    site.page(
        "/copy",
        (corpus_dir.parent / "corpus")
        .joinpath(sorted(p.name for p in corpus_dir.iterdir())[0])
        .read_bytes(),
        "text/plain",
    )
    before = files(corpus_dir)
    fetcher = lambda url, **kw: fetch(url, timeout=0.5, max_bytes=1_000_000, **kw)  # noqa: E731
    outcomes = add_urls(
        corpus_dir,
        built_index,
        [site.url(p) for p in ("/slow", "/image", "/empty", "/missing")] + ["ftp://x/y"],
        fetcher=fetcher,
    )
    reasons = [o.message for o in outcomes]
    assert [o.status for o in outcomes] == [FAILED] * 5, reasons
    assert "timed out" in reasons[0]
    assert "not an HTML page or a PDF" in reasons[1]
    assert "not an article" in reasons[2]
    assert "404" in reasons[3]
    assert "only http and https" in reasons[4]
    assert files(corpus_dir) == before


def test_an_exact_copy_of_an_indexed_page_is_refused_and_removed_again(
    site, allow_loopback, corpus_dir, built_index
):
    (original,) = add_urls(corpus_dir, built_index, [site.page("/original", PAGE)])
    before = files(corpus_dir)
    (outcome,) = add_urls(corpus_dir, built_index, [site.page("/mirror/copy", PAGE)])
    assert outcome.status == KNOWN and outcome.relpath == original.relpath
    assert f"already collected: {original.relpath} (the same content)" in outcome.message
    assert files(corpus_dir) == before


def test_a_pdf_url_is_stored_as_pdf(site, allow_loopback, corpus_dir, built_index):
    url = site.page("/files/release.pdf", make_pdf(pdf_pages()), "application/pdf")
    (outcome,) = add_urls(corpus_dir, built_index, [url])
    assert outcome.status == ADDED, outcome.message
    assert outcome.relpath.startswith("127.0.0.1/ngmn-and-the-next-g-alliance-agree-on-6g")
    assert outcome.relpath.endswith(".pdf")
    assert outcome.article.format == "pdf"
    assert any("repeated on most pages" in r.reason for r in outcome.article.removed)
    assert outcome.relpath in found(built_index, "indicators")


# -- upload and paste -------------------------------------------------------------


def test_upload_markdown_and_pdf_with_hostile_names(corpus_dir, built_index):
    md = add_upload(corpus_dir, built_index, "../../../etc/evil.md", MARKDOWN.encode())
    assert md.status == ADDED, md.message
    assert md.relpath == "uploaded/nordic-operators-and-6g-ia-sign-a-memorandum.md"
    pdf = add_upload(corpus_dir, built_index, "C:\\temp\\report.PDF", make_pdf(pdf_pages()))
    assert (
        pdf.status == ADDED and pdf.relpath.startswith("uploaded/") and pdf.relpath.endswith(".pdf")
    )
    exe = add_upload(corpus_dir, built_index, "tool.exe", b"MZ")
    assert exe.status == FAILED and "not HTML, text, Markdown or PDF" in exe.message
    assert md.relpath in found(built_index, "testbed")


def test_paste_text_with_an_address(corpus_dir, built_index):
    text = (
        "Oulu, 5 May 2025\n\nThe 6G Flagship and NTT DOCOMO agreed to test sub-THz links "
        "in Finland and Japan over the next two years, sharing results openly.\n\n"
        "Share this article"
    )
    outcome = add_paste(
        corpus_dir, built_index, text, url="https://news.example.com/flagship?utm_medium=x"
    )
    assert outcome.status == ADDED, outcome.message
    assert outcome.relpath.startswith("news.example.com/") and outcome.relpath.endswith(".txt")
    assert outcome.article.url == "https://news.example.com/flagship"
    assert outcome.relpath in found(built_index, "sub-THz")
    sidecar = json.loads((corpus_dir / outcome.relpath.replace(".txt", ".meta.json")).read_text())
    assert sidecar == {"url": "https://news.example.com/flagship"}  # nothing was fetched
    again = add_paste(corpus_dir, built_index, text, url="https://news.example.com/flagship")
    assert again.status == KNOWN
    assert add_paste(corpus_dir, built_index, "   ").status == FAILED


# -- feeds ----------------------------------------------------------------------


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>http://example.org/</link>{entries}</channel></rss>"
    )


def test_follow_fetches_new_items_and_skips_old_ones(site, allow_loopback, corpus_dir, built_index):
    old = site.page("/news/old", PAGE)
    add_urls(corpus_dir, built_index, [old])
    new = site.page("/news/new", SECOND)
    site.page(
        "/feed.xml", rss([("New", new + "?utm_source=rss"), ("Old", old)]), "application/rss+xml"
    )
    feed = datafiles.Feed("SNS news", site.url("/feed.xml"))
    (result,) = follow(corpus_dir, built_index, (feed,))
    assert result.error is None and result.old == 1 and result.added == 1
    (outcome,) = result.outcomes
    assert outcome.article.source == "SNS news"
    sidecar = json.loads((corpus_dir / outcome.relpath.replace(".html", ".meta.json")).read_text())
    assert sidecar["feed"] == site.url("/feed.xml") and sidecar["source"] == "SNS news"
    assert indexed(built_index)[outcome.relpath]["source"] == "SNS news"
    assert site.hits["/news/old"] == 1 and site.hits["/news/new"] == 1
    (second,) = follow(corpus_dir, built_index, (feed,))
    assert second.added == 0 and second.old == 2
    assert site.hits["/news/new"] == 1  # not fetched again


def test_a_feed_that_is_not_a_feed_is_reported_and_the_others_go_on(
    site, allow_loopback, corpus_dir, built_index
):
    site.page("/not-a-feed", "<html><body>hello</body></html>")
    site.page(
        "/atom",
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>A</title><entry><title>x</title><link href="{site.page("/n", SECOND)}"/>'
            "<id>1</id><updated>2025-04-03T00:00:00Z</updated></entry></feed>"
        ),
        "application/atom+xml",
    )
    feeds = (
        datafiles.Feed("Broken", site.url("/not-a-feed")),
        datafiles.Feed("Atom", site.url("/atom")),
    )
    broken, atom = follow(corpus_dir, built_index, feeds)
    assert "not an RSS or Atom feed" in broken.error
    assert atom.added == 1


def test_serve_follows_on_a_schedule(site, allow_loopback, corpus_dir, built_index, tmp_path):
    new = site.page("/news/scheduled", SECOND)
    site.page("/feed.xml", rss([("New", new)]), "application/rss+xml")
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[[feed]]\nname = "Sched"\nurl = "{site.url("/feed.xml")}"\n')
    schedule = FollowSchedule(corpus_dir, built_index, 1 / 60, feeds_file).start()
    try:
        for _ in range(100):
            if found(built_index, "spectrum sharing budget"):
                break
            time.sleep(0.2)
    finally:
        schedule.stop()
    assert found(built_index, '"130 million euro"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nurl = "https://x.org/feed"\n', "name must be a non-empty string"),
        ('[[feed]]\nname = "X"\nurl = "ftp://x.org/feed"\n', "url must be an http"),
        ('[[feed]]\nname = "X"\nurl = "https://x.org/f"\nevery = 3\n', "unknown keys ['every']"),
        ('[[feed]]\nname = "X"\nurl = "https://x.org/f"\nmax_items = 0\n', "max_items"),
        (
            '[[feed]]\nname = "X"\nurl = "https://x.org/f"\n[[feed]]\nname = "Y"\nurl = "https://x.org/f"\n',
            "listed twice",
        ),
        ("[feeds]\nx = 1\n", "unknown tables ['feeds']"),
        ("[[feed]\n", "feeds.toml"),
    ],
)
def test_feeds_file_errors_name_the_entry(tmp_path, text, message):
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(
        datafiles.DataFileError, match=message.replace("[", r"\[").replace("]", r"\]")
    ):
        datafiles.feeds(path)


def test_shipped_feeds_file_loads_and_is_not_part_of_the_extractor_fingerprint():
    assert isinstance(datafiles.feeds(), tuple)
    assert datafiles.FEEDS_FILE not in datafiles.EXTRACTION_FILES


# -- the commands -----------------------------------------------------------------


def test_add_and_follow_commands(site, allow_loopback, corpus_dir, built_index, tmp_path, capsys):
    url = site.page("/news/cli", PAGE)
    where = ["--corpus", str(corpus_dir), "--index", str(built_index)]
    assert main(["add", url, url + "?utm_source=x", *where]) == 0
    out = capsys.readouterr().out
    assert "added: " + url in out and TITLE in out and "known: " in out
    assert main(["add", site.url("/missing"), *where]) == 1
    assert "404" in capsys.readouterr().err
    site.page(
        "/feed.xml",
        rss([("New", site.page("/news/second", SECOND)), ("Old", url)]),
        "application/rss+xml",
    )
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[[feed]]\nname = "CLI feed"\nurl = "{site.url("/feed.xml")}"\n')
    assert main(["follow", "--feeds", str(feeds_file), *where]) == 0
    assert "CLI feed: 1 new, 1 already collected" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--follow-every", "0", *where])
    assert stop.value.code == 2 and "not a number of minutes above 0" in capsys.readouterr().err
    feeds_file.write_text("[[feed]]\nname = 3\n")
    assert main(["follow", "--feeds", str(feeds_file), *where]) == 2
    assert "name must be a non-empty string" in capsys.readouterr().err


def test_feed_items_behind_redirects_are_stored_once_and_not_fetched_again(
    site, allow_loopback, corpus_dir, built_index
):
    """Was: a sidecar keeps the address after redirects, so an item whose link
    redirects (a feed's tracking link) was fetched again on every `follow`."""
    (collected,) = add_urls(corpus_dir, built_index, [site.page("/news/old", PAGE)])
    site.page("/news/new", SECOND)
    site.redirect("/r/1", "/news/old?utm_source=rss")  # to the page already collected
    site.redirect("/r/2", "/news/new")  # to a new page
    items = [("Old", site.url("/r/1")), ("New", site.url("/r/2"))]
    site.page("/feed.xml", rss(items), "application/rss+xml")
    feed = datafiles.Feed("SNS news", site.url("/feed.xml"))
    before = files(corpus_dir)
    (result,) = follow(corpus_dir, built_index, (feed,))
    old, new = result.outcomes
    assert old.status == KNOWN and old.relpath == collected.relpath
    assert new.status == ADDED and result.error is None
    assert result.summary() == "SNS news: 1 new, 1 already collected"
    sidecar = new.relpath.replace(".html", ".meta.json")
    assert files(corpus_dir) == sorted([*before, new.relpath, sidecar])  # nothing twice
    assert json.loads((corpus_dir / sidecar).read_text())["url"] == site.url("/news/new")
    hits = dict(site.hits)
    (second,) = follow(corpus_dir, built_index, (feed,))
    assert second.old == 2 and not second.outcomes
    assert site.hits == {**hits, "/feed.xml": hits["/feed.xml"] + 1}  # only the feed
    again = add_urls(corpus_dir, built_index, [site.url("/r/2")])
    assert again[0].status == KNOWN and again[0].relpath == new.relpath
    assert site.hits["/r/2"] == 1
