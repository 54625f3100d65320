"""Search speed: sixg-search beside tantivy, Datasette and SQLite FTS5, in one run.

Builds (or reuses) a generated corpus and its sixg-search index, loads the
same articles (the extracted text and metadata) into tantivy and into one
SQLite file (FTS5 + facet tables, served by Datasette too; bench/engines.py),
then times a query mix:

  search()   the project's own search function: top 10 with highlighted
             snippets and disjunctive facet counts (organisation, topic, year),
             warm (match sets and posting lists cached per index generation,
             as a running site has them after the first request);
  uncached   the same with those caches emptied before every run;
  tantivy    tantivy-py: top 10 and the same disjunctive facet counts;
  http       the project's JSON API, the real server (`serve --workers N`)
             on loopback, with concurrent clients;
  datasette  Datasette's JSON API with `_search` and facets, the same clients;
  fts5       SQLite FTS5 from Python: bm25 top 10 with snippets, GROUP BY counts.

Then the whole mix for a while from the same clients against both servers
(requests/s, median / p95 ms), each server's memory (RSS and PSS summed over
its processes), and how long ten new articles take to become searchable in
the running site (POST /api/reindex, then search).

    python -m bench.search --size 10000 [--work /tmp/sixg-bench] [--runs 20] [--clients 8]

`--baseline DIR` also times a checkout of an earlier commit (with this bench/
folder copied into it) in the same run: its search() in a child process and
its server, for before/after figures.

`--reuse` times the corpus and index already in --work as they are, whatever
extraction version built the index (syncing it with newer code would extract
every article again: an hour at 100k); the live update is then not timed, as
its reindex would do the same.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.concurrency import free_port
from bench.corpus import generate
from bench.engines import (
    build_tantivy,
    datasette_complete,
    datasette_path,
    fts5_search,
    load_sqlite,
    memory_of,
    start_datasette,
    time_tantivy,
    tree_memory_mb,
    wait_for_http,
)
from indexer.index.sync import sync_index
from indexer.search import SearchRequest, open_snapshot, search

ROOT = Path(__file__).resolve().parent.parent
ADMIN_TOKEN = "bench-only-token"
# (kind, query, filters): common and rare terms, two-term AND, a phrase, with and without a filter
MIX = [
    ("common term", "research", {}),
    ("rare term", "reconfigurable", {}),
    ("two-term AND", "spectrum trials", {}),
    ("phrase", '"memorandum of understanding"', {}),
    ("common + filter", "research", {"org": ["6G-IA"]}),
    ("phrase + filter", '"memorandum of understanding"', {"topic": ["Spectrum"]}),
    ("match all", "", {}),
]


def build(work: Path, size: int, reuse: bool = False) -> tuple[Path, Path]:
    corpus, index = work / f"corpus-{size}", work / f"index-{size}"
    if reuse and corpus.exists() and index.exists():
        print(f"reusing {index} as it is (--reuse: not synced with this code's extraction)")
        return corpus, index
    if not corpus.exists():
        started = time.perf_counter()
        generate(corpus, size, seed=42)
        print(f"generated {size} articles in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    report = sync_index(corpus, index)
    print(f"index: {report.summary()} ({time.perf_counter() - started:.0f} s wall)")
    return corpus, index


def uncached_search(snapshot, request: SearchRequest):
    """search() with no match set or posting list cached from an earlier run (the
    per-generation arrays of lengths, dates and facet postings stay)."""
    snapshot.generation.forget_results()
    return search(snapshot, request)


def timed(fn, runs: int, budget: float = 1e9) -> list[float]:
    """Milliseconds of `runs` calls after a warm-up one; a slow engine stops after
    `budget` seconds (at least 3 runs)."""
    fn()  # warm
    times = []
    deadline = time.perf_counter() + budget
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= 3 and time.perf_counter() > deadline:
            break
    return times


def in_process(index: Path, runs: int) -> list[tuple]:
    """(warm, uncached) summaries of search() per query kind."""
    rows = []
    with open_snapshot(index) as snapshot:
        for _, q, filters in MIX:
            request = SearchRequest(q=q, filters=filters)
            warm = summary(timed(lambda r=request: search(snapshot, r), runs))
            uncached = summary(timed(lambda r=request: uncached_search(snapshot, r), runs))
            rows.append((warm, uncached))
    return rows


def api_path(q: str, filters: dict) -> str:
    return f"/api/search?{urlencode({'q': q, **filters}, doseq=True)}"


def http_times(
    port: int, paths: list[str], runs: int, clients: int, budget: float = 1e9, check=None
) -> tuple[list[float], float, int]:
    """`clients` threads asking the paths in turn (each starting at another one)
    until `runs` requests in all are done or `budget` seconds have passed. Returns
    the latencies (ms), the wall time and how many answers `check` refused."""
    times, refused, lock = [], [0], threading.Lock()
    per_client = max(1, -(-runs // clients))
    deadline = time.perf_counter() + budget

    def client(n: int):
        for i in range(per_client):
            if i and time.perf_counter() > deadline:
                break
            started = time.perf_counter()
            # a connection per request, as from many users: the kernel hands each to
            # whichever worker process accepts it first, i.e. one that is not busy
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request("GET", paths[(n + i) % len(paths)], headers={"Connection": "close"})
            response = conn.getresponse()
            body = response.read()
            conn.close()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == 200, (response.status, body[:300])
            with lock:
                times.append(elapsed)
                if check and not check(body):
                    refused[0] += 1

    for path in dict.fromkeys(paths):  # one warm-up each, as search() and fts5 get
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        warm.request("GET", path)
        warm.getresponse().read()
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started, refused[0]


def api(port: int, method: str, path: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    conn.request(method, path, headers=headers)
    response = conn.getresponse()
    data = json.loads(response.read())
    assert response.status == 200, (response.status, data)
    return data


def live_update(port: int, corpus: Path, size: int) -> str:
    """Ten new articles until the running site finds them: POST /api/reindex (what a
    user of the running site does), then the site's default search (copies grouped,
    facets counted) until its total changes: they are committed together, so it then
    finds all ten. The articles are removed again afterwards, the same way."""
    before = api(port, "GET", "/api/search?q=")["total"]
    every_copy = api(port, "GET", "/api/search?q=&copies=1")["total"]
    added = generate(corpus / "live-update", 10, seed=99)
    started = time.perf_counter()
    report = api(port, "POST", "/api/reindex")["summary"]
    indexed = time.perf_counter() - started
    while (found := api(port, "GET", "/api/search?q="))["total"] == before:
        time.sleep(0.01)
    searchable = time.perf_counter() - started
    # every worker process must see the new generation, not only the one that indexed
    for _ in range(8):
        assert api(port, "GET", "/api/search?q=&copies=1")["total"] == every_copy + 10
    asked = time.perf_counter()
    research = api(port, "GET", "/api/search?q=research")["total"]
    first_query = time.perf_counter() - asked
    for path in added:
        path.unlink()
    shutil.rmtree(corpus / "live-update")
    started = time.perf_counter()
    api(port, "POST", "/api/reindex")
    removed = time.perf_counter() - started
    return (
        f"live update of the running site ({size} articles): 10 added and found by the "
        f"default search in {searchable:.2f} s (reindex {indexed:.2f} s: {report}; "
        f"total {found['total']}); then 'research' {first_query * 1000:.0f} ms "
        f"({research} hits); removing them {removed:.2f} s"
    )


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def sized_parser(doc: str, size: int) -> argparse.ArgumentParser:
    """The options of the benchmarks that build (or reuse) `corpus-N` and `index-N`."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=size)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sixg-bench"))
    return parser


