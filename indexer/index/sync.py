"""Incremental indexing: make the index match the corpus folder.

Each run compares what is on disk with what the index remembers (path,
size, mtime, content hash, extractor fingerprint): new files are added,
changed ones re-extracted, vanished ones removed, and a file whose mtime
moved but whose bytes did not (a `git checkout`, a copy) is only
re-stamped. Edits to the data files change the fingerprint, so every
article is re-extracted once.

All changes go into one commit, so the site switches from the old
generation to the new one at once and never shows a half-done run. A file
that cannot be read is reported and skipped; if an earlier version of it was
indexed, that version stays, through rebuilds and schema upgrades too.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from tqdm import tqdm
from whoosh.writing import CLEAR, MERGE_SMALL, NO_MERGE

from .. import extract  # the pipeline loads in the workers only (see extract)
from ..datafiles import check_index_files
from ..extract import extractor_fingerprint
from ..extract.overrides import NO_SIDECAR, SIDECAR_SUFFIX, SidecarState, sidecar_state
from ..extract.reading import (
    ARTICLE_SUFFIXES,
    NOT_FOLLOWED,
    ReadError,
    SourceFile,
    discover,
    printable_path,
    read_bytes,
)
from .arrays import live_mask, varbytes_column
from .cache import CacheWriter, cache_key, cache_path, lookup, reset_if_damaged
from .cache import encode as encode_cached
from .cluster import cluster_executor
from .health import IndexDamaged, describe, raise_if_damaged, short
from .prepared import Prepared, add_prepared, prepare
from .schema import FILE_STATE, build_schema, from_stored, read_file_states, to_document
from .signatures import encode as encode_signature
from .signatures import signature
from .store import (
    create_index,
    hold_write_lock,
    index_writer,
    is_committed,
    latest_generation,
    older_versions,
    open_index,
    open_older_version,
    record_sizes,
    remove_leftovers,
    remove_older_versions,
)

LOCK_TIMEOUT = 30.0
PARALLEL_FROM = 64  # files to extract before worker processes pay for their start-up
SEGMENTS_BEFORE_MERGING = 4  # merge_small_segments leaves an index of this many alone


class CorpusMissing(RuntimeError):
    """The corpus folder does not exist."""


class IndexBusy(RuntimeError):
    """Another run holds the index's write lock."""


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str
    duplicate_of: str | None = None  # an exact copy of this indexed file


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
    repair: bool = False,
    progress: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
    scheduler: str | None = None,
) -> SyncReport:
    """Make the index match the corpus in one commit.

    rebuild (or repair, the same): write every document again, from the extraction
    cache where it can, reading from the old index only what it can (it may be
    damaged), and starting a new cache if the old one is damaged. Otherwise a
    damaged index raises IndexDamaged (with the repair command) before any change;
    a broken data file raises DataFileError (naming the file and the fault).
    scheduler: the address of a Dask scheduler whose workers extract (cluster.py)
    instead of this machine's cores.
    """
    started = time.perf_counter()
    repair = repair or rebuild  # a rebuild reads the old index only where it can
    if not corpus.is_dir():
        raise CorpusMissing(f"corpus folder {corpus} does not exist")
    check_index_files()  # a broken data file stops the run here (DataFileError)
    lock = _write_lock(index_dir, lock_timeout)
    try:
        return _sync_locked(
            corpus, index_dir, rebuild or repair, repair, progress, started, scheduler
        )
    finally:
        lock.release()


def _write_lock(index_dir: Path, timeout: float):
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = hold_write_lock(index_dir, timeout)
    if lock is None:
        raise IndexBusy(
            f"another `sixg-search index` run holds the index in {index_dir}; "
            f"waited {timeout:.0f} s"
        )
    return lock


