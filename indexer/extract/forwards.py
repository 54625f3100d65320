"""E-mail forwards: a press release pasted as it arrived, mail headers and all.

A forwarded or quoted release opens with headers ("From:", "Date:",
"Subject: Fwd: [Press release] ... | Site") and maybe a note from the
sender; the release itself follows the last header block, the forward mark
("---------- Forwarded message ---------", "-----Original Message-----") or
the "On ... wrote:" line, in the forms Outlook, Gmail, Apple Mail and
Thunderbird write in the languages whose words data/mail.toml lists. The
headers, marks and the sender's note leave the text (as removed lines with
their reason) and the release, its quote marks taken off, is what the text
cleaner reads. Its title is its headline: the
body line the Subject repeats without its "Fwd:/Re:/EMBARGOED:" prefixes and
site name, else the headline the text cleaner finds in the release. Its date
is the release's own; a header's date is the day the mail was sent, taken
only when the release states none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..article import Removed
from ..datafiles import mail_words
from .dates import NUMERIC_DATE, date_from_text, date_near_title, parse_date

# The words mail programs write in a forward's headers and marks, by language
# (data/mail.toml): header names ("From:", "Von:", "Da:", "Lähettäjä:"), the tags
# before a subject's words ("Fwd:", "AW:", "EMBARGOED:"), the forward marks.
WORDS = mail_words()
SENDER_NAMES = frozenset(WORDS.sender)
DATE_NAMES = frozenset(WORDS.date)
RECIPIENT_NAMES = frozenset(WORDS.recipient)
# A Subject field's name, and its tags: the one list, read here and by the text
# cleaner's title picking (textclean).
SUBJECT_NAMES = frozenset(WORDS.subject)
SUBJECT_TAGS = WORDS.tags


def _alternation(words) -> str:
    """The words as one alternative each, the longest first ("enviado el" before "enviado")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A header line, its name's role told by the group it matched in: the name is compared
# without case by the pattern alone, as a name lower-cased again may not be the word
# ("KİMDEN" lower-cases to "ki̇mden", with a combining dot).
ROLES = {
    "sender": SENDER_NAMES,
    "date": DATE_NAMES,
    "recipient": RECIPIENT_NAMES,
    "subject": SUBJECT_NAMES,
}
HEADER = re.compile(
    "^(?:"
    + "|".join(f"(?P<{role}>{_alternation(names)})" for role, names in ROLES.items())
    + r")\s*:\s*(?P<value>.*)$",
    re.I,
)
# The line a forwarded or quoted mail starts under: Gmail's, Outlook's and Thunderbird's
# dashed marks ("---------- Weitergeleitete Nachricht ---------", "-----Message
# d'origine-----", "-----Mensaje original-----") and Apple Mail's "Begin forwarded message:".
FORWARD_MARK = re.compile(
    rf"^(?:-{{2,}}\s*(?:{_alternation(WORDS.dashed)})\b.*|(?:{_alternation(WORDS.begin)})\s*:)$",
    re.I,
)
# "On Fri, 5 Apr 2024 at 16:45, Ann <ann@example.org> wrote:", "Am Mi., 13. März 2024 um
# 15:10 Uhr schrieb Ann <…>:", "Le mer. 13 mars 2024 à 15:10, Ann <…> a écrit :",
# "El mié, 13 mar 2024 a las 15:10, Ann (<…>) escribió:"; a sender's address or a
# time of day in it ("On Friday the rector wrote to all staff:" is the release's).
WROTE = re.compile(
    rf"^(?:{_alternation(WORDS.wrote_openers)})\s(?=.*(?:@|\d:\d\d))"
    rf".+\b(?:{_alternation(WORDS.wrote_verbs)})\b.*:$",
    re.I,
)
QUOTE = re.compile(r"^(?:>\s?)+")
# "Fwd:", "Re:", "EMBARGOED:" and "[Press release]" before a subject's words.
_TAG = rf"(?:(?:{_alternation(SUBJECT_TAGS)})\s*:\s*|\[[^\]]*\]\s*)"
SUBJECT_PREFIX = re.compile("^" + _TAG, re.I)
# A subject field with its tags ("Subject: Fwd: [Press release] …").
SUBJECT_FIELD = re.compile(rf"^(?:{_alternation(SUBJECT_NAMES)})\s*:\s*{_TAG}*", re.I)
# A site's name after the headline: " | Chalmers", " - ITU News".
SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
OPENING_LINES = 3  # a forward starts with its headers (or the forward mark)
SUBJECT_WITHIN = 8
MAIL_HEADER = "mail header"
SENDER_NOTE = "sender's note above the forward"
EMBARGO_DAYS = 14  # the most a release is sent ahead of its day


