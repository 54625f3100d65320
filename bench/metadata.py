"""Measure publication dates and titles on the shared benchmark's real pages.

Labels (bench/labels/metadata.json, one entry per page of the shared
extraction benchmark): `date` is the publication day a reader sees on the
page (the byline or dateline in the site's own time zone; the structured
data's day where the page shows none; the URL's day for the pages whose URL
holds one, unless the page plainly states another) or null; `title` is the
headline as a reader sees it, `title_also` the page's other headline
(og:title or <title> without the site name), accepted too. The page's own URL
is removed from it (canonical link, og:url, and every copy of its address),
so the URL date is not an input at all.

Each system is scored on the whole set and on two folds by page (a stable
split on the page id): a rule tuned on one fold must also help on the other.
Figures: exact-day accuracy (null = null counts as right), coverage (share
of pages given a date), precision (right days / dated pages), title accuracy
(HTML path, and the text path: the page's visible text, one block per line,
given to the plain-text cleaner), and median CPU milliseconds a page (CPU
time, not wall time: the machine is shared). The text path is also scored
on the shapes bench/extraction.py renders and caches: "text browser"
(Chromium's innerText of the whole page), "text wrapped" (w3m at 80
columns), "text numbered" (the same with its links numbered and listed
under "References:") and "text nodes" (one text node per line), the URL
removed too.

A second, independent set scores titles of plain texts as people paste and
save them (bench/labels/text-titles/: forty short 6G press texts written
for this bench, each with a trap: breadcrumb, back link, section label,
Markdown heading, front matter, glued photo credit or byline, share
buttons, datelines, CJK headlines, node-per-line and hard-wrapped copies;
titles.json labels each with its title and its half). Rules are tuned on
the "tune" half only; "heldout" shows whether they carry over.

A third set is blind (bench/labels/text-titles2/: forty whole pages as
people copy or save them: browser copies with menus, breadcrumbs, cookie
banners and related lists, text-mode dumps wrapped at 80 columns, one node
per line, saved Markdown, e-mail forwards; English and eight other
languages). Its titles.json labels each with its headline, the publication
day the page states (or null) and its shape. It judges rules tuned
elsewhere, so it is scored only on request (--blind-only), and only as
summary figures: title accuracy, date accuracy, coverage and precision, on
the whole set and by shape. It never prints a page. A second blind set
(bench/labels/text-titles5/: forty more whole pages of the same five shapes,
each modelled on a different kind of site: ministries, regulators, standards
bodies, associations, universities, EU projects, press rooms, wire services,
newspapers, trade press, CJK portals, post copies, conferences; English and
eleven other languages) is labelled the same way and reported after it,
and a third (bench/labels/text-titles9/: forty more, fifteen languages
besides English, kinds of site the others lack: investor relations, think
tanks, embassies, patent offices, space agencies, city governments,
podcast pages) after that, and a fourth (bench/labels/text-titles14/:
forty more from a new recipe leaning on the product's own material —
MoUs, government programmes, research partnerships, spectrum and
standards — in fifteen languages besides English) last. Each was written before the session that
first scored it changed any code, by an engineer who never ran the
extractor.

Another set is for tuning (bench/labels/text-titles3/: forty whole pages of
the same kinds, labelled the same way plus a half A/B for 2-fold
cross-validation). It is scored in the default run and alone with --tune3,
on the whole set, by half and by shape, and its wrong pages are listed.
More tuning sets are labelled the same way and scored with report_tune3 on
their folder: text-titles4 (browser copies and node-per-line pages from
varied sites), and one shape each: text-titles6 (e-mail forwards),
text-titles7 (node per line), text-titles8 (browser copies), text-titles10
(browser copies from yet other kinds of site: investor relations, city and
regional governments, a think tank, an embassy, space agencies, a patent
office, an open-source foundation, a cloud blog, news portals in Portuguese,
Turkish, Arabic and Hindi, a wiki page, an event listing, a video page and a
PDF viewer), text-titles11 (node per line again, from kinds of site the
others do not use: trade fair, investor relations, webinar, municipality,
space agency, law firm, forum, embassy, chamber, parliament, analyst
firm...); text-titles12 is forty whole pages written from blind set 9's
recipe (the five shapes in its mix, 24 English and 16 in 13 other
languages), before any code changed; text-titles13 is forty more in the same
mix from yet other kinds of site (a hospital, a carmaker, an airport, a rail
operator, a port, a wine cooperative, a power utility, a water board, a
museum, a bank, a chip start-up, a mine, a defence agency, a trade union, a
statistics office, an insurer, a stock exchange, a tender portal, a library,
an observatory, a radio club, a school district...; 24 English and 16 in 14
other languages), also written before any code changed; text-titles15 is
forty more from a new recipe (regional papers, association newsletters,
procurement notices, gazettes, careers hubs, aggregators, syndicated wire
copies, translated releases; 22 English and 18 in 15 other languages,
lynx dumps with link numbers among the text-mode dumps).

A set of HTML pages for publication dates (bench/labels/html-dates/: forty
small news and press pages written for this bench, each modelled on a
different kind of site: WordPress, Drupal, Arc- and Brightspot-like
newspapers, CJK portals, European, Turkish, Russian, Arabic, Persian,
Indonesian and Vietnamese news, governments, universities, newsrooms, blogs,
a podcast, a live blog; the date in JSON-LD, meta tags, microdata, <time> or
only a byline in the local language, or nowhere; each with a trap: a later
"updated" day, sidebars and comments with dates, event dates, cookie banners,
time zones). labels.json gives each page's day (or null), language, CMS, trap
and half A/B; a page's own URL, where labelled, is removed as above. Scored
with --html-dates for the HTML path and htmldate side by side, by half; only
half A's wrong pages are listed (B is scored, not read).

Sets of REAL stored pages are kept outside the repository (their text is
third-party: never committed): a folder with pages/*.txt, each the text of
a public page about 6G as a store of web pages keeps it (from its beginning:
menus, a leading "date 2025-11-14" stamp and all), and labels-*.json mapping
each file name to {"url", "title": the headline as printed, or null when the
text shows none, "date": the day the text states as the article's, or null,
"event_date", "language", "notes"}, labelled by people who never ran the
extractor. --real DIR scores one such set by half (by the SHA-1 of the file
name: the first hex digit even is A); titles over the pages with a headline;
only half A's wrong pages are listed.

    python -c "from bench.metadata import *; report_tune3(0, TUNE_TEXTS.parent / 'text-titles7')"
    python -m bench.metadata [--show N] [--only NAME] [--keep-url] [--texts-only]
    python -m bench.metadata --tune3 [--show N]
    python -m bench.metadata --html-dates [--show N] [--only NAME]
    python -m bench.metadata --blind-only
    python -m bench.metadata --real DIR [--show N]
    (from the repository root)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from htmldate import find_date

from bench.extraction import find_bench, load_pages, node_text, rendered
from indexer.extract import extract_document
from indexer.extract.htmlclean import visible_lines
from indexer.extract.reading import decode

BENCH = find_bench()
LABELS = Path(__file__).resolve().parent / "labels" / "metadata.json"
TEXT_TITLES = Path(__file__).resolve().parent / "labels" / "text-titles"
BLIND_TEXTS = Path(__file__).resolve().parent / "labels" / "text-titles2"
BLIND_TEXTS5 = BLIND_TEXTS.parent / "text-titles5"
BLIND_TEXTS9 = BLIND_TEXTS.parent / "text-titles9"
BLIND_TEXTS14 = BLIND_TEXTS.parent / "text-titles14"
BLIND_SETS = (BLIND_TEXTS, BLIND_TEXTS5, BLIND_TEXTS9, BLIND_TEXTS14)
TUNE_TEXTS = Path(__file__).resolve().parent / "labels" / "text-titles3"
HTML_DATES = Path(__file__).resolve().parent / "labels" / "html-dates"
URL_IN_PAGE = re.compile(
    r"<link[^>]+rel=[\"']?(canonical|shortlink|amphtml)[^>]*>"
    r"|<meta[^>]+(og:url|twitter:url)[^>]*>",
    re.I,
)


def fold(key: str) -> str:
    return "A" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "B"


def without_url(html: str, url: str) -> str:
    """The page without its own address: the label must not be an input."""
    html = URL_IN_PAGE.sub("", html)
    if not url:
        return html
    parts = urlparse(url)
    for copy in sorted({url, url.split("://", 1)[-1], parts.path}, key=len, reverse=True):
        if len(copy) > 8:
            html = html.replace(copy, "/")
    return html


def labelled_pages(keep_url: bool = False) -> list[dict]:
    truth = json.loads((BENCH / "ground-truth.json").read_text())
    labels = json.loads(LABELS.read_text())
    pages = []
    for key, label in sorted(labels.items()):
        raw = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
        html = decode(raw, is_html=True)
        if not keep_url:
            html = without_url(html, truth[key].get("url", ""))
        pages.append(
            {
                "key": key,
                "html": html,
                "date": date.fromisoformat(label["date"]) if label["date"] else None,
                "titles": [label["title"], *label.get("title_also", [])],
                "fold": fold(key),
            }
        )
    return pages


def same_title(found: str | None, wanted: list[str]) -> bool:
    return bool(found) and _title_key(found) in {_title_key(t) for t in wanted}


def _title_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\W+", "", text)


def page_text(html: str) -> str:
    """The page as a browser shows it: its visible text, one block per line."""
    soup = BeautifulSoup(html, "lxml")
    return "\n".join(visible_lines(soup.body or soup))


def _project(page):
    article = extract_document(page["html"], "page.html", is_html=True)
    return article.date, article.title


def _project_text(page):
    article = extract_document(page["text"], "page.txt", is_html=False)
    return article.date, article.title


TEXT_SHAPES = ("browser", "wrapped", "numbered", "nodes")


def add_shapes(pages: list[dict], keep_url: bool = False) -> None:
    """Give each page its text in bench/extraction.py's shapes (browser copy, w3m
    dump, the dump with its links numbered, node per line), from that bench's
    cache, the page's own URL removed.

    The cached renderings are made from the pages as saved (some show their
    address), so the address is stripped from the text the way without_url
    strips it from the HTML."""
    truth = json.loads((BENCH / "ground-truth.json").read_text())
    saved = {k: v for k, v in load_pages(None, None).items() if k in {p["key"] for p in pages}}
    shapes = {s: rendered(s, saved) for s in ("browser", "wrapped", "numbered")}
    for page in pages:
        url = "" if keep_url else truth[page["key"]].get("url", "")
        page["texts"] = {s: without_url(shapes[s][page["key"]], url) for s in shapes}
        page["texts"]["nodes"] = node_text(page["html"])


def _project_shape(shape: str):
    def run(page):
        article = extract_document(page["texts"][shape], f"page.{shape}.txt", is_html=False)
        return article.date, article.title

    return run


def _htmldate(extensive: bool):
    def run(page):
        found = find_date(page["html"], original_date=True, extensive_search=extensive)
        return (date.fromisoformat(found) if found else None), None

    return run


def _htmldate_fallback(page):
    found, _ = _htmldate(False)(page)
    return (found, None) if found else _htmldate(True)(page)


SYSTEMS = {
    "sixg-search HTML": _project,
    "htmldate quick": _htmldate(False),
    "htmldate extensive": _htmldate(True),
    "htmldate quick, else extensive": _htmldate_fallback,
}


def run(pages, systems) -> dict[str, list[tuple[dict, date | None, str | None, float]]]:
    results = {}
    for name, system in systems.items():
        rows = []
        for page in pages:
            start = time.process_time()
            found_date, found_title = system(page)
            rows.append((page, found_date, found_title, 1000 * (time.process_time() - start)))
        results[name] = rows
    return results


def score(rows) -> dict[str, float]:
    n = len(rows)
    dated = [r for r in rows if r[1] is not None]
    right = sum(1 for page, found, _, _ in rows if found == page["date"])
    right_dated = sum(1 for page, found, _, _ in dated if found == page["date"])
    titled = [r for r in rows if r[2] is not None]
    headlined = [r for r in rows if r[0]["titles"]]  # a real page may show no headline
    title_right = sum(same_title(t, p["titles"]) for p, _, t, _ in headlined)
    return {
        "n": n,
        "accuracy": right / n,
        "coverage": len(dated) / n,
        "precision": right_dated / len(dated) if dated else 0.0,
        "title": title_right / len(headlined) if titled and headlined else None,
        "ms": statistics.median(r[3] for r in rows),
    }


def print_header(column: str = "set", width: int = 5, title: str = "title") -> None:
    """The column heads over print_scores' lines (`title` blank where no title is scored)."""
    print(
        f"{'system':32} {column:{width}} {'n':>4} {'date':>6} {'cover':>6} {'prec':>6} "
        f"{title:>6} {'ms':>6}"
    )


