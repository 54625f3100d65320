"""The language an article is written in (ISO 639-1 code, "und" when unknown).

A page's declared language (`<html lang>`, `og:locale`, Content-Language)
is trusted, unless its script plainly contradicts it (a page declared "en"
whose text is Chinese). Otherwise the script decides first: Hangul is
Korean; any kana is Japanese; Han alone is Chinese unless it uses kanji
forms only Japanese writes (総, 図, 県, ...), so kanji-only Japanese is not
taken for Chinese. Plainly English text (the, and, of ... make an eighth
of its words, "the" at least twice) is English without more ado: most of the
corpus is, and py3langid's model costs 2 s and 80 MB to load in each
process. Other text goes to py3langid (langid.py's bundled model, no
download), restricted to the languages searched with
their own analysis, so a short text cannot flip to a far-off language;
below MIN_LETTERS or below MIN_CONFIDENCE the language is unknown.
"""

from __future__ import annotations

import re
from functools import cache

UNKNOWN = "und"
CJK = ("zh", "ja", "ko")
NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "da": "Danish",
    "de": "German",
    "es": "Spanish",
    "fi": "Finnish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "sv": "Swedish",
    "ru": "Russian",
    UNKNOWN: "Unknown",
}
# what py3langid may answer for non-CJK text: the languages named above (the
# index analyses each of them but English and Russian with its own stemmer)
DETECTED = tuple(code for code in NAMES if code not in (*CJK, UNKNOWN))
ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "jp": "ja", "kr": "ko", "cn": "zh"}
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.6
SAMPLE_CHARS = 1200  # the opening of title and text is plenty to detect from

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# English function words rare in the other languages detected (no "in", "is", "an")
_ENGLISH_WORDS = frozenset(
    ("the", "and", "of", "to", "for", "with", "on", "that", "by", "as", "are", "was")
    + ("were", "will", "from", "at", "be", "this", "has", "have", "its", "which", "their")
    + ("it", "or", "been", "would", "said")
)
ENGLISH_SHARE = 0.12
# Shinjitai: kanji forms that are neither simplified nor traditional Chinese.
_JAPANESE_ONLY_KANJI = set(
    "総広図県駅売戦円気実験団鉄関歳証拡転伝対応営続読変択価発経済検権従説労働様沢縄"
)
_DECLARED = (
    re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][\w-]+)?", re.I),
    re.compile(
        r"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*"
        r"[\"']?([A-Za-z]{2,3})",
        re.I,
    ),
    re.compile(
        r"<meta\b[^>]*?property\s*=\s*[\"']?og:locale[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})",
        re.I,
    ),
    re.compile(
        r"<meta\b[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})[-_\w]*[\"']?[^>]*?property\s*=\s*"
        r"[\"']?og:locale\b",
        re.I,
    ),
)
HEAD_CHARS = 20_000  # where a page declares its language


def declared_language(html: str) -> str | None:
    """The language an HTML page declares for itself, if any."""
    head = html[:HEAD_CHARS]
    for pattern in _DECLARED:
        found = pattern.search(head)
        if found:
            code = found.group(1).lower()
            return ALIASES.get(code, code)
    return None


def detect_language(title: str, text: str, declared: str | None = None) -> str:
    sample = f"{title}\n{text}"[:SAMPLE_CHARS]
    by_script = _by_script(sample)
    if declared and (declared in CJK) == (by_script is not None):
        return declared  # trusted, unless the script contradicts it
    if by_script:
        return by_script
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNKNOWN
    if _plainly_english(sample):
        return "en"
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else UNKNOWN


def _plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    common = sum(1 for w in words if w in _ENGLISH_WORDS)
    return len(words) >= 20 and words.count("the") >= 2 and common >= ENGLISH_SHARE * len(words)


def _by_script(sample: str) -> str | None:
    """zh, ja or ko when CJK characters make up most of the letters, else None."""
    hangul, kana = len(_HANGUL.findall(sample)), len(_KANA.findall(sample))
    han = _HAN.findall(sample)
    cjk = hangul + kana + len(han)
    if not cjk or cjk * 2 < len(_LETTER.findall(sample)):
        return None
    if hangul >= max(kana, 1) and hangul * 2 >= cjk:
        return "ko"
    if kana or any(c in _JAPANESE_ONLY_KANJI for c in han):
        return "ja"
    return "zh"


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in DETECTED if code in identifier.nb_classes])
    return identifier


def language_name(code: str) -> str:
    return NAMES.get(code, code)
