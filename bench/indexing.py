"""Indexing speed end to end: generated HTML and text files to a searchable index.

Times, as a user runs them, `sixg-search index` on a generated corpus
(read, clean, extract, index, on every core), then the incremental cases:
a run with nothing changed, and adding 10 articles until a search finds
them. Prints articles per second, peak memory of the run, index size.

    python -m bench.indexing --size 2000 [--work /tmp/sixg-bench] [--rebuild] [--keep]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import generate
from indexer.search import SearchRequest, open_snapshot, search

ROOT = Path(__file__).resolve().parent.parent


def index_command(corpus: Path, index: Path, *extra: str) -> list[str]:
    """`sixg-search index` as a user runs it, in a fresh Python process."""
    return [
        sys.executable,
        "-m",
        "web.cli",
        "index",
        "--quiet",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        *extra,
    ]


def run_index(corpus: Path, index: Path, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        index_command(corpus, index, *extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout.strip()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sixg-bench"))
    parser.add_argument("--rebuild", action="store_true", help="also time a cached --rebuild")
    parser.add_argument(
        "--keep", action="store_true", help="reuse an existing index: time the incremental runs"
    )
    args = parser.parse_args()
    # the same corpus and index bench/search.py uses, so one build serves both
    corpus, index = args.work / f"corpus-{args.size}", args.work / f"index-{args.size}"
    if not corpus.exists():
        generate(corpus, args.size, seed=42)
    if not (args.keep and index.exists()):
        shutil.rmtree(index, ignore_errors=True)
        seconds, summary = run_index(corpus, index)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"full index of {args.size}: {seconds:.1f} s wall, {args.size / seconds:.0f} "
            f"articles/s, peak RSS {peak_mb:.0f} MB (largest process), index "
            f"{folder_size(index) / 2**20:.0f} MB  [{summary}]"
        )

    seconds, summary = run_index(corpus, index)
    print(f"nothing changed: {seconds:.2f} s wall  [{summary}]")

    added = generate(corpus / "new", 10, seed=22)
    started = time.perf_counter()
    _, summary = run_index(corpus, index)
    with open_snapshot(index) as snapshot:
        found = search(snapshot, SearchRequest(q="", page_size=1, copies=True)).total
    print(
        f"adding 10: {time.perf_counter() - started:.2f} s until searchable "
        f"({found} of {args.size + 10} articles found)  [{summary}]"
    )
    for path in added:
        path.unlink()
    shutil.rmtree(corpus / "new")
    seconds, summary = run_index(corpus, index)
    print(f"removing them: {seconds:.2f} s wall  [{summary}]")

    if args.rebuild:
        seconds, summary = run_index(corpus, index, "--rebuild")
        print(
            f"--rebuild from the extraction cache: {seconds:.1f} s wall, "
            f"{args.size / seconds:.0f} articles/s  [{summary}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
