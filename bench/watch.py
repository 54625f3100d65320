"""Watch mode: how soon a file saved into the corpus is found by the running site.

Builds (or reuses) the generated corpus and index that bench/search.py and
bench/indexing.py use (`corpus-N` and `index-N` in --work), starts the real
server (`sixg-search serve --no-index`, watching the corpus), then saves
--drops new articles into the corpus one by one, each holding a word no
other article has, and times each from the moment its file is written to
the first answer of the JSON API's default search (copies grouped, facets
counted) for that word that finds it. Prints median and p95, and the
watcher's own time per commit (from its log). With --reindex, the same
drops through POST /api/reindex on a server not watching, side by side.
The dropped files are removed afterwards (the watcher removes them from
the index), so the corpus and index can be used again.

    python -m bench.watch --size 100000 [--work /tmp/sixg-bench] [--drops 10]
        [--mode events|poll] [--reindex]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.concurrency import free_port, wait_until_up
from bench.corpus import generate
from bench.search import ADMIN_TOKEN, api, parse_and_build, sized_parser, summary

ROOT = Path(__file__).resolve().parent.parent
LEAD = " – The "  # every generated lead has it: the marker word goes there


class Server:
    """`sixg-search serve` in its own process, its stderr collected."""

    def __init__(self, corpus: Path, index: Path, *extra: str):
        self.port = free_port()
        command = [sys.executable, "-m", "web.cli", "serve", "--no-index"]
        command += ["--port", str(self.port), "--corpus", str(corpus), "--index", str(index)]
        self.process = subprocess.Popen(
            [*command, *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SIXG_ADMIN_TOKEN": ADMIN_TOKEN},
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip())

    def __enter__(self) -> Server:
        started = time.perf_counter()
        wait_until_up(self.port)
        self.startup = time.perf_counter() - started
        api(self.port, "GET", "/api/search?q=")  # the generation's state built once
        return self

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        self.process.wait()

    def total(self, word: str) -> int:
        return api(self.port, "GET", f"/api/search?q={word}")["total"]

    def wait_for(self, word: str, present: bool, timeout: float = 120.0) -> float:
        """Seconds until a search for `word` finds (or no longer finds) an article."""
        started = time.perf_counter()
        while (self.total(word) > 0) != present:
            if time.perf_counter() - started > timeout:
                raise TimeoutError(f"{word!r} still {'missing' if present else 'found'}")
            time.sleep(0.005)
        return time.perf_counter() - started


def articles_to_drop(count: int, run: str) -> list[tuple[str, str, bytes]]:
    """(file name, marker word, content) of `count` new generated articles."""
    with tempfile.TemporaryDirectory() as folder:
        made = generate(Path(folder), count, seed=1717)
        result = []
        for n, path in enumerate(made):
            marker = f"qzdrop{run}n{n}"
            text = path.read_text("utf-8")
            assert LEAD in text, path
            text = text.replace(LEAD, f" – Under reference {marker}, the ", 1)
            result.append((f"{marker}{path.suffix}", marker, text.encode("utf-8")))
        return result


def drop_all(server: Server, corpus: Path, drops, reindex: bool) -> list[float]:
    """Save each article, then time until the site finds it (POST /api/reindex first
    when `reindex`). The files are removed and the site waited for afterwards."""
    folder = corpus / "dropped"
    folder.mkdir(exist_ok=True)
    times = []
    for name, marker, content in drops:
        time.sleep(1.0)  # each drop alone: the previous one's work is over
        started = time.perf_counter()
        (folder / name).write_bytes(content)
        if reindex:
            api(server.port, "POST", "/api/reindex")
        server.wait_for(marker, present=True)
        times.append(time.perf_counter() - started)
        print(f"  {name}: found after {times[-1] * 1000:.0f} ms", flush=True)
    shutil.rmtree(folder)
    if reindex:
        api(server.port, "POST", "/api/reindex")
    for _, marker, _ in drops:
        server.wait_for(marker, present=False)
    return times


def commit_seconds(lines: list[str]) -> list[float]:
    """The watcher's own time per commit, from its log lines ("... failed in 0.3 s")."""
    return [float(m[1]) for line in lines if (m := re.search(r"watch: .* in ([\d.]+) s$", line))]


def describe(label: str, times: list[float]) -> str:
    median, p95 = summary([t * 1000 for t in times])
    return (
        f"{label}: median {median:.0f} ms, p95 {p95:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms ({len(times)} drops)"
    )


def main() -> int:
    parser = sized_parser(__doc__, 2000)
    parser.add_argument(
        "--reindex", action="store_true", help="also time POST /api/reindex, watching off"
    )
    parser.add_argument("--mode", choices=("events", "poll"), default="events")
    for option, kind, default in (("--drops", int, 10), ("--poll-interval", float, 5.0)):
        parser.add_argument(option, type=kind, default=default)
    args, corpus, index = parse_and_build(parser)
    drops = articles_to_drop(args.drops, "w")
    watching = ["--watch", args.mode, "--poll-interval", str(args.poll_interval)]
    with Server(corpus, index, *watching) as server:
        print(f"server up in {server.startup:.1f} s, watching ({args.mode})", flush=True)
        watched = drop_all(server, corpus, drops, reindex=False)
        own = commit_seconds(server.lines)
    results = [describe(f"watch ({args.mode}), {args.size} articles", watched)]
    if own:
        results.append(
            f"  the watcher's index_paths per commit: median {statistics.median(own) * 1000:.0f}"
            f" ms, max {max(own) * 1000:.0f} ms ({len(own)} commits, removals included)"
        )
    if args.reindex:
        drops = articles_to_drop(args.drops, "r")
        with Server(corpus, index, "--no-watch") as server:
            results.append(
                describe("POST /api/reindex", drop_all(server, corpus, drops, reindex=True))
            )
    print("\n".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
