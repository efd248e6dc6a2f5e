"""The ``chansim`` subcommands, one module each; and when the garbage collector resumes."""

from __future__ import annotations

import gc

#: The collector's thresholds while serving (CPython's default is 700, 10, 10). A request
#: leaves no cyclic garbage (its objects go by reference counting), so every collection
#: under load finds nothing, yet a full one walks every order of every store: with 10,000
#: orders in one channel, 40-90 ms during which no channel answers (a p99 of 37-76 ms on
#: another channel's pages; 9-11 ms with these thresholds, RSS the same). Collections stay
#: on, rarer: cyclic garbage (a rare failure's traceback, say) is still freed.
SERVING_THRESHOLDS = (50_000, 20, 100)


def resume_collection(*, serving: bool = False) -> None:
    """The command has started: the cyclic garbage collector, paused by ``harness.cli.main``
    for the start-up, runs again. When ``serving`` (a process that serves requests until
    stopped, ``chansim serve``; not a command a test runs in its own process), what start-up
    built (modules, specs, simulators: kept until exit) is first moved out of its reach
    (``gc.freeze``), so its later collections walk only what came after, and collections
    come at :data:`SERVING_THRESHOLDS`."""
    if serving:
        gc.freeze()
        gc.set_threshold(*SERVING_THRESHOLDS)
    gc.enable()
