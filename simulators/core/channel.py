"""What a channel package provides to the shared machinery, and the backend base class.

A channel lives in ``simulators/channels/<name>/`` and exposes ``CHANNEL``, an instance of a
:class:`ChannelDefinition` subclass. The shared machinery (shell, admin API, server) talks to a
channel only through this interface, so it never names one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply, RequestInfo

if TYPE_CHECKING:
    from simulators.core.context import SimContext


class ChannelBackend(ABC):
    """A channel's data and rules, plain Python; every mutation must call :meth:`touch`."""

    def __init__(self, ctx: SimContext) -> None:
        self.ctx = ctx
        self.version = 0

    def touch(self) -> None:
        """Record that state changed (responses cached for the old state are stale)."""
        self.version += 1

    @abstractmethod
    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Create orders as buyers would (control plane), all or none; returns the wire view."""

    @abstractmethod
    def generate_orders(self, count: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Create ``count`` realistic orders from the seeded factory."""

    @abstractmethod
    def admin_orders(self) -> list[dict[str, Any]]:
        """Every order, in the channel's wire shape."""

    @abstractmethod
    def admin_order(self, order_ref: str) -> dict[str, Any]:
        """One order by id or number; ChannelError 404 when unknown."""

    @abstractmethod
    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Change an order as the merchant's back office would."""

    def summary(self) -> dict[str, Any]:
        """Counts for ``GET /__sim/state``."""
        return {"orders": len(self.admin_orders())}


#: A named starting state: fills a fresh backend. Its docstring is scenario documentation.
StateFn = Callable[[ChannelBackend, Mapping[str, Any]], None]


@dataclass(frozen=True)
class NamedState:
    """A starting state a scenario (or ``chansim serve --state``) can ask for by name."""

    name: str
    apply: StateFn
    doc: str


class StateBook:
    """The named starting states of one channel, registered with :meth:`state`."""

    def __init__(self) -> None:
        self._states: dict[str, NamedState] = {}

    def state(self, name: str) -> Callable[[StateFn], StateFn]:
        """Register the decorated function as the starting state ``name``."""

        def register(fn: StateFn) -> StateFn:
            self._states[name] = NamedState(name, fn, (fn.__doc__ or "").strip())
            return fn

        return register

    def get(self, name: str) -> NamedState:
        """The state ``name``, or a ChannelError listing the known ones."""
        if name not in self._states:
            known = ", ".join(sorted(self._states))
            raise KeyError(f"unknown starting state {name!r}; known: {known}")
        return self._states[name]

    def names(self) -> list[str]:
        """Every state name."""
        return sorted(self._states)


class ChannelDefinition(ABC):
    """The simulator side of one channel."""

    #: Registry name, e.g. ``backmarket``.
    name: str
    #: Named starting states.
    states: StateBook
    #: Whether a GET answer depends only on the request (path, query, declared headers,
    #: credential, host, scheme) and the state version, so the shell may reuse it. A channel
    #: whose reads depend on anything else (e.g. the live clock) must set this to False.
    cacheable_reads: bool = True
    #: Header names (lower case) that carry credentials: masked in the journal.
    secret_headers: frozenset[str] = frozenset({"authorization"})

    @abstractmethod
    def build_backend(self, ctx: SimContext) -> ChannelBackend:
        """A fresh backend for ``ctx`` (empty: states fill it)."""

    @abstractmethod
    def handlers(self, ctx: SimContext) -> object:
        """An object with one method per operationId (dashes become underscores)."""

    def credential_of(self, request: RequestInfo) -> str | None:
        """The credential carried by the request (used by fault rules and quotas)."""
        return None

    @abstractmethod
    def gate(self, ctx: SimContext, request: RequestInfo) -> ChannelError | None:
        """Edge rules before any handler: WAF, quotas, authentication. Sets ``principal``."""

    @abstractmethod
    def render_error(self, error: ChannelError) -> HttpReply:
        """The channel's real wire shape for an error."""

    @abstractmethod
    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        """The error the channel gives with this HTTP status (used by ``status`` faults)."""

    @abstractmethod
    def expired_token_error(self) -> ChannelError:
        """The channel's answer to an expired credential."""

    @abstractmethod
    def rate_limit_error(self, retry_after: int) -> ChannelError:
        """The channel's answer when a client is over its quota."""

    @abstractmethod
    def problem_error(self, status: int, detail: str, field: str | None = None) -> ChannelError:
        """Translate a spec-level refusal (validation, unknown route) into the channel's shape.

        ``field`` names the parameter or body field at fault, when validation knows it.
        """

    @abstractmethod
    def credentials(self, ctx: SimContext, base_url: str) -> dict[str, Any]:
        """The platform connection-form fields and the URL a merchant would paste."""

    def malform(self, body: bytes) -> bytes:
        """A syntactically broken version of a body (``malformed`` faults)."""
        return body[: max(1, len(body) // 2)] + b"\x00<!-- garbage"
