"""Indexing speed end to end: generated HTML and text files to a searchable index.

Times, as a user runs them, `sixg-search index` on a generated corpus
(read, clean, extract, index, on every core), then the incremental cases:
a run with nothing changed, and adding 10 articles until a search finds
them. Prints articles per second, peak memory of the run, index size.

--stages N: what bounds a build: the CPU time per article of extraction (what
the worker processes do, including the analysis of the document for the
writer, prepared.py) and of Whoosh's writer (what the indexing process does:
filing the analysed document and the commit), measured on N articles in this
process.
With W cores the build cannot beat W / (extraction + writing) articles/s.

--dask N: also a full build with the extraction on a Dask.distributed cluster
of N worker processes on loopback (`index --scheduler`), beside the local pool.

    python -m bench.indexing --size 2000 [--work /tmp/sixg-bench] [--rebuild] [--keep]
                             [--stages 300] [--dask 2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
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
    parser.add_argument("--stages", type=int, default=0, metavar="N")
    parser.add_argument("--dask", type=int, default=0, metavar="WORKERS")
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

    if args.stages:
        print(stages(corpus, args.stages, args.work / "stages-index"))
    if args.dask:
        print(dask_build(corpus, args.work / f"dask-index-{args.size}", args.dask, args.size))
    if args.rebuild:
        seconds, summary = run_index(corpus, index, "--rebuild")
        print(
            f"--rebuild from the extraction cache: {seconds:.1f} s wall, "
            f"{args.size / seconds:.0f} articles/s  [{summary}]"
        )
    return 0


def stages(corpus: Path, count: int, index: Path) -> str:
    """CPU milliseconds per article of extraction and of writing, on `count` articles."""
    from indexer.extract.overrides import NO_SIDECAR
    from indexer.extract.reading import discover, read_bytes
    from indexer.index.prepared import add_prepared, prepare
    from indexer.index.schema import build_schema
    from indexer.index.store import create_index, index_writer
    from indexer.index.sync import Job, _extract

    schema = build_schema()

    files = discover(corpus, (".meta.json",), [])[:count]
    jobs = [
        Job(f, hashlib.sha256(read_bytes(f.path)).hexdigest(), f.mtime_ns, NO_SIDECAR, None)
        for f in files
    ]
    started = time.process_time()
    results = [_extract(job) for job in jobs]
    extracting = (time.process_time() - started) / len(jobs) * 1000
    started = time.process_time()
    for result in results:
        prepare(schema, result.document)
    preparing = (time.process_time() - started) / len(jobs) * 1000
    shutil.rmtree(index, ignore_errors=True)
    writer = index_writer(create_index(index))
    started = time.process_time()
    for result in results:
        add_prepared(writer, result.document, result.prepared, update=False)
    adding = (time.process_time() - started) / len(jobs) * 1000
    writer.commit()
    writing = (time.process_time() - started) / len(jobs) * 1000
    shutil.rmtree(index, ignore_errors=True)
    cores = os.cpu_count() or 1
    return (
        f"stages, CPU ms per article ({len(jobs)} articles): extraction {extracting:.1f} "
        f"(worker processes; of which the analysis for the writer {preparing:.1f}), writing "
        f"{writing:.1f} (add_prepared {adding:.1f}, commit "
        f"{writing - adding:.1f}; the indexing process): at most "
        f"{cores * 1000 / (extracting + writing):.0f} articles/s on {cores} cores, "
        f"{1000 / writing:.0f}/s for the single writer"
    )


def dask_build(corpus: Path, index: Path, workers: int, size: int) -> str:
    """A full build with the extraction on a local Dask cluster of `workers` processes."""
    from distributed import LocalCluster

    shutil.rmtree(index, ignore_errors=True)
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        seconds, summary = run_index(corpus, index, "--scheduler", cluster.scheduler_address)
    shutil.rmtree(index, ignore_errors=True)
    return (
        f"full index of {size} on a Dask cluster of {workers} workers on loopback: "
        f"{seconds:.1f} s wall, {size / seconds:.0f} articles/s  [{summary}]"
    )


if __name__ == "__main__":
    sys.exit(main())
