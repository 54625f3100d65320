"""A cache bounded by the memory its values take, for arrays of one index generation.

Decoding a common word's posting list from Whoosh's pickled blocks takes
tens of milliseconds at 100,000 articles, and a search's match set is asked
for again by every page, facet click and sort change of the same query. Both
are kept here, least recently used first out, within a byte budget, in the
slot of the index generation they were computed from (search/snapshot.py),
so they can never outlive the index state they describe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class ByteBudgetLRU:
    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict = OrderedDict()  # key -> (value, size)
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key, value, size: int) -> None:
        if size > self.budget:
            return  # larger than the whole cache: not worth evicting everything for
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._items[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used = 0
