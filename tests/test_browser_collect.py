"""Adding articles in a real browser (Chromium via Playwright, as tests/test_browser.py):
log in, add a URL, upload a file, paste text; each is searchable at once; logged
out, the page refuses."""

from __future__ import annotations

import pytest

from web import create_app

from .conftest import served
from .test_browser import browser, page, screenshot  # noqa: F401 (fixtures)
from .test_collect import PAGE, TITLE
from .test_formats import MARKDOWN
from .webserver import serving

PASSWORD = "operator-secret"


@pytest.fixture
def site(built_index, corpus_dir, monkeypatch):
    monkeypatch.setenv("SIXG_ALLOW_PRIVATE_URLS", "1")
    app = create_app(
        {
            "INDEX_DIR": str(built_index),
            "CORPUS_DIR": str(corpus_dir),
            "ADMIN_PASSWORD": PASSWORD,
        }
    )
    with served(app) as url:
        yield url


def hits(tab, site, q):
    tab.goto(f"{site}/?q={q}")
    return tab.locator("article.hit h3").all_inner_texts()


def test_log_in_add_a_url_upload_and_paste_then_search(page, site, corpus_dir):  # noqa: F811
    page.goto(site + "/add")
    assert "/login" in page.url and page.locator("#urls").count() == 0
    page.fill("#password", "wrong")
    page.click("#login")
    assert page.locator("p.error").inner_text() == "Wrong password."
    page.fill("#password", PASSWORD)
    page.click("#login")
    page.wait_for_url("**/add")

    with serving() as news:
        url = news.page("/news/ngmn-nga", PAGE)
        page.fill("#urls", url + "?utm_source=mail")
        page.click("#add-urls")
        page.wait_for_selector(".outcome.added")
        assert page.locator(".outcome .title").inner_text() == TITLE
        screenshot(page, "add-url")
        page.click(".outcome a:has-text('article page')")
        assert page.locator("h1").first.inner_text() == TITLE
    assert TITLE in hits(page, site, "sustainability")

    page.goto(site + "/add")
    seed = sorted(corpus_dir.glob("*.txt"))[0]
    page.set_input_files(  # two files in one form: one index run, an outcome each
        "#files",
        files=[
            {"name": "mou.md", "mimeType": "text/markdown", "buffer": MARKDOWN.encode()},
            {"name": "again.txt", "mimeType": "text/plain", "buffer": seed.read_bytes()},
        ],
    )
    page.click("#upload")
    page.wait_for_selector(".outcome.added")
    assert page.locator(".outcome .status strong").all_inner_texts() == [
        "Added",
        "Already collected",
    ]
    assert "Nordic operators and 6G-IA sign a memorandum" in hits(page, site, "testbed")

    page.goto(site + "/add")
    page.fill("#paste-title", "Flagship and DOCOMO test sub-THz links")
    page.fill(
        "#text",
        "Oulu, 5 May 2025\n\nThe 6G Flagship and NTT DOCOMO agreed to test sub-THz links in "
        "Finland and Japan over the next two years and to publish the results.",
    )
    page.click("#paste")
    page.wait_for_selector(".outcome.added")
    assert "Flagship and DOCOMO test sub-THz links" in hits(page, site, "DOCOMO")

    page.goto(site + "/add")
    page.click("form.logout button")
    page.goto(site + "/add")
    assert "/login" in page.url and page.locator("#urls").count() == 0


def test_logged_out_the_add_page_refuses(page, site):  # noqa: F811
    page.goto(site + "/add?url=https://example.org/news")
    assert "/login" in page.url
    assert page.locator("h1").inner_text() == "Log in to add articles"
    status = page.evaluate(
        """async () => (await fetch('/add/paste', {method: 'POST',
             body: new URLSearchParams({text: 'Some article text.'})})).status"""
    )
    assert status == 403