def print_scores(name: str, rows, parts, width: int = 5, by: str = "fold") -> None:
    """One line of figures for each part ("all" or a page's fold, or its `by` field)."""
    for part in parts:
        subset = [r for r in rows if part == "all" or r[0][by] == part]
        s = score(subset)
        title = f"{s['title']:.3f}" if s["title"] is not None else "   -"
        print(
            f"{name:32} {part:{width}} {s['n']:4} {s['accuracy']:6.3f} {s['coverage']:6.3f} "
            f"{s['precision']:6.3f} {title:>6} {s['ms']:6.1f}"
        )


def report(results, show: int) -> None:
    print_header()
    for name, rows in results.items():
        print_scores(name, rows, ("all", "A", "B"))
    for name, rows in results.items():
        wrong = [r for r in rows if r[1] != r[0]["date"]]
        if show and wrong:
            print(f"-- {name}: {len(wrong)} wrong dates")
            for page, found, _, _ in wrong[:show]:
                print(f"   {page['key'][:12]} {page['fold']}  label {page['date']}  found {found}")
        bad = [r for r in rows if r[2] is not None and not same_title(r[2], r[0]["titles"])]
        if show and bad:
            print(f"-- {name}: {len(bad)} wrong titles")
            for page, _, found, _ in bad[:show]:
                print(
                    f"   {page['key'][:12]} {page['fold']}  {found[:70]!r}"
                    f"  ≠ {page['titles'][0][:50]!r}"
                )


