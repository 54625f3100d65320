"""Snippets and titles mark the query's words, by stem, in escaped text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.lang.porter import stem

from indexer.search.highlighting import SNIPPET_CHARS, snippet, title


def stems(*words: str) -> set[str]:
    return {stem(w) for w in words}


def test_words_are_marked_in_any_inflection():
    text = "Two studies on satellites. The study of a satellite network."
    html = snippet(text, stems("study", "satellite"))
    marked = [part.split(">", 1)[1] for part in html.split("</mark>")[:-1]]
    assert marked == ["studies", "satellites", "study", "satellite"]


def test_markup_in_the_text_is_escaped_around_the_marks():
    html = title("<script>alert(1)</script> 6G & spectrum", stems("spectrum"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert '<mark class="match term0">spectrum</mark>' in html


def test_long_texts_give_at_most_three_short_passages_without_repeats():
    words = iter(range(10_000))
    text = " ".join(
        " ".join(f"w{next(words)}" for _ in range(40)) + f" spectrum{'' if n % 2 else 's'}"
        for n in range(12)
    )
    passages = [
        re.sub(r"</?mark[^>]*>", "", p) for p in snippet(text, stems("spectrum")).split(" … ")
    ]
    assert len(passages) == 3
    assert all(len(p) <= SNIPPET_CHARS for p in passages)
    shown = [w for p in passages for w in p.split()]
    assert len([w for w in shown if w.startswith("w")]) == len(
        {w for w in shown if w.startswith("w")}
    )


def test_nothing_to_mark_gives_nothing():
    assert snippet("A text about radio.", stems("spectrum")) == ""
    assert title("A title", set()) == ""


def test_a_match_just_past_a_full_passage_is_marked_where_it_is_shown():
    words = iter(range(10_000))
    filler = " ".join(f"w{next(words)}" for _ in range(25))
    text = f"spectrum {filler} spectrum {filler} spectrum-trials end"
    html = snippet(text, stems("spectrum", "trials"))
    shown = re.sub(r"</?mark[^>]*>", "", html)
    assert html.count("<mark") == shown.count("spectrum") + shown.count("trials")


_REST = r"[\w*]*(?:\.[\w*]+)*"


def _matches_by_look_behind(text: str, wanted: frozenset[str]) -> list[tuple[int, int, str]]:
    """The words the marking finds, as the plain look-behind pattern finds them."""
    prefixes = sorted({s[: max(1, len(s) - 2)] for s in wanted}, key=len, reverse=True)
    pattern = re.compile(
        rf"(?<![\w*])(?:{'|'.join(map(re.escape, prefixes))}){_REST}", re.IGNORECASE
    )
    found = []
    for word in pattern.finditer(text):
        stemmed = stem(word.group().lower())
        if stemmed in wanted:
            found.append((word.start(), word.end(), stemmed))
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "research",
                "Researchers",
                "xresearch",
                "research.research",
                "*research",
                "_res",
                "İstanbul",
                "RESEARCHED",
                "re",
                "6G",
                "spectrum",
                "Spectra",
                ".",
                " ",
                ",",
                "ß",
            ]
        ),
        max_size=30,
    ),
    st.sets(st.sampled_from(["research", "spectrum", "istanbul", "re"]), min_size=1),
)
def test_the_fast_word_finder_finds_what_the_look_behind_pattern_finds(parts, words):
    from indexer.search.highlighting import _english_matches

    text, wanted = "".join(parts), frozenset(stem(w) for w in words)
    assert _english_matches(text, wanted) == _matches_by_look_behind(text, wanted)


def _snippet_widening_every_passage(text: str, wanted: frozenset[str]) -> str:
    """snippet() as it was written first: every passage widened to whole words, then
    the best three by (score, start) shown in order of their widened starts."""
    from indexer.search import highlighting as h

    matches = h._matches(text, h.Wanted(wanted))
    if not matches:
        return ""
    numbers = {s: i for i, s in enumerate(sorted(wanted))}
    passages = [h._widened(text, *p) for p in h._passages(matches)]
    best = sorted(passages, key=lambda p: (-h._score(p[2]), p[0]))[: h.PASSAGES]
    return " … ".join(h._marked(text, a, b, found, numbers) for a, b, found in sorted(best))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["spectrum", "spectra", "trials", "trial", " ", "  ", ", ", "x" * 45]),
        max_size=150,
    ).map("".join),
    st.lists(st.sampled_from(["w", "word", "a", "longerword"]), max_size=40).map(" ".join),
    st.sets(st.sampled_from(["spectrum", "trials"]), min_size=1),
)
def test_snippets_widening_only_the_passages_shown_equal_widening_all(text, filler, words):
    """snippet() widens only the three passages it shows to whole words: the same
    passages, in the same order, as widening every passage before choosing."""
    text = " ".join(filler[i : i + 90] + " " + text[i : i + 60] for i in range(0, 600, 60))
    wanted = frozenset(stem(w) for w in words)
    assert snippet(text, wanted) == _snippet_widening_every_passage(text, wanted)
    for long in (
        " ".join(["spectrum trials " + "w" * (n % 50) for n in range(60)]),
        " ".join(["spectrum " + "w" * 45 + " trials " + "w" * 60] * 30),  # equal scores
    ):
        assert snippet(long, wanted) == _snippet_widening_every_passage(long, wanted)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a <>&'\"é;#"))) | st.text())
def test_snippet_text_is_escaped_as_markupsafe_escapes_it(text):
    """Snippets escape their pieces without making a Markup of each: the same text."""
    from markupsafe import escape

    from indexer.search.highlighting import _escaped

    assert _escaped(text) == str(escape(text))
