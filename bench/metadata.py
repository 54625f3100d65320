"""Measure publication-date extraction on real pages whose URL carries the date.

Labels: the extraction benchmark's pages whose URL holds a full date
(/2019/11/18/, 20191118, 2019-11-18). The page is given to the extractor
without its URL; a second round also strips the URL from the page itself
(canonical link, og:url), so the label is not an input at all and only the
markup and text can tell the date. Reports accuracy, how many
pages got no date, and the wrong ones, for the project's HTML path and for
htmldate with its extensive search, side by side.

    python bench/metadata.py [--show N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from datetime import date
from pathlib import Path

from htmldate import find_date

from indexer.extract import extract_document
from indexer.extract.reading import decode

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "extraction-benchmark"
URL_IN_PAGE = re.compile(
    r"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+(og:url|twitter:url)[^>]*>", re.I
)
URL_DATE = re.compile(
    r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(url: str) -> date | None:
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def labelled_pages() -> list[tuple[str, str, date]]:
    truth = json.loads((BENCH / "ground-truth.json").read_text())
    pages = []
    for key, entry in truth.items():
        label = url_date(entry.get("url", ""))
        if label:
            raw = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
            pages.append((key, decode(raw, is_html=True), label))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show", type=int, default=10, help="list up to N wrong pages")
    args = parser.parse_args()
    pages = labelled_pages()
    for variant, prepare in (("page as saved", lambda h: h), ("URL removed from page", _no_url)):
        print(f"-- {variant}")
        _compare([(k, prepare(h), label) for k, h, label in pages], args.show)
    return 0


def _no_url(html: str) -> str:
    return URL_IN_PAGE.sub("", html)


def _compare(pages, show: int) -> None:
    systems = {
        "sixg-search": lambda html: extract_document(html, "page.html", is_html=True).date,
        "htmldate extensive": lambda html: _htmldate(html),
    }
    for name, extractor in systems.items():
        right, near, missing, wrong = 0, 0, 0, []
        for key, html, label in pages:
            found = extractor(html)
            if found == label:
                right += 1
            elif found is None:
                missing += 1
            else:
                near += abs((found - label).days) == 1
                wrong.append((key, label, found))
        print(
            f"== {name}: {right}/{len(pages)} right ({right / len(pages):.1%}), "
            f"{missing} undated, {len(wrong)} wrong of which {near} by one day "
            "(time zones, or a URL dated the day of writing)"
        )
        for key, label, found in wrong[:show]:
            print(f"   {key[:16]}  label {label}  found {found}")


def _htmldate(html: str) -> date | None:
    found = find_date(html, original_date=True, extensive_search=True)
    return date.fromisoformat(found) if found else None


if __name__ == "__main__":
    sys.exit(main())
