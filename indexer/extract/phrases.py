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
    return pattern if exact else f"(?i:{pattern})"


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any of `phrases` as whole words, longest first.

    Longest first makes "Beyond 5G Promotion Consortium" win over the
    "5G Promotion Consortium" inside it. Phrases starting with a CJK character
    form a second group (no phrase of the first can match where one of them
    does), their ends bounded only where they are Latin.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    latin = [p for p in ordered if not HAS_CJK.match(p)]
    cjk = [p for p in ordered if HAS_CJK.match(p)]
    groups = []
    if latin or not cjk:
        alternatives = "|".join(_alternative(p) for p in latin)
        groups.append(f"{_EDGE_BEFORE}(?:{alternatives}){_EDGE_AFTER}")
    if cjk:
        groups.append("|".join(_alternative(p) + _cjk_end(p) for p in cjk))
    return re.compile("|".join(groups))


def _cjk_end(phrase: str) -> str:
    """A CJK phrase ending in a Latin letter or digit still needs a word end there."""
    body = phrase.rstrip("*")
    return "" if HAS_CJK.match(body[-1:]) and not phrase.endswith("*") else _EDGE_AFTER