def _sync_locked(
    corpus, index_dir, rebuild, repair, progress, started, scheduler=None
) -> SyncReport:
    # a new schema version is built beside the old one, which readers keep opening
    # until the first commit of the new one (store.serving_name); a killed upgrade
    # is simply started again
    upgrading = not is_committed(index_dir)
    if not upgrading and not repair:
        raise_if_damaged(index_dir)
    ix = None if upgrading else _open_or_none(index_dir, strict=not repair)
    remove_leftovers(index_dir, None if ix is None else _segment_ids(ix))
    if repair:
        reset_if_damaged(cache_path(index_dir))
    if ix is None:
        ix = create_index(index_dir)
        upgrading = True
    writer = index_writer(ix, _lk=False)  # sync_index holds the lock
    report = SyncReport()
    reader = None
    with _cleaned_up_on_failure(writer, index_dir):
        try:
            if upgrading:
                reader, known = _previous_version(index_dir)
            else:
                reader, known = _current_version(writer, tolerant=repair)
            skipped: list[tuple[str, str]] = []
            files = discover(corpus, (SIDECAR_SUFFIX,), skipped)
            report.failed.extend(Failure(path, reason) for path, reason in skipped)
            _apply_changes(
                writer,
                files,
                known,
                rebuild or upgrading,
                progress,
                report,
                index_dir,
                scheduler=scheduler,
            )
        finally:
            if reader is not None:
                reader.close()
        if rebuild or upgrading:
            writer.commit(mergetype=CLEAR)
        else:
            _commit_if_changed(writer, report)
    if rebuild or upgrading or report.changed:
        # committed; without the record (a full disk) `check` still reads everything
        with contextlib.suppress(OSError):
            record_sizes(index_dir, open_index(index_dir))
    remove_older_versions(index_dir)  # also those a run killed after its commit left
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _cleaned_up_on_failure(writer, index_dir: Path):
    """On any error: the writer cancelled and what it wrote removed (the last commit stands)."""
    try:
        yield
    except BaseException:
        if not writer.is_closed:
            with contextlib.suppress(Exception):  # keep the first error (a full disk...)
                writer.cancel()
        with contextlib.suppress(Exception):
            remove_leftovers(index_dir, _segment_ids(_open_or_none(index_dir, strict=False)))
        raise


def _commit_if_changed(writer, report: SyncReport, mergetype=MERGE_SMALL) -> None:
    if report.changed:
        writer.commit(mergetype=mergetype)
    else:
        writer.cancel()


def index_paths(
    corpus: Path, index_dir: Path, paths, *, lock_timeout: float = LOCK_TIMEOUT, merge: bool = True
) -> SyncReport:
    """Index just `paths` in one commit, without looking at the rest of the corpus.

    What a full run does for those paths, with the same extraction, cache,
    failure reports and duplicate check (the report counts only them): an
    article file is added, re-indexed if it changed, or removed when it is
    gone or no longer an article (hidden, a symbolic link, not a regular
    file); a folder is indexed whole, and the articles indexed below a folder
    that is gone are removed; a sidecar (`name.meta.json`) re-indexes its
    article. Paths are absolute or relative to the corpus; paths outside it
    are ignored. Before the index's first commit, or while a schema upgrade is
    unfinished, only a full run can bring it up to date, and this is one.

    Used by `serve`'s folder watcher (watch.py), and by anything that writes
    files into the corpus and wants them searchable at once: at 100,000
    articles it costs what the given files cost, not a scan of the folder.
    merge=False: the commit adds a segment without merging small ones (which
    would re-write the articles of earlier small commits); merge_small_segments
    does that later, when nobody waits for it.
    """
    started = time.perf_counter()
    if not corpus.is_dir():
        raise CorpusMissing(f"corpus folder {corpus} does not exist")
    check_index_files()
    targets = _targets(corpus, paths)
    lock = _write_lock(index_dir, lock_timeout)
    try:
        if not is_committed(index_dir):
            return _sync_locked(corpus, index_dir, False, False, False, started)
        return _paths_locked(corpus, index_dir, targets, started, merge)
    finally:
        lock.release()


