"""The ``chansim`` subcommands, one module each; and when the garbage collector resumes."""

from __future__ import annotations

import gc


def resume_collection(*, freeze: bool = False) -> None:
    """The command has started: the cyclic garbage collector, paused by ``harness.cli.main``
    for the start-up, runs again. With ``freeze``, what start-up built (modules, specs,
    simulators: kept until exit) is moved out of its reach first (``gc.freeze``), so its
    later collections walk only what came after; only for a process that started nothing
    else (``chansim serve``), not for a command a test runs in its own process."""
    if freeze:
        gc.freeze()
    gc.enable()