def _labelled_texts(folder: Path) -> list[dict]:
    labels = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
    return [
        {"name": name, "text": (folder / name).read_text(encoding="utf-8"), **label}
        for name, label in sorted(labels.items())
    ]


def text_titles() -> list[dict]:
    """The plain-text title set: each text with its labelled title and half."""
    return _labelled_texts(TEXT_TITLES)


BLIND_SHAPES = ("browser copy", "text-mode dump", "node per line", "markdown", "e-mail forward")


def blind_label_problems(folder: Path = BLIND_TEXTS) -> list[str]:
    """What is wrong with a blind set's labels: unlabelled or missing files, bad fields."""

    def checks(name: str, label: dict, files: set[str]) -> list[str]:
        problems = []
        if not isinstance(label["title"], str) or not label["title"].strip():
            problems.append(f"{name}: empty title")
        if label["shape"] not in BLIND_SHAPES:
            problems.append(f"{name}: unknown shape {label['shape']!r}")
        problems += _date_problems(name, label)
        if name in files and label["title"]:
            flat = " ".join((folder / name).read_text(encoding="utf-8").split())
            if " ".join(str(label["title"]).split()) not in flat:
                problems.append(f"{name}: title not in the text")
        return problems

    fields = {"title", "date", "shape", "language", "trap"}
    return _label_problems(folder / "titles.json", "*.txt", fields, checks)


