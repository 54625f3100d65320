"""Fault benchmark: what breaks, what the user sees, what is lost, how long until whole.

Each fault runs on a fresh copy of one small corpus (the seeds plus generated
articles, bench/corpus.py) and its index, while `sixg-search serve` (waitress,
on a free loopback port) answers a client that keeps searching. A fault is
injected (kill -9 at a point of a run, a damaged file, a full disk, a hostile
sidecar or link), then the user's recovery command runs, and the table shows:

    fault | what the user saw | articles before/after | requests failed | p95 ms | recovery

"requests failed" counts answers other than 200 during the whole fault (a 503
says the index is damaged and names the repair command, or that too many
exports run at once; any other 5xx, or no answer, is a bug). "articles"
are the match-all totals the site reported before the fault and after the
recovery; the expected number after is in the last column's check. "cheap
search" is the latency of a plain `q=satellite` asked every 0.1 s during the
fault (median and slowest): the cost attacks (did-you-mean on nonsense, a
range over every word, an inner wildcard, 8 exports at once) must not
starve it.

    python -m bench.faults [--base 200] [--only NAME ...] [--keep]

Adding a fault: write `def my_fault(ctx) -> str` that damages something and
returns what the user saw, and add a Fault(...) line to FAULTS (with the
recovery commands and how many articles the fault adds).
"""

from __future__ import annotations

import argparse
import errno
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.concurrency import free_port, wait_until_up
from bench.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "web.cli"]
PAGES = ["/api/search", "/?q=6G", "/api/search?q=spectrum+sharing", "/export.csv?q=MoU"]
CHEAP = "/api/search?q=satellite"  # the plain search timed during every fault


