"""The adapter interface: what the engine asks of a channel, and how to find a channel's adapter.

An adapter is a real client of the channel's real API. It is given a connection (credentials,
region, base URL) and an :class:`~harness.channels.http.Http`; it never imports
``simulators``, so the same code runs against a simulator, a sandbox or production.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import requests

from harness.channels.http import Http, HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Notification, Order


@dataclass(frozen=True)
class NotificationPolicy:
    """Which shipment fields the channel receives (the help article's table).

    ``status_update``: the order is marked shipped; ``item_info``: per-item details (for Back
    Market, the IMEI or serial number).
    """

    status_update: bool
    tracking_number: bool
    carrier: bool
    service: bool
    carrier_fee: bool
    notes_to_buyer: bool
    item_info: bool


@dataclass(frozen=True)
class ImportWindow:
    """The import window: orders modified from ``since`` (inclusive) to ``until``.

    Both are aware instants; ``zone`` is the store's timezone, for channels whose API takes
    local times.
    """

    since: datetime
    until: datetime
    zone: Any


@dataclass(frozen=True)
class Fetched:
    """One order read from the channel: its canonical form and the channel's own record."""

    order: Order
    raw: Mapping[str, Any]


class ChannelAdapter(ABC):
    """One channel, seen from the platform."""

    #: The registry name (``specs/channels.yaml``).
    name: ClassVar[str]
    #: The channel's name as merchants know it.
    title: ClassVar[str]
    policy: ClassVar[NotificationPolicy]
    #: The connection form's status fields as the platform pre-fills them.
    default_status_map: ClassVar[Mapping[str, str]]
    #: Credential fields the connection form asks for.
    credential_fields: ClassVar[tuple[str, ...]]
    #: The one of them the channel issues and can expire, revoke or reissue (a token, an API
    #: key, a password); the others (a user name, a merchant id) stay when it changes.
    secret_field: ClassVar[str]
    #: Whether the next import window starts where the last one ended on the platform's
    #: clock (True), rather than at the newest change the last import saw in the channel's
    #: own dates (False, the default: a channel clock behind the platform's loses nothing).
    window_on_platform_clock: ClassVar[bool] = False

    @classmethod
    def check_connection(cls, connection: Connection) -> None:
        """Refuse a connection form the channel cannot use (ConnectionFormError naming the
        field); called when the store is connected, before any request."""
        missing = [f for f in cls.credential_fields if not connection.credentials.get(f)]
        if missing:
            raise ConnectionFormError(f"credentials: {', '.join(missing)} required")
        spaced = [k for k, v in connection.credentials.items() if v != v.strip() or " " in v]
        if spaced:
            raise ConnectionFormError(
                f"credentials.{spaced[0]}: contains spaces or a line break (a bad paste?)"
            )
        unknown = sorted(set(connection.credentials) - set(cls.credential_fields))
        if unknown:
            raise ConnectionFormError(
                f"credentials: unknown field {unknown[0]!r}; {cls.title} asks for "
                f"{', '.join(cls.credential_fields)}"
            )

    def __init__(self, connection: Connection, http: Http) -> None:
        missing = [f for f in self.credential_fields if not connection.credentials.get(f)]
        if missing:
            raise ChannelProblem(
                "unauthorized",
                f"{self.title} connection lacks {', '.join(missing)} — fill in the connection form",
            )
        self.connection = connection
        self.http = http

    @abstractmethod
    def fetch_orders(self, window: ImportWindow) -> Iterator[Fetched]:
        """Every order of the window, page after page."""

    def acknowledge(self, fetched: Fetched) -> None:  # noqa: B027 - optional step
        """Tell the channel the platform took the order (nothing by default)."""

    def fetch_order(self, key: str) -> Fetched:
        """One order by its key (to retry its acknowledgement outside the import window)."""
        raise ChannelProblem("unsupported", f"{self.title}: orders cannot be read one by one")

    @abstractmethod
    def notify(self, notification: Notification) -> None:
        """Send a shipment notification."""

    @abstractmethod
    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        """The channel's refusal in the merchant's terms, with what to do about it."""

    @staticmethod
    @abstractmethod
    def received_notification(call: Mapping[str, Any]) -> dict[str, Any] | None:
        """What the channel received, read from one journal entry of the simulator.

        Returns the notification's fields under the platform's names (``order``,
        ``tracking_number``, ``carrier``, ...) for a successful notification call; None for
        any other call. Scenario checks compare notifications through this.
        """

    @staticmethod
    def summarize_body(body: Any) -> str | None:
        """A few words for an answer's body in failure reports (``code: message``, "2
        result(s)"), read from a journal entry; None to show the body itself."""
        return None

    def call(self, action: str, method: str, url: str, **kwargs: Any) -> Any:
        """Send through :attr:`http` and decode the JSON answer; a failure is explained in the
        channel's terms."""
        try:
            return self.http.json(method, url, **kwargs)
        except HttpFailure as failure:
            raise self.explain(failure, action) from None

    def read(
        self,
        action: str,
        method: str,
        url: str,
        decode: Callable[[requests.Response], Any],
        **kwargs: Any,
    ) -> Any:
        """Send through :attr:`http` (``Http.read``) and return ``decode(response)``; a failure
        is explained in the channel's terms."""
        try:
            return self.http.read(method, url, decode, **kwargs)
        except HttpFailure as failure:
            raise self.explain(failure, action) from None

    def send(self, action: str, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send through :attr:`http` and return the 2xx response for the adapter to decode
        (XML, SOAP, text); a failure is explained in the channel's terms."""
        try:
            response: requests.Response = self.http.send(method, url, **kwargs)
        except HttpFailure as failure:
            raise self.explain(failure, action) from None
        return response


def adapter_class(name: str) -> type[ChannelAdapter]:
    """The adapter of channel ``name``: ``harness.channels.<name>.ADAPTER``."""
    try:
        module = importlib.import_module(f"harness.channels.{name}")
    except ModuleNotFoundError:
        raise LookupError(f"no adapter for channel {name!r} (harness/channels/{name}.py)") from None
    adapter: type[ChannelAdapter] = module.ADAPTER
    return adapter
