"""Snippets and titles mark the query's words, by stem, in escaped text."""

from __future__ import annotations

import re

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
