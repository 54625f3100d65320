"""Corrections a user makes by hand: a sidecar JSON file next to an article.

`report.html` + `report.meta.json` holding, for example,
`{"date": "2024-05-02", "organisations": ["6G-IA", "NGMN"]}` replaces what
the extractors found for those fields; the other fields stay automatic.
Overrides are applied on every extraction, so they survive re-indexing, and
a change to the sidecar alone re-indexes its article. A sidecar that cannot
be used is reported, and its article is indexed without it.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..article import Article, web_url
from .language import ALIASES
from .organisations import canonical_name, full_name
from .reading import ReadError, read_regular

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 256 * 1024  # a sidecar holds a few short fields
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
TEXT_FIELDS = ("url", "title", "source")
LIST_FIELDS = ("organisations", "mentions", "topics")
# What the collector records about where an article came from (indexer/collect):
# `fetched`, when it was fetched (ISO 8601 with time zone), and `feed`, the
# address of the feed it came from. Kept in the sidecar, not applied to the article.
RECORD_FIELDS = ("fetched", "feed")
FIELDS = (*TEXT_FIELDS, "date", "language", *LIST_FIELDS, *RECORD_FIELDS)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class SidecarError(ValueError):
    """A sidecar that cannot be used; str() says why."""


@dataclass(frozen=True)
class Sidecar:
    path: Path
    raw: bytes

    def overrides(self) -> dict:
        try:
            data = json.loads(self.raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SidecarError(f"not valid JSON: {_short(exc)}") from exc
        except RecursionError as exc:  # [[[[...]]]] a hundred thousand deep
            raise SidecarError("not valid JSON: nested too deeply") from exc
        if not isinstance(data, dict):
            raise SidecarError("must be a JSON object")
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise SidecarError(_short(f"unknown fields {unknown}; known: {list(FIELDS)}"))
        return {key: _validated(key, value) for key, value in data.items()}


def sidecar_path(article_path: Path) -> Path:
    return article_path.with_name(article_path.stem + SIDECAR_SUFFIX)


def find_sidecar(article_path: Path, root: str = "") -> Sidecar | None:
    """The sidecar beside an article: a regular file of at most MAX_SIDECAR_BYTES, never
    followed through a symbolic link (a FIFO or /dev/zero would hang or eat memory)."""
    path = sidecar_path(article_path)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return Sidecar(path, read_regular(path, MAX_SIDECAR_BYTES, root=root))
    except ReadError as exc:
        if str(exc) == "file disappeared while reading":
            return None
        raise SidecarError(str(exc)) from exc


def clean_text(value: str) -> str:
    """A string fit for the index and the page: no lone surrogates (they cannot be
    written as UTF-8), no control characters, surrounding space removed."""
    value = _SURROGATE.sub("\ufffd", value)
    return _CONTROL.sub(" ", value).strip()


def without_controls(text: str) -> str:
    """A document without control characters but tab and line breaks: they are never
    meant in an article (an ESC from a terminal, a NUL) and XML 1.0 cannot hold them."""
    return _CONTROL.sub(" ", text)


def _short(exc: Exception, limit: int = 160) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validated(key: str, value):
    if key == "fetched":
        try:
            when = datetime.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise SidecarError("fetched must be a time: YYYY-MM-DDTHH:MM:SS+00:00") from exc
        if when.tzinfo is None:
            raise SidecarError("fetched must give its time zone (+00:00)")
        return when
    if key in TEXT_FIELDS or key == "feed":
        if not isinstance(value, str) or not clean_text(value):
            raise SidecarError(f"{key} must be a non-empty string")
        if key == "url" and not web_url(clean_text(value)):
            raise SidecarError("url must be an http:// or https:// address")
        return clean_text(value)
    if key == "language":  # an ISO 639 code such as "ja"; "und" for unknown
        code = value.strip().lower() if isinstance(value, str) else ""
        if not _LANGUAGE_CODE.fullmatch(code):
            raise SidecarError('language must be a language code such as "de" or "ja"')
        return ALIASES.get(code, code)
    if key == "date":
        if value is None:
            return None  # "this article has no date"
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise SidecarError("date must be YYYY-MM-DD or null") from exc
    if not isinstance(value, list) or not all(isinstance(v, str) and clean_text(v) for v in value):
        raise SidecarError(f"{key} must be a list of strings")
    if any("," in v for v in value):
        raise SidecarError(f"{key}: values cannot contain commas")
    return [clean_text(v) for v in value]


def apply_overrides(article: Article, overrides: dict, sidecar_name: str) -> None:
    """Replace the extracted fields with the user's, recording that they were set by hand."""
    overrides = {k: v for k, v in overrides.items() if k not in RECORD_FIELDS}
    for key, value in overrides.items():
        if key in ("organisations", "mentions"):
            value = [canonical_name(v) for v in value]
            for org in value:
                article.organisation_names.setdefault(org, full_name(org))
                article.org_evidence[org] = {"found_as": org, "source": sidecar_name}
        if key == "topics":
            article.topic_evidence = {t: [f"set in {sidecar_name}"] for t in value}
        setattr(article, key, value)
    if "organisations" in overrides:  # an organisation cannot be both
        article.mentions = [m for m in article.mentions if m not in article.organisations]
    article.overridden = sorted(overrides)


@dataclass(frozen=True)
class SidecarState:
    """What the indexer records and applies for one article's sidecar."""

    signature: str  # "" without a sidecar; changes whenever the sidecar does
    overrides: dict
    name: str | None = None
    problem: str | None = None


NO_SIDECAR = SidecarState("", {})


def sidecar_state(article_path: Path, root: str = "") -> SidecarState:
    try:
        sidecar = find_sidecar(article_path, root)
    except SidecarError as exc:
        return SidecarState("unreadable", {}, sidecar_path(article_path).name, str(exc))
    if sidecar is None:
        return NO_SIDECAR
    signature = hashlib.sha256(sidecar.raw).hexdigest()
    try:
        return SidecarState(signature, sidecar.overrides(), sidecar.path.name)
    except SidecarError as exc:
        # a bad sidecar never matches its stored signature, so it is reported every run
        return SidecarState(f"invalid:{time.time_ns()}", {}, sidecar.path.name, str(exc))
