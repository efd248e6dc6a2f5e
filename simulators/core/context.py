"""Everything one simulator instance owns: clock view, journal, faults, tokens, quotas, backend.

State belongs to a :class:`SimContext`, never to module globals; two contexts never share
orders. :meth:`SimContext.reset` rebuilds from the constructor's arguments, so a reset with the
same seed gives back exactly the seeded state (moto's "reset = rebuild").
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from simulators.core.channel import ChannelBackend, ChannelDefinition
from simulators.core.clock import ChannelClock, Clock
from simulators.core.faults import FaultBook
from simulators.core.journal import Journal
from simulators.core.protocol import protocol_named
from simulators.core.quota import QuotaBook
from simulators.core.registry import ChannelEntry, RegistryError
from simulators.core.reply_cache import ReplyCache
from simulators.core.tokens import TokenStore

#: What a reset replaces, restored as it was when the rebuild fails.
_REBUILT = (
    "seed", "state_name", "state_params", "settings", "epoch", "random", "faults", "tokens",
    "quotas", "replies", "backend", "generation",
)  # fmt: skip


def load_channel(entry: ChannelEntry) -> ChannelDefinition:
    """The simulator side of a registry line: ``CHANNEL`` of its package."""
    channel = importlib.import_module(entry.module).CHANNEL
    if not isinstance(channel, ChannelDefinition):
        raise RegistryError(f"{entry.module}.CHANNEL is not a ChannelDefinition")
    return channel


class SimContext:
    """One running simulator's state and services."""

    def __init__(
        self,
        entry: ChannelEntry,
        *,
        clock: Clock,
        seed: int = 0,
        state: str = "demo",
        state_params: Mapping[str, Any] | None = None,
        settings: Mapping[str, Any] | None = None,
        timezone: str = "UTC",
        skew: timedelta | str = "PT0S",
        journal_size: int = 5_000,
        epoch: datetime | None = None,
    ) -> None:
        self.entry = entry
        self.name = entry.name
        self.channel: ChannelDefinition = load_channel(entry)
        self.channel.states.get(state)  # fail early on an unknown state name
        #: The registry line's protocol: it reads the contract and builds the app.
        self.protocol = protocol_named(entry.protocol)
        #: The channel's contract, read once: the shell names each request's operation with it.
        self.contract = self.protocol.contract(entry.spec)
        #: Its operation names, so fault rules naming another operation are refused.
        self.operations = self.contract.operations()
        self.base_clock = clock
        self._clock_args = (timezone, skew)
        self.clock = ChannelClock(clock, timezone=timezone, skew=skew)
        self.journal = Journal(
            entry.name, journal_size, self.channel.secret_headers, self.channel.secret_fields
        )
        #: Data is generated relative to this instant, so a reset regenerates the same data
        #: (and two simulators given the same seed and epoch generate the same data).
        self.epoch: datetime = epoch or self.clock.now()
        self.generation = 0
        self.seed = seed
        self.state_name = state
        self.state_params: dict[str, Any] = dict(state_params or {})
        #: How the channel behaves where its real API varies (``check_settings``).
        self.settings: Mapping[str, Any] = self.channel.check_settings(settings or {})
        self._build()

    def _build(self) -> None:
        self.random = random.Random(self.seed)
        self.faults = FaultBook(self.seed, operations=self.operations)
        self.tokens = TokenStore()
        self.quotas = QuotaBook()
        #: Replies to repeated identical reads, valid for one ``version()``.
        self.replies = ReplyCache()
        self.backend: ChannelBackend = self.channel.build_backend(self)
        self.channel.states.get(self.state_name).apply(self.backend, self.state_params)
        self.generation += 1

    def reset(
        self,
        *,
        seed: int | None = None,
        state: str | None = None,
        state_params: Mapping[str, Any] | None = None,
        settings: Mapping[str, Any] | None = None,
        rebase: bool = False,
    ) -> None:
        """Rebuild everything from the constructor's arguments (or the new ones given).

        The journal is emptied (its sequence numbers go on); the shared clock is not moved,
        but this channel's timezone and skew go back to their starting values. ``rebase``
        regenerates data relative to the current instant instead of the original epoch;
        ``settings`` replace the channel's settings (kept when not given).
        All or nothing: when the new state cannot be built (unknown state, bad parameters),
        the simulator is left exactly as it was and the error is raised.
        """
        if state is not None:
            self.channel.states.get(state)
        checked = self.channel.check_settings(settings) if settings is not None else None
        saved = {k: getattr(self, k) for k in _REBUILT}
        if state is not None:
            self.state_name = state
            self.state_params = dict(state_params or {})
        elif state_params is not None:
            self.state_params = dict(state_params)
        if seed is not None:
            self.seed = seed
        if checked is not None:
            self.settings = checked
        if rebase:
            self.epoch = self.clock.now()
        try:
            self._build()
        except Exception:
            for key, value in saved.items():
                setattr(self, key, value)
            raise
        timezone, skew = self._clock_args
        self.clock.configure(timezone=timezone, skew=skew)
        self.journal.clear()

    def version(self) -> tuple[int, int, tuple[int, int]]:
        """Changes whenever anything a response may depend on changes."""
        return (self.generation, self.backend.version, self.clock.version)

    def now(self) -> datetime:
        """This channel's now (shared clock plus skew)."""
        return self.clock.now()

    def describe(self) -> dict[str, Any]:
        """The summary served by ``GET /__sim/state``."""
        now = self.now()
        return {
            "channel": self.name,
            "seed": self.seed,
            "state": self.state_name,
            "settings": self.settings,
            "epoch": self.epoch.isoformat(),
            "clock": self.clock.describe(),
            "backend": self.backend.summary(),
            "tokens": [t.to_json(now) for t in self.tokens.all()],
            "faults": [r.to_json() for r in self.faults.rules()],
            "reply_cache": {
                "entries": len(self.replies),
                "hits": self.replies.hits,
                "misses": self.replies.misses,
            },
            "journal": {
                "entries": len(self.journal),
                "last_seq": self.journal.last_seq,
                "dropped": self.journal.dropped,
                "capacity": self.journal.maxlen,
            },
        }
