"""Whole-word phrase matching with the case rules the data files promise.

Organisation names and topic phrases share one rule: a phrase of two or
more words, or a lower-case word, ignores case ("memorandum of
understanding"); a single word with capitals is matched as written, so the
acronym "AI" never matches "ai" inside other text and "Orange" never matches
the colour. A trailing * matches any word ending.

Chinese, Japanese and Korean run words together without spaces, so a
phrase's end that is a CJK character needs no word boundary there
(合作备忘录 is found inside 签署合作备忘录); a Latin end keeps it, so
"MoU" still never matches inside "MoUs".
"""

from __future__ import annotations

import re

from ..index.analysis import HAS_CJK

_EDGE_BEFORE = r"(?<![\w-])"
_EDGE_AFTER = r"(?![\w-])"


def _alternative(phrase: str) -> str:
    wildcard = phrase.endswith("*")
    body = phrase.rstrip("*")
    pattern = r"\s+".join(re.escape(part) for part in body.split())
    pattern += r"[\w-]*" if wildcard else ""
    exact = len(body.split()) == 1 and body != body.lower()
    pattern = pattern if exact else f"(?i:{pattern})"
    before = "" if HAS_CJK.match(body) else _EDGE_BEFORE
    after = "" if HAS_CJK.match(body[-1:]) and not wildcard else _EDGE_AFTER
    return f"{before}{pattern}{after}"


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any of `phrases` as whole words, longest first.

    Longest first makes "Beyond 5G Promotion Consortium" win over the
    "5G Promotion Consortium" inside it.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(_alternative(p) for p in ordered)
    return re.compile(f"(?:{alternatives})")
