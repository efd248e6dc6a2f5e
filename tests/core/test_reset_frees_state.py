"""A reset frees the state it replaces at once, by reference counting alone.

``chansim serve`` freezes what it built at start-up (``gc.freeze``), so the cyclic collector
never looks at the first state again: a backend caught in a reference cycle (a cache whose
builder holds the backend, say) would live as long as the process. And it runs the collector
rarely, so whatever a reset leaves in cycles (a store's Faker generators, say) piles up
between its passes: an hour of resets grew RSS by ~20 MB.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.registry import channel_entry, load_registry


@pytest.mark.parametrize("name", sorted(load_registry()))
def test_the_replaced_backend_is_freed_without_the_cyclic_collector(name: str) -> None:
    ctx = SimContext(channel_entry(name), clock=Clock("2026-03-10T12:00:00Z"), seed=0)
    backend = ctx.backend
    assert backend.admin_orders()  # every order's wire form is built and kept
    gone = weakref.ref(backend)
    del backend
    gc.disable()
    try:
        ctx.reset()
        assert gone() is None, f"{name}: the old backend is kept alive by a reference cycle"
    finally:
        gc.enable()


@pytest.mark.parametrize("name", sorted(load_registry()))
def test_a_reset_leaves_nothing_for_the_cyclic_collector(name: str) -> None:
    ctx = SimContext(channel_entry(name), clock=Clock("2026-03-10T12:00:00Z"), seed=0)
    assert ctx.backend.admin_orders()  # every order's wire form is built and kept
    gc.collect()
    gc.disable()
    try:
        ctx.reset()
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0, f"{name}: the reset left {left} objects in reference cycles"
