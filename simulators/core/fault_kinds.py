"""The vocabulary of fault kinds a rule can inject, each with its parameters and meaning.

A kind says *what happens* to a request that a fault rule picked (see ``faults.py`` for *which*
requests). The docstring of each kind is what scenario authors read in the generated docs.
Kinds are protocol-agnostic: a kind that answers with an error asks the channel for the body, so
a Back Market fault looks like a Back Market error and an UltraCart fault like a SOAP fault.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType


class Stage(Enum):
    """When a kind acts on the request."""

    #: Answers instead of the channel (the channel's code never runs).
    REPLACE = "replace"
    #: Waits, then lets the channel answer.
    BEFORE = "before"
    #: Lets the channel answer, then damages the answer on the way out.
    AFTER = "after"


@dataclass(frozen=True)
class FaultKind:
    """A named effect: its stage, the parameters it needs and its documentation."""

    name: str
    stage: Stage
    required: tuple[str, ...]
    optional: tuple[str, ...]
    doc: str


def fault_kind(
    stage: Stage, *, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> Callable[[Callable[[], None]], FaultKind]:
    """Make the decorated function's name and docstring a fault kind."""

    def make(fn: Callable[[], None]) -> FaultKind:
        return FaultKind(fn.__name__, stage, required, optional, (fn.__doc__ or "").strip())

    return make


@fault_kind(Stage.REPLACE, required=("status",), optional=("code", "message", "headers"))
def status() -> None:
    """Answer with HTTP ``status`` and the channel's own error body for it.

    ``code`` and ``message`` override what goes in the body; ``headers`` adds response headers.
    Example: ``{operation: get-ws-list-order, status: 503, times: 1}``.
    """


@fault_kind(Stage.REPLACE, optional=("retry_after", "message"))
def rate_limit() -> None:
    """Answer 429 Too Many Requests with ``Retry-After: <retry_after>`` (seconds, default 10).

    The body is the channel's rate-limit error. Example: ``{kind: rate_limit, retry_after: 30}``.
    """


@fault_kind(Stage.REPLACE, optional=("message",))
def expired_token() -> None:
    """Answer exactly as the channel does for an expired credential, whatever was sent.

    Example: ``{kind: expired_token, nth: 3}`` — the third call finds its token expired.
    """


@fault_kind(Stage.BEFORE, required=("delay_ms",))
def delay() -> None:
    """Wait ``delay_ms`` milliseconds of real time, then answer normally (client timeouts)."""


@fault_kind(Stage.REPLACE)
def drop() -> None:
    """Close the connection without sending a byte (the client sees a connection error)."""


@fault_kind(Stage.REPLACE)
def empty() -> None:
    """Answer 200 with an empty body (e.g. ShipStation's "Root element is missing")."""


@fault_kind(Stage.AFTER)
def malformed() -> None:
    """Let the channel answer, then send a syntactically broken body with the same status."""


@fault_kind(Stage.AFTER)
def truncate() -> None:
    """Let the channel answer, then close the connection half-way through the body."""


#: Every kind by name, in the order they are documented.
FAULT_KINDS: Mapping[str, FaultKind] = MappingProxyType(
    {
        k.name: k
        for k in (status, rate_limit, expired_token, delay, drop, empty, malformed, truncate)
    }
)