@dataclass
class Forward:
    """What a forward holds: the release (its lines, blank ones kept, without quote
    marks), the lines that are no part of it (headers, marks, the sender's note) as
    removed lines, the title its Subject gives and the day the mail was sent."""

    release: list[str]
    removed: list[Removed]
    title: str | None
    subject: str | None  # the last Subject's words: a title when nothing is
    sent: date | None

    @property
    def text(self) -> str:
        return "\n".join(self.release)

    def day(self, title: str | None) -> date | None:
        """The release's own day (by its title, else its lead's dateline), else the day
        sent. A day weeks after the mail was sent is an event's (a "When:" line, a
        workshop), not the release's: an embargo holds a release back a few days."""
        lines = [line for line in self.release if line]
        latest = self.sent + timedelta(days=EMBARGO_DAYS) if self.sent else date.max
        own = (  # the lead's dateline read only when the title's day is none or too late
            lambda: date_near_title(lines, title, datelines_only=True),
            lambda: date_from_text(lines, datelines_only=True),
        )
        for find in own:
            found = find()
            if found and found <= latest:
                return found
        return self.sent


def read_forward(lines: list[str]) -> Forward | None:
    """The forwarded release in a text's `lines`, or None when they are no e-mail."""
    unquoted = [QUOTE.sub("", line).strip() for line in lines]
    filled = [i for i, line in enumerate(unquoted) if line]
    texts = [unquoted[i] for i in filled]
    if not _is_mail(texts):
        return None
    start, marked = _release_start(texts)
    release = unquoted[filled[start] if start < len(filled) else len(unquoted) :]
    removed = [
        Removed(lines[filled[i]].strip(), MAIL_HEADER if i in marked else SENDER_NOTE)
        for i in range(start)
    ]
    headers = texts[:start]
    subjects = [_subject_forms(value) for line in headers if (value := _subject(line))]
    title = _repeated_subject(subjects, [line for line in release if line])
    return Forward(
        release, removed, title, subjects[-1][1] if subjects else None, _sent_day(headers)
    )


def _is_mail(lines: list[str]) -> bool:
    """Headers open the text (or the forward mark does) and a Subject is among them;
    or a forward mark further down has a Subject under it (a note above the forward);
    or an "On ... wrote:" line opens it (a reply quoting the release)."""
    opening = lines[:OPENING_LINES]
    if any(WROTE.match(line) for line in opening):
        return True
    headed = any(HEADER.match(line) or FORWARD_MARK.match(line) for line in opening)
    if headed and any(_subject(line) is not None for line in lines[:SUBJECT_WITHIN]):
        return True
    marks = [i for i, line in enumerate(lines) if FORWARD_MARK.match(line)]
    return any(
        _subject(line) is not None for i in marks for line in lines[i + 1 : i + SUBJECT_WITHIN]
    )


def _header(line: str, role: str) -> str | None:
    """The value of a header `line` whose name is one of `role`'s ("date", "subject")."""
    match = HEADER.match(line)
    return match["value"] if match and match[role] is not None else None


def _release_start(lines: list[str]) -> tuple[int, set[int]]:
    """The index after the last header block, forward mark or "On ... wrote:" line,
    and the indexes of those lines above it.

    A header block is a run of header lines holding a Subject: a release's own
    "Date:" or "To:" lines (an event's practical details) are no mail's headers.
    """
    start, run, subject, headers = 0, [], False, set()
    for i, line in enumerate([*lines, ""]):
        if HEADER.match(line):
            run.append(i)
            subject = subject or _subject(line) is not None
            continue
        if run and subject:
            start = run[-1] + 1
            headers.update(run)
        run, subject = [], False
        if FORWARD_MARK.match(line) or WROTE.match(line):
            start = i + 1
            headers.add(i)
    return start, {i for i in headers if i < start}


def _subject_forms(subject: str) -> list[str]:
    """The subject without its prefixes, with and without a trailing site name."""
    while SUBJECT_PREFIX.match(subject):
        subject = SUBJECT_PREFIX.sub("", subject, count=1)
    return [subject, SITE_SUFFIX.sub("", subject)]


def _subject(line: str) -> str | None:
    return _header(line, "subject")


def _repeated_subject(subjects: list[list[str]], release: list[str]) -> str | None:
    """The release line that a Subject header repeats (in one of its forms), if one does."""
    forms = {_key(form) for subject in subjects for form in subject}
    return next((line for line in release if _key(line) in forms), None)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sent_day(headers: list[str]) -> date | None:
    """The day the innermost forwarded mail was sent: the last date header or "On ...
    wrote:" line, in the order they stand (a reply quoting a forward has the reply's
    "wrote:" line above the forwarded mail's Date:)."""
    days = [
        _header_day(_header(line, "date") or (line if WROTE.match(line) else ""))
        for line in headers
    ]
    return next((day for day in reversed(days) if day), None)


def _header_day(value: str) -> date | None:
    """A header's day in words, or in figures as Outlook writes it in short form:
    day first with dots ("Gesendet: 03.06.2025 10:14"); with slashes only when the
    order is plain ("Sent: 6/23/2025"), as en-US puts the month first, en-GB the day."""
    found = parse_date(value)
    figures = NUMERIC_DATE.search(value)
    if found or not figures:
        return found
    a, b, year = int(figures["a"]), int(figures["b"]), int(figures["year"])
    if value[figures.end("a")] == "/":
        if a <= 12 and b <= 12:
            return None
        if a <= 12 < b:  # the figure above 12 is the day
            a, b = b, a
    try:
        return date(year, b, a)
    except ValueError:
        return None
