"""Search while indexing: concurrent clients against the real server on loopback.

Builds a corpus (the seeds plus generated articles) and its index in a
temporary folder, starts `sixg-search serve` (waitress) on a free loopback
port, and runs client threads that search through the JSON API while
`sixg-search index` adds more generated articles. It checks every response
(status 200, every hit complete, the article behind a hit fetchable) and
records the totals a match-all search reports, which must jump from the old
count to the new one with nothing in between: one commit, no half-indexed
article. Prints requests, errors, latency percentiles and the totals seen.

    python -m bench.concurrency [--base 200] [--add 1000] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import generate
from bench.indexing import index_command

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "/api/search?q=6G",
    "/api/search?q=spectrum+research",
    "/api/search",
    "/api/search?q=%22memorandum+of+understanding%22",
    "/api/search?org=6G-IA&org=MIIT",
    "/api/search?q=trials&sort=newest",
    "/api/facets?q=standard*",
    "/api/search?year=2024",
]


class Clients:
    def __init__(self, port: int):
        self.port = port
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.totals_seen: list[int] = []

    def run(self, worker: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        n = worker
        while not self.stop.is_set():
            path = QUERIES[n % len(QUERIES)]
            n += 1
            try:
                self._one(conn, path)
            except Exception as exc:  # any failure is a finding, not a crash of the bench
                with self.lock:
                    self.errors.append(f"{path}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _one(self, conn, path: str) -> None:
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        problems = []
        if response.status != 200:
            problems.append(f"status {response.status}")
        else:
            data = json.loads(body)
            for hit in data.get("hits", []):
                if not (hit["id"] and hit["title"] and hit["path"] and hit["snippet_html"]):
                    problems.append(f"incomplete hit {hit['id']}")
            if data.get("hits"):
                conn.request("GET", f"/api/articles/{data['hits'][0]['id']}")
                article = conn.getresponse()
                article.read()
                if article.status != 200:
                    problems.append(f"hit {data['hits'][0]['id']} not fetchable")
        with self.lock:
            self.latencies.append(elapsed)
            self.errors.extend(f"{path}: {p}" for p in problems)
            if path == "/api/search" and response.status == 200:
                self.totals_seen.append(data["total"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=200, help="articles indexed before")
    parser.add_argument("--add", type=int, default=1000, help="articles added while searching")
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sixg-concurrency-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    generate(corpus / "base", args.base, seed=11)
    cli = [sys.executable, "-m", "web.cli"]
    where = ["--corpus", str(corpus), "--index", str(index)]
    subprocess.run(index_command(corpus, index), cwd=ROOT, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--no-index", "--port", str(port), *where],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port)
        clients = Clients(port)
        threads = [threading.Thread(target=clients.run, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        time.sleep(2)
        generate(corpus / "added", args.add, seed=12)
        started = time.perf_counter()
        indexing = subprocess.run(
            index_command(corpus, index), cwd=ROOT, capture_output=True, text=True
        )
        index_seconds = time.perf_counter() - started
        time.sleep(2)
        clients.stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    ms = sorted(x * 1000 for x in clients.latencies)
    print(
        f"index run: {indexing.stdout.strip()} (exit {indexing.returncode}), "
        f"{index_seconds:.1f} s wall"
    )
    print(f"requests: {len(ms)} from {args.clients} clients, errors: {len(clients.errors)}")
    print(
        f"latency ms: p50 {statistics.median(ms):.1f}  p90 {ms[int(0.9 * len(ms))]:.1f}  "
        f"p99 {ms[int(0.99 * len(ms))]:.1f}  max {ms[-1]:.1f}"
    )
    print(
        f"totals seen by a match-all search, in order of first sight: "
        f"{list(dict.fromkeys(clients.totals_seen))}"
    )
    for error in clients.errors[:10]:
        print(f"  error: {error}")
    return 1 if clients.errors else 0


if __name__ == "__main__":
    sys.exit(main())
