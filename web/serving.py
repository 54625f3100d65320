"""Serving the site on every core: pre-forked waitress workers on one listening socket.

A Python process runs one request's Python at a time, so one process uses
one core however many threads it has. `serve --workers N` binds the
listening socket once, builds the index generation's shared state (arrays,
facet postings, copy groups) once, then forks N worker processes that each
run waitress on that same socket: the kernel hands each new connection to
one of them, and the arrays built before the fork stay shared between them
(copy-on-write; nothing writes to them). The index is only read by the
workers; `POST /api/reindex` in one of them commits a new generation that
every worker opens on its next request, as a single process would.

The parent only supervises: a worker that dies is started again, and
SIGTERM or Ctrl+C stops them all. Each worker also ends when the parent
does, even on kill -9. Where fork is missing (Windows), one process serves.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time

import waitress

from indexer.index.sync import _die_with_parent


def default_workers() -> int:
    return os.cpu_count() or 1


def serve(app, host: str, port: int, *, workers: int, threads: int, warm=None) -> None:
    """Serve `app` until stopped; `warm()` runs in the parent before the workers fork."""
    if workers <= 1 or not hasattr(os, "fork"):
        waitress.serve(app, host=host, port=port, threads=threads, _quiet=True)
        return
    listener = _listen(host, port)
    if warm is not None:
        warm()
    parent = os.getpid()
    children: set[int] = set()
    started_at: dict[int, float] = {}
    stopping = False

    def start_worker() -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _die_with_parent(parent)
                waitress.serve(app, sockets=[listener], threads=threads, _quiet=True)
            except BaseException:  # (a worker never returns into the parent's code)
                code = 1
            finally:
                os._exit(code)
        children.add(pid)
        started_at[pid] = time.monotonic()

    def stop(_signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            _signal(pid, signal.SIGTERM)

    before = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for _ in range(workers):
            start_worker()
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            children.discard(pid)
            if not stopping and status != 0:  # died (killed, out of memory): replace it
                # a worker that dies at once again and again is not restarted in a tight loop
                time.sleep(1.0 if time.monotonic() - started_at.pop(pid, 0) < 1 else 0)
                print(f"sixg-search: worker {pid} ended; starting another", file=sys.stderr)
                start_worker()
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        listener.close()


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(1024)
    return listener


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)
