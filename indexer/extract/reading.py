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
import errno
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import from_bytes

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
PDF_SUFFIXES = (".pdf",)
ARTICLE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + MARKDOWN_SUFFIXES + PDF_SUFFIXES
FORMATS = {  # suffix -> the Article's format
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(MARKDOWN_SUFFIXES, "markdown"),
    **dict.fromkeys(PDF_SUFFIXES, "pdf"),
}
MAX_BYTES = 50 * 1024 * 1024
NOT_FOLLOWED = "symbolic link; not followed (only files inside the corpus are read)"

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Codecs a web page may really be in; a declared UTF-16/32/7 or "punycode" is ignored.
_WEB_ENCODINGS = (
    "cp",
    "iso8859",
    "gb",
    "big5",
    "shift_jis",
    "euc_",
    "koi8",
    "mac-",
    "mac_",
    "latin",
    "tis",
    "hz",
    "johab",
    "iso2022",
    "utf-8",
    "windows",
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
    rb"[\xf0-\xf4][\x80-\xbf]{3}"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_CJK_INSIDE_WORD = re.compile(r"[A-Za-z][\u3400-\u9fff]+[A-Za-z]")
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


class SourceFile(NamedTuple):
    """An article file. (A NamedTuple: a folder scan makes 100,000 of them.)"""

    location: Path | str  # where the file is (a plain string from the folder scan)
    relpath: str  # POSIX path relative to the corpus folder: the article's identity
    size: int = -1  # as the folder scan saw it (-1: not scanned)
    mtime_ns: int = -1
    companions: frozenset[str] = frozenset()  # suffixes of same-named files beside it
    root: str = ""  # the corpus folder it was found in: reading never leaves it

    @property
    def path(self) -> Path:
        return Path(self.location)

    @property
    def is_html(self) -> bool:
        return os.path.splitext(self.location)[1].lower() in HTML_SUFFIXES

    @property
    def format(self) -> str:
        """html, text, markdown or pdf, from the suffix (anything else is read as text)."""
        return FORMATS.get(os.path.splitext(self.location)[1].lower(), "text")

    def has_companion(self, suffix: str) -> bool:
        """Is there a file named like this one with `suffix` (e.g. its .meta.json)?
        Unknown for a file not found by discover(): then maybe."""
        return self.size < 0 or suffix in self.companions


_NONE: frozenset[str] = frozenset()
_SUFFIX_SET = frozenset(ARTICLE_SUFFIXES)


def discover(
    corpus: Path, companion_suffixes: tuple[str, ...] = (), skipped: list | None = None
) -> list[SourceFile]:
    """Every article file below `corpus`, at any depth, in a stable order.

    Hidden files and folders (editor backups, .git) are skipped. Symbolic
    links are never followed (one could bring /etc/passwd into the index):
    links to folders and article files are added to `skipped` as (path,
    reason). One pass
    of os.scandir per folder also records each file's size and mtime, and
    which companion files (sidecars) sit beside it, so a run over 100,000
    unchanged files needs no further look at the disk. (Plain strings, not
    pathlib, here: at that size pathlib alone costs seconds.)
    """
    found = []
    root = os.fspath(corpus)
    folders = [(root, "")]
    while folders:
        folder, rel = folders.pop()
        try:
            entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
        except OSError:
            continue  # a folder that vanished or cannot be listed holds no articles
        companions = _companions({e.name for e in entries}, companion_suffixes)
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                if skipped is not None and _names_article_or_folder(entry):
                    skipped.append((printable_path(rel + name), NOT_FOLLOWED))
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, rel + name + "/"))
                continue
            dot = name.rfind(".")
            if dot > 0 and name[dot:].lower() in _SUFFIX_SET:
                source = _scanned(entry, rel, companions.get(name[:dot], _NONE), root)
                if source:
                    found.append(source)
    found.sort(key=lambda f: f.relpath)
    return found


def _names_article_or_folder(entry) -> bool:
    dot = entry.name.rfind(".")
    if dot > 0 and entry.name[dot:].lower() in _SUFFIX_SET:
        return True
    try:
        return entry.is_dir()  # where the link points (nothing is read there)
    except OSError:
        return False


def _companions(names: set[str], suffixes) -> dict[str, frozenset[str]]:
    """Stem -> the companion suffixes present for it, among a folder's names."""
    found: dict[str, set[str]] = {}
    for suffix in suffixes:
        for name in names:
            if name.endswith(suffix) and len(name) > len(suffix):
                found.setdefault(name[: -len(suffix)], set()).add(suffix)
    return {stem: frozenset(present) for stem, present in found.items()}


def _scanned(entry, rel: str, companions: frozenset[str], root: str) -> SourceFile | None:
    try:
        if not entry.is_file(follow_symlinks=False):
            return None
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None  # gone since the folder was listed
    relpath = printable_path(rel + entry.name)
    return SourceFile(entry.path, relpath, info.st_size, info.st_mtime_ns, companions, root)