def _label_problems(labels_file: Path, pattern: str, fields: set[str], checks) -> list[str]:
    """A labelled set's problems: files without a label, labels without a file,
    missing fields, and what `checks(name, label, files)` finds in a label."""
    labels = json.loads(labels_file.read_text(encoding="utf-8"))
    files = {p.name for p in labels_file.parent.glob(pattern)}
    problems = [f"{name}: not labelled" for name in sorted(files - set(labels))]
    problems += [f"{name}: no such file" for name in sorted(set(labels) - files)]
    for name, label in sorted(labels.items()):
        missing = fields - set(label)
        if missing:
            problems.append(f"{name}: no {', '.join(sorted(missing))}")
            continue
        problems += checks(name, label, files)
    return problems


def _date_problems(name: str, label: dict) -> list[str]:
    try:
        if label["date"] is not None:
            date.fromisoformat(label["date"])
    except (TypeError, ValueError):
        return [f"{name}: date {label['date']!r} is not YYYY-MM-DD or null"]
    return []


def blind_texts(folder: Path = BLIND_TEXTS) -> list[dict]:
    """The blind set as pages to score: its shape stands in for the fold."""
    return [
        {
            "key": t["name"],
            "text": t["text"],
            "titles": [t["title"]],
            "date": date.fromisoformat(t["date"]) if t["date"] else None,
            "fold": t.get("half", t["shape"]),
            "shape": t["shape"],
        }
        for t in _labelled_texts(folder)
    ]


