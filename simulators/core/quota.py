"""Request quotas per credential on the virtual clock (fixed window, then a block).

Back Market's WAF, for example, blocks a client for 10 s once it sends more than 200 requests
in 10 s. A :class:`Quota` models exactly that: ``limit`` requests per ``window`` seconds; the
request over the limit starts a block of ``block`` seconds, during which every request is refused
with the seconds left (what goes in ``Retry-After``).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    """At most ``limit`` requests per ``window`` seconds; over it, ``block`` seconds refused."""

    limit: int
    window: float
    block: float

    @classmethod
    def from_json(cls, data: dict[str, float]) -> Quota:
        """Build from ``{limit, window_seconds, block_seconds}``."""
        limit = int(data["limit"])
        window = float(data.get("window_seconds", 10))
        block = float(data.get("block_seconds", window))
        if limit < 1 or window <= 0 or block < 0:
            raise ValueError("quota needs limit >= 1, window_seconds > 0 and block_seconds >= 0")
        return cls(limit, window, block)

    def to_json(self) -> dict[str, float]:
        """The JSON form accepted by :meth:`from_json`."""
        return {"limit": self.limit, "window_seconds": self.window, "block_seconds": self.block}


@dataclass
class _Window:
    start: float
    count: int
    blocked_until: float = 0.0


class QuotaBook:
    """Counts requests per key (credential) and says when to refuse."""

    #: Past this many keys, windows that ended (and blocks that expired) are forgotten, so a
    #: long run with many client addresses keeps only the live ones.
    PRUNE_AT = 1_024

    def __init__(self) -> None:
        self._windows: dict[str, _Window] = {}
        self._lock = threading.Lock()
        self._longest = 0.0

    def hit(self, key: str, quota: Quota, now: float) -> int | None:
        """Count one request; return the whole seconds to wait when it must be refused."""
        with self._lock:
            window = self._windows.get(key)
            if window is None or now - window.start >= quota.window:
                if window is not None and now < window.blocked_until:
                    return math.ceil(window.blocked_until - now)
                if window is None and len(self._windows) >= self.PRUNE_AT:
                    self._prune(now)
                window = self._windows[key] = _Window(start=now, count=0)
            self._longest = max(self._longest, quota.window)
            if now < window.blocked_until:
                return math.ceil(window.blocked_until - now)
            window.count += 1
            if window.count > quota.limit:
                window.blocked_until = now + quota.block
                window.count = 0
                window.start = now
                return max(1, math.ceil(quota.block))
            return None

    def _prune(self, now: float) -> None:
        """Forget the windows no quota still counts in and no block still holds."""
        self._windows = {
            key: w
            for key, w in self._windows.items()
            if now - w.start < self._longest or now < w.blocked_until
        }

    def __len__(self) -> int:
        return len(self._windows)

    def clear(self) -> None:
        """Forget every count and block."""
        with self._lock:
            self._windows.clear()