def _targets(corpus: Path, paths) -> dict[str, str]:
    """Corpus path as the index names it -> path on disk, for each path given
    inside the corpus; a sidecar stands for the article files it may belong to."""
    root = os.path.abspath(corpus)
    found = {}
    for path in paths:
        full = os.path.normpath(os.path.join(root, os.fspath(path)))  # absolute stays so
        rel = os.path.relpath(full, root)
        if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            continue  # the corpus itself (a full run's job) or outside it
        name = os.path.basename(full)
        if name.endswith(SIDECAR_SUFFIX) and len(name) > len(SIDECAR_SUFFIX):
            for article in _articles_of_sidecar(full):
                found[printable_path(os.path.relpath(article, root).replace(os.sep, "/"))] = article
            continue
        found[printable_path(rel.replace(os.sep, "/"))] = full
    return found


def _articles_of_sidecar(sidecar: str) -> list[str]:
    """The article files named like a sidecar (`a.meta.json`: a.html, a.TXT...),
    whether or not they exist."""
    stem = sidecar[: -len(SIDECAR_SUFFIX)]
    folder, base = os.path.split(stem)
    found = {stem + suffix for suffix in ARTICLE_SUFFIXES}
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            dot = name.rfind(".")
            if dot > 0 and name[:dot] == base and name[dot:].lower() in ARTICLE_SUFFIXES:
                found.add(os.path.join(folder, name))
    return sorted(found)


def _paths_locked(corpus, index_dir, targets: dict[str, str], started, merge) -> SyncReport:
    raise_if_damaged(index_dir, quick=True)  # the full check reads every segment: too slow
    ix = _open_or_none(index_dir, strict=True)
    remove_leftovers(index_dir, _segment_ids(ix))
    writer = index_writer(ix, _lk=False)  # index_paths holds the lock
    report = SyncReport()
    with _cleaned_up_on_failure(writer, index_dir):
        reader = writer.reader()
        try:
            files, folders = _found_on_disk(targets, report)
            known = _indexed_among(reader, targets, folders)
            owners = _IndexedOwners(reader, corpus)
            _apply_changes(writer, files, known, False, False, report, index_dir, owners)
        finally:
            reader.close()
        _commit_if_changed(writer, report, MERGE_SMALL if merge else NO_MERGE)
    if report.changed:
        # committed; without the record (a full disk) `check` still reads everything
        with contextlib.suppress(OSError):
            record_sizes(index_dir, open_index(index_dir))
    report.seconds = time.perf_counter() - started
    return report