def printable_path(path: Path | str) -> str:
    """A POSIX path as text, even when the file name's bytes are not UTF-8.

    One text per name (it is the article's identity): bytes that are not
    UTF-8 become `\\xff`, and a backslash typed in a name is doubled, so a
    name holding the byte 0xff and one holding the four characters `\\xff`
    stay apart.
    """
    text = path if isinstance(path, str) else path.as_posix()
    if text.isascii() and "\\" not in text:  # nearly every name: nothing to convert
        return text
    return os.fsencode(text.replace("\\", "\\\\")).decode("utf-8", "backslashreplace")


def read_bytes(path: Path, *, follow_symlinks: bool = False, root: str = "") -> bytes:
    data = read_regular(path, MAX_BYTES, follow_symlinks=follow_symlinks, root=root)
    if not data.strip():
        raise ReadError("empty file")
    return data


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_regular(path: Path, limit: int, *, follow_symlinks: bool = False, root: str = "") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a ReadError saying why not.

    Nothing else is read: not a symbolic link (it could point anywhere, even
    /dev/zero), nor a FIFO (opened without blocking, then refused), device or
    socket; a file that grows past the limit while being read is refused too.
    With `root` (the corpus folder), every folder between it and the file is
    opened without following links too, so a folder swapped for a link after
    the scan does not lead outside.
    """
    flags = _OPEN_FLAGS | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = _open(path, flags, root)
    except FileNotFoundError as exc:
        raise ReadError("file disappeared while reading") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(NOT_FOLLOWED) from exc
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a FIFO, device or socket); not read")
        if info.st_size > limit:
            raise ReadError(
                f"file too large ({_megabytes(info.st_size)}; limit {_megabytes(limit)})"
            )
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ReadError(f"file too large (limit {_megabytes(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _open(path: Path, flags: int, root: str = "") -> int:
    relative = os.path.relpath(path, root) if root else ""
    if not relative or relative.startswith("..") or os.open not in os.supports_dir_fd:
        return os.open(path, flags)
    *folders, name = relative.split(os.sep)
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the corpus itself may be a link
    try:
        for part in folders:
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            except NotADirectoryError as exc:  # what Linux says of a link there
                if stat.S_ISLNK(os.stat(part, dir_fd=folder, follow_symlinks=False).st_mode):
                    raise OSError(errno.ELOOP, "symbolic link", os.fspath(path)) from exc
                raise
            os.close(folder)
            folder = inner
        return os.open(name, flags, dir_fd=folder)
    finally:
        os.close(folder)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def decode(data: bytes, is_html: bool) -> str:
    """Decode bytes to text, refusing binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if utf16 := _utf16_without_bom(data):
        return data.decode(utf16, errors="replace")
    if _looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8")  # valid UTF-8 with non-ASCII is almost never anything else
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if is_html else None
    for attempt in (
        lambda: _strict(data, declared),
        lambda: _damaged_utf8(data),
        lambda: _plausible_gb18030(data),
        lambda: _plausible_cp1252(data),
    ):
        if (text := attempt()) is not None:
            return text
    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "cp1252", errors="replace")


def _strict(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a stray bad byte or a cut-off last character stays UTF-8."""
    valid_multibyte = len(_UTF8_MULTIBYTE.findall(data[:200_000]))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text if valid_multibyte and bad <= max(2, valid_multibyte // 20) else None


def _plausible_gb18030(data: bytes) -> str | None:
    """Chinese pages without a declaration: accept GB18030 only if it reads as Chinese.

    Latin text in a single-byte encoding can decode as GB18030 by accident
    ("é" + a letter makes a valid pair); such text puts ideographs inside
    Latin words, which real Chinese text does not.
    """
    text = _strict(data, "gb18030")
    if text is None:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    cjk = _CJK.findall(text)
    if len(cjk) < 2 or len(cjk) < 0.9 * len(non_ascii) or _CJK_INSIDE_WORD.search(text):
        return None
    return text


def _plausible_cp1252(data: bytes) -> str | None:
    """Western European text: its non-ASCII characters are letters and typography."""
    text = _strict(data, "cp1252")
    if text is None:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    latin = [c for c in non_ascii if c.isalpha() or c in "–—‘’‚“”„•…€°«»§©®™·"]
    return text if len(latin) >= 0.9 * len(non_ascii) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """ASCII-heavy UTF-16 shows a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 16:
        return None
    even_nul = head[0::2].count(0) / len(head[0::2])
    odd_nul = head[1::2].count(0) / len(head[1::2])
    encoding = None
    if odd_nul > 0.4 and even_nul < 0.05:
        encoding = "utf-16-le"
    elif even_nul > 0.4 and odd_nul < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    sample = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return encoding if printable >= 0.95 * len(sample) else None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    label = _SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if name.startswith(_WEB_ENCODINGS) else None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_CONTROL))  # (counted in C)
    return control > len(head) * 0.05


# Control characters that text does not hold (tab, line feed, form feed, carriage
# return and escape it may), and every other byte, which _looks_binary deletes.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
