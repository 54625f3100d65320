"""Measure the cleaners on the extraction benchmark (../shared/extraction-benchmark).

Two modes:
  html  each saved page goes through the HTML path (clean + metadata), as a
        collected .html article would;
  text  each page is first turned into its full visible text (every block
        on its own line, navigation and footers included, as a copy of the
        whole page gives) and fed to the plain-text path as a .txt article.

For each mode it writes predictions to bench/out/, scores them with the
benchmark's own score.py and prints F1, precision, recall, the median and
p95 milliseconds per page (cleaning plus metadata, one process) and the
slowest pages.

    python bench/extraction.py [--mode html|text|both] [--limit N] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from indexer.extract import extract_document
from indexer.extract.htmlclean import INVISIBLE_TAGS, visible_lines
from indexer.extract.reading import decode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "extraction-benchmark"
OUT = Path(__file__).resolve().parent / "out"


def visible_text(page: str) -> str:
    """The page as a person copying all of it would get it: one block per line."""
    soup = BeautifulSoup(page, "lxml")
    for tag in soup(INVISIBLE_TAGS):
        tag.decompose()
    return "\n".join(visible_lines(soup.body or soup))


def load_pages(limit: int | None) -> dict[str, str]:
    pages = {}
    for path in sorted((BENCH / "html").glob("*.html.gz"))[:limit]:
        pages[path.name.removesuffix(".html.gz")] = decode(
            gzip.decompress(path.read_bytes()), is_html=True
        )
    return pages


def run_mode(mode: str, pages: dict[str, str], worst: int) -> None:
    predictions, timings = {}, {}
    for key, page in pages.items():
        source = visible_text(page) if mode == "text" else page
        started = time.perf_counter()
        article = extract_document(source, f"{key}.{mode}", is_html=mode == "html")
        timings[key] = (time.perf_counter() - started) * 1000
        predictions[key] = {"articleBody": article.text}
    OUT.mkdir(exist_ok=True)
    target = OUT / f"predictions-{mode}.json"
    target.write_text(json.dumps(predictions, ensure_ascii=False))
    score = subprocess.run(
        [sys.executable, str(BENCH / "score.py"), str(target), "--worst", str(worst)],
        capture_output=True,
        text=True,
        check=True,
    )
    ms = sorted(timings.values())
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(
        f"== {mode}: {score.stdout.strip().splitlines()[-1]}  "
        f"ms/page median={statistics.median(ms):.1f} p95={p95:.1f}"
    )
    if worst:
        print("   worst pages:\n   " + "\n   ".join(score.stdout.strip().splitlines()[:-1]))
        slowest = sorted(timings.items(), key=lambda kv: -kv[1])[:worst]
        print("   slowest pages:\n   " + "\n   ".join(f"{k}  {v:.0f} ms" for k, v in slowest))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst and slowest")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"benchmark not found at {BENCH}", file=sys.stderr)
        return 2
    pages = load_pages(args.limit)
    for mode in ("html", "text") if args.mode == "both" else (args.mode,):
        run_mode(mode, pages, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
