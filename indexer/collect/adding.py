"""Adding articles: fetch or take the bytes, check them, store, index, report.

Each item (a URL, an uploaded file, pasted text) is first extracted in
memory: what is not an article (no text, unreadable, not HTML/PDF) is
refused before anything is written. The good ones are stored (store.py),
then indexed in one run; an item the indexer refuses (an exact copy of an
indexed file, say) is taken out of the corpus again, so every failure leaves
the corpus as it was. The outcome of each item says what happened, and for
an added article carries the Article as indexed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from tqdm import tqdm

from .. import extract  # the pipeline loads on first use (see extract's docstring)
from ..article import Article
from ..extract.overrides import NO_SIDECAR, clean_text
from ..extract.reading import ReadError, SourceFile
from ..index import sync
from .fetch import MAX_BYTES, Fetched, FetchError, fetch
from .store import (
    PASTED,
    UPLOADED,
    Stored,
    known_urls,
    normalise_url,
    remember_links,
    remembered_links,
    site_folder,
    slug_for,
    store,
    valid_address,
)

ADDED, KNOWN, FAILED = "added", "known", "failed"
UPLOAD_SUFFIXES = {".html": ".html", ".htm": ".html", ".txt": ".txt", ".text": ".txt"}
UPLOAD_SUFFIXES |= {".md": ".md", ".markdown": ".md", ".pdf": ".pdf"}
LOCK_WAIT = 30.0
ACCEPTED = ".html .htm .txt .md .markdown .pdf"
# One add at a time per process: two requests adding the same URL at once
# would both find it new.
_ADDING = threading.Lock()


@dataclass
class Outcome:
    given: str  # the URL, file name or "pasted text" as the operator gave it
    status: str  # ADDED, KNOWN or FAILED
    message: str
    relpath: str | None = None  # the article's place in the corpus
    article: Article | None = None

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass
class _Pending:
    outcome: Outcome
    data: bytes
    folder: str
    slug: str
    suffix: str
    sidecar: dict = field(default_factory=dict)
    url_key: str | None = None
    stored: Stored | None = None


def add_urls(
    corpus: Path,
    index_dir: Path,
    urls: Iterable[str],
    *,
    source: str | None = None,
    feed: str | None = None,
    progress: bool = False,
    fetcher: Callable[[str], Fetched] = fetch,
) -> list[Outcome]:
    """Fetch, store and index each URL; one Outcome per URL, in order."""
    urls = [u.strip() for u in urls if u.strip()]
    with _ADDING:
        known: dict = collected_addresses(corpus, index_dir)
        known_before = set(known)
        pending, outcomes = [], []
        for url in tqdm(urls, desc="fetching", unit="page", disable=not progress, leave=False):
            item = _prepare_url(url, known, fetcher, source, feed)
            outcomes.append(item.outcome if isinstance(item, _Pending) else item)
            if isinstance(item, _Pending):
                pending.append(item)
                known[item.url_key] = known[normalise_url(url)] = item
        _store_and_index(corpus, index_dir, pending)
        for outcome in outcomes:  # a URL given twice: the first one's place
            if isinstance(outcome.relpath, _Pending):
                first = outcome.relpath.outcome
                outcome.relpath = first.relpath
                outcome.message = f"given twice: {first.message}"
        remember_links(index_dir, corpus, _links_to_remember(urls, outcomes, pending, known_before))
        return outcomes


def collected_addresses(corpus: Path, index_dir: Path) -> dict[str, str]:
    """Normalised address -> corpus path: the sidecars' urls, and the addresses
    remembered to lead to an article (store.remembered_links)."""
    return remembered_links(index_dir, corpus) | known_urls(corpus)


def _links_to_remember(urls, outcomes, pending, known_before) -> dict[str, str]:
    """The addresses given that no sidecar names but that led to an article: by a
    redirect, by the page's canonical address, or as an exact copy of one."""
    fetched_as = {id(item.outcome): item.url_key for item in pending}
    links = {}
    for url, outcome in zip(urls, outcomes, strict=True):
        key = normalise_url(url)
        if outcome.status == FAILED or not outcome.relpath or key in known_before:
            continue
        if outcome.status == ADDED and fetched_as.get(id(outcome)) == key:
            continue  # its sidecar names it
        links[key] = outcome.relpath
    return links