@dataclass
class Context:
    work: Path
    corpus: Path
    index: Path

    def where(self) -> list[str]:
        return ["--corpus", str(self.corpus), "--index", str(self.index)]

    def run(self, *args: str, script: str | None = None, timeout: float = 600):
        """`sixg-search ARGS` (or a Python script given the same arguments), as a user runs it."""
        command = [sys.executable, "-c", script, *args] if script else [*CLI, *args]
        return subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )

    def kill_index_after(self, seconds: float, *extra: str) -> tuple[str, int]:
        """Start `index`, kill -9 it after `seconds`; what it printed and workers left alive."""
        run = subprocess.Popen(
            [*CLI, "index", "--quiet", *self.where(), *extra],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(seconds)
        workers = _children(run.pid)
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.time() + 15  # a worker still starting up dies once it is up
        while any(_alive(p) for p in workers) and time.time() < deadline:
            time.sleep(0.2)
        left = [p for p in workers if _alive(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        return (
            f"killed (exit {run.returncode}); {len(left)} of {len(workers)} child processes left",
            0,
        )


@dataclass
class Fault:
    name: str
    inject: Callable[[Context], str]
    recover: list[list[str]] = field(default_factory=lambda: [["index"]])
    adds: int = 0  # articles the fault's corpus change adds
    prepare: Callable[[Context], None] | None = None  # before the server starts


def _said(result) -> str:
    """The line a user reads first: an error, else the summary."""
    lines = [ln for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
    first = ("sixg-search:", "failed:", "damaged:")
    chosen = next((ln for ln in lines if ln.startswith(first)), None)
    chosen = chosen or next((ln for ln in reversed(lines) if "Error" in ln), None)
    chosen = chosen or (lines[-1] if lines else "")
    return f"exit {result.returncode}: {chosen}"


# -- faults -----------------------------------------------------------------------------


def kill_mid_add(ctx: Context) -> str:
    generate(ctx.corpus / "added", 300, seed=21)
    return ctx.kill_index_after(3.0)[0]


def kill_mid_rebuild(ctx: Context) -> str:
    return ctx.kill_index_after(2.0, "--rebuild")[0]


_OLD_VERSION = """
import sys
from pathlib import Path
from indexer.index import store
from indexer.index.sync import sync_index
store.INDEX_NAME = "v0"   # an index of an older schema version
sync_index(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def older_schema(ctx: Context) -> None:
    shutil.rmtree(ctx.index)
    ctx.run(str(ctx.corpus), str(ctx.index), script=_OLD_VERSION)


def kill_mid_upgrade(ctx: Context) -> str:
    return ctx.kill_index_after(3.0)[0]


def _kill_at(function: str) -> str:
    return f"""
import os, signal, sys
from pathlib import Path
import indexer.index.sync as sync
setattr(sync, {function!r}, lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
sync.sync_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=True)
"""


def kill_after_commit(ctx: Context) -> str:
    result = ctx.run(str(ctx.corpus), str(ctx.index), script=_kill_at("record_sizes"))
    return f"killed between commit and its size record (exit {result.returncode})"


def _damage(ctx: Context, suffix: str, how: str) -> str:
    (target,) = [p for p in ctx.index.iterdir() if p.name.endswith(suffix)]
    size = target.stat().st_size
    if how == "truncate":
        os.truncate(target, size // 2)
    elif how == "empty":
        os.truncate(target, 0)
    else:
        target.write_bytes(os.urandom(size))
    time.sleep(1.0)  # the client meets the damage
    return _said(ctx.run("index", *ctx.where()))


def truncated_postings(ctx):
    return _damage(ctx, ".pst", "truncate")


def garbage_toc(ctx):
    return _damage(ctx, ".toc", "garbage")


def empty_toc(ctx):
    return _damage(ctx, ".toc", "empty")


def empty_terms(ctx):
    return _damage(ctx, ".trm", "empty")


def garbage_terms(ctx):
    return _damage(ctx, ".trm", "garbage")


def truncated_cache(ctx: Context) -> str:
    cache = ctx.index / "extracted.sqlite"
    os.truncate(cache, cache.stat().st_size // 3)
    return _said(ctx.run("check", "--index", str(ctx.index)))


_FULL_DISK = """
import errno, sys
from whoosh.filedb.filestore import FileStorage
real = FileStorage.create_file
def full(self, name, **kwargs):
    handle = real(self, name, **kwargs)
    if ".toc." in name or name.endswith(".pst"):
        handle.close()
        raise OSError(errno.ENOSPC, "No space left on device", name)
    return handle
FileStorage.create_file = full
from web.cli import main
sys.exit(main(["index", "--quiet"] + sys.argv[1:]))
"""
assert errno.ENOSPC  # (the script above names it)


def full_disk(ctx: Context) -> str:
    generate(ctx.corpus / "added", 20, seed=22)
    return _said(ctx.run(*ctx.where(), script=_FULL_DISK))


def _new_article(ctx: Context, stem: str) -> Path:
    path = ctx.corpus / f"{stem}.txt"
    path.write_text(
        f"{stem.title()} partners sign 6G spectrum MoU\n\nOulu, 3 March 2026\n\n"
        "Operators and vendors opened a sub-terahertz spectrum testbed in Oulu on Tuesday, "
        "where partners of the 6G Flagship will measure propagation between buildings.\n",
        "utf-8",
    )
    return path.with_name(f"{stem}.meta.json")


def fifo_sidecar(ctx: Context) -> str:
    os.mkfifo(_new_article(ctx, "fifo"))
    return _said(ctx.run("index", *ctx.where(), timeout=120))


def device_sidecar(ctx: Context) -> str:
    os.symlink("/dev/zero", _new_article(ctx, "zero"))
    return _said(ctx.run("index", *ctx.where(), timeout=120))


def deep_sidecar(ctx: Context) -> str:
    _new_article(ctx, "deep").write_text('{"topics": ' + "[" * 100_000 + "]" * 100_000 + "}")
    return _said(ctx.run("index", *ctx.where()))


def symlinks_out(ctx: Context) -> str:
    outside = ctx.work / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:secret 6G spectrum plan\n" * 20, "utf-8")
    (ctx.corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (ctx.corpus / "elsewhere").symlink_to(outside, target_is_directory=True)
    result = ctx.run("index", *ctx.where())
    found = ctx.run("search", "secret", "--index", str(ctx.index)).stdout.strip().splitlines()
    return f"{_said(result)}; search 'secret': {found[-1] if found else '?'}"


# -- cost attacks: one anonymous request must not take the site down ---------------------


def _timed(path: str, timeout: float = 600) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    status, body = _get(_server["port"], path, timeout)
    return status, body, time.perf_counter() - started


def _at_once(paths: list[str]) -> list[tuple[int, float]]:
    """GET every path at the same time; (status, seconds) of each."""
    results: list[tuple[int, float]] = []
    threads = [threading.Thread(target=lambda p=p: results.append(_timed(p)[::2])) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _statuses(results: list[tuple[int, float]]) -> str:
    counts: dict[int, int] = {}
    for status, _ in results:
        counts[status] = counts.get(status, 0) + 1
    codes = ", ".join(f"{n}x {code}" for code, n in sorted(counts.items()))
    return f"{codes}; slowest {max(s for _, s in results):.1f} s"


def _rss_mb() -> float:
    with open(f"/proc/{_server['process'].pid}/status") as fh:
        line = next(ln for ln in fh if ln.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def _notice(body: bytes) -> str:
    try:
        return json.loads(body).get("notice") or "no notice"
    except ValueError:
        return "not JSON"


def nonsense_suggestions(ctx: Context) -> str:
    rng = random.Random(7)
    words = " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(14)) for _ in range(64)
    )[:959]
    attack = ["/?" + urlencode({"q": words})] * 8 + ["/?" + urlencode({"q": "q" * 999})]
    return "8x 64 nonsense words + one 999-letter word at once: " + _statuses(_at_once(attack))


def many_words(ctx: Context) -> None:
    """An article of 60,000 distinct words, so the index has a large vocabulary."""
    rng = random.Random(8)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(9)) for _ in range(60_000)]
    lines = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
    (ctx.corpus / "lexicon.txt").write_text(
        "A glossary of 6G words\n\n" + "\n".join(lines) + "\n", "utf-8"
    )
    ctx.run("index", "--quiet", *ctx.where())


def range_everything(ctx: Context) -> str:
    before = _rss_mb()
    status, body, seconds = _timed("/api/search?" + urlencode({"q": "body:[a TO z]"}))
    return (
        f"body:[a TO z]: {status} in {seconds:.1f} s, RSS {before:.0f} -> {_rss_mb():.0f} MB; "
        + _notice(body)
    )


def inner_wildcard(ctx: Context) -> str:
    said = []
    for q in ("a*e", "co*n", "body:[s TO t] OR pr*"):
        status, body, seconds = _timed("/api/search?" + urlencode({"q": q}))
        said.append(f"{q}: {status} in {seconds:.2f} s ({_notice(body)})")
    return "; ".join(said)


def concurrent_exports(ctx: Context) -> str:
    return "8x /export.csv at once: " + _statuses(_at_once(["/export.csv"] * 8))


FAULTS = [
    Fault("kill -9 index (adding 300)", kill_mid_add, adds=300),
    Fault("kill -9 index --rebuild", kill_mid_rebuild),
    Fault("kill -9 schema upgrade", kill_mid_upgrade, prepare=older_schema),
    Fault("kill -9 after commit", kill_after_commit),
    Fault("truncated .pst", truncated_postings, [["index", "--repair"]]),
    Fault("garbage .toc", garbage_toc, [["index", "--repair"]]),
    Fault("empty .toc", empty_toc, [["index", "--repair"]]),
    Fault("empty .trm", empty_terms, [["index", "--repair"]]),
    Fault("garbage .trm", garbage_terms, [["index", "--repair"]]),
    Fault("truncated extracted.sqlite", truncated_cache, [["index", "--repair"]]),
    Fault("full disk (ENOSPC)", full_disk, adds=20),
    Fault("FIFO sidecar", fifo_sidecar, adds=1),
    Fault("sidecar -> /dev/zero", device_sidecar, adds=1),
    Fault("100,000-deep sidecar", deep_sidecar, adds=1),
    Fault("symlinks out of corpus", symlinks_out),
    Fault("cost: did-you-mean on nonsense", nonsense_suggestions, []),
    Fault("cost: range over every word", range_everything, [], prepare=many_words),
    Fault("cost: inner wildcards", inner_wildcard, []),
    Fault("cost: 8 concurrent exports", concurrent_exports, []),
]


# -- machinery --------------------------------------------------------------------------


class Client(threading.Thread):
    """Searches the site without pause, counting answers that are not 200."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.stop = port, threading.Event()
        self.requests = self.failed = self.unavailable = self.server_errors = 0
        self.seconds: list[float] = []  # for the cost attacks to come: slow answers show here
        self.errors: dict[str, int] = {}  # "status path" -> count, for answers other than 200

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            started = time.perf_counter()
            page = PAGES[n % len(PAGES)]
            status, body = _get(self.port, page)
            self.seconds.append(time.perf_counter() - started)
            n += 1
            self.requests += 1
            if status != 200:
                key = f"{status} {page} {body[:80]!r}"
                self.errors[key] = self.errors.get(key, 0) + 1
                self.failed += 1
                self.unavailable += status == 503  # says the index is damaged, and the fix
                self.server_errors += status >= 500 and status != 503 or status == 0
            time.sleep(0.02)


class Probe(threading.Thread):
    """Times the cheap search every 0.1 s."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.stop, self.seconds = port, threading.Event(), []

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            _get(self.port, CHEAP, timeout=600)
            self.seconds.append(time.perf_counter() - started)
            time.sleep(0.1)

    def summary(self) -> str:
        if not self.seconds:
            return "-"
        return (
            f"{statistics.median(self.seconds) * 1000:.0f} ms median, "
            f"{max(self.seconds):.2f} s slowest"
        )


def _get(port: int, path: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""


def _total(port: int) -> int | None:
    status, body = _get(port, "/api/search")
    return json.loads(body)["total"] if status == 200 else None


_server: dict = {}


def _start_server(ctx: Context) -> int:
    port = free_port()
    _server["process"] = subprocess.Popen(
        [*CLI, "serve", "--no-index", "--port", str(port), *ctx.where()],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _server["port"] = port
    wait_until_up(port)
    return port


def _stop_server() -> None:
    process = _server.pop("process", None)
    if process:
        process.terminate()
        process.wait()


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return {int(p) for p in fh.read().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def run_fault(fault: Fault, template: Path, work: Path) -> dict:
    ctx = Context(work, work / "corpus", work / "index")
    shutil.copytree(template / "corpus", ctx.corpus, symlinks=True)
    shutil.copytree(template / "index", ctx.index)
    if fault.prepare:
        fault.prepare(ctx)
    port = _start_server(ctx)
    client, probe = Client(port), Probe(port)
    try:
        before = _total(port)
        client.start()
        probe.start()
        saw = fault.inject(ctx)
        started = time.perf_counter()
        for command in fault.recover:
            ctx.run(*command, *ctx.where())
        expected = (before or 0) + fault.adds
        after = None
        deadline = time.time() + 60
        while time.time() < deadline and (after := _total(port)) != expected:
            time.sleep(0.1)
        recovery = time.perf_counter() - started
        time.sleep(0.5)
    finally:
        client.stop.set()
        probe.stop.set()
        client.join()
        probe.join()
        _stop_server()
    return {
        "fault": fault.name,
        "saw": saw.replace(str(work), "…"),
        "articles": f"{before} -> {after}" + ("" if after == expected else f" (want {expected})"),
        "failed": f"{client.failed}/{client.requests} "
        f"({client.unavailable} 503, {client.server_errors} other 5xx)",
        "p95 ms": f"{1000 * sorted(client.seconds)[int(0.95 * len(client.seconds))]:.0f}"
        if client.seconds
        else "-",
        "recovery": f"{' ; '.join(' '.join(c) for c in fault.recover) or 'none'}: {recovery:.1f} s",
        "errors": {k: v for k, v in client.errors.items() if not k.startswith("503")},
        "cheap": probe.summary(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=200, help="generated articles beside seeds")
    parser.add_argument("--only", nargs="*", help="run the faults whose name holds one of these")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    args = parser.parse_args()
    faults = [
        f for f in FAULTS if not args.only or any(o.lower() in f.name.lower() for o in args.only)
    ]
    work = Path(tempfile.mkdtemp(prefix="sixg-faults-"))
    template = work / "template"
    shutil.copytree(ROOT / "corpus", template / "corpus")
    generate(template / "corpus" / "base", args.base, seed=20)
    subprocess.run(
        [*CLI, "index", "--quiet", "--corpus", str(template / "corpus")]
        + ["--index", str(template / "index")],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = []
    try:
        for n, fault in enumerate(faults):
            rows.append(run_fault(fault, template, work / f"fault-{n:02d}"))
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    finally:
        _stop_server()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(
        "| fault | what the user saw | articles | requests failed | p95 ms | recovery "
        "| cheap search |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        saw = row["saw"].replace("|", "/")
        saw = saw if len(saw) <= 300 else saw[:299] + "…"
        cells = (
            row["fault"],
            saw,
            row["articles"],
            row["failed"],
            row["p95 ms"],
            row["recovery"],
            row["cheap"],
        )
        print("| " + " | ".join(cells) + " |")
    lost = [r for r in rows if "want" in r["articles"]]
    errors = sum(int(r["failed"].split(", ")[1].split()[0]) for r in rows)
    print(f"\n{len(rows)} faults: {len(lost)} with articles lost, {errors} 5xx other than 503")
    return 1 if lost or errors else 0


if __name__ == "__main__":
    sys.exit(main())
