"""What can go wrong between the engine and a channel, as the merchant is told about it.

Adapters turn a channel's refusal into a :class:`ChannelProblem` with a ``code`` a scenario can
check and an actionable ``message`` ("... — issue a new token in the back office and
reconnect"). The engine never lets one escape as a traceback: a problem that stops a whole run
becomes the store's status; a problem with one order becomes an engine error on that order.
"""

from __future__ import annotations

from dataclasses import dataclass


class ChannelProblem(Exception):
    """A refusal or failure of the channel, explained for the merchant."""

    #: Codes that stop the whole run (the store is disconnected until the merchant acts or
    #: the channel recovers); any other code concerns one order only.
    STORE_WIDE = frozenset(
        {"token_expired", "token_revoked", "unauthorized", "forbidden", "unavailable",
         "rate_limited", "unreadable", "wrong_url"}
    )  # fmt: skip

    def __init__(
        self, code: str, message: str, *, status: int | None = None, final: bool = False
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        #: Sending again can never succeed (e.g. the order was shipped on the channel
        #: already): the engine drops the notification instead of retrying it.
        self.final = final

    @property
    def store_wide(self) -> bool:
        """Whether this problem stops the run rather than one order."""
        return self.code in self.STORE_WIDE


@dataclass(frozen=True)
class EngineError:
    """One problem the engine met, kept on the store for the merchant (and for checks)."""

    at: str
    action: str
    code: str
    message: str
    order: str | None = None
    status: int | None = None
