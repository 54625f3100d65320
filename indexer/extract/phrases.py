"""Whole-word phrase matching with the case rules the data files promise.

Organisation names and topic phrases share one rule: a phrase of two or
more words, or a lower-case word, ignores case ("memorandum of
understanding"); a single word with capitals is matched as written, so the
acronym "AI" never matches "ai" inside other text and "Orange" never matches
the colour. A trailing * matches any word ending.
"""

from __future__ import annotations

import re

_EDGE_BEFORE = r"(?<![\w-])"
_EDGE_AFTER = r"(?![\w-])"


def _alternative(phrase: str) -> str:
    wildcard = phrase.endswith("*")
    body = phrase.rstrip("*")
    pattern = r"\s+".join(re.escape(part) for part in body.split())
    pattern += r"[\w-]*" if wildcard else ""
    exact = len(body.split()) == 1 and body != body.lower()
    return pattern if exact else f"(?i:{pattern})"


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any of `phrases` as whole words, longest first.

    Longest first makes "Beyond 5G Promotion Consortium" win over the
    "5G Promotion Consortium" inside it.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(_alternative(p) for p in ordered)
    return re.compile(f"{_EDGE_BEFORE}(?:{alternatives}){_EDGE_AFTER}")