def parse_and_build(parser: argparse.ArgumentParser):
    """The options given, and the corpus and index of --size articles in --work."""
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    return (args, *build(args.work, args.size))


def start_project(root: Path, port: int, corpus: Path, index: Path, workers: int | None):
    command = [sys.executable, "-m", "web.cli", "serve", "--no-index", "--port", str(port)]
    command += ["--index", str(index), "--corpus", str(corpus)]
    if workers is not None:
        command += ["--workers", str(workers)]
    log = (index.parent / f"server-{port}.log").open("w")  # (waitress's queue warnings)
    return subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ, "SIXG_ADMIN_TOKEN": ADMIN_TOKEN, "PYTHONPATH": str(root)},
    )


def busy() -> str:
    """How busy the machine is: the load averages (2 cores here)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def cell(pair) -> str:
    return f"{pair[0]:7.1f} /{pair[1]:7.1f}" if pair else f"{'-':>16}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sixg-bench"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, help="serve --workers (default: cores)")
    parser.add_argument("--mix-seconds", type=float, default=15.0)
    parser.add_argument(
        "--datasette-limit-ms", type=int, default=60_000, help="its SQL and facet time limits"
    )
    parser.add_argument(
        "--datasette-budget", type=float, default=20.0, help="seconds per query kind at most"
    )
    parser.add_argument("--baseline", type=Path, help="an earlier checkout to time beside")
    parser.add_argument("--no-datasette", action="store_true", help="leave Datasette out")
    parser.add_argument(
        "--reuse", action="store_true", help="time the index in --work as it is (no sync)"
    )
    parser.add_argument("--in-process-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--live-only", action="store_true", help="time only the live update of the running site"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus, index = args.work / f"corpus-{args.size}", args.work / f"index-{args.size}"
    if args.in_process_json:  # the baseline's search(), run in its checkout
        print(json.dumps(in_process(index, args.runs)))
        return 0
    corpus, index = build(args.work, args.size, args.reuse)
    if args.live_only:
        return live_only(args, corpus, index)
    started = time.perf_counter()
    db = load_sqlite(index, args.work / f"sqlite-{args.size}.db")
    build_tantivy(index, args.work / f"tantivy-{args.size}")
    print(f"sqlite and tantivy copies ready in {time.perf_counter() - started:.0f} s")
    print(f"before: {busy()}")
    columns, mixes, memory = {}, {}, {}
    live = "live update not timed (--reuse: its reindex would extract every article again)"
    if not args.no_datasette:  # first: its answers take seconds, the load matters least
        columns["datasette"], timeouts = time_datasette(args, mixes, memory)
        print(f"datasette done: {busy()}")
    columns["search()"], columns["uncached"] = zip(*in_process(index, args.runs), strict=True)
    if args.baseline:
        done = subprocess.run(
            [sys.executable, "-m", "bench.search", "--in-process-json", "--size", str(args.size)]
            + ["--work", str(args.work), "--runs", str(args.runs)],
            cwd=args.baseline,
            env={**os.environ, "PYTHONPATH": str(args.baseline)},
            capture_output=True,
            text=True,
            check=True,
        )
        rows = json.loads(done.stdout.strip().splitlines()[-1])
        columns["before()"], columns["before unc."] = zip(*rows, strict=True)
    columns["tantivy"], tantivy_memory = time_tantivy(
        args.work / f"tantivy-{args.size}", MIX, args.runs
    )
    columns["fts5"] = [
        summary(timed(lambda q=q, f=filters: fts5_search(db, q, f), args.runs, budget=20))
        for _, q, filters in MIX
    ]
    servers = {"http": (ROOT, args.workers)}
    if args.baseline:
        servers["before http"] = (args.baseline, None)
    for name, (root, workers) in servers.items():
        port = free_port()
        server = start_project(root, port, corpus, index, workers)
        try:
            wait_for_http(port, "/api/search?q=", timeout=90)
            columns[name] = [
                summary(http_times(port, [api_path(q, f)], args.runs, args.clients)[0])
                for _, q, f in MIX
            ]
            paths = [api_path(q, f) for _, q, f in MIX]
            mixes[name] = http_times(port, paths, 10**9, args.clients, args.mix_seconds)
            memory[name] = tree_memory_mb(server.pid)
            if name == "http" and not args.reuse:
                live = live_update(port, corpus, args.size)
        finally:
            server.terminate()
            server.wait()
    print(f"after: {busy()}")
    report(args, columns, mixes, memory, tantivy_memory, timeouts if "datasette" in columns else 0)
    print(live)
    return 0


def time_datasette(args, mixes: dict, memory: dict) -> tuple[list, int]:
    """Datasette's (median, p95) per query kind and how many answers had facets timed
    out; its whole-mix figures and memory go into `mixes` and `memory`."""
    db_path = args.work / f"sqlite-{args.size}.db"
    port = free_port()
    datasette = start_datasette(db_path, port, args.datasette_limit_ms)
    timeouts = 0
    try:
        # Up when it answers a page that runs no query: a facet query over 100k
        # rows can outlast the check's timeout, and each retry queued another.
        wait_for_http(port, "/-/versions.json")
        rows = []
        for _, q, f in MIX:
            times, _, refused = http_times(
                port,
                [datasette_path(db_path, q, f)],
                args.runs,
                args.clients,
                args.datasette_budget,
                datasette_complete,
            )
            rows.append(summary(times))
            timeouts += refused
        paths = [datasette_path(db_path, q, f) for _, q, f in MIX]
        mixes["datasette"] = http_times(
            port, paths, 10**9, args.clients, args.mix_seconds, datasette_complete
        )
        memory["datasette"] = tree_memory_mb(datasette.pid)
    finally:
        datasette.terminate()
        datasette.wait()
    return rows, timeouts


def report(args, columns, mixes, memory, tantivy_memory, timeouts) -> None:
    workers = args.workers or os.cpu_count()
    print(
        f"\n{args.size} articles, median / p95 ms ({args.runs} runs; http: project "
        f"`serve --workers {workers}` and datasette, {args.clients} concurrent clients)"
    )
    names = list(columns)
    print(f"{'query kind':16} " + " ".join(f"{n:>16}" for n in names))
    for i, (kind, _, _) in enumerate(MIX):
        print(f"{kind:16} " + " ".join(cell(columns[n][i]) for n in names))
    tantivy = columns["tantivy"]
    for name in ("uncached", "search()"):
        ratios = " ".join(f"{o[1] / t[1]:.2f}" for o, t in zip(columns[name], tantivy, strict=True))
        print(f"{name} p95 / tantivy p95, per kind: {ratios}")
    print(f"\nthe whole mix, {args.clients} clients, {args.mix_seconds:.0f} s each:")
    for name, (times, seconds, refused) in mixes.items():
        median, p95 = summary(times)
        rss, pss = memory[name]
        extra = f", {refused} answers with facets timed out" if refused else ""
        print(
            f"  {name:12} {len(times) / seconds:7.1f} requests/s, median {median:.1f} ms, "
            f"p95 {p95:.1f} ms; memory RSS {rss:.0f} MB, PSS {pss:.0f} MB summed{extra}"
        )
    print(f"  tantivy (in a process of its own): {tantivy_memory}")
    if timeouts:
        print(f"datasette: {timeouts} answers of the per-kind runs had facets timed out")
    mix = {name: [len(t) / seconds, *summary(t), r] for name, (t, seconds, r) in mixes.items()}
    print(
        json.dumps(
            {
                "size": args.size,
                "columns": columns,
                "mix": mix,
                "memory": memory,
                "tantivy_memory": tantivy_memory,
            }
        )
    )


def live_only(args, corpus: Path, index: Path) -> int:
    port = free_port()
    server = start_project(ROOT, port, corpus, index, args.workers)
    try:
        wait_for_http(port, "/api/search?q=", timeout=90)
        print(live_update(port, corpus, args.size))
        print(f"serving processes: {memory_of(server.pid)}")
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
