"""Incremental indexing: make the index match the corpus folder.

Each run compares what is on disk with what the index remembers (path,
size, mtime, content hash): new files are added, changed ones re-extracted,
vanished ones removed, and a file whose mtime moved but whose bytes did not
(a `git checkout`, a copy) is only re-stamped. All changes go into one
commit, so the site switches from the old generation to the new one at once
and never shows a half-done run. A file that cannot be read is reported and
skipped; if an earlier version of it was indexed, that version stays.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm
from whoosh.index import LockError
from whoosh.writing import CLEAR

from .extract import extract_bytes
from .reading import ReadError, SourceFile, discover, read_bytes
from .schema import to_document
from .store import create_index, open_index, schema_is_current

LOCK_TIMEOUT = 30.0


class CorpusMissing(RuntimeError):
    """The corpus folder does not exist."""


class IndexBusy(RuntimeError):
    """Another run holds the index's write lock."""


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    restamped: int = 0  # unchanged files whose new mtime was recorded
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.restamped)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed in {self.seconds:.1f} s"
        )


def sync_index(
    corpus: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
) -> SyncReport:
    started = time.perf_counter()
    if not corpus.is_dir():
        raise CorpusMissing(f"corpus folder {corpus} does not exist")
    if rebuild or not schema_is_current(index_dir):
        ix = create_index(index_dir) if not schema_is_current(index_dir) else open_index(index_dir)
        rebuild = True
    else:
        ix = open_index(index_dir)
    try:
        writer = ix.writer(timeout=lock_timeout)
    except LockError as exc:
        raise IndexBusy(
            f"another `sixg-search index` run holds the index in {index_dir}; "
            f"waited {lock_timeout:.0f} s"
        ) from exc
    report = SyncReport()
    try:
        _apply_changes(writer, corpus, rebuild, progress, report)
    except BaseException:
        writer.cancel()
        raise
    if report.changed or rebuild:
        writer.commit(mergetype=CLEAR) if rebuild else writer.commit()
    else:
        writer.cancel()
    report.seconds = time.perf_counter() - started
    return report


def _apply_changes(writer, corpus: Path, rebuild: bool, progress: bool, report: SyncReport) -> None:
    known = {} if rebuild else _indexed_files(writer)
    files = discover(corpus)
    on_disk = {f.relpath for f in files}
    for source in tqdm(files, desc="indexing", unit="file", disable=not progress, leave=False):
        _sync_file(writer, source, known.get(source.relpath), report)
    for relpath in sorted(set(known) - on_disk):
        writer.delete_by_term("path", relpath)
        report.removed += 1


def _indexed_files(writer) -> dict[str, dict]:
    with writer.reader() as reader:
        return {fields["path"]: fields for _, fields in reader.iter_docs()}


def _sync_file(writer, source: SourceFile, old: dict | None, report: SyncReport) -> None:
    try:
        stat = source.path.stat()
    except OSError as exc:
        report.failed.append(Failure(source.relpath, f"cannot stat: {exc.strerror or exc}"))
        return
    if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
        report.unchanged += 1
        return
    try:
        data = read_bytes(source.path)
    except ReadError as exc:
        report.failed.append(Failure(source.relpath, str(exc)))
        return
    sha256 = hashlib.sha256(data).hexdigest()
    if old and old["sha256"] == sha256:
        writer.update_document(**{**old, "mtime_ns": stat.st_mtime_ns, "size": stat.st_size})
        report.unchanged += 1
        report.restamped += 1
        return
    try:
        article = extract_bytes(data, source)
    except ReadError as exc:
        report.failed.append(Failure(source.relpath, str(exc)))
        return
    except Exception as exc:  # an extractor bug on odd input must not stop the run
        report.failed.append(Failure(source.relpath, f"extraction failed: {exc!r}"))
        return
    writer.update_document(
        **to_document(article, size=len(data), mtime_ns=stat.st_mtime_ns, sha256=sha256)
    )
    if old:
        report.updated += 1
    else:
        report.added += 1
