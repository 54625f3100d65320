"""Where the index lives, and opening it safely while another process writes.

The index is a Whoosh folder outside the corpus. Inside it, the index is
named after the schema version and what its copy-detection signatures are
made of (`v7s5p64`: schema 7, 5-word shingles, 64 values): when either changes,
`sixg-search index` builds the new version beside the old one and deletes
the old one only after the new one is committed, so a schema change never
leaves an empty or half-built index behind.

Until the new version's first commit (generation 1: `create_index` writes an
empty generation 0), readers keep opening the older version, so a schema
upgrade killed half-way leaves the site serving the old index, and the next
run starts the upgrade again.

Writers are serialised by a lock file of the folder (`index_WRITELOCK`, the
same whatever the index's name) and Whoosh's own lock file; readers always open the
newest committed generation, which is how the running site sees a new
`sixg-search index` run without a restart. A reader can race a writer that
is deleting the files of an old generation, so opening retries a few times.

Each commit records the size of every file of its generation
(`_<index name>_<generation>.sizes`), so a truncated or emptied file is found without
reading the index (see health.py). A failed or killed run can leave files
behind (a half-written segment, Whoosh's temporary folder, a TOC being
written); `remove_leftovers` deletes them, holding the write lock, at the
start of the next run and after a failure: on a full disk they are what
would make every later run fail too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, EmptyIndexError
from whoosh.util.filelock import try_for
from whoosh.writing import SegmentWriter

from .pool import TermPool
from .postings import PackedCodec
from .schema import SCHEMA_VERSION, build_schema
from .signatures import signature_kind


def current_index_name() -> str:
    return f"v{SCHEMA_VERSION}{signature_kind()}"


INDEX_NAME = current_index_name()
OPEN_RETRIES = 5
FOLDER_LOCK = "index_WRITELOCK"  # one per index folder, whatever its settings
_NAME = r"v\d+(?:s\d+p\d+)?"  # schema version, then the kind of signatures (if any)
_VERSION_NAME = re.compile(rf"^_?({_NAME})[_.]")
_TOC_TEMP = re.compile(rf"^_{_NAME}_\d+\.toc\..+$")  # Whoosh writes a TOC aside, then renames it
_SIZES = re.compile(rf"^_({_NAME})_(\d+)\.sizes$")


class IndexMissing(RuntimeError):
    """No index has been built in the folder yet."""


def default_corpus_dir() -> Path:
    return Path(os.environ.get("SIXG_CORPUS", "corpus"))


def default_index_dir() -> Path:
    return Path(os.environ.get("SIXG_INDEX", ".sixg-index"))


def index_exists(index_dir: Path) -> bool:
    return index.exists_in(str(index_dir), indexname=INDEX_NAME)


def latest_generation(index_dir: Path, name: str | None = None) -> int:
    """The newest TOC generation of index `name` (-1: none; 0: created, never committed)."""
    if not index_dir.is_dir():
        return -1
    return TOC._latest_generation(FileStorage(str(index_dir)), name or INDEX_NAME)


def is_committed(index_dir: Path) -> bool:
    """Has the current version been committed at least once (so it is the one to serve)?"""
    return latest_generation(index_dir) >= 1


def serving_name(index_dir: Path) -> str | None:
    """The index readers open: the current version once committed; before that (an
    upgrade under way or killed) the newest older version that was committed; an
    empty new index when there is nothing older."""
    if is_committed(index_dir):
        return INDEX_NAME
    if index_dir.is_dir():
        for name in older_versions(index_dir):
            if latest_generation(index_dir, name) >= 1:
                return name
    return INDEX_NAME if index_exists(index_dir) else None


def serving_state(index_dir: Path) -> tuple:
    """The index readers open, its newest generation and that generation's table of
    contents (inode, mtime: an index deleted and built again can reach the same
    generation number): what a searcher kept open between requests compares to
    know it still reads the newest commit."""
    name = serving_name(index_dir)
    if name is None:
        return (None,)
    generation = latest_generation(index_dir, name)
    try:
        toc = (index_dir / TOC._filename(name, generation)).stat()
    except OSError:
        return (name, generation)
    return (name, generation, toc.st_ino, toc.st_mtime_ns)


def create_index(index_dir: Path):
    """A new, empty index of the current schema version (others are left alone)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    for path in index_dir.glob(f"_{INDEX_NAME}_*.sizes"):  # records of what it replaces
        path.unlink(missing_ok=True)
    return index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)


def index_writer(ix, limitmb: int = 128, **options):
    """A writer of postings.py's packed blocks, in separate files, keeping its
    postings by term (pool.py) up to `limitmb` before it spills them to disk.

    compound=False: Whoosh copies a compound segment's term and posting files
    into memory on every searcher it opens, which at 100,000 articles costs
    hundreds of milliseconds and megabytes per request.
    """
    writer = ix.writer(codec=PackedCodec(), compound=False, limitmb=limitmb, **options)
    if type(writer) is SegmentWriter:
        writer.pool = TermPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer


