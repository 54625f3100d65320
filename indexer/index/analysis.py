"""Text analysis by language family: English (as always), Snowball stemmers, CJK bigrams.

Every article's text goes through the English analysis into `title` and
`body`, as before, so English ranking does not change. Besides, an article in
a stemmed European language also goes into `body_<lang>`, analysed with that
language's Snowball stemmer (PyStemmer; Polish with the light suffix
stripper below), and every article holding Chinese, Japanese or Korean text
goes into `body_cjk`: runs of Han, kana and Hangul become overlapping
character bigrams, with single characters beside them (Lucene's CJKAnalyzer
with unigrams), after folding traditional Chinese characters to simplified
ones (OpenCC's character table) and full-width forms to their usual ones
(NFKC), so 備忘錄 finds 备忘录 and ＭｏＵ finds MoU. A query is matched
against each of these analyses (see search/query.py).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache
from pathlib import Path

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
    Tokenizer,
)

from ..extract.lines import CJK_CHARS, HAS_CJK

# ISO 639-1 code -> Snowball algorithm (PyStemmer); Polish has its own stripper.
SNOWBALL = {
    "da": "danish",
    "de": "german",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "sv": "swedish",
}
STEMMED = (*sorted(SNOWBALL), "pl")
CJK_FIELD = "body_cjk"
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def stem_field(language: str) -> str:
    return f"body_{language}"


LANGUAGE_FIELDS = (CJK_FIELD, *(stem_field(code) for code in STEMMED))


class NfkcFilter(Filter):
    """Full-width and other compatibility forms as their usual characters (ＭｏＵ -> MoU)."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii():
                token.text = unicodedata.normalize("NFKC", token.text)
            yield token


def english_analyzer():
    """Today's analysis (Whoosh's StemmingAnalyzer: Porter stems, English stop
    words), with compatibility forms folded first; ASCII text is untouched."""
    analyzer = StemmingAnalyzer()
    analyzer.items.insert(1, NfkcFilter())
    return analyzer


_stemmers = threading.local()  # PyStemmer objects are not thread-safe


def stemmer(language: str):
    """The stem function of a language in STEMMED."""
    if language == "pl":
        return polish_stem
    found = getattr(_stemmers, language, None)
    if found is None:
        import Stemmer

        found = Stemmer.Stemmer(SNOWBALL[language]).stemWord
        setattr(_stemmers, language, found)
    return found


class LanguageStemFilter(Filter):
    """Stems tokens with one language's stemmer (picklable: holds only the code)."""

    def __init__(self, language: str):
        self.language = language

    def __eq__(self, other):
        return type(other) is type(self) and other.language == self.language

    def __call__(self, tokens):
        stem = stemmer(self.language)
        for token in tokens:
            if not token.stopped:
                token.text = stem(token.text)
            yield token


def stemming_analyzer(language: str):
    return RegexTokenizer() | NfkcFilter() | LowercaseFilter() | LanguageStemFilter(language)


# Polish is not in Snowball's classic set (Snowball 3's Polish stemmer cuts
# "program" to "progr" but "programu" to "program"), so a light stripper:
# the longest inflectional ending that leaves a stem of 4+ letters, then a
# soft final consonant as its plain letter (sieć, sieci -> siec).
_POLISH_ENDINGS = sorted(
    (
        *("ościami", "ościach", "ością", "owania", "owaniu", "owanie", "owań", "iami", "iach"),
        *("iom", "iów", "ami", "ach", "ów", "owi", "om", "em", "ie", "ia", "iu", "ią", "ię"),
        *("ej", "ego", "emu", "ych", "ymi", "ich", "imi", "ym", "im"),
        *("ą", "ę", "a", "e", "i", "o", "u", "y"),
    ),
    key=len,
    reverse=True,
)
_SOFT = str.maketrans("ćńśź", "cnsz")


def polish_stem(word: str) -> str:
    for ending in _POLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:-1] + word[-1:].translate(_SOFT)


@cache
def _fold_table() -> dict[int, str]:
    """Traditional -> simplified Chinese (OpenCC's character table, first choice)
    and full-width/half-width forms -> their NFKC character, one for one."""
    table: dict[int, str] = {}
    for block in (range(0xF900, 0xFB00), range(0xFF00, 0xFFF0)):
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        if len(traditional) == 1 and simplified:
            target = simplified.split()[0]
            if len(target) == 1:
                table[ord(traditional)] = table.get(ord(target), target)
    return table


def fold_cjk(text: str) -> str:
    """`text` with traditional characters as simplified ones and full-width forms
    folded; always the same length, so offsets carry over to the original."""
    return text.translate(_fold_table())


class CjkTokenizer(Tokenizer):
    """Bigrams of each run of CJK characters (and each character alone, at index
    time, so a one-character query finds it). Where Latin letters or digits are
    glued to CJK text ("6Gの研究"), which the English analysis reads as one
    word, the Latin part is a token here too; at query time every Latin word
    is, so "6G" finds the 6G glued to Japanese. Positions count characters,
    with a gap between words, so phrases stay inside a run."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        query = mode == "query"
        for word in _WORDS.finditer(fold_cjk(value)):
            if not query and not HAS_CJK.search(word.group()):
                continue  # the English analysis has it
            for piece in _PIECES.finditer(word.group()):
                text, first = piece.group(), word.start() + piece.start()
                if not HAS_CJK.match(text):
                    grams = [(0, text.lower())]
                    width = 1
                else:
                    grams = _grams(text, unigrams=not query)
                    width = len(text)
                for offset, gram in grams:
                    token.text = gram
                    token.boost, token.stopped = 1.0, False
                    if positions:
                        token.pos = pos + offset
                    if chars:
                        token.startchar = start_char + first + offset
                        token.endchar = token.startchar + len(gram)
                    yield token
                pos += width
            pos += 1


def _grams(run: str, unigrams: bool) -> list[tuple[int, str]]:
    """(offset, text) of the bigrams of a run, with its characters when asked
    (and always for a run of one character)."""
    grams = []
    for i in range(len(run)):
        if unigrams or len(run) == 1:
            grams.append((i, run[i]))
        if i + 1 < len(run):
            grams.append((i, run[i : i + 2]))
    return grams


_WORDS = re.compile(r"\w+")
_PIECES = re.compile(f"[{CJK_CHARS}]+|[^{CJK_CHARS}]+")


def cjk_text(tokens: list[str]) -> str:
    """The text a phrase of CJK-field tokens covers: overlapping bigrams add their
    second character; a Latin piece glued to the run adds itself."""
    text = ""
    for token in tokens:
        overlaps = text and HAS_CJK.match(text[-1]) and len(token) == 2 and token[0] == text[-1]
        text += token[1:] if overlaps else token
    return text


def cjk_analyzer():
    return CjkTokenizer()


def analysis_text(title: str, body: str) -> str:
    """What the language fields index: title and body, kept apart."""
    return f"{title}\n\n{body}"
