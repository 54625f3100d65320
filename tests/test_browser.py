"""The site in a real browser: Debian's Chromium driven by Playwright.

The server is the production one (waitress) on a free loopback port. Without
Chromium these tests are skipped on a developer's machine, but fail in CI
(CI=true), where `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import REPO, seeds_and_generated, served

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidate = (
        os.environ.get("SIXG_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    return candidate if candidate and Path(candidate).exists() else None


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found (apt-get install chromium, or set SIXG_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(app):
    with served(app) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def hit_titles(page) -> list[str]:
    return page.locator("article.hit h3").all_inner_texts()


def org_count(page, name: str) -> int:
    value = page.locator("[data-facet=org] .facet-value", has_text=name).first
    return int(value.locator(".n").inner_text())


def test_type_a_query_filter_by_organisations_and_go_back(page, site):
    page.goto(site + "/")
    page.fill("#q", "MoU")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=MoU")
    assert len(hit_titles(page)) == 3
    assert page.locator("article.hit mark").count() >= 3
    assert org_count(page, "6G-IA") == 2
    screenshot(page, "search-mou")

    topics_before = page.locator("[data-facet=topic] .n").all_inner_texts()
    page.locator("[data-facet=org] .facet-value", has_text="6G-IA").first.click()
    page.wait_for_url("**org=6G-IA**")
    assert page.locator("[data-facet=topic] .n").all_inner_texts() != topics_before
    assert parse_qs(urlparse(page.url).query) == {"q": ["MoU"], "org": ["6G-IA"]}
    assert len(hit_titles(page)) == 2
    assert page.locator(".chip", has_text="6G-IA").is_visible()

    page.locator("[data-facet=org] .facet-value", has_text="B5GPC").first.click()
    page.wait_for_url("**org=B5GPC**")
    assert len(hit_titles(page)) == 3  # two organisations: OR
    screenshot(page, "search-two-orgs")

    page.go_back()
    page.wait_for_url("**/?q=MoU&org=6G-IA")
    assert len(hit_titles(page)) == 2
    page.go_back()
    assert len(hit_titles(page)) == 3


def test_open_an_article_and_follow_an_organisation(page, site):
    page.goto(site + "/?q=Finland")
    page.locator("article.hit h3 a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() == "Finland and Japan team up to develop 6G technology"
    assert "Matti Latva-aho" in page.locator(".text").inner_text()
    screenshot(page, "article")
    page.locator(".facts a.tag", has_text="6G Flagship").click()
    page.wait_for_url("**org=6G+Flagship**")
    assert len(hit_titles(page)) == 1


def test_phone_sized_screen(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site + "/?q=6G")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    assert page.locator("#q").is_visible()
    screenshot(page, "search-phone")
    context.close()


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """The seeds plus 80 generated articles: long facet lists, many years."""
    from web import create_app

    corpus, index = seeds_and_generated(tmp_path_factory.mktemp("big-site"), 80, seed=5)
    with served(create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)})) as url:
        yield url


def result_count(page) -> int:
    return int(page.locator(".summary .count strong").inner_text())


def test_histogram_bar_filters_by_year_and_range_inputs_work(page, big_site):
    page.goto(big_site + "/")
    bar = page.locator("svg.histogram a").filter(has=page.locator("rect.bar")).first
    label = bar.get_attribute("aria-label")  # "2019: 7 articles"
    year, count = label.split(":")[0], int(label.split(":")[1].split()[0])
    bar.click()
    page.wait_for_url(f"**year={year}**")
    assert result_count(page) == count
    screenshot(page, "histogram-filtered")
    page.goto(big_site + "/")
    page.fill("input[name=from]", "2024")
    page.fill("input[name=to]", "2025")
    page.click(".range button")
    page.wait_for_url("**from=2024**")
    dates = page.locator("article.hit time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates and all("2024" <= d[:4] <= "2025" for d in dates)
    assert page.locator(".chip", has_text="2024-01-01 – 2025-12-31").is_visible()


def test_organisation_filter_box_narrows_the_list(page, big_site):
    page.goto(big_site + "/")
    box = page.locator(".facet-filter")
    assert box.is_visible()
    # A name from the list (the generated articles name a random draw from
    # the gazetteer): its first letters narrow the list to names holding them.
    labels = page.locator("[data-facet=org] li .label").all_text_contents()
    wanted = labels[-1].lower()[:4]
    box.fill(wanted)
    visible = page.locator("[data-facet=org] li:visible .label").all_inner_texts()
    assert visible and all(wanted in v.lower() for v in visible)
    assert len(visible) < len(labels)
    box.fill("")
    assert page.locator("[data-facet=org] li:visible").count() > 8


def test_did_you_mean_and_similar_articles(page, site):
    page.goto(site + "/?q=spectrun")
    page.locator(".suggestion a").click()
    page.wait_for_url("**q=spectrum")
    assert result_count(page) == 3
    page.locator("article.hit h3 a").first.click()
    page.wait_for_url("**/articles/**")
    first_title = page.locator("h1").inner_text()
    page.locator(".similar a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() != first_title


def test_keyboard_only(page, site):
    page.goto(site + "/?q=MoU")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Control+A")
    page.keyboard.type("cooperation")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=cooperation")
    link = page.locator("[data-facet=org] .facet-value").first
    link.focus()
    name = link.locator(".label").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**org=**")
    assert page.locator(".chip", has_text=name).is_visible()


def test_core_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.fill("#q", "MoU")
    page.press("#q", "Enter")
    page.wait_for_url("**q=MoU")
    page.locator("[data-facet=org] .facet-value", has_text="6G-IA").first.click()
    page.wait_for_url("**org=6G-IA**")
    assert len(hit_titles(page)) == 2
    page.locator("a", has_text="Oldest").click()
    page.wait_for_url("**sort=oldest**")
    assert page.locator("article.hit time").first.inner_text() == "2 June 2022"
    context.close()


def test_cooperation_map_renders_and_a_click_filters(page, big_site):
    page.goto(big_site + "/?q=6G")
    page.locator("a", has_text="Cooperation map").click()
    page.wait_for_url("**/map?q=6G")
    nodes = page.locator("svg.coop-map a.node")
    assert nodes.count() >= 10
    box = page.locator("svg.coop-map").bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    screenshot(page, "cooperation-map")
    label = nodes.first.get_attribute("aria-label")  # "6G-IA: 4"
    name, count = label.rsplit(":", 1)
    nodes.first.click()
    page.wait_for_url("**org=**")
    assert page.locator(".chip", has_text=name).is_visible()
    assert result_count(page) == int(count)


def test_timeline_renders_and_a_click_filters(page, big_site):
    page.goto(big_site + "/?q=6G")
    bars = page.locator("figure.timeline a").filter(has=page.locator("rect.bar"))
    assert bars.count() >= 4
    assert page.locator("figure.timeline polyline").count() >= 1
    screenshot(page, "timeline")
    label = bars.nth(1).get_attribute("aria-label")  # "2019-Q3: 2"
    bars.nth(1).click()
    page.wait_for_url("**from=**")
    assert result_count(page) == int(label.rsplit(":", 1)[1])
    assert page.locator(".chip", has_text="–").is_visible()


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory):
    """The seeds and the test articles in ten languages (tests/fixtures/languages)."""
    from indexer.index.sync import sync_index
    from web import create_app

    root = tmp_path_factory.mktemp("languages-site")
    corpus = root / "corpus"
    shutil.copytree(REPO / "tests" / "fixtures" / "languages", corpus)
    for seed in (REPO / "corpus").glob("*.txt"):
        shutil.copy2(seed, corpus / seed.name)
    sync_index(corpus, root / "index")
    with served(create_app({"INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)})) as url:
        yield url


def test_choose_a_language_in_the_facet_and_the_results_narrow(page, languages_site):
    page.goto(languages_site + "/?q=6G")
    everything = result_count(page)
    japanese = page.locator("[data-facet=lang] .facet-value", has_text="Japanese").first
    assert int(japanese.locator(".n").inner_text()) == 1
    japanese.click()
    page.wait_for_url("**lang=ja**")
    assert result_count(page) == 1 < everything
    assert hit_titles(page) == ["Beyond 5G推進コンソーシアムと欧州団体が覚書を締結"]
    assert page.locator(".chip", has_text="Japanese").is_visible()
    page.locator("[data-facet=lang] .facet-value", has_text="Korean").first.click()
    page.wait_for_url("**lang=ko**")
    assert result_count(page) == 2  # Japanese OR Korean
    screenshot(page, "search-language-facet")
    page.goto(languages_site + "/?q=備忘錄")  # traditional characters find simplified ones
    assert sorted(hit_titles(page))[0].startswith("IMT-2030")
    assert page.locator("article.hit mark", has_text="备忘录").count() >= 1
