"""E-mail forwards: a press release pasted as it arrived, mail headers and all.

A forwarded or quoted release opens with headers ("From:", "Date:",
"Subject: Fwd: [Press release] ... | Site") and maybe a note from the
sender; the release itself follows the last header block or the "On ...
wrote:" line. Its title is its headline: the body line the Subject repeats
without its "Fwd:/Re:/EMBARGOED:" prefixes and site name, else the headline
the text cleaner finds in the release. Its date is the release's own; a
header's date is the day the mail was sent, taken only when the release
states none.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import date_from_text, date_near_title, parse_date
from .textclean import clean_text

HEADER = re.compile(
    r"^(?P<name>from|sent|date|subject|to|cc|von|gesendet|betreff|an|de|envoyé|objet|à|"
    r"från|skickat|ämne|till)\s*:\s*(?P<value>.*)$",
    re.I,
)
SUBJECT_NAMES = frozenset({"subject", "betreff", "objet", "ämne"})
DATE_NAMES = frozenset({"date", "sent", "gesendet", "envoyé", "skickat"})
FORWARD_MARK = re.compile(r"^-{2,}\s*(forwarded|original|weitergeleitete)\b.*-*$", re.I)
WROTE = re.compile(r"^(on|am|le)\s.+\b(wrote|schrieb|a écrit)\s*:$", re.I)
QUOTE = re.compile(r"^(?:>\s?)+")
# "Fwd:", "Re:", "EMBARGOED:" and "[Press release]" before a subject's words.
SUBJECT_PREFIX = re.compile(
    r"^(?:(?:fwd?|fw|re|aw|wg|sv|vs|tr|embargoed|embargo)\s*:\s*|\[[^\]]*\]\s*)", re.I
)
# A site's name after the headline: " | Chalmers", " - ITU News".
SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
OPENING_LINES = 3  # a forward starts with its headers (or the forward mark)
SUBJECT_WITHIN = 8


class Forward:
    """What a forward says of the release inside: its title and its day."""

    def __init__(self, title: str | None, day: date | None):
        self.title, self.day = title, day


def read_forward(lines: list[str]) -> Forward | None:
    """The forwarded release's title and date, or None when `lines` is no e-mail."""
    lines = [QUOTE.sub("", line).strip() for line in lines]
    lines = [line for line in lines if line]
    if not _is_mail(lines):
        return None
    start = _release_start(lines)
    release = lines[start:]
    title = _repeated_subject(lines[:start], release) or clean_text("\n".join(release)).title
    day = date_near_title(release, title) or date_from_text(release)
    return Forward(title, day or _sent_day(lines[:start]))


def _is_mail(lines: list[str]) -> bool:
    """Headers open the text (or the forward mark does) and a Subject is among them."""
    opening = lines[:OPENING_LINES]
    if not any(HEADER.match(line) or FORWARD_MARK.match(line) for line in opening):
        return False
    return any(_header(line, SUBJECT_NAMES) is not None for line in lines[:SUBJECT_WITHIN])


def _header(line: str, names: frozenset[str]) -> str | None:
    match = HEADER.match(line)
    return match["value"] if match and match["name"].lower() in names else None


def _release_start(lines: list[str]) -> int:
    """The index after the last header block, forward mark or "On ... wrote:" line.

    A header block is a run of header lines holding a Subject: a release's own
    "Date:" or "To:" lines (an event's practical details) are no mail's headers.
    """
    start, run, subject = 0, [], False
    for i, line in enumerate([*lines, ""]):
        if HEADER.match(line):
            run.append(i)
            subject = subject or _header(line, SUBJECT_NAMES) is not None
            continue
        if run and subject:
            start = run[-1] + 1
        run, subject = [], False
        if FORWARD_MARK.match(line) or WROTE.match(line):
            start = i + 1
    return start


def _subject_forms(subject: str) -> list[str]:
    """The subject without its prefixes, with and without a trailing site name."""
    while SUBJECT_PREFIX.match(subject):
        subject = SUBJECT_PREFIX.sub("", subject, count=1)
    return [subject, SITE_SUFFIX.sub("", subject)]


def _repeated_subject(headers: list[str], release: list[str]) -> str | None:
    """The release line that a Subject header repeats, if one does."""
    forms = set()
    for line in headers:
        subject = _header(line, SUBJECT_NAMES)
        if subject:
            forms.update(_key(form) for form in _subject_forms(subject))
    return next((line for line in release if _key(line) in forms), None)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sent_day(headers: list[str]) -> date | None:
    """The day the innermost forwarded mail was sent (its last date header)."""
    days = [parse_date(_header(line, DATE_NAMES) or "") for line in headers]
    days += [parse_date(line) for line in headers if WROTE.match(line)]
    return next((day for day in reversed(days) if day), None)
