"""Search speed: sixg-search against SQLite FTS5 on the same articles, in one run.

Builds (or reuses) a generated corpus and its sixg-search index, loads the
same articles into an SQLite FTS5 table with organisation/topic/year tables,
then times a query mix three ways:

  search()  the project's own search function: top-10 with highlighted
            snippets and disjunctive facet counts (organisation, topic, year),
            warm (match sets and posting lists cached per index generation,
            as a running site has them after the first request);
  uncached  the same with those caches emptied before every run;
  http      the same through the JSON API of the real server (waitress) on
            loopback, with concurrent clients;
  fts5      SQLite FTS5: bm25 top-10 plus GROUP BY counts for the three facets.

Prints median / p95 milliseconds per query kind and the ratio to FTS5, the
serving process's memory, and how long ten new articles take to become
searchable in the running site (POST /api/reindex, then search).

    python -m bench.search --size 10000 [--work /tmp/sixg-bench] [--runs 20] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.concurrency import free_port, wait_until_up
from bench.corpus import generate
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


def build(work: Path, size: int) -> tuple[Path, Path]:
    corpus, index = work / f"corpus-{size}", work / f"index-{size}"
    if not corpus.exists():
        started = time.perf_counter()
        generate(corpus, size, seed=42)
        print(f"generated {size} articles in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    report = sync_index(corpus, index)
    print(f"index: {report.summary()} ({time.perf_counter() - started:.0f} s wall)")
    return corpus, index


def load_sqlite(index: Path, db_path: Path) -> sqlite3.Connection:
    fresh = not db_path.exists()
    db = sqlite3.connect(db_path, check_same_thread=False)
    if fresh:
        db.executescript("""
            CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter');
            CREATE TABLE orgs(doc INTEGER, org TEXT);
            CREATE TABLE topics(doc INTEGER, topic TEXT);
            CREATE TABLE years(doc INTEGER PRIMARY KEY, year TEXT);
            CREATE INDEX orgs_doc ON orgs(doc); CREATE INDEX orgs_org ON orgs(org);
            CREATE INDEX topics_doc ON topics(doc); CREATE INDEX topics_topic ON topics(topic);
        """)
        with open_snapshot(index) as snapshot:
            for docnum, fields in snapshot.reader.iter_docs():
                db.execute(
                    "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                    (docnum + 1, fields["title"], fields["body"]),
                )
                db.executemany(
                    "INSERT INTO orgs VALUES (?, ?)",
                    [(docnum + 1, o) for o in fields["organisation"].split(",") if o],
                )
                db.executemany(
                    "INSERT INTO topics VALUES (?, ?)",
                    [(docnum + 1, t) for t in fields["topic"].split(",") if t],
                )
                db.execute("INSERT INTO years VALUES (?, ?)", (docnum + 1, fields["year"]))
        db.commit()
    return db


def fts5_search(db: sqlite3.Connection, q: str, filters: dict) -> None:
    """Top-10 by bm25 with snippets, then counts for each facet (with the filters applied)."""
    match = q.replace("-", " ") if q else None
    where, args = ["1"], []
    if match:
        where.append("docs MATCH ?")
        args.append(match)
    for value in filters.get("org", []):
        where.append("rowid IN (SELECT doc FROM orgs WHERE org = ?)")
        args.append(value)
    for value in filters.get("topic", []):
        where.append("rowid IN (SELECT doc FROM topics WHERE topic = ?)")
        args.append(value)
    condition = " AND ".join(where)
    order = "ORDER BY bm25(docs, 3.0, 1.0)" if match else ""
    db.execute(
        f"SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
        f"WHERE {condition} {order} LIMIT 10",
        args,
    ).fetchall()
    matched = f"SELECT rowid FROM docs WHERE {condition}"
    for table, column in (("orgs", "org"), ("topics", "topic"), ("years", "year")):
        db.execute(
            f"SELECT {column}, COUNT(*) FROM {table} WHERE doc IN ({matched}) "
            f"GROUP BY {column} ORDER BY 2 DESC",
            args,
        ).fetchall()


def uncached_search(snapshot, request: SearchRequest):
    """search() with no match set or posting list cached from an earlier run (the
    per-generation arrays of lengths, dates and facet postings stay)."""
    snapshot.generation.forget_results()
    return search(snapshot, request)


def timed(fn, runs: int) -> list[float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def http_times(port: int, q: str, filters: dict, runs: int, clients: int) -> list[float]:
    query = urlencode({"q": q, **filters}, doseq=True)
    times, lock = [], threading.Lock()

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(max(1, runs // clients)):
            started = time.perf_counter()
            conn.request("GET", f"/api/search?{query}")
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            with lock:
                times.append((time.perf_counter() - started) * 1000)

    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    warm.request("GET", f"/api/search?{query}")  # as search() and fts5 get one warm-up run
    warm.getresponse().read()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


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


def memory_of(pid: int) -> str:
    """Resident memory of a process now and at its peak (Linux /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return f"RSS {fields['VmRSS'].strip()}, peak {fields['VmHWM'].strip()}"


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


def main() -> int:
    parser = sized_parser(__doc__, 10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--live-only", action="store_true", help="time only the live update of the running site"
    )
    args, corpus, index = parse_and_build(parser)
    db = load_sqlite(index, args.work / f"fts5-{args.size}.db")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "web.cli",
            "serve",
            "--no-index",
            "--port",
            str(port),
            "--index",
            str(index),
            "--corpus",
            str(corpus),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "SIXG_ADMIN_TOKEN": ADMIN_TOKEN},
    )
    rows = []
    try:
        wait_until_up(port)
        with open_snapshot(index) as snapshot:
            for kind, q, filters in [] if args.live_only else MIX:
                request = SearchRequest(q=q, filters=filters)
                ours = summary(timed(lambda r=request: search(snapshot, r), args.runs))
                uncached = summary(timed(lambda r=request: uncached_search(snapshot, r), args.runs))
                over_http = summary(http_times(port, q, filters, args.runs, args.clients))
                fts5 = summary(timed(lambda q=q, f=filters: fts5_search(db, q, f), args.runs))
                rows.append((kind, ours, uncached, over_http, fts5))
        server_memory = memory_of(server.pid)
        live = live_update(port, corpus, args.size)
    finally:
        server.terminate()
        server.wait()
    print(
        f"\n{args.size} articles, median / p95 ms ({args.runs} runs; http: "
        f"{args.clients} concurrent clients)"
    )
    print(
        f"{'query kind':18} {'search()':>16} {'uncached':>16} {'http':>16} {'fts5':>16} "
        f"{'fts5/search()':>14} {'fts5/uncached':>14}"
    )
    for kind, ours, uncached, over_http, fts5 in rows:
        print(
            f"{kind:18} {ours[0]:7.1f} /{ours[1]:7.1f} {uncached[0]:7.1f} /{uncached[1]:7.1f} "
            f"{over_http[0]:7.1f} /{over_http[1]:7.1f} {fts5[0]:7.1f} /{fts5[1]:7.1f} "
            f"{fts5[1] / ours[1]:13.2f}x {fts5[1] / uncached[1]:13.2f}x"
        )
    print(f"serving process: {server_memory}")
    print(live)
    print(json.dumps({"size": args.size, "rows": rows, "server": server_memory}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
