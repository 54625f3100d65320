"""Where the index lives, and opening it safely while another process writes.

The index is a Whoosh folder outside the corpus. Inside it, the index is
named after the schema version and what its copy-detection signatures are
made of (`v7s5p64`: schema 7, 5-word shingles, 64 values): when either changes,
`sixg-search index` builds the new version beside the old one and deletes
the old one only after the new one is committed, so a schema change never
leaves an empty or half-built index behind.

Writers are serialised by Whoosh's lock file; readers always open the
newest committed generation, which is how the running site sees a new
`sixg-search index` run without a restart. A reader can race a writer that
is deleting the files of an old generation, so opening retries a few times.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from whoosh import index
from whoosh.index import EmptyIndexError

from .postings import PackedCodec
from .schema import SCHEMA_VERSION, build_schema
from .signatures import signature_kind


def current_index_name() -> str:
    return f"v{SCHEMA_VERSION}{signature_kind()}"


INDEX_NAME = current_index_name()
OPEN_RETRIES = 5
_OTHER_VERSION_FILE = re.compile(r"^_?(v(\d+)(?:s\d+p\d+)?)_")


class IndexMissing(RuntimeError):
    """No index has been built in the folder yet."""


def default_corpus_dir() -> Path:
    return Path(os.environ.get("SIXG_CORPUS", "corpus"))


def default_index_dir() -> Path:
    return Path(os.environ.get("SIXG_INDEX", ".sixg-index"))


def index_exists(index_dir: Path) -> bool:
    return index.exists_in(str(index_dir), indexname=INDEX_NAME)


def create_index(index_dir: Path):
    """A new, empty index of the current schema version (others are left alone)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)


def index_writer(ix, **options):
    """A writer of postings.py's packed blocks, in separate files.

    compound=False: Whoosh copies a compound segment's term and posting files
    into memory on every searcher it opens, which at 100,000 articles costs
    hundreds of milliseconds and megabytes per request.
    """
    return ix.writer(codec=PackedCodec(), compound=False, **options)


def open_index(index_dir: Path):
    """Open the current version's index; raises IndexMissing with a hint when there is none."""
    if not index_exists(index_dir):
        raise IndexMissing(f"no index in {index_dir}: run `sixg-search index` first")
    return _retrying(lambda: index.open_dir(str(index_dir), indexname=INDEX_NAME))


def open_searcher(index_dir: Path):
    """A searcher on the newest generation."""
    if not index_exists(index_dir):
        raise IndexMissing(f"no index in {index_dir}: run `sixg-search index` first")
    return _retrying(lambda: index.open_dir(str(index_dir), indexname=INDEX_NAME).searcher())


def _retrying(opening):
    """Open, retrying while a writer deletes the files of the generation being read."""
    for attempt in range(OPEN_RETRIES):
        try:
            return opening()
        except (FileNotFoundError, EmptyIndexError):
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def older_versions(index_dir: Path) -> list[str]:
    """Names of indexes of other schema versions in the folder, newest first."""
    versions = {
        m.group(1): int(m.group(2))
        for p in index_dir.iterdir()
        if (m := _OTHER_VERSION_FILE.match(p.name))
    }
    versions.pop(INDEX_NAME, None)
    return sorted(versions, key=versions.get, reverse=True)


def open_older_version(index_dir: Path, name: str):
    return index.open_dir(str(index_dir), indexname=name)


def remove_older_versions(index_dir: Path) -> None:
    """Delete the files of other schema versions once the current one is committed."""
    for path in index_dir.iterdir():
        match = _OTHER_VERSION_FILE.match(path.name)
        if match and match.group(1) != INDEX_NAME:
            path.unlink(missing_ok=True)
