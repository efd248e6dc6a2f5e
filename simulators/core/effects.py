"""What a fault does to one request, in terms the shell carries out for any protocol.

A fault kind (``fault_kinds/``) turns its parameters into one of these effects; the shell
(``middleware.py``) applies it. Answers are rendered by the channel (its own error shape), so
the same effect is a JSON error on a REST channel and a SOAP fault on a SOAP one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulators.core.request import HttpReply


@dataclass(frozen=True)
class Answer:
    """Answer with ``reply`` instead of the channel (its code never runs)."""

    reply: HttpReply


@dataclass(frozen=True)
class Wait:
    """Wait ``seconds`` of real time, then let the channel answer."""

    seconds: float


@dataclass(frozen=True)
class Drop:
    """Close the connection without answering."""


@dataclass(frozen=True)
class Damage:
    """Let the channel answer, then send ``change(reply)`` instead."""

    change: Callable[[HttpReply], HttpReply]


@dataclass(frozen=True)
class Cut:
    """Let the channel answer, then close the connection half-way through the body."""


Effect = Answer | Wait | Drop | Damage | Cut
