"""A date stamp glued before a page's opening text, set on its own line.

Saved pages often begin with their date run into the next block: a store's
"date 2025-11-14 China finishes …", a site's "15 Feb Sub-Terahertz
measurements …". (A time glued to a word, a wire's "2025-04-18 15:44:41Global
Times", is left as it is: no space tells where the stamp ends.) Glued, the stamp
spoils the headline it stands before (the title picker takes "date
2025-11-14 China finishes …") and, when it is only a month ("date 2021-06"),
a line of body text. On its own line it is what it is: a date line the date
readers take, no headline and no body.

Only the first few lines are read: a stamp is page furniture above the
article, and a sentence in the body that starts with a date is the body's.
"""

from __future__ import annotations

import re

from .dates import MONTH_NAME
from .lines import word_count

OPENING_LINES = 6
STAMP_MIN_WORDS_AFTER = 3  # what follows is a headline or a sentence, not "EN" or a credit
# A time, a second date, a day and its month, a year: not "6G", nor "200 miljoen euro …"
_FIGURES = re.compile(rf"\d+(?:[:./,-]|\s+{MONTH_NAME}|$)|(?:19|20)\d{{2}}\b", re.I)
_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])"  # a day of the month, "05" too

# A field word maybe ("date", "Date:", "Published"), then a date in figures year
# first, maybe a time of day; its day optional after a field word ("date 2021-06"
# is how a store dates what it knows only to the month; alone, "2030-12 deadline
# set …" opens a headline); or a day and a month name without a year ("15 Feb"),
# as blogs print a post's day over its headline.
_STAMP = re.compile(
    r"^(?P<stamp>\s*(?P<field>(?:date|published|posted)\s*:?\s+)?"
    r"(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])"
    rf"(?(field)(?:[-/.]{_DAY_NUMBER})?|[-/.]{_DAY_NUMBER})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|{_DAY_NUMBER}\.?\s+{MONTH_NAME}))"
    r"(?![\w/.:-])\s*(?P<rest>\S.*)$",
    re.I,
)


def unglue_opening_stamp(text: str) -> str:
    """`text` with a date stamp glued before one of its first lines set on its own line."""
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        found = _STAMP.match(line)
        if found and _text_after(found["rest"]):
            lines[i : i + 1] = [found["stamp"].rstrip(), found["rest"]]
            return "\n".join(lines)
        seen += 1
        if seen >= OPENING_LINES:
            break
    return text


def _text_after(rest: str) -> bool:
    """Words follow the stamp, not figures (a time, a second date, a range: "6G" is
    a word) or a stub."""
    if _FIGURES.match(rest):
        return False
    return word_count(rest) >= STAMP_MIN_WORDS_AFTER
