"""Extraction on a Dask.distributed cluster (`sixg-search index --scheduler ADDR`).

Dask's `Client.get_executor()` is a `concurrent.futures` executor, so sync.py
hands it the very function and chunks of jobs it hands the local process
pool: reading, cleaning and extracting run on the cluster's workers, while
this process scans the corpus, writes the index and the extraction cache,
and commits, as it does locally.

A job carries the file's absolute path and content hash, not its bytes:
every worker must see the corpus at the same path (a shared or mirrored
folder); a worker that reads other bytes reports the file as changed, one
that cannot read it reports it unreadable, and the run goes on. The
extraction cache beside the index is consulted where workers can read it and
otherwise skipped (the article is extracted again). `distributed` is the
optional `[cluster]` extra.
"""

from __future__ import annotations

import contextlib


class ClusterUnavailable(RuntimeError):
    """No Dask scheduler answers at the address, or distributed is not installed."""


@contextlib.contextmanager
def cluster_executor(address: str, timeout: float = 10.0):
    """A concurrent.futures executor over the workers of the scheduler at `address`."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterUnavailable(
            "--scheduler needs Dask.distributed: pip install 'sixg-search[cluster]'"
        ) from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterUnavailable(f"no Dask scheduler answers at {address}: {exc}") from exc
    try:
        # pure=False: each chunk runs once, without hashing its arguments into a key
        yield client.get_executor(pure=False)
    finally:
        client.close()