def _text_path_rows(folder: Path) -> tuple[list, list[str]]:
    """A whole-page set scored by the text path: its rows, and the shapes it holds
    (in BLIND_SHAPES' order, so that every set's report lists them alike)."""
    pages = blind_texts(folder)
    rows = run(pages, {"text path": _project_text})["text path"]
    return rows, [s for s in BLIND_SHAPES if any(p["shape"] == s for p in pages)]


def report_blind(folder: Path = BLIND_TEXTS) -> None:
    """Summary figures of the blind set, never a page: it judges, it is not tuned on."""
    problems = blind_label_problems(folder)
    if problems:
        raise SystemExit("blind set labels: " + "; ".join(problems))
    rows, shapes = _text_path_rows(folder)
    print(f"\nBLIND set (bench/labels/{folder.name}): summary only, never shown per page")
    print_header("shape", 14)
    print_scores("sixg-search text path", rows, ("all", *shapes), width=14, by="shape")


def real_pages(folder: Path) -> list[dict]:
    """A set of real stored pages kept outside the repository (see the module
    docstring): each page with its labelled headline (none when the text shows
    none), day and half (by its file name's SHA-1, fixed whoever adds pages)."""
    pages = []
    for labels_file in sorted(folder.glob("labels-*.json")):
        for name, label in sorted(_real_labels(labels_file).items()):
            path = folder / "pages" / name
            if not path.is_file():
                raise SystemExit(f"{labels_file}: {name}: no such page in {path.parent}")
            if not isinstance(label, dict) or "date" not in label:
                raise SystemExit(f'{labels_file}: {name}: no "date" (YYYY-MM-DD or null)')
            problems = _date_problems(name, label)
            if label.get("title") is not None and not isinstance(label["title"], str):
                problems.append(f"{name}: title {label['title']!r} is not text or null")
            if problems:
                raise SystemExit(f"{labels_file}: {problems[0]}")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise SystemExit(f"{path}: not UTF-8 (byte {error.start})") from None
            pages.append(
                {
                    "key": name,
                    "text": text,
                    "titles": [label["title"]] if label.get("title") else [],
                    "date": date.fromisoformat(label["date"]) if label["date"] else None,
                    "fold": "AB"[int(hashlib.sha1(name.encode()).hexdigest()[0], 16) % 2],
                }
            )
    unlabelled = sorted(
        {p.name for p in (folder / "pages").glob("*.txt")} - {p["key"] for p in pages}
    )
    if unlabelled:
        print(f"{folder}: {len(unlabelled)} pages without a label, left out: {unlabelled[0]} …")
    return pages


