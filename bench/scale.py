"""Scale: a full page in a store of one page against the same page among 10,000 orders.

For each channel: reset to one page of orders (50, or 100 for the Custom Store export and
UltraCart's queue), time distinct pages; reset to 10,000 orders (the
factory places them: timed), time the same pages, then walk the whole store as the
platform's client does (Back Market's ``next`` links, Bluepark's pages of 100, the Custom
Store export's pages of 100, UltraCart's fetch-and-acknowledge of at most 100).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bench.recipes import Recipe
from bench.tools import Served, admin, timed

LARGE, PAGES = 10_000, 200


@dataclass(frozen=True)
class Scale:
    """One channel's scale figures (ms, and the orders the walk saw)."""

    page_small_ms: float
    page_large_ms: float
    place_ms: float
    walk_ms: float
    walked: int

    @property
    def ratio(self) -> float:
        return self.page_large_ms / self.page_small_ms


def _pages_ms(served: Served, recipe: Recipe, count: int) -> tuple[float, float]:
    """Reset to ``count`` orders (timed); the mean ms of ``PAGES`` distinct pages."""
    root = served.root(recipe.channel)
    started = time.perf_counter()
    admin(root, "POST", "/reset", recipe.reset(count))
    placed = (time.perf_counter() - started) * 1000
    headers = {**recipe.headers(root), **recipe.page_headers}
    page = recipe.page(root)
    timed(root, [page(n) for n in range(20)], headers)  # warm: first-use imports, memos
    return placed, timed(root, [page(n) for n in range(20, 20 + PAGES)], headers)


def measure(served: Served, recipe: Recipe) -> Scale:
    """The scale figures of one channel (it ends with every order read, or acknowledged)."""
    _, small = _pages_ms(served, recipe, recipe.page_size)
    placed, large = _pages_ms(served, recipe, LARGE)
    root = served.root(recipe.channel)
    started = time.perf_counter()
    walked = recipe.walk(root, recipe.headers(root))
    walk = (time.perf_counter() - started) * 1000
    return Scale(small, large, placed, walk, walked)
