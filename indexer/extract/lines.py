"""Line-level facts shared by both cleaners: words, sentences, clutter kinds.

A collected page, whether it was HTML or a copy of the visible text, reaches
the cleaners as lines. Whether a line is a body sentence, a widget label or a
footer can mostly be told from the line itself; this module holds those
judgements so that the HTML and the plain-text cleaner agree on them.
"""

from __future__ import annotations

import re
import unicodedata

from ..article import BULLETS
from ..datafiles import clutter_rules

# Letters go on through the vowel signs and other combining marks of Indic and
# South-East Asian scripts, which \w alone does not match.
_MARKS = "\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_WORD = re.compile(rf"[^\W\d_][\w{_MARKS}'’-]*|\d[\w.,-]*", re.UNICODE)
# A run of word characters with their combining marks: Python's \w stops at an Indic
# vowel sign ("देशों" would be four pieces), so a word's key is taken whole this way.
# Only the marks of _MARKS' blocks: they hold a sentence's end too (the danda "।",
# Khmer "។", Myanmar "။"), which glued to the last word made a key of its own.
_COMBINING = "".join(
    chr(c)
    for low, high in zip(_MARKS[::3], _MARKS[2::3], strict=True)
    for c in range(ord(low), ord(high) + 1)
    if unicodedata.category(chr(c)).startswith("M")
)
WORD_RUN = re.compile(rf"[\w{_COMBINING}]+")
# Letters of Chinese, Japanese and Korean, written without spaces between words:
# Han (with extension A and compatibility ideographs), kana, Hangul syllables and
# jamo. The one definition the cleaners, the name matcher and the index share.
CJK_CHARS = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
)
HAS_CJK = re.compile(f"[{CJK_CHARS}]")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer):
# a run of them counts one word per UNSPACED_CHARS_PER_WORD characters.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
UNSPACED_CHARS_PER_WORD = 4
# Full stops of Latin, CJK, Devanagari (danda), Arabic and Urdu, Myanmar, Ethiopic.
# (Read from the line's end: a search for the stop anywhere in the line would
# cost its length every time a growing line is asked again.)
SENTENCE_STOPS = frozenset(".!?。！？…:;।॥؟۔။።")
CLOSING_MARKS = "\"'’”)]*"
# A footnote's mark or an editor's aside in brackets ("[1]", "[sic]"): part of the
# sentence it follows (an image's id in figures has more: "[701]").
FOOTNOTE_MARK = re.compile(r"\[(?:\d{1,2}|sic!?|ibid\.?)\]", re.I)
_FOOTNOTE_END = re.compile(r"\s*" + FOOTNOTE_MARK.pattern + "$", re.I)
# A list's bullet (the marks a list item's text loses, article.BULLETS, and a few
# boxes and circles more) or an item's number.
_BULLET = re.compile(rf"^([{re.escape(BULLETS.strip())}□☆○]|\d{{1,2}}[.)])\s*\S")
_SPAM_SIGNS = "|｜、·•"
_SPAM_SEPARATORS = re.compile(rf"\s*[{_SPAM_SIGNS}]\s*")
_SPACES = re.compile(r"\s+")

# A line with this many words that ends a sentence is body text by itself.
GOOD_MIN_WORDS = 10
# A line this long is body text even without final punctuation.
GOOD_ANY_WORDS = 30


def normalise(line: str) -> str:
    """NFC, no-break and odd spaces folded, ends stripped."""
    line = unicodedata.normalize("NFC", line).replace("\u00ad", "").replace("\u200b", "")
    return _SPACES.sub(" ", line).strip()


def word_count(line: str) -> int:
    """Words, counting two CJK characters as one word (they carry no spaces),
    and every UNSPACED_CHARS_PER_WORD letters of Thai, Lao, Myanmar or Khmer."""
    if line.isascii() or not (HAS_CJK.search(line) or _UNSPACED.search(line)):
        return len(_WORD.findall(line))  # (most lines: the count below, in one pass)
    cjk = len(HAS_CJK.findall(line))
    unspaced = sum(-(-len(run) // UNSPACED_CHARS_PER_WORD) for run in _UNSPACED.findall(line))
    rest = _UNSPACED.sub(" ", HAS_CJK.sub(" ", line)) if unspaced else HAS_CJK.sub(" ", line)
    return len(_WORD.findall(rest)) + (cjk + 1) // 2 + unspaced


def ends_sentence(line: str) -> bool:
    """A full stop, maybe followed by closing quotes or brackets or a footnote's
    mark ("… said.[1]"), ends the line."""
    end = line.removesuffix("\n")
    if end.endswith("]"):  # (only the tail is read: asked of long lines again and again)
        tail = _FOOTNOTE_END.sub("", end[-16:])
        end = tail if len(tail) < len(end[-16:]) else end
    end = end.rstrip(CLOSING_MARKS)
    return end[-1:] in SENTENCE_STOPS


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def is_body_sentence(line: str) -> bool:
    words = word_count(line)
    return words >= GOOD_ANY_WORDS or (words >= GOOD_MIN_WORDS and ends_sentence(line))


def is_keyword_spam(line: str) -> bool:
    """Long runs of place names or keywords, the SEO filler of many sites.

    Separated by bars, ideographic commas or dots, or a dozen and more commas
    without a sentence around them; each piece is only a word or two.
    """
    if line.startswith("|") and line.endswith("|"):
        return False  # a table row, as trafilatura writes tables
    if sum(map(line.count, _SPAM_SIGNS)) < 5 and line.count(",") + line.count("，") < 11:
        return False  # too few separators for either kind of run (most lines: fast)
    pieces = [p for p in _SPAM_SEPARATORS.split(line) if p]
    if len(pieces) < 6:
        pieces = [p for p in re.split(r"\s*[,，]\s*", line) if p]
        if len(pieces) < 12 or ends_sentence(line):
            return False
    short = sum(1 for p in pieces if word_count(p) <= 3)
    return short >= 0.8 * len(pieces)


def clutter_kind(line: str) -> str | None:
    """The kind of clutter a line is (a clutter.toml table name), or None."""
    words = word_count(line)
    for rule in clutter_rules():
        if rule.matches(line, words):
            return rule.kind
    if is_keyword_spam(line):
        return "keyword-spam"
    return None


def token_set(line: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(line)} | set(HAS_CJK.findall(line))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two lines' word sets."""
    ta, tb = token_set(a), token_set(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0