def merge_small_segments(index_dir: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> bool:
    """Merge the small segments that commits without merging left (Whoosh's MERGE_SMALL
    policy, in a commit of no documents); False when there are too few to bother."""
    lock = _write_lock(index_dir, lock_timeout)
    try:
        raise_if_damaged(index_dir, quick=True)
        ix = open_index(index_dir)
        if len(ix._segments()) <= SEGMENTS_BEFORE_MERGING:
            return False
        writer = index_writer(ix, _lk=False)
        with _cleaned_up_on_failure(writer, index_dir):
            writer.commit(mergetype=MERGE_SMALL)
        record_sizes(index_dir, open_index(index_dir))
        return True
    finally:
        lock.release()


def _found_on_disk(targets: dict[str, str], report) -> tuple[list[SourceFile], list[str]]:
    """The article files among the targets and in the target folders, and the
    targets that may be (or have been) folders, whose indexed articles are checked."""
    files: dict[str, SourceFile] = {}  # a file and its folder may both be targets
    folders = []
    for relpath, full in sorted(targets.items()):
        try:
            info = os.lstat(full)
        except OSError:  # gone: an article, or a folder of them
            folders.append(relpath)
            continue
        if any(part.startswith(".") for part in relpath.split("/")):
            folders.append(relpath)  # hidden (an editor's backup, .git): never indexed
        elif stat.S_ISLNK(info.st_mode):
            if _is_article(full) or os.path.isdir(full):
                report.failed.append(Failure(relpath, NOT_FOLLOWED))
            folders.append(relpath)
        elif stat.S_ISDIR(info.st_mode):
            skipped: list[tuple[str, str]] = []
            below = discover(Path(full), (SIDECAR_SUFFIX,), skipped)
            files.update((f"{relpath}/{f.relpath}", f) for f in below)
            report.failed += [Failure(f"{relpath}/{path}", why) for path, why in skipped]
            folders.append(relpath)
        elif stat.S_ISREG(info.st_mode) and _is_article(full):
            sidecar = full[: full.rfind(".")] + SIDECAR_SUFFIX
            companions = frozenset({SIDECAR_SUFFIX} if os.path.lexists(sidecar) else ())
            files[relpath] = SourceFile(full, relpath, info.st_size, info.st_mtime_ns, companions)
    return [f._replace(relpath=relpath) for relpath, f in sorted(files.items())], folders


def _is_article(path: str) -> bool:
    name = os.path.basename(path)
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in ARTICLE_SUFFIXES


def _indexed_among(reader, relpaths, folders: list[str]) -> dict[str, Indexed]:
    """What the index holds of these paths and of everything below these folders,
    looked up by path: the other 100,000 articles are not read."""
    wanted = set(relpaths)
    for folder in folders:
        wanted.update(raw.decode("utf-8") for raw in reader.expand_prefix("path", folder + "/"))
    column = reader.column_reader("filestate", translate=False)
    found = {}
    for relpath in sorted(wanted):
        for docnum in _live_docs(reader, "path", relpath):
            if values := read_file_states([column[docnum]])[0]:
                found[relpath] = Indexed(values, reader, docnum)
    return found


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _live_docs(reader, field: str, text: str) -> list[int]:
    if (field, text) not in reader:
        return []
    return list(reader.postings(field, text).all_ids())  # deleted documents filtered out


class _IndexedOwners(dict):
    """Content hash -> the file that holds it, as a full run's table of owners,
    filled from the index for just the hashes asked about: a file with the same
    content as an indexed article still in the corpus is not indexed twice."""

    def __init__(self, reader, corpus: Path):
        super().__init__()
        self.reader, self.corpus = reader, corpus

    def setdefault(self, sha256: str, relpath: str) -> str:
        if sha256 not in self:
            column = self.reader.column_reader("filestate", translate=False)
            for docnum in _live_docs(self.reader, "sha256", sha256):
                values = read_file_states([column[docnum]])[0]
                owner = values[0] if values else None
                if owner and owner != relpath and _is_regular(self.corpus / owner):
                    self[sha256] = owner
                    break
        return super().setdefault(sha256, relpath)


def _open_or_none(index_dir: Path, *, strict: bool):
    """The current version, or None when its table of contents cannot be read
    (strict: IndexDamaged instead)."""
    try:
        return open_index(index_dir)
    except Exception as exc:
        if strict:
            raise IndexDamaged(describe(index_dir, [short(exc)])) from exc
        return None


def _segment_ids(ix) -> set[str] | None:
    if ix is None:
        return None
    try:
        return {segment.segment_id() for segment in ix._segments()}
    except Exception:
        return None


def _current_version(writer, *, tolerant: bool):
    """What the index holds; a repair of a damaged index goes on with what it can read."""
    reader = None
    try:
        reader = writer.reader()
        return reader, _indexed_files(reader)
    except Exception:
        if reader is not None:
            reader.close()
        if not tolerant:
            raise
        return None, {}


class Indexed:
    """What the index remembers of one file; its stored fields are read only if needed."""

    __slots__ = ("values", "reader", "docnum", "fields")

    def __init__(self, values: list, reader=None, docnum: int = -1, fields: dict | None = None):
        self.values = values  # in the order of schema.FILE_STATE: path, size, mtime_ns, ...
        self.reader, self.docnum, self.fields = reader, docnum, fields

    def load(self) -> dict:
        """The stored fields (kept at hand for an older index, which had no state column)."""
        return self.reader.stored_fields(self.docnum) if self.reader else self.fields

    def __getitem__(self, key: str):
        return self.values[_STATE_AT[key]]

    def get(self, key: str, default=None):
        value = self.values[_STATE_AT[key]]
        return default if value is None else value


_STATE_AT = {key: i for i, key in enumerate(FILE_STATE)}


def _indexed_files(reader) -> dict[str, Indexed]:
    """Every indexed article's file state, by corpus path, from the file-state column
    (at 100,000 articles a fraction of a second; loading stored fields takes seconds)."""
    if not reader.has_column("filestate"):
        return _files_in(reader)
    live = live_mask(reader)  # (not IndexArrays: its lengths and dates are not needed)
    states = read_file_states(varbytes_column(reader, "filestate"))
    return {
        values[0]: Indexed(values, reader, docnum)
        for docnum, values in enumerate(states)
        if values and live[docnum]
    }


def _files_in(reader) -> dict[str, Indexed]:
    """The same from stored fields (an index of an older schema)."""
    return {
        f["path"]: Indexed([f.get(key) for key in FILE_STATE], fields=f)
        for _, f in reader.iter_docs()
    }


def _previous_version(index_dir: Path) -> tuple[object | None, dict[str, Indexed]]:
    """What an index of an older schema held, so failures can keep their articles,
    with the reader their stored fields are loaded from when needed (holding
    100,000 stored articles at once would take gigabytes)."""
    for name in older_versions(index_dir):
        if latest_generation(index_dir, name) < 1:  # a killed upgrade's empty index
            continue
        reader = None
        try:
            reader = open_older_version(index_dir, name).reader()
            return reader, _indexed_files(reader)
        except Exception:  # an unreadable old index is simply not carried over
            if reader is not None:
                reader.close()
    return None, {}


def _apply_changes(
    writer, files, known, from_scratch, progress, report, index_dir, owners=None, scheduler=None
) -> None:
    """Write every file's document; from scratch, even unchanged ones are re-extracted.

    Two phases: a scan that settles unchanged, re-stamped, duplicate and
    unreadable files in this process, then extraction of the rest, spread
    over all cores when there are enough of them to be worth it. `known`
    files not among `files` are removed.
    """
    on_disk = {f.relpath for f in files}
    # content hash -> the file that holds it, so an exact copy is not indexed twice
    if owners is None:
        owners = {f["sha256"]: path for path, f in known.items() if path in on_disk}
    jobs = []
    for source in files:
        old = known.get(source.relpath)
        try:
            job = _scan_file(writer, source, old, from_scratch, report, owners)
        except Exception as exc:  # a bug on odd input must not stop the run
            report.failed.append(Failure(source.relpath, _failed(exc)))
            _keep(writer, old, from_scratch)
            continue
        if job:
            jobs.append(job)
    _extract_and_write(writer, jobs, from_scratch, progress, report, index_dir, scheduler)
    for relpath in sorted(set(known) - on_disk):
        if not from_scratch:
            writer.delete_by_term("path", relpath)
        report.removed += 1


def _extract_and_write(
    writer, jobs, from_scratch, progress, report, index_dir, scheduler=None
) -> None:
    """Extract (or take from the cache) each job's article and write its document."""
    if not jobs:
        return
    cache = CacheWriter(cache_path(index_dir), extractor_fingerprint())
    results = _extract_all(jobs, cache_path(index_dir), scheduler)
    for job, result in tqdm(
        zip(jobs, results, strict=True),
        total=len(jobs),
        desc="indexing",
        unit="file",
        disable=not progress,
        leave=False,
    ):
        _write(writer, job, result, from_scratch, report)
        if result.fresh:
            cache.add(job.cache_key, extractor_fingerprint(), result.fresh)
    cache.close()


def _keep(writer, old: Indexed | None, from_scratch: bool) -> None:
    """After a failure, a rebuild carries the earlier version over (else it stays put)."""
    if old and from_scratch:
        try:
            fields = old.load()
        except Exception:  # a repair of a damaged index: that version went with it
            return
        # signed anew: the old index may sign another way (syndication.toml)
        writer.add_document(**from_stored(fields, writer.schema, minhash=None))


@dataclass
class Job:
    """A file whose article must be (re-)extracted."""

    source: SourceFile
    sha256: str  # of the bytes the scan read; the worker reads the file again
    mtime_ns: int
    sidecar: SidecarState
    old: Indexed | None
    cache: Path | None = None  # extraction cache to consult

    @property
    def cache_key(self) -> str:
        """The file's place is part of the key: an article's id, path, format and
        fallback title come from it, so a renamed file is extracted anew."""
        return cache_key(
            self.sha256, extractor_fingerprint(), self.sidecar.signature, self.source.relpath
        )


def _scan_file(writer, source: SourceFile, old, from_scratch: bool, report, owners) -> Job | None:
    fingerprint = extractor_fingerprint()
    sidecar = (
        sidecar_state(source.path, root=source.root)
        if source.has_companion(SIDECAR_SUFFIX)
        else NO_SIDECAR
    )
    current = (
        old is not None
        and old.get("extractor") == fingerprint
        and old.get("sidecar", "") == sidecar.signature
        and not from_scratch
    )
    if current and old["size"] == source.size and old["mtime_ns"] == source.mtime_ns:
        report.unchanged += 1
        return None
    try:
        data = read_bytes(source.path, root=source.root)
        sha256 = hashlib.sha256(data).hexdigest()
        if current and old["sha256"] == sha256:
            restamped = from_stored(
                old.load(), writer.schema, mtime_ns=source.mtime_ns, size=len(data)
            )
            writer.update_document(**restamped)
            report.unchanged += 1
            report.restamped += 1
            return None
        owner = owners.setdefault(sha256, source.relpath)
        if owner != source.relpath:
            twice = f"same content as {owner}; not indexed twice"
            report.failed.append(Failure(source.relpath, twice, duplicate_of=owner))
            _keep(writer, old, from_scratch)
            return None
    except ReadError as exc:
        report.failed.append(Failure(source.relpath, str(exc)))
        _keep(writer, old, from_scratch)
        return None
    return Job(source, sha256, source.mtime_ns, sidecar, old)


def _extract_all(jobs: list[Job], cache: Path | None = None, scheduler: str | None = None):
    """Documents in job order, streamed: memory holds a few chunks, not the corpus.

    Chunks of jobs go to this machine's worker processes, or to a Dask cluster's
    workers (`scheduler`): both are concurrent.futures executors running _extract."""
    # workers need only the file and where the extraction cache is
    jobs = [replace(job, old=None, cache=cache) for job in jobs]
    if not scheduler and (len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2):
        yield from map(_extract, jobs)
        return
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    done = 0
    try:
        with _executor(scheduler) as pool:
            for results in _in_order(pool, chunks, IN_FLIGHT):
                for result in results:
                    yield result
                    done += 1
    except BrokenProcessPool:  # a worker died (memory, a script without a main guard)
        yield from map(_extract, jobs[done:])


CHUNK = 16  # jobs sent to a worker at once
# chunks submitted and not yet written: enough to keep every worker busy, few enough
# that when the writer falls behind (a --rebuild from the cache, a busy machine)
# the finished documents waiting for it stay a few hundred, not the whole corpus
IN_FLIGHT = 4 * max(os.cpu_count() or 1, 2)


def _in_order(pool, chunks: list, ahead: int):
    """pool.map(_extract_chunk, chunks) with at most `ahead` chunks submitted and not
    yet taken (Executor.map submits them all at once, and holds every result the
    consumer has not reached)."""
    pending: deque = deque()
    try:
        for chunk in chunks:
            if len(pending) == ahead:
                yield pending.popleft().result()
            pending.append(pool.submit(_extract_chunk, chunk))
        while pending:
            yield pending.popleft().result()
    finally:  # stopped early (an error while writing): what was not started is not
        for future in pending:
            future.cancel()


def _executor(scheduler: str | None):
    if scheduler:
        return cluster_executor(scheduler)
    return _local_pool()


@contextlib.contextmanager
def _local_pool():
    # Workers are spawned, not forked: a forked worker would inherit the index's
    # write lock and keep it alive if this process were killed.
    pool = ProcessPoolExecutor(
        max_workers=os.cpu_count(),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    finally:
        # not waiting for the workers to exit: their interpreters' shut-down
        # (0.1-0.3 s) would hold up the commit, which then runs beside it
        pool.shutdown(wait=False, cancel_futures=True)


def _extract_chunk(jobs: list[Job]) -> list:
    return [_extract(job) for job in jobs]


def _die_with_parent(parent: int) -> None:
    """Pool initializer: a worker ends when the indexing process does, even on kill -9
    (otherwise it waits forever on a queue it holds open itself, ~75 MB each)."""
    if sys.platform.startswith("linux"):
        try:
            PR_SET_PDEATHSIG = 1
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


class Extracted(NamedTuple):
    """What a worker sends back for one job."""

    document: dict | None  # None: it failed, `error` says why
    prepared: Prepared | None  # the document analysed for the writer (prepared.py)
    error: str | None
    fresh: bytes | None  # the extraction to cache, when it was not cached yet


@cache
def _schema():
    return build_schema()


def _extract(job: Job) -> Extracted:
    """The document for one job, analysed for the writer, or why there is none, and
    the extraction to cache when it was not cached yet (runs in a worker process)."""
    try:
        data = read_bytes(job.source.path, root=job.source.root)
        if hashlib.sha256(data).hexdigest() != job.sha256:
            raise ReadError("changed while indexing; the next run takes the new version")
        cached = lookup(job.cache, job.cache_key) if job.cache else None
        fresh = None
        if cached:
            article, minhash = cached
        else:
            article = extract.extract_bytes(data, job.source, job.sidecar)
            if not article.text.strip():
                raise ReadError("no article text found (only markup, scripts or clutter)")
            minhash = encode_signature(signature(article.text))
            fresh = encode_cached(article, minhash)
        document = to_document(
            article,
            size=len(data),
            mtime_ns=job.mtime_ns,
            sha256=job.sha256,
            extractor=extractor_fingerprint(),
            sidecar=job.sidecar.signature,
            minhash=minhash,
        )
        return Extracted(document, prepare(_schema(), document), None, fresh)
    except ReadError as exc:
        return Extracted(None, None, str(exc), None)
    except Exception as exc:  # an extractor bug on odd input must not stop the run
        return Extracted(None, None, _failed(exc), None)


def _failed(exc: Exception, limit: int = 200) -> str:
    """Why a file failed, in one short line (an exception's repr can hold a whole article)."""
    return "indexing failed: " + short(f"{type(exc).__name__}: {exc}", limit)


def _write(writer, job: Job, result: Extracted, from_scratch: bool, report) -> None:
    relpath = job.source.relpath
    if result.document is None:
        report.failed.append(Failure(relpath, result.error))
        _keep(writer, job.old, from_scratch)
        return
    if job.sidecar.problem:
        folder = relpath.rsplit("/", 1)[0] + "/" if "/" in relpath else ""
        report.failed.append(Failure(folder + job.sidecar.name, f"ignored: {job.sidecar.problem}"))
    # nothing to replace for a path the index does not hold, nor in a rebuild (its
    # commit drops the old segments; looking them up would read a damaged index)
    add_prepared(
        writer, result.document, result.prepared, update=not (job.old is None or from_scratch)
    )
    if job.old and not from_scratch:
        report.updated += 1
    else:
        report.added += 1
