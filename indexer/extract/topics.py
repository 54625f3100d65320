"""Topics from the taxonomy in `data/topics.toml`, ranked by evidence.

Counting signal phrases is crude but explainable: the article page can say
which phrases put an article under a topic, and a user who disagrees edits
the phrase list. A phrase in the title weighs three times, because a title
says what the article is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..datafiles import topics as taxonomy
from .phrases import PhraseSets

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
LEAD_CHARS = 400
MAX_TOPICS = 4
RELATIVE_FLOOR = 0.25  # of the best topic's score


@dataclass(frozen=True)
class TopicMatch:
    name: str
    score: int
    phrases: tuple[str, ...]  # the distinct phrases found, to explain it


@cache
def _patterns() -> tuple[list, PhraseSets]:
    topics = taxonomy()
    return topics, PhraseSets([list(topic.phrases) for topic in topics])


def find_topics(title: str, body: str) -> list[TopicMatch]:
    matches = []
    topics, phrases = _patterns()
    titles, bodies = phrases.find(title or ""), phrases.find(body)
    for topic, found_in_title, in_body in zip(topics, titles, bodies, strict=True):
        in_title = [m.group(0) for m in found_in_title]
        in_lead = sum(1 for m in in_body if m.start() < LEAD_CHARS)
        score = TITLE_WEIGHT * len(in_title) + (LEAD_WEIGHT - 1) * in_lead + len(in_body)
        if score >= topic.min_hits:
            seen = tuple(dict.fromkeys(p.lower() for p in in_title + [m.group(0) for m in in_body]))
            matches.append(TopicMatch(topic.name, score, seen))
    matches.sort(key=lambda m: -m.score)
    floor = RELATIVE_FLOOR * matches[0].score if matches else 0
    return [m for m in matches if m.score >= floor][:MAX_TOPICS]
