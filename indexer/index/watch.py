"""Watching the corpus folder: what is saved, changed or removed there gets indexed.

`sixg-search serve` starts a `Watcher` (unless `--watch off`). File-system
events come from the `watchdog` package: inotify on Linux (the native
notification elsewhere), or a poll of the folder every few seconds, which
is what works on network shares (NFS, SMB, sshfs: a change made on another
machine raises no local event). `--watch auto` polls when the corpus is on
a network file system or notifications cannot be had (no inotify, no
watches left), and uses notifications otherwise.

Events are not indexed one by one. The watcher collects paths until the
folder has been quiet for a moment (`quiet`: a burst of 50 saves is one
commit), leaves out what is not an article or a sidecar (editor swap and
backup files, hidden files, downloads in progress under another suffix),
and waits for files still being written: a file is ready once the writer
closed it (inotify tells), or when its size and time have not moved for
`settle` seconds (polling, or a writer that keeps it open). The ready paths
go to `sync.index_paths` (to a full run, `sync.sync_index`, when the
kernel's event queue overflowed and events were lost), which indexes just
them in one commit, taking the index's write lock: while a full
`sixg-search index` run holds it, the watcher waits and tries again. An
error never stops the watcher or the site: it is logged and the paths are
tried again later (a path that keeps failing alone is given up after a few
tries; unreadable files are not errors, they are reported like a full run
reports them).

Commits do not merge segments (merging re-writes the articles of earlier
small commits, in the way of the file just saved); once no commit came for
IDLE_MERGE seconds the watcher merges the small segments in a commit of its
own. After each commit `after_commit` runs (serve uses it to build the new
generation's search state at once, so the first search after a drop does
not pay for it).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import DataFileError
from ..extract.overrides import SIDECAR_SUFFIX
from ..extract.reading import ARTICLE_SUFFIXES
from .health import IndexDamaged
from .sync import (
    CorpusMissing,
    IndexBusy,
    SyncReport,
    index_paths,
    merge_small_segments,
    sync_index,
)

MODES = ("auto", "events", "poll", "off")
POLL_INTERVAL = 5.0  # seconds between two looks at the folder when polling
QUIET = 0.1  # index once no event came for this long...
MAX_DELAY = 2.0  # ...or once the first waiting event is this old (a folder that never rests)
SETTLE = 2.0  # a file written without a close event is ready when unchanged this long
LOCK_WAIT = 1.0  # how long one attempt waits for the write lock
IDLE_MERGE = 5.0  # quiet seconds after a commit before small segments are merged
RETRY_UP_TO = 30.0  # longest pause between attempts after an error
GIVE_UP_AFTER = 3  # attempts of a path that fails alone with an unexpected error
KEPT_REPORTS = 50
# file systems where a change made on another machine raises no local event
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "virtiofs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.glusterfs",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.davfs2",
        "fuse.grpcfuse",
        "fakeowner",
    }
)

log = logging.getLogger("sixg_search.watch")


def watch_mode(corpus: Path, wanted: str = "auto", mounts: str = "/proc/mounts") -> str:
    """The mode to watch `corpus` in: "events", "poll" or "off" (`wanted`, with "auto"
    settled by where the corpus is)."""
    if wanted not in MODES:
        raise ValueError(f"watch mode {wanted!r} is not one of {', '.join(MODES)}")
    if wanted != "auto":
        return wanted
    if network_filesystem(corpus, mounts):
        return "poll"
    return "events"


def network_filesystem(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """The type of the network file system `path` is on (None: a local one, or unknown)."""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as table:
            lines = table.read().splitlines()
    except OSError:
        return None
    where = os.path.realpath(path)
    best, kind = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None


def _unescape(field: str) -> str:
    """A mount point as /proc/mounts writes it (a space is \\040)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def relevant(path: str) -> bool:
    """Could this path be an article or a sidecar? (Folders are judged by their event.)"""
    name = os.path.basename(path)
    if name.startswith("."):
        return False
    lower = name.lower()
    return lower.endswith(SIDECAR_SUFFIX) or lower.endswith(ARTICLE_SUFFIXES)


