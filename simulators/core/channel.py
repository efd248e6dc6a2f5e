"""What a channel package provides to the shared machinery, and the backend base class.

A channel lives in ``simulators/channels/<name>/`` and exposes ``CHANNEL``, an instance of a
:class:`ChannelDefinition` subclass. The shared machinery (shell, control plane, server) talks
to a channel only through this interface, so it never names one. It holds what every protocol
needs; a protocol's own hooks live on its base class (``protocols/rest.py``: ``RestChannel``).

Channels and protocols see their simulator through :class:`SimServices`, the part of
``context.SimContext`` they use, so this module does not import the context (which imports it).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from random import Random
from typing import TYPE_CHECKING, Any, Protocol

from simulators.core.clock import ChannelClock
from simulators.core.errors import ChannelError
from simulators.core.journal import Journal
from simulators.core.quota import QuotaBook
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.settings import SettingBook
from simulators.core.tokens import TokenStore
from simulators.core.wire_forms import WireForms

if TYPE_CHECKING:
    from simulators.core.protocol import Contract
    from simulators.core.protocol import Protocol as WireProtocol


class SimServices(Protocol):
    """One running simulator as its channel and protocol see it (``context.SimContext``)."""

    name: str
    seed: int
    #: The channel's settings as checked by :meth:`ChannelDefinition.check_settings`.
    settings: Mapping[str, Any]
    random: Random
    epoch: datetime
    clock: ChannelClock
    journal: Journal
    tokens: TokenStore
    quotas: QuotaBook
    backend: ChannelBackend
    channel: ChannelDefinition
    protocol: WireProtocol
    contract: Contract

    def now(self) -> datetime:
        """This channel's now."""
        ...


class ChannelBackend(ABC):
    """A channel's data and rules, plain Python; every mutation must call :meth:`touch`."""

    def __init__(self, ctx: SimServices) -> None:
        self.ctx = ctx
        self.version = 0
        #: The orders' cached wire forms, when the backend keeps them (``wire_forms.py``).
        self.forms: WireForms[Any, Any, Any] | None = None

    def touch(self, *changed: Any) -> None:
        """Record that state changed (responses cached for the old state are stale).

        ``changed`` names the orders that changed, so only their cached wire forms are
        rebuilt; with none named, any order may have changed.
        """
        self.version += 1
        if self.forms is not None:
            self.forms.forget(*changed)

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
    """The simulator side of one channel, whatever its protocol."""

    #: Registry name, e.g. ``backmarket``.
    name: str
    #: Named starting states.
    states: StateBook
    #: Whether a read-only operation's answer depends only on the request (path, query, the
    #: headers the operation varies with, credential, host, scheme) and the state version, so
    #: the shell may reuse it. A channel whose reads depend on anything else (e.g. the live
    #: clock) must set this to False.
    cacheable_reads: bool = True
    #: Header names (lower case) that carry credentials: masked in the journal.
    secret_headers: frozenset[str] = frozenset({"authorization"})
    #: Where this simulator may behave one way or another (``settings.py``).
    offered_settings: SettingBook = SettingBook()
    #: Query parameters, JSON keys and XML element names (local) that carry credentials:
    #: their values are masked wherever the journal shows them.
    secret_fields: frozenset[str] = frozenset()

    @abstractmethod
    def build_backend(self, ctx: SimServices) -> ChannelBackend:
        """A fresh backend for ``ctx`` (empty: states fill it)."""

    def credential_of(self, request: RequestInfo) -> str | None:
        """The credential carried by the request (used by fault rules and quotas)."""
        return None

    @abstractmethod
    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        """Edge rules before any handler: WAF, quotas, authentication. Sets ``principal``."""

    @abstractmethod
    def render_error(self, error: ChannelError) -> HttpReply:
        """The channel's real wire shape for an error (JSON, XML, a SOAP fault envelope)."""

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
    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        """The platform connection-form fields and the URL a merchant would paste."""

    def explain(self, error: ChannelError) -> str:
        """A refusal in words, for the control plane's problem documents."""
        return error.message

    def check_settings(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """A simulator's settings (``/__sim/reset`` ``settings``, a scenario's
        ``simulator.settings``, ``chansim serve --setting``), checked and with defaults filled
        in; ValueError naming the setting when one is unknown or its value is not offered."""
        return self.offered_settings.check(self.name, given)
