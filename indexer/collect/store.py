"""Storing collected articles in the corpus: names, sidecars, de-duplication.

A page from https://www.example.org/news/x?utm_source=y is kept as
`corpus/example.org/<slug>.html`, the slug made from its title (else the
last part of its path), with `<slug>.meta.json` beside it holding its url
and fetch time (and its feed, for feed items). A name already taken gets a
number (`<slug>-2.html`); nothing is ever overwritten. Uploads without an
address go to `corpus/uploaded/`, pasted text to `corpus/pasted/`.

Every name is made here from letters, digits and dashes, so nothing a page
or an upload says (a title of "../../etc", a file name with slashes) can
write outside the corpus. Files are written under a hidden temporary name
(the indexer skips hidden files) and linked into place only when complete,
so a failure leaves the corpus as it was (leftovers of a killed process are
removed an hour later, by the next store into that folder).

A URL is recognised as already collected after normalising it (scheme and
host in lower case, default port, fragment and tracking parameters such as
utm_*, fbclid, gclid and mc_* dropped) and comparing it with the urls of the
sidecars in the corpus. A sidecar keeps the address the page was fetched
from, after redirects; the address asked for (a feed's tracking link, an
address that redirects to a page already collected, a mirror of one) is
remembered in the index folder (`collected-links.json`: normalised address
-> corpus path), so that it is recognised without being fetched again. That
file is only a shortcut: without it (a new index folder) such an address is
fetched once more and then recognised by the sidecars.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..extract.overrides import SIDECAR_SUFFIX

UPLOADED = "uploaded"
PASTED = "pasted"
MAX_SLUG = 80
TEMPORARY_PREFIX = ".collecting-"
STALE_SECONDS = 3600
LINKS_FILE = "collected-links.json"  # in the index folder
_SAFE_FOLDER = re.compile(r"[a-z0-9][a-z0-9.-]{0,252}")
_TRACKING = re.compile(
    r"^(utm_\w*|mc_\w*|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|twclid|ttclid|"
    r"_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wickedid|__s|ref_src|"
    r"s_cid|cmpid|spm)$",
    re.I,
)


def valid_address(url: str) -> bool:
    """An http(s) address that can be parsed (`http://[::1` cannot)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def normalise_url(url: str) -> str:
    """The form two addresses of the same page share (see the module docstring);
    an address that cannot be parsed is its own form."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" + netloc[len(host) :]
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def site_folder(url: str) -> str:
    """`example.org` for https://www.example.org/...: a safe folder name."""
    try:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        host = ""
    host = re.sub(r"[^a-z0-9.-]+", "-", host).strip(".-")
    host = re.sub(r"\.{2,}", ".", host)
    return host or "unknown-site"


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """Letters and digits of `text` joined by dashes (accents folded): never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def slug_for(title: str | None, url: str | None, fallback: str = "article") -> str:
    if title and (slug := slugify(title)):
        return slug
    if url:
        path = urlsplit(url).path.rstrip("/")
        last = path.rsplit("/", 1)[-1]
        last = re.sub(r"\.(html?|php|aspx?|jsp|pdf)$", "", last, flags=re.I)
        if slug := slugify(last):
            return slug
    return fallback


def known_urls(corpus: Path) -> dict[str, str]:
    """Normalised url -> corpus path of the article, from every sidecar in the corpus."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(SIDECAR_SUFFIX) or name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                if path.is_symlink() or path.stat().st_size > 256 * 1024:
                    continue
                data = json.loads(path.read_text("utf-8-sig"))
            except (OSError, ValueError):
                continue
            url = data.get("url") if isinstance(data, dict) else None
            if isinstance(url, str) and url.strip():
                stem = name[: -len(SIDECAR_SUFFIX)]
                article = _article_beside(Path(folder), stem)
                if article is not None:
                    found.setdefault(normalise_url(url), article.relative_to(corpus).as_posix())
    return found


