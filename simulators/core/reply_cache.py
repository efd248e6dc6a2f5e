"""A cache of successful read responses, valid while the simulator's state does not change.

A ``GET`` answered 200 for one exact request (path, query, the headers the operation declares,
credential, host) is kept together with the state version it was computed from. The same request
against the same version gets the same bytes without re-running validation and the handler: the
answer would be identical, because validation and the handler depend on nothing else. Any change
(an order edited, the clock moved, a reset) changes the version and empties the cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from simulators.core.request import HttpReply


class ReplyCache:
    """Bounded LRU of replies for one state version."""

    def __init__(self, capacity: int = 32) -> None:
        self.capacity = capacity
        self._version: Hashable = None
        self._entries: OrderedDict[Hashable, HttpReply] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: Hashable) -> HttpReply | None:
        """The reply cached for ``key`` at ``version``, if any."""
        if version != self._version:
            self._entries.clear()
            self._version = version
        reply = self._entries.get(key)
        if reply is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return reply

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, key: Hashable, version: Hashable, reply: HttpReply) -> None:
        """Keep ``reply`` for ``key`` if ``version`` is still the current one."""
        if version != self._version:
            return
        self._entries[key] = reply
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