def _real_labels(labels_file: Path) -> dict:
    """A set's labels file: page file name -> label (a clear stop when it is not that)."""
    try:
        labels = json.loads(labels_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SystemExit(f"{labels_file}: not JSON ({error})") from None
    if not isinstance(labels, dict):
        raise SystemExit(f"{labels_file}: not an object of page file names")
    return labels


def report_real(folder: Path, show: int) -> None:
    """Figures on a set of real stored pages, by half; the wrong pages of half A
    only (B is scored, not read)."""
    pages = real_pages(folder)
    if not pages:
        raise SystemExit(f"{folder}: no labels-*.json with pages")
    rows = run(pages, {"text path": _project_text})["text path"]
    headlined = sum(1 for page in pages if page["titles"])
    print(f"\nreal stored pages ({folder}): titles over the {headlined} with a headline")
    print_header()
    print_scores("sixg-search text path", rows, ("all", "A", "B"))
    half_a = [r for r in rows if r[0]["fold"] == "A"]
    report_wrong(half_a, show, lambda page: f"{page['key'][:40]:40}")


HTML_DATE_FIELDS = {"date", "language", "cms", "trap", "half"}


def html_date_label_problems(folder: Path = HTML_DATES) -> list[str]:
    """What is wrong with the HTML date set's labels: unlabelled or missing pages, bad fields."""

    def checks(name: str, label: dict, files: set[str]) -> list[str]:
        wrong_half = [f"{name}: half {label['half']!r} is not A or B"]
        return (wrong_half if label["half"] not in ("A", "B") else []) + _date_problems(name, label)

    return _label_problems(folder / "labels.json", "*.html", HTML_DATE_FIELDS, checks)


def html_date_pages(folder: Path = HTML_DATES) -> list[dict]:
    """The HTML date set as pages to score, each without its own URL; the half is the fold."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [
        {
            "key": name,
            "html": without_url((folder / name).read_text(encoding="utf-8"), label.get("url", "")),
            "date": date.fromisoformat(label["date"]) if label["date"] else None,
            "titles": [],
            "fold": label["half"],
        }
        for name, label in sorted(labels.items())
    ]


def _date_only(system):
    return lambda page: (system(page)[0], None)


def report_html_dates(show: int, only: str | None = None, folder: Path = HTML_DATES) -> None:
    """The HTML date set: the HTML path and htmldate by half; half A's wrong pages only."""
    problems = html_date_label_problems(folder)
    if problems:
        raise SystemExit("html-dates labels: " + "; ".join(problems))
    systems = {k: _date_only(v) for k, v in SYSTEMS.items() if not only or only in k}
    results = run(html_date_pages(folder), systems)
    print(f"\nHTML dates (bench/labels/{folder.name}): by half; wrong pages of half A only")
    print_header(title="")
    for name, rows in results.items():
        print_scores(name, rows, ("all", "A", "B"))
    for name, rows in results.items():
        wrong = [r for r in rows if r[0]["fold"] == "A" and r[1] != r[0]["date"]]
        if show and wrong:
            print(f"-- {name}: {len(wrong)} wrong dates in half A")
            for page, found, _, _ in wrong[:show]:
                print(f"   {page['key'][:36]:36}  label {page['date']}  found {found}")


def report_tune3(show: int, folder: Path = TUNE_TEXTS) -> None:
    """A tuning set (3, 4, 6, 7 …): figures by half and by shape, and its wrong pages."""
    rows, shapes = _text_path_rows(folder)
    print(f"\ntuning set ({folder.parent.name}/{folder.name}): by half, then by shape")
    print_header(width=14)
    print_scores("sixg-search text path", rows, ("all", "A", "B"), width=14)
    print_scores("sixg-search text path", rows, shapes, width=14, by="shape")
    report_wrong(rows, show, lambda page: f"{page['key'][:30]:30} {page['fold']}")


def report_wrong(rows, show: int, label) -> None:
    """The pages whose date or title is wrong, each named by `label(page)`."""
    if not show:
        return
    wrong = [r for r in rows if r[1] != r[0]["date"]]
    if wrong:
        print(f"-- {len(wrong)} wrong dates")
        for page, found, _, _ in wrong[:show]:
            print(f"   {label(page)}  label {page['date']}  found {found}")
    bad = [r for r in rows if r[0]["titles"] and not same_title(r[2], r[0]["titles"])]
    if bad:
        print(f"-- {len(bad)} wrong titles")
        for page, _, found, _ in bad[:show]:
            print(f"   {label(page)}  {(found or '')[:70]!r}  ≠ {page['titles'][0][:50]!r}")


def report_text_titles(show: int) -> None:
    texts = text_titles()
    found = {t["name"]: extract_document(t["text"], t["name"], is_html=False).title for t in texts}
    print(f"\ntext titles (bench/labels/text-titles) {'set':8} {'n':>4} {'title':>6}")
    for half in ("all", "tune", "heldout"):
        subset = [t for t in texts if half == "all" or t["half"] == half]
        right = sum(same_title(found[t["name"]], [t["title"]]) for t in subset)
        print(f"{'sixg-search text path':38} {half:8} {len(subset):4} {right / len(subset):6.3f}")
    wrong = [t for t in texts if not same_title(found[t["name"]], [t["title"]])]
    if show and wrong:
        print(f"-- {len(wrong)} wrong titles")
        for t in wrong[:show]:
            print(f"   {t['name'][:28]:28} {t['half']:7} {found[t['name']][:60]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show", type=int, default=10, help="list up to N wrong pages")
    parser.add_argument("--only", help="run only the systems whose name contains this")
    parser.add_argument(
        "--keep-url", action="store_true", help="score the pages as saved, their URL in them"
    )
    parser.add_argument(
        "--texts-only", action="store_true", help="score only the plain-text title set"
    )
    parser.add_argument(
        "--tune3", action="store_true", help="score only tuning set 3 (text-titles3)"
    )
    parser.add_argument(
        "--html-dates", action="store_true", help="score only the HTML date set (html-dates)"
    )
    parser.add_argument(
        "--real",
        type=Path,
        metavar="DIR",
        help="score only a set of real stored pages kept outside the repository",
    )
    parser.add_argument(
        "--blind-only",
        action="store_true",
        help="score only the blind sets of whole pages (summary figures, never a page)",
    )
    args = parser.parse_args()
    if args.real:
        report_real(args.real, args.show)
        return 0
    if args.blind_only:
        for folder in BLIND_SETS:
            report_blind(folder)
        return 0
    if args.html_dates:
        report_html_dates(args.show, args.only)
        return 0
    if args.texts_only:
        report_text_titles(args.show)
        return 0
    if args.tune3:
        report_tune3(args.show)
        return 0
    pages = labelled_pages(args.keep_url)
    for page in pages:
        page["text"] = page_text(page["html"])
    add_shapes(pages, args.keep_url)
    shapes = {f"sixg-search text {s}": _project_shape(s) for s in TEXT_SHAPES}
    systems = {"sixg-search text path": _project_text, **shapes, **SYSTEMS}
    if args.only:
        systems = {k: v for k, v in systems.items() if args.only in k}
    report(run(pages, systems), args.show)
    report_text_titles(args.show)
    report_tune3(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
