"""Extraction results kept by content, so rebuilding the index need not clean every page again.

A schema change or `--rebuild` rewrites every document, yet the article
extracted from a file depends only on its bytes, its path in the corpus,
the extractor (code and data files, see extract.extractor_fingerprint) and
its sidecar overrides.
Articles are kept under that key in an SQLite file beside the index
(zlib-compressed JSON, with the copy-detection signature). Worker processes
read it; only the indexing process writes. A damaged or missing cache is
never an error: the article is extracted again, and a cache SQLite finds
damaged (truncated, overwritten) is started afresh by the next run that
writes to it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from pathlib import Path

from ..article import Article
from .signatures import signature_kind

CACHE_NAME = "extracted.sqlite"
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_readers: dict[Path, sqlite3.Connection] = {}  # per process, opened on first use


def cache_path(index_dir: Path) -> Path:
    return index_dir / CACHE_NAME


def cache_key(sha256: str, extractor: str, sidecar: str, relpath: str) -> str:
    return f"{sha256}:{extractor}:{sidecar}:{relpath}"


def encode(article: Article, minhash: bytes) -> bytes:
    payload = {"article": article.to_json(), "minhash": minhash.hex(), "signed": signature_kind()}
    return zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 3)


def lookup(path: Path, key: str) -> tuple[Article, bytes | None] | None:
    """The cached article and signature for `key`, if any (used in worker processes);
    the signature is None when it was made with other settings (signatures.py)."""
    db = _readers.get(path) or _connect(path, create=False)
    if db is None:
        return None
    _readers[path] = db
    try:
        row = db.execute("SELECT article FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        payload = json.loads(zlib.decompress(row[0]))
        same_kind = payload.get("signed") == signature_kind()
        minhash = bytes.fromhex(payload["minhash"]) if same_kind else None
        return Article.from_json(payload["article"]), minhash
    except (sqlite3.Error, zlib.error, ValueError, KeyError):
        return None


def reset_if_damaged(path: Path, *, check: bool = True) -> bool:
    """Delete a cache SQLite reports as damaged (check: run its quick check first);
    True if it was deleted."""
    if not path.exists():
        return False
    if check:
        try:
            db = sqlite3.connect(path, timeout=30)
            try:
                healthy = db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            healthy = not _is_damage(exc)
        if healthy:
            return False
    for suffix in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return True


def _is_damage(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in _DAMAGED or type(exc) is sqlite3.DatabaseError


class CacheWriter:
    """Adds fresh extractions in batches; drops those of other extractor versions.
    A damaged cache file is replaced by a new one."""

    BATCH = 500

    def __init__(self, path: Path, extractor: str):
        self.path = path
        self.db = _connect(path, create=True)
        self.pending: list[tuple[str, str, bytes]] = []
        if self.db is not None:
            self._try(lambda: _drop_other_versions(self.db, extractor))
        elif reset_if_damaged(path):  # not even a database any more
            self.db = _connect(path, create=True)

    def add(self, key: str, extractor: str, payload: bytes) -> None:
        self.pending.append((key, extractor, payload))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.db is not None and self.pending:
            rows, self.pending = self.pending, []
            self._try(
                lambda: self.db.executemany(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows
                )
            )

    def close(self) -> None:
        self.flush()
        if self.db is not None:
            self.db.close()

    def _try(self, action) -> None:
        try:
            with self.db:
                action()
        except sqlite3.Error as exc:  # a broken cache only costs re-extraction
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
            if _is_damage(exc) and reset_if_damaged(self.path, check=False):
                self.db = _connect(self.path, create=True)


def _drop_other_versions(db: sqlite3.Connection, extractor: str) -> None:
    """One DELETE per other extractor version, found from the index: a single
    `extractor != ?` would scan every row of a cache of 100,000 articles."""
    versions = [row[0] for row in db.execute("SELECT DISTINCT extractor FROM articles")]
    for version in versions:
        if version != extractor:
            db.execute("DELETE FROM articles WHERE extractor = ?", (version,))


def _connect(path: Path, *, create: bool) -> sqlite3.Connection | None:
    if not create and not path.exists():
        return None
    try:
        db = sqlite3.connect(path, timeout=30)
        db.execute(
            "CREATE TABLE IF NOT EXISTS articles"
            " (key TEXT PRIMARY KEY, extractor TEXT, article BLOB)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS by_extractor ON articles (extractor)")
        return db
    except sqlite3.Error:
        return None
