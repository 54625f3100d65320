"""Is the index on disk whole? Checks for `sixg-search check`, start-up and repair.

A disk that filled up, a copy cut short or a stray editor can damage index
files. `problems(index_dir)` answers quickly (run at the start of every
`index` and `serve`): the latest generation's table of contents must read,
every file its commit recorded must be there at its recorded size (see
store.record_sizes), and each segment must open. `problems(..., deep=True)`
(`sixg-search check`) also reads every stored document, every term's
postings and every column, and runs SQLite's integrity check on the
extraction cache. A damaged index is rebuilt by `sixg-search index
--repair` from the corpus and the extraction cache.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from whoosh import index

from . import store
from .cache import cache_path
from .store import is_committed, latest_generation, recorded_sizes, serving_name

REPAIR_HINT = "`sixg-search index --repair` rebuilds it from the corpus and the extraction cache"


class IndexDamaged(RuntimeError):
    """The index's files are damaged; str() says which and how to repair."""


def problems(index_dir: Path, *, deep: bool = False) -> list[str]:
    """What is wrong with the index that readers open (empty: nothing found)."""
    name = serving_name(index_dir)
    if name is None:
        return []
    generation = latest_generation(index_dir, name)
    found = _size_problems(index_dir, generation) if name == store.INDEX_NAME else []
    try:
        ix = index.open_dir(str(index_dir), indexname=name)
        with ix.reader() as reader:
            if deep:
                found += _read_everything(reader)
            else:
                _touch(reader)
    except Exception as exc:  # what a damaged file raises is anyone's guess
        found.append(f"{name} generation {generation} cannot be read: {short(exc)}")
    if deep:
        found += cache_problems(cache_path(index_dir))
    return found


def _size_problems(index_dir: Path, generation: int) -> list[str]:
    """Files of the generation missing, or not of the size its commit recorded."""
    found = []
    for file, size in (recorded_sizes(index_dir, generation) or {}).items():
        try:
            actual = (index_dir / file).stat().st_size
        except OSError:
            found.append(f"{file} is missing")
            continue
        if actual != size:
            found.append(f"{file} has {actual:,} bytes; its commit wrote {size:,}")
    return found


def raise_if_damaged(index_dir: Path, *, quick: bool = False) -> None:
    """For start-up: IndexDamaged with every problem found and the repair command.
    quick: only the sizes the last commit recorded are checked (what a truncated
    file or a full disk leaves; no file is opened), for `sync.index_paths`, which
    commits after every few files saved."""
    if not is_committed(index_dir):
        return
    found = (
        _size_problems(index_dir, latest_generation(index_dir)) if quick else problems(index_dir)
    )
    if found:
        raise IndexDamaged(describe(index_dir, found))


def describe(index_dir: Path, found: list[str]) -> str:
    listed = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
    return f"the index in {index_dir} is damaged ({listed}); {REPAIR_HINT}"


def cache_problems(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        return [f"{path.name}: {short(exc)}"]
    if rows == [("ok",)]:
        return []
    return [f"{path.name}: {short(rows[0][0])}"]


def short(exc, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _touch(reader) -> None:
    """Open what every search opens: stored fields at both ends of each segment,
    and the first term of each field with its postings."""
    for sub, _ in reader.leaf_readers():
        if sub.doc_count_all():
            sub.stored_fields(0)
            sub.stored_fields(sub.doc_count_all() - 1)
        for field in ("title", "body"):
            for term in sub.lexicon(field):
                sub.postings(field, term).all_ids()
                break


def _read_everything(reader) -> list[str]:
    found = []
    for sub, _ in reader.leaf_readers():
        where = getattr(getattr(sub, "_segment", None), "segment_id", lambda: "segment")()
        try:
            for docnum in range(sub.doc_count_all()):
                sub.stored_fields(docnum)
            for field, term in sub.all_terms():
                matcher = sub.postings(field, term)
                while matcher.is_active():
                    matcher.value()
                    matcher.next()
            for field in sub.schema.names():
                if sub.has_column(field):
                    list(sub.column_reader(field))
        except Exception as exc:
            found.append(f"{where}: {short(exc)}")
    return found