@dataclass
class _Waiting:
    """A path seen in events and not indexed yet."""

    first: float  # time of its first event since it was last indexed
    writing: bool  # written to since the writer last closed it (or polling: unknown)
    look: tuple | None = None  # (size, mtime, inode) at the last look
    steady_since: float = 0.0  # time since which `look` has not changed
    attempts: int = 0  # failed attempts with an unexpected error


class Watcher:
    """Indexes what changes in `corpus`, in a thread of its own, until stop()."""

    def __init__(
        self,
        corpus: Path,
        index_dir: Path,
        *,
        mode: str = "auto",
        poll_interval: float = POLL_INTERVAL,
        quiet: float = QUIET,
        settle: float = SETTLE,
        after_commit=None,
        mounts: str = "/proc/mounts",
    ):
        self.corpus, self.index_dir = Path(corpus), Path(index_dir)
        self.mode = watch_mode(self.corpus, mode, mounts)
        self.poll_interval, self.quiet, self.settle = poll_interval, quiet, settle
        self.after_commit = after_commit
        self.reports: deque[SyncReport] = deque(maxlen=KEPT_REPORTS)  # of commits made
        self.commits = 0
        self.errors = 0
        self._waiting: dict[str, _Waiting] = {}
        self._last_event = 0.0
        self._cond = threading.Condition()
        self._stopping = False
        self._observer = None
        self._thread: threading.Thread | None = None
        self._said: str | None = None  # the last error logged (not repeated while it lasts)
        self._busy = False  # indexing a batch
        self._root = os.path.abspath(self.corpus)  # waiting: a full run is due
        self._overflow = _OverflowSeen(self)
        self._merge_due, self._last_commit = False, 0.0  # small segments left to merge

    # -- starting and stopping ------------------------------------------------

    def start(self) -> Watcher:
        if self.mode == "off":
            return self
        if not self.corpus.is_dir():
            raise CorpusMissing(f"corpus folder {self.corpus} does not exist")
        self._observer = self._observe()
        self._thread = threading.Thread(target=self._run, name="sixg-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        logging.getLogger(_WATCHDOG_INOTIFY).removeHandler(self._overflow)
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> Watcher:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _observe(self):
        """A started watchdog observer of the corpus: notifications when they can be
        had (else polling, said in the log), or polling."""
        if self.mode == "events":
            try:
                return self._started(_native_observer())
            except Exception as exc:  # no inotify, no watches left (ENOSPC), ...
                log.warning("watch: no file-system notifications (%s); polling instead", exc)
                self.mode = "poll"
        from watchdog.observers.polling import PollingObserver

        return self._started(PollingObserver(timeout=self.poll_interval))

    def _started(self, observer):
        from watchdog import events

        wanted = [  # not opened/closed-unchanged: reading the corpus would raise those
            events.FileCreatedEvent,
            events.FileModifiedEvent,
            events.FileClosedEvent,
            events.FileDeletedEvent,
            events.FileMovedEvent,
            events.DirCreatedEvent,
            events.DirDeletedEvent,
            events.DirMovedEvent,
        ]
        observer.schedule(_Handler(self), self._root, recursive=True, event_filter=wanted)
        logging.getLogger(_WATCHDOG_INOTIFY).addHandler(self._overflow)
        try:
            observer.start()
        except BaseException:
            observer.stop()
            raise
        return observer

    # -- events -----------------------------------------------------------------

    def note(self, path: str, *, writing: bool, folder: bool = False) -> None:
        """An event about `path` (from the observer; callable by hand too)."""
        if not folder and not relevant(path):
            return
        if self.mode == "poll":
            writing = True  # a poll cannot tell a finished file from one being written
        now = time.monotonic()
        with self._cond:
            waiting = self._waiting.get(path)
            if waiting is None:
                self._waiting[path] = _Waiting(now, writing)
            else:
                waiting.writing = writing
            self._last_event = now
            self._cond.notify_all()

    # -- the indexing thread -------------------------------------------------------

    def _run(self) -> None:
        pause = 0.0
        while True:
            with self._cond:
                task = self._wait_for_quiet(pause)
            if task is None:
                return
            if task == "merge":
                self._merge()
                continue
            batch = self._ready()
            if not batch:
                pause = min(self.settle, self.quiet * 5)  # look again at files being written
                continue
            try:
                # paths an unexpected error came with go alone, so one cannot hold up the rest
                alone = [{p: w} for p, w in batch.items() if w.attempts]
                together = {p: w for p, w in batch.items() if not w.attempts}
                pauses = [self._index(part) for part in ([together] if together else []) + alone]
                pause = max(pauses)
            finally:
                with self._cond:
                    self._busy = False

    def _wait_for_quiet(self, pause: float) -> str | None:
        """Wait (holding the condition) until something waits and the folder has been
        quiet for `quiet` seconds, or the oldest wait is MAX_DELAY old ("index"), or
        the small segments of earlier commits can be merged ("merge"); None: stop."""
        if pause:
            self._cond.wait(pause)
        while not self._stopping:
            now = time.monotonic()
            if self._waiting:
                oldest = min(w.first for w in self._waiting.values())
                left = min(self._last_event + self.quiet, oldest + MAX_DELAY) - now
                if left <= 0:
                    return "index"
                self._cond.wait(left)
            elif self._merge_due:
                left = self._last_commit + IDLE_MERGE - now
                if left <= 0:
                    return "merge"
                self._cond.wait(left)
            else:
                self._cond.wait()
        return None

    def _merge(self) -> None:
        """Merge the small segments the commits left, while nobody waits for a file
        (a commit that merges would re-write the earlier small commits' articles)."""
        self._merge_due = False
        try:
            merged = merge_small_segments(self.index_dir, lock_timeout=LOCK_WAIT)
        except IndexBusy:  # a full run merges too
            return
        except Exception as exc:
            self._say(f"watch: merging small segments failed: {exc}", logging.ERROR)
            return
        if merged:
            log.info("watch: merged the small segments of earlier commits")
            self._after(SyncReport())

    def _ready(self) -> dict[str, _Waiting]:
        """Take the waiting paths that are ready to index: gone, a folder, closed by
        their writer, or unchanged for `settle` seconds."""
        with self._cond:
            candidates = list(self._waiting.items())
        now, ready = time.monotonic(), {}
        for path, waiting in candidates:
            look = _look(path)
            if look != waiting.look:
                waiting.look, waiting.steady_since = look, now
            finished = not waiting.writing or now - waiting.steady_since >= self.settle
            if look is None or look == "folder" or finished:
                ready[path] = waiting
        with self._cond:
            for path, waiting in ready.items():
                if self._waiting.get(path) is waiting:
                    del self._waiting[path]
            self._busy = bool(ready)
        return ready

    def _index(self, batch: dict[str, _Waiting]) -> float:
        """Index the batch; on an error put it back. The pause before the next attempt."""
        try:
            if self._root in batch:  # events were lost: only a full run finds what changed
                report = sync_index(self.corpus, self.index_dir, lock_timeout=LOCK_WAIT)
            else:
                report = index_paths(
                    self.corpus, self.index_dir, sorted(batch), lock_timeout=LOCK_WAIT, merge=False
                )
        except IndexBusy:
            self._say("watch: a `sixg-search index` run holds the index; waiting for it")
            self._put_back(batch, counts=False)
            return LOCK_WAIT
        except (IndexDamaged, CorpusMissing, DataFileError, OSError) as exc:  # until repaired
            self.errors += 1
            self._say(f"watch: cannot index now, trying again: {exc}", logging.ERROR)
            self._put_back(batch, counts=False)
            return min(RETRY_UP_TO, 2.0 * max(1, self.errors))
        except Exception:
            self.errors += 1
            log.exception("watch: indexing %d paths failed; trying again", len(batch))
            self._put_back(batch, counts=True)
            return min(RETRY_UP_TO, 1.0 * self.errors)
        self.errors = 0
        self._said = None
        for failure in report.failed:
            log.warning("watch: failed: %s: %s", failure.path, failure.reason)
        if report.changed:
            self.commits += 1
            self.reports.append(report)
            self._merge_due, self._last_commit = True, time.monotonic()
            log.info("watch: %s", report.summary())
            self._after(report)
        return 0.0

    def _after(self, report: SyncReport) -> None:
        if self.after_commit is not None:
            try:
                self.after_commit(report)
            except Exception:
                log.exception("watch: after the commit")

    def _put_back(self, batch: dict[str, _Waiting], *, counts: bool) -> None:
        """Paths to try again. An unexpected error: each path counts an attempt; a path
        that failed GIVE_UP_AFTER times on its own is given up (the others of its
        batch may have caused it, so they are tried again)."""
        with self._cond:
            for path, waiting in batch.items():
                if counts:
                    waiting.attempts += 1
                    if len(batch) == 1 and waiting.attempts >= GIVE_UP_AFTER:
                        log.error("watch: giving up on %s after %d attempts", path, GIVE_UP_AFTER)
                        continue
                newer = self._waiting.get(path)
                if newer is None:
                    self._waiting[path] = waiting
                else:  # events came meanwhile: keep them, and the count
                    newer.attempts = max(newer.attempts, waiting.attempts)

    def _say(self, message: str, level: int = logging.WARNING) -> None:
        if message != self._said:
            log.log(level, "%s", message)
            self._said = message

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until nothing is waiting to be indexed (for tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._cond:
                if not self._waiting and not self._busy:
                    return True
            time.sleep(0.02)
        return False


def _look(path: str):
    """What a file looks like now: (size, mtime, inode), "folder", or None when gone."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if os.path.isdir(path) and not os.path.islink(path):
        return "folder"
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _native_observer():
    """The platform's notification observer (inotify on Linux); kqueue (BSD) would
    hold a file open per article, so there it is polling."""
    if sys.platform.startswith("linux"):
        from watchdog.observers.inotify import InotifyObserver

        return InotifyObserver()
    from watchdog.observers import Observer

    if type(Observer).__name__.startswith("Kqueue") or Observer.__name__.startswith("Kqueue"):
        raise OSError("kqueue would hold a file open per article")
    return Observer()


_WATCHDOG_INOTIFY = "watchdog.observers.inotify_c"


class _OverflowSeen(logging.Handler):
    """watchdog only logs it when the kernel's inotify queue overflowed (a copy of
    thousands of files at once): events were lost, so the watcher runs a full pass,
    as `sixg-search index` does."""

    def __init__(self, watcher: Watcher):
        super().__init__(logging.WARNING)
        self.watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.watcher.note(self.watcher._root, writing=False, folder=True)


class _Handler:
    """watchdog's events, as paths waiting to be indexed."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def dispatch(self, event) -> None:
        kind, folder = event.event_type, event.is_directory
        note = self.watcher.note
        if kind in ("opened", "closed_no_write") or (folder and kind == "modified"):
            return
        if kind == "moved":
            note(os.fsdecode(event.src_path), writing=False, folder=folder)
            note(os.fsdecode(event.dest_path), writing=False, folder=folder)
        elif kind == "closed" or kind == "deleted":
            note(os.fsdecode(event.src_path), writing=False, folder=folder)
        elif kind == "created":
            # a created file is written next (its close says when it is done); a
            # file moved in from outside the corpus also comes as "created", whole
            note(os.fsdecode(event.src_path), writing=not folder and _empty(event), folder=folder)
        else:  # modified, attribute changes
            note(os.fsdecode(event.src_path), writing=not folder, folder=folder)


def _empty(event) -> bool:
    """A just-created file with nothing in it yet is being written; one moved in
    whole already has its content."""
    try:
        return os.lstat(event.src_path).st_size == 0
    except OSError:
        return False
