"""Following RSS and Atom feeds: new items' pages into the corpus, then indexed.

The feeds are listed in indexer/data/feeds.toml (datafiles.feeds). Each run
fetches every feed (with the same safety as any fetch), takes its newest
`max_items` items, skips those already collected (adding.collected_addresses:
the item's link normalised is a sidecar's url, or is remembered to have led
to an article, after redirects say: such an item is not fetched again) and
adds the rest through adding.add_urls (one index run per feed with new items). An item's `source`
is its feed's name; its sidecar also records the feed's address (`feed`).
A feed that cannot be fetched or read is reported; the others go on.
`serve --follow-every MINUTES` runs the same thing in a background thread
(FollowSchedule).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import datafiles
from ..datafiles import Feed
from .adding import ADDED, FAILED, KNOWN, Outcome, add_urls, collected_addresses
from .fetch import FEED_TYPES, Fetched, FetchError, fetch
from .store import normalise_url

log = logging.getLogger(__name__)
FEED_ACCEPT = FEED_TYPES + ("text/html", "text/plain", "application/octet-stream")


@dataclass
class FeedResult:
    feed: Feed
    error: str | None = None  # the feed itself could not be read
    old: int = 0  # items already collected
    outcomes: list[Outcome] = field(default_factory=list)  # one per new item

    @property
    def added(self) -> int:
        return sum(1 for o in self.outcomes if o.status == ADDED)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    def summary(self) -> str:
        if self.error:
            return f"{self.feed.name}: {self.error}"
        failed = f", {len(self.failed)} failed" if self.failed else ""
        # (found collected after fetching: a redirect to, or a copy of, a collected page)
        known = self.old + sum(1 for o in self.outcomes if o.status == KNOWN)
        return f"{self.feed.name}: {self.added} new, {known} already collected{failed}"


def item_links(feed: Feed, page: Fetched) -> list[str]:
    """The links of the feed's newest items, or FetchError if it is not a feed."""
    import feedparser

    parsed = feedparser.parse(page.body, response_headers={"content-location": page.url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FetchError(f"{page.url}: not an RSS or Atom feed")
    links = []
    for entry in parsed.entries[: feed.max_items]:
        link = entry.get("link") or ""
        if link.startswith(("http://", "https://")) and link not in links:
            links.append(link)
    return links


def follow(
    corpus: Path,
    index_dir: Path,
    feeds: tuple[Feed, ...] | None = None,
    *,
    progress: bool = False,
    fetcher: Callable[..., Fetched] = fetch,
) -> list[FeedResult]:
    """One run over every feed: new items fetched, stored and indexed."""
    feeds = datafiles.feeds() if feeds is None else feeds
    known = collected_addresses(corpus, index_dir)
    results = []
    for feed in feeds:
        result = FeedResult(feed)
        results.append(result)
        try:
            links = item_links(feed, fetcher(feed.url, accept=FEED_ACCEPT))
        except FetchError as exc:
            result.error = str(exc)
            continue
        new = [link for link in links if normalise_url(link) not in known]
        result.old = len(links) - len(new)
        if new:
            result.outcomes = add_urls(
                corpus,
                index_dir,
                new,
                source=feed.name,
                feed=feed.url,
                progress=progress,
                fetcher=fetcher,
            )
            known.update({normalise_url(o.given): o.relpath or "" for o in result.outcomes})
    return results


class FollowSchedule:
    """`follow` every `minutes` in a daemon thread, until stopped."""

    def __init__(self, corpus: Path, index_dir: Path, minutes: float, feeds_file=None):
        self.corpus, self.index_dir = corpus, index_dir
        self.seconds = max(1.0, minutes * 60)
        self.feeds_file = feeds_file
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="follow-feeds")

    def start(self) -> FollowSchedule:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for result in follow(self.corpus, self.index_dir, datafiles.feeds(self.feeds_file)):
                    log.warning("follow: %s", result.summary())
            except Exception:  # a bad feeds file or a full disk: say so, try again later
                log.exception("follow: the run failed")
            self._stop.wait(self.seconds)