def add_uploads(
    corpus: Path, index_dir: Path, files: Iterable[tuple[str, bytes]], url: str | None = None
) -> list[Outcome]:
    """Uploaded files (HTML, text, Markdown or PDF), all indexed in one run; one
    Outcome per file, in order. An address (optional) goes with a single file."""
    given = []
    for filename, data in files:
        name = PurePath(filename.replace("\\", "/")).name or "upload"
        suffix = UPLOAD_SUFFIXES.get(PurePath(name).suffix.lower())
        if suffix is None:
            reason = f"{name}: not HTML, text, Markdown or PDF ({ACCEPTED})"
            given.append(Outcome(name, FAILED, reason))
        elif len(data) > MAX_BYTES:
            reason = f"{name}: too big (limit {MAX_BYTES // (1024 * 1024)} MB)"
            given.append(Outcome(name, FAILED, reason))
        else:
            given.append(_Given(name, data, suffix, url, UPLOADED, PurePath(name).stem))
    return _add_given(corpus, index_dir, given)


def add_upload(
    corpus: Path, index_dir: Path, filename: str, data: bytes, url: str | None = None
) -> Outcome:
    """One uploaded file (see add_uploads)."""
    return add_uploads(corpus, index_dir, [(filename, data)], url)[0]


def add_paste(
    corpus: Path, index_dir: Path, text: str, url: str | None = None, title: str | None = None
) -> Outcome:
    """Pasted text, stored as a .txt file (with a sidecar holding url and title)."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return Outcome("pasted text", FAILED, "nothing was pasted")
    first = next(line for line in text.splitlines() if line.strip())
    title = clean_text(title or "") or None
    data = text.encode("utf-8") + b"\n"
    pasted = _Given("pasted text", data, ".txt", url, PASTED, title or first, title)
    return _add_given(corpus, index_dir, [pasted])[0]


@dataclass
class _Given:
    """Bytes the operator gave (an upload, pasted text), before they are checked."""

    name: str
    data: bytes
    suffix: str
    url: str | None
    folder: str  # where it goes without an address
    name_hint: str
    title: str | None = None


def _add_given(corpus: Path, index_dir: Path, given: list[_Given | Outcome]) -> list[Outcome]:
    """Check each item, store the good ones and index them in one run."""
    with _ADDING:
        known = known_urls(corpus) if any(isinstance(g, _Given) and g.url for g in given) else {}
        outcomes, pending = [], []
        for item in given:
            if isinstance(item, _Given):
                item = _prepare_given(item, known)
            if isinstance(item, _Pending):
                pending.append(item)
                item = item.outcome
            outcomes.append(item)
        _store_and_index(corpus, index_dir, pending)
        return outcomes


def _prepare_given(given: _Given, known: dict) -> _Pending | Outcome:
    name, url = given.name, (given.url or "").strip() or None
    if url and not valid_address(url):
        return Outcome(name, FAILED, f"{name}: the address must be an http:// or https:// one")
    if url and (where := known.get(normalise_url(url))):
        return Outcome(name, KNOWN, f"{url} is already collected: {where}", where)
    item = _prepared(name, given.data, given.suffix, url)
    if isinstance(item, Outcome):
        return item
    item.folder = site_folder(url) if url else given.folder
    item.slug = slug_for(given.title or item.slug or given.name_hint, None, fallback="article")
    if given.title:
        item.sidecar["title"] = given.title
    return item


def _prepare_url(url, known, fetcher, source, feed) -> _Pending | Outcome:
    if not valid_address(url):
        return Outcome(
            url, FAILED, f"{url}: not a valid address; only http and https addresses can be added"
        )
    if where := known.get(normalise_url(url)):
        return Outcome(url, KNOWN, f"already collected: {where}", where)
    try:
        page = fetcher(url)
    except FetchError as exc:
        return Outcome(url, FAILED, str(exc))
    final = normalise_url(page.url)
    if where := known.get(final):
        return Outcome(url, KNOWN, f"already collected (as {page.url}): {where}", where)
    item = _prepared(url, page.body, ".pdf" if page.kind == "pdf" else ".html", page.url)
    if isinstance(item, Outcome):
        return item
    declared = item.outcome.article.url  # the page's own canonical address
    if declared and (where := known.get(normalise_url(declared))):
        return Outcome(url, KNOWN, f"already collected (as {declared}): {where}", where)
    item.sidecar.update(fetched=page.fetched_at, source=source, feed=feed)
    item.folder = site_folder(page.url)
    item.slug = slug_for(item.outcome.article.title, page.url)
    return item


def _prepared(given: str, data: bytes, suffix: str, url: str | None) -> _Pending | Outcome:
    """The item extracted in memory, or why it is not an article."""
    relpath = "collecting" + suffix
    try:
        article = extract.extract_bytes(data, SourceFile(relpath, relpath), NO_SIDECAR)
    except ReadError as exc:
        return Outcome(given, FAILED, f"{given}: not an article: {exc}")
    except Exception as exc:  # an extractor bug on odd input: a message, not a crash
        return Outcome(given, FAILED, f"{given}: extraction failed: {type(exc).__name__}: {exc}")
    if not article.text.strip():
        return Outcome(given, FAILED, f"{given}: not an article: no article text found")
    has_title = article.title != relpath
    pending = _Pending(
        Outcome(given, ADDED, "", article=article),
        data,
        folder="",
        slug=article.title if has_title else "",
        suffix=suffix,
        # the address without tracking parameters and fragment
        sidecar={"url": normalise_url(url)} if url else {},
        url_key=normalise_url(url) if url else None,
    )
    return pending


def _store_and_index(corpus: Path, index_dir: Path, items: list[_Pending]) -> None:
    for item in items:
        try:
            item.stored = store(
                corpus, item.folder, item.slug, item.suffix, item.data, item.sidecar
            )
        except (OSError, ValueError) as exc:
            _fail(item, f"could not be stored: {exc}")
    stored = [item for item in items if item.stored]
    if not stored:
        return
    try:
        report = _index(corpus, index_dir, [item.stored for item in stored])
    except Exception as exc:  # index busy, disk full: nothing of this add stays
        for item in stored:
            item.stored.remove()
            _fail(item, f"could not be indexed: {exc}")
        return
    failures = {f.path: f for f in report.failed}
    for item in stored:
        relpath = item.stored.relpath
        if failure := failures.get(relpath):
            item.stored.remove()
            _fail(item, f"not added: {failure.reason}")
            if failure.duplicate_of:  # an exact copy of an article in the corpus
                outcome = item.outcome
                outcome.status, outcome.relpath = KNOWN, failure.duplicate_of
                outcome.message = (
                    f"{outcome.given}: already collected: {failure.duplicate_of} (the same content)"
                )
            continue
        try:
            _, article = extract.extract_file(SourceFile(item.stored.path, relpath))
        except ReadError as exc:  # removed meanwhile
            _fail(item, f"not added: {exc}")
            continue
        item.outcome.article = article
        item.outcome.relpath = relpath
        item.outcome.message = f"added as {relpath}"


def _index(corpus: Path, index_dir: Path, stored: list[Stored]) -> sync.SyncReport:
    """Index just the stored files, all in one run and one commit (sync.index_paths,
    the folder watcher's fast path: once the index has a first commit, the rest of
    the corpus is not scanned)."""
    paths = [p for s in stored for p in (s.path, s.sidecar) if p is not None]
    return sync.index_paths(corpus, index_dir, paths, lock_timeout=LOCK_WAIT)


def _fail(item: _Pending, reason: str) -> None:
    item.outcome.status = FAILED
    item.outcome.message = f"{item.outcome.given}: {reason}"
    item.outcome.article = None
    item.outcome.relpath = None
    item.stored = None