def remembered_links(index_dir: Path, corpus: Path) -> dict[str, str]:
    """Addresses that led to an article still in the corpus (see the module docstring)."""
    try:
        data = json.loads((index_dir / LINKS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        url: relpath
        for url, relpath in data.items()
        if isinstance(url, str) and isinstance(relpath, str) and _in_corpus(corpus, relpath)
    }


def remember_links(index_dir: Path, corpus: Path, links: dict[str, str]) -> None:
    """Add `links` (normalised address -> corpus path) to the remembered ones. A shortcut
    only: when it cannot be written, or two processes write it at once and one
    update is lost, an address is fetched once more and recognised then."""
    if not links:
        return
    merged = remembered_links(index_dir, corpus) | links
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(prefix=".collected-links-", dir=index_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(merged, fh, ensure_ascii=False, indent=0, sort_keys=True)
            os.replace(tmp, index_dir / LINKS_FILE)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _in_corpus(corpus: Path, relpath: str) -> bool:
    parts = PurePosixPath(relpath).parts
    if not parts or relpath.startswith("/") or ".." in parts:
        return False
    return (corpus / relpath).is_file()


def _article_beside(folder: Path, stem: str) -> Path | None:
    from ..extract.reading import ARTICLE_SUFFIXES

    for suffix in ARTICLE_SUFFIXES:
        candidate = folder / (stem + suffix)
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Stored:
    path: Path  # the article file
    relpath: str  # its place in the corpus
    sidecar: Path | None

    def remove(self) -> None:
        """Take the article out of the corpus again (it failed to index)."""
        for path in (self.path, self.sidecar):
            if path is not None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()


def store(
    corpus: Path,
    folder: str,
    slug: str,
    suffix: str,
    data: bytes,
    sidecar: dict | None = None,
) -> Stored:
    """Write `data` as corpus/<folder>/<slug><suffix> (numbered if taken), with its
    sidecar; never overwrites, never writes outside the corpus."""
    corpus = corpus.resolve()
    slug = slugify(slug) or "article"
    if not _SAFE_FOLDER.fullmatch(folder) or ".." in folder:
        raise ValueError(f"{folder!r} is not a safe folder name")
    if not re.fullmatch(r"\.[a-z]{2,8}", suffix):
        raise ValueError(f"bad suffix {suffix!r}")
    target = corpus / folder
    if target.is_symlink() or not target.resolve().is_relative_to(corpus):
        raise ValueError(f"{folder!r} is not a folder inside the corpus")
    target.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    article_tmp = _temporary(target, data)
    sidecar_tmp = None
    try:
        if sidecar:
            text = json.dumps(_jsonable(sidecar), ensure_ascii=False, indent=2) + "\n"
            sidecar_tmp = _temporary(target, text.encode("utf-8"))
        for number in range(1, 10_000):
            name = slug if number == 1 else f"{slug}-{number}"
            article = target / (name + suffix)
            meta = target / (name + SIDECAR_SUFFIX)
            if _taken(target, name) or meta.exists() or meta.is_symlink():
                continue
            if sidecar_tmp is not None:
                try:
                    os.link(sidecar_tmp, meta)  # fails if the name was taken meanwhile
                except FileExistsError:
                    continue
            try:
                os.link(article_tmp, article)
            except FileExistsError:
                if sidecar_tmp is not None:
                    meta.unlink()
                continue
            relpath = article.relative_to(corpus).as_posix()
            return Stored(article, relpath, meta if sidecar else None)
        raise OSError(f"no free name for {slug} in {target}")
    finally:
        for tmp in (article_tmp, sidecar_tmp):
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def _taken(folder: Path, name: str) -> bool:
    """Is an article (of any format) or anything else already called `name`.*?"""
    from ..extract.reading import ARTICLE_SUFFIXES

    return any(
        (folder / (name + s)).exists() or (folder / (name + s)).is_symlink()
        for s in ARTICLE_SUFFIXES
    )


def _remove_stale_temporaries(folder: Path) -> None:
    """What a process killed while writing left behind (hidden: never indexed)."""
    old = time.time() - STALE_SECONDS
    for leftover in folder.glob(TEMPORARY_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < old:
                leftover.unlink()


def _temporary(folder: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _jsonable(sidecar: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in sidecar.items()
        if value is not None
    }
