"""What a wire protocol gives the shared machinery: a contract that names each request's
operation, and the app that serves it behind the shell.

A registry line names its protocol (``rest``, ``soap``, ``custom-store``, or the dotted path of a
module of one's own); the module exposes ``PROTOCOL``, an instance of :class:`Protocol`. The
shell (``middleware.py``) reads the whole body first, then asks the channel's :class:`Contract`
which operation the request is for, so a SOAP operation (SOAPAction, or the body's first
element) or a Custom Store action (``?action=export``) is named like a REST operationId. Fault
rules, the journal, quotas and the scenario ``calls`` check all use that one name.
"""

from __future__ import annotations

import importlib
import typing
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, runtime_checkable

from simulators.core.request import HttpReply, RequestInfo

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@runtime_checkable
class ReplyingApp(typing.Protocol):
    """A protocol app that can also answer in one call, returning the reply instead of
    sending it as ASGI messages the shell would capture and decode again."""

    async def reply(self, scope: Scope, receive: Receive, request: RequestInfo) -> HttpReply | None:
        """The reply to ``request`` (the shell has read it: operation, body, principal in
        the scope's ``chansim`` extension), or None for a request this app only answers
        as ASGI (the shell then calls it so)."""
        ...

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None: ...


#: The protocols chansim ships, by the short name a registry line uses.
BUILT_IN = MappingProxyType(
    {
        "rest": "simulators.core.protocols.rest",
        "soap": "simulators.core.protocols.soap",
        "custom-store": "simulators.core.protocols.custom_store",
    }
)


@dataclass(frozen=True)
class Operation:
    """The operation a request is for, as its contract names it.

    ``read_only``: answering changes nothing, so the shell may reuse an identical answer while
    the simulator's state is unchanged; ``vary``: the request headers (lower case) such an
    answer depends on, besides the credential.
    """

    name: str
    read_only: bool = False
    vary: tuple[str, ...] = ()


class Contract(ABC):
    """A channel's contract as the shell reads it (parsed once per simulator).

    It must be readable without the protocol's server libraries: ``chansim validate`` asks it
    for operation names to check fault rules.
    """

    @abstractmethod
    def operations(self) -> frozenset[str]:
        """Every operation name the contract describes."""

    @abstractmethod
    def identify(self, request: RequestInfo) -> Operation | None:
        """The operation of a request whose body has been read; None when none matches."""


class Protocol(ABC):
    """One wire protocol: how its contract is read and how its app is built."""

    #: The name a registry line uses.
    name: str

    @abstractmethod
    def contract(self, spec: Path) -> Contract:
        """Read a channel's contract file (OpenAPI, WSDL, ...)."""

    @abstractmethod
    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        """The ASGI app that answers the channel's operations, behind the shell.

        Heavy libraries (connexion, Spyne) are imported here, so a run that does not serve
        this protocol never loads them.
        """

    def malform(self, body: bytes) -> bytes:
        """A syntactically broken version of a body in this protocol's format."""
        return body[: max(1, len(body) // 2)] + b"\x00<!-- garbage"


def protocol_named(name: str) -> Protocol:
    """The protocol of a registry line: a built-in short name or a module's dotted path."""
    module = importlib.import_module(BUILT_IN.get(name, name))
    protocol: Protocol = module.PROTOCOL
    return protocol
