"""Where the index lives, and opening it safely while another process writes.

The index is a Whoosh folder outside the corpus. Writers are serialised by
Whoosh's lock file; readers always open the newest committed generation,
which is how the running site sees a new `sixg-search index` run without a
restart. A reader can race a writer that is deleting the files of an old
generation, so opening retries a few times before giving up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from whoosh import index
from whoosh.index import EmptyIndexError

from .schema import build_schema

OPEN_RETRIES = 5


class IndexMissing(RuntimeError):
    """No index has been built in the folder yet."""


def default_corpus_dir() -> Path:
    return Path(os.environ.get("SIXG_CORPUS", "corpus"))


def default_index_dir() -> Path:
    return Path(os.environ.get("SIXG_INDEX", ".sixg-index"))


def schema_is_current(index_dir: Path) -> bool:
    """Whether the index was built with today's fields (else it must be rebuilt)."""
    if not index.exists_in(str(index_dir)):
        return False
    stored = index.open_dir(str(index_dir)).schema
    return _shape(stored) == _shape(build_schema())


def _shape(schema) -> list[tuple[str, str]]:
    return [(name, type(schema[name]).__name__) for name in schema.names()]


def create_index(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(index_dir), build_schema())


def open_index(index_dir: Path):
    """Open an existing index; raises IndexMissing with a hint when there is none."""
    if not index.exists_in(str(index_dir)):
        raise IndexMissing(f"no index in {index_dir}: run `sixg-search index` first")
    for attempt in range(OPEN_RETRIES):
        try:
            return index.open_dir(str(index_dir))
        except (FileNotFoundError, EmptyIndexError):
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def open_searcher(index_dir: Path):
    """A searcher on the newest generation (see the module docstring for retries)."""
    for attempt in range(OPEN_RETRIES):
        try:
            return open_index(index_dir).searcher()
        except FileNotFoundError:
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