def open_index(index_dir: Path):
    """Open the current version's index; raises IndexMissing with a hint when there is none."""
    if not index_exists(index_dir):
        raise IndexMissing(f"no index in {index_dir}: run `sixg-search index` first")
    return _retrying(lambda: index.open_dir(str(index_dir), indexname=INDEX_NAME))


def open_searcher(index_dir: Path):
    """A searcher on the newest committed generation (see serving_name)."""
    name = serving_name(index_dir)
    if name is None:
        raise IndexMissing(f"no index in {index_dir}: run `sixg-search index` first")
    return _retrying(lambda: index.open_dir(str(index_dir), indexname=name).searcher())


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
    names = {m.group(1) for p in index_dir.iterdir() if (m := _VERSION_NAME.match(p.name))}
    names.discard(INDEX_NAME)
    return sorted(names, key=lambda n: int(re.match(r"v(\d+)", n)[1]), reverse=True)


def open_older_version(index_dir: Path, name: str):
    return index.open_dir(str(index_dir), indexname=name)


def remove_older_versions(index_dir: Path) -> None:
    """Delete the files of other schema versions once the current one is committed."""
    if not is_committed(index_dir):
        return
    for path in index_dir.iterdir():
        match = _VERSION_NAME.match(path.name)
        if match and match.group(1) != INDEX_NAME:
            _remove(path)


class _HeldLocks:
    def __init__(self, *locks) -> None:
        self.locks = locks

    def release(self) -> None:
        for lock in reversed(self.locks):
            lock.release()


def hold_write_lock(index_dir: Path, timeout: float):
    """The index folder's write lock, or None after `timeout` seconds.

    One lock per folder (FOLDER_LOCK), whatever the index is named: a run and
    a watcher started with other [signature] settings (another INDEX_NAME)
    would otherwise write the folder at the same time, each deleting the
    other's version. Then Whoosh's own lock of the current version, which a
    writer opened with Whoosh's defaults, or by an earlier version of this
    program, takes instead."""
    storage = FileStorage(str(index_dir))
    deadline = time.monotonic() + timeout
    folder = storage.lock(FOLDER_LOCK)
    if not try_for(folder.acquire, timeout=timeout, delay=0.1):
        return None
    named = storage.lock(f"{INDEX_NAME}_WRITELOCK")
    if not try_for(named.acquire, timeout=max(0.0, deadline - time.monotonic()), delay=0.1):
        folder.release()
        return None
    return _HeldLocks(folder, named)


def remove_leftovers(index_dir: Path, segments: set[str] | None) -> list[str]:
    """Delete what failed or killed runs left (call holding the write lock): Whoosh's
    temporary folders and TOCs being written, and files of the current version's
    segments the latest generation does not use (`segments`: the ids it uses; None
    when its TOC cannot be read, and then no segment file is touched)."""
    removed = []
    segment_file = TOC._segment_pattern(INDEX_NAME)
    for path in index_dir.iterdir():
        name = path.name
        leftover = (
            name.endswith((".tmp", ".sizes.new")) and _VERSION_NAME.match(name)
        ) or _TOC_TEMP.match(name)
        if not leftover and segments is not None and (match := segment_file.match(name)):
            leftover = match.group(1) not in segments
        if leftover:
            _remove(path)
            removed.append(name)
    return removed


def record_sizes(index_dir: Path, ix) -> None:
    """Write the size of every file of the latest generation, and drop older records."""
    generation = ix.latest_generation()
    ids = {segment.segment_id() for segment in ix._segments()}
    sizes = {
        p.name: p.stat().st_size
        for p in index_dir.iterdir()
        if p.is_file() and p.name.split(".", 1)[0] in ids
    }
    sizes[TOC._filename(INDEX_NAME, generation)] = (
        (index_dir / TOC._filename(INDEX_NAME, generation)).stat().st_size
    )
    target = index_dir / f"_{INDEX_NAME}_{generation}.sizes"
    aside = target.with_name(target.name + ".new")
    aside.write_text(json.dumps(sizes, sort_keys=True), "utf-8")
    os.replace(aside, target)
    for path in index_dir.iterdir():
        match = _SIZES.match(path.name)
        if match and match.group(1) == INDEX_NAME and int(match.group(2)) != generation:
            path.unlink(missing_ok=True)


def recorded_sizes(index_dir: Path, generation: int) -> dict[str, int] | None:
    try:
        return json.loads((index_dir / f"_{INDEX_NAME}_{generation}.sizes").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
