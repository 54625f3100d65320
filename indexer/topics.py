"""Topics from the taxonomy in `data/topics.toml`, ranked by evidence.

Counting signal phrases is crude but explainable: the article page can say
which phrases put an article under a topic, and a user who disagrees edits
the phrase list. A phrase in the title weighs three times, because a title
says what the article is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .datafiles import topics as taxonomy
from .phrases import compile_phrases

TITLE_WEIGHT = 3
MAX_TOPICS = 4


@dataclass(frozen=True)
class TopicMatch:
    name: str
    score: int
    phrases: tuple[str, ...]  # the distinct phrases found, to explain it


@cache
def _patterns():
    return [(topic, compile_phrases(list(topic.phrases))) for topic in taxonomy()]


def find_topics(title: str, body: str) -> list[TopicMatch]:
    matches = []
    for topic, pattern in _patterns():
        in_title = [m.group(0) for m in pattern.finditer(title or "")]
        in_body = [m.group(0) for m in pattern.finditer(body)]
        score = TITLE_WEIGHT * len(in_title) + len(in_body)
        if score >= topic.min_hits:
            seen = tuple(dict.fromkeys(p.lower() for p in in_title + in_body))
            matches.append(TopicMatch(topic.name, score, seen))
    matches.sort(key=lambda m: -m.score)
    return matches[:MAX_TOPICS]
