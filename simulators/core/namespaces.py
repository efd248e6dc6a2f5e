"""Namespaces: independent sets of simulators behind one deployment's ports.

A ``chansim serve`` process answers each channel on its port for the *default* namespace,
exactly as before. ``POST /__sim/namespaces`` builds another set: one :class:`SimContext`
per channel of the process, from the same registry lines and options, sharing a clock of
their own. Its channels answer under ``/__ns/<id>`` on the same ports (``http://host:8102/
__ns/<id>/api/v1`` for Bluepark), and its control plane under ``/__ns/<id>/__sim`` needs the
namespace's key. Nothing is shared between namespaces: orders, clock, faults, tokens,
journal, quotas, reply cache.

Namespaces are capped in number; each journal is bounded and its orders capped (the control
plane refuses more). One idle longer than ``idle_seconds`` of *real* time (its virtual clock
may stand still for a whole run) is deleted the next time the book is consulted.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simulators.core.clock import Clock, elapsed

if TYPE_CHECKING:
    from simulators.core.middleware import ChannelShell


@dataclass(frozen=True)
class NamespaceLimits:
    """What one deployment lets namespaces take."""

    #: Namespaces alive at once (the default namespace is not counted).
    max_namespaces: int = 8
    #: Orders in one channel of a namespace; the control plane refuses placements beyond.
    max_orders: int = 10_000
    #: Journal entries kept per channel of a namespace (the oldest are dropped), as many as
    #: the default namespace keeps: a scenario resets its journal, and uses far fewer.
    journal_size: int = 5_000
    #: Real seconds without a request after which a namespace is deleted.
    idle_seconds: float = 900.0


class NamespaceError(Exception):
    """A namespace request the book refuses; ``status`` is its HTTP status."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class Namespace:
    """One set of simulators: its id, control key, clock and one shell per channel."""

    id: str
    key: str
    label: str
    clock: Clock
    journal_size: int
    max_orders: int
    shells: dict[str, ChannelShell] = field(default_factory=dict)
    created: float = field(default_factory=elapsed)
    last_used: float = field(default_factory=elapsed)

    @property
    def prefix(self) -> str:
        """The path in front of its channels' paths: ``/__ns/<id>``."""
        return f"/__ns/{self.id}"

    def idle(self) -> float:
        """Real seconds since its last request."""
        return elapsed() - self.last_used

    def describe(self, *, listed: bool = False) -> dict[str, Any]:
        """What its own control plane shows; ``listed``: what ``GET /__sim/namespaces`` shows
        to anyone with the deployment's token (never the key, nor the id: with the id and the
        seeded credentials, one pipeline could call another's channels)."""
        where = {} if listed else {"id": self.id, "prefix": self.prefix}
        return {
            **where,
            "label": self.label,
            "channels": sorted(self.shells),
            "age_seconds": round(elapsed() - self.created, 3),
            "idle_seconds": round(self.idle(), 3),
            "orders": {n: s.ctx.backend.summary().get("orders") for n, s in self.shells.items()},
            "journal": {n: len(s.ctx.journal) for n, s in self.shells.items()},
        }


#: Builds the shell of one channel for a namespace (the server knows the channel's options).
ShellBuilder = Callable[[str, Namespace], "ChannelShell"]


class NamespaceBook:
    """The namespaces of one process, shared by its channels' shells.

    ``token`` is the deployment's control token: when set, the default namespace's
    ``/__sim`` (creating and listing namespaces included) needs it.
    """

    def __init__(
        self,
        channels: Sequence[str],
        build: ShellBuilder,
        *,
        limits: NamespaceLimits | None = None,
        token: str | None = None,
    ) -> None:
        self.channels = tuple(channels)
        self.build = build
        self.limits = limits or NamespaceLimits()
        self.token = token
        #: Each channel's listening port, filled in once bound (for the URLs handed out).
        self.ports: dict[str, int] = {}
        self._live: dict[str, Namespace] = {}

    def sweep(self) -> None:
        """Delete every namespace idle for longer than the limit."""
        limit = self.limits.idle_seconds
        for ns_id in [n.id for n in self._live.values() if n.idle() > limit]:
            del self._live[ns_id]

    def check_room(self) -> None:
        """Refuse (429) when the book holds its maximum of live namespaces."""
        self.sweep()
        if len(self._live) >= self.limits.max_namespaces:
            raise NamespaceError(
                429,
                f"this deployment holds its maximum of {self.limits.max_namespaces} namespaces; "
                f"delete one (DELETE /__ns/<id>/__sim/namespace) or wait until one has been "
                f"idle for {self.limits.idle_seconds:g} s",
            )

    def build_namespace(self, label: str = "") -> Namespace:
        """A new namespace in every channel of the process, each in its starting state, not
        yet reachable: it touches no live state, so it may be built off the event loop."""
        namespace = Namespace(
            id=secrets.token_hex(8),  # unguessable: the URLs are the only way in
            key=secrets.token_urlsafe(24),
            label=label,
            clock=Clock(),
            journal_size=self.limits.journal_size,
            max_orders=self.limits.max_orders,
        )
        namespace.shells = {name: self.build(name, namespace) for name in self.channels}
        return namespace

    def register(self, namespace: Namespace) -> Namespace:
        """Make a built namespace reachable (checking the cap again); its idle time starts."""
        self.check_room()
        namespace.last_used = elapsed()
        self._live[namespace.id] = namespace
        return namespace

    def find(self, ns_id: str) -> Namespace | None:
        """The live namespace ``ns_id`` (its idle time starts again), or None when it never
        existed, was deleted or has expired."""
        namespace = self._live.get(ns_id)
        if namespace is None:
            return None
        if namespace.idle() > self.limits.idle_seconds:
            del self._live[ns_id]
            return None
        namespace.last_used = elapsed()
        return namespace

    def delete(self, ns_id: str) -> bool:
        """Forget a namespace; False when there was none."""
        return self._live.pop(ns_id, None) is not None

    def all(self) -> list[Namespace]:
        """The live namespaces, oldest first."""
        self.sweep()
        return sorted(self._live.values(), key=lambda n: n.created)
