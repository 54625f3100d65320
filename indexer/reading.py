"""From files on disk to decoded text, or a clear reason why not.

Press pages come from everywhere: UTF-8, Windows-1252 from older CMSs,
GBK/GB2312 from Chinese sites, sometimes with a charset declaration that
lies. We trust, in order, a byte-order mark, a charset the page declares (if
the bytes really decode with it), strict UTF-8, and finally statistical
detection. Anything that is not text at all is refused with a reason rather
than indexed as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG maps these labels to supersets; browsers decode them that way too.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}


class ReadError(Exception):
    """A file that cannot be read as an article; str() is the reason."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relpath: str  # POSIX path relative to the corpus folder: the article's identity

    @property
    def is_html(self) -> bool:
        return self.path.suffix.lower() in HTML_SUFFIXES


def discover(corpus: Path) -> list[SourceFile]:
    """Every article file below `corpus`, at any depth, in a stable order.

    Hidden files and folders (editor backups, .git) are skipped.
    """
    found = []
    for path in corpus.rglob("*"):
        rel = path.relative_to(corpus)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append(SourceFile(path, rel.as_posix()))
    return sorted(found, key=lambda f: f.relpath)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"file too large ({size // (1024 * 1024)} MB; limit "
                f"{MAX_BYTES // (1024 * 1024)} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("file disappeared while reading") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a directory") from exc
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReadError("empty file")
    return data


def decode(data: bytes, is_html: bool) -> str:
    """Decode bytes to text, refusing binary data."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_binary(data):
        raise ReadError("binary file, not text")
    candidates = []
    if is_html and (declared := _declared_charset(data)):
        candidates.append(declared)
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReadError("unknown text encoding")
    return data.decode(best.encoding, errors="replace")


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    return _SUPERSETS.get(label, label)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05
