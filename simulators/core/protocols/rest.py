"""REST/JSON channels: an OpenAPI contract served by connexion behind the shell.

Connexion routes each request to the handler named by its ``operationId`` and validates it
against the spec; the handlers are methods of a per-app object (:meth:`RestChannel.handlers`).
A request the spec refuses is answered in the channel's own error shape
(:meth:`RestChannel.problem_error`), never with connexion's problem documents.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

from simulators.core.channel import ChannelDefinition, SimServices
from simulators.core.errors import ChannelError
from simulators.core.openapi import OpenApiContract, load_spec
from simulators.core.protocol import ASGIApp, Protocol
from simulators.core.request import HttpReply, RequestInfo


class RestChannel(ChannelDefinition):
    """A channel served from an OpenAPI spec: the REST-only hooks."""

    #: Refuse a query parameter the spec does not declare (400), rather than ignore it.
    strict_query: bool = False

    @abstractmethod
    def handlers(self, ctx: SimServices) -> object:
        """An object with one method per operationId (dashes become underscores)."""

    @abstractmethod
    def problem_error(self, status: int, detail: str, field: str | None = None) -> ChannelError:
        """Translate a spec-level refusal (validation, unknown route) into the channel's shape.

        ``field`` names the parameter or body field at fault, when validation knows it.
        """

    def error_reply(
        self, ctx: SimServices, request: RequestInfo | None, error: ChannelError
    ) -> HttpReply:
        """The reply to a refusal of the protocol app (a handler's or the spec's), for a
        channel whose error bodies depend on the operation or on its settings; by default
        :meth:`render_error`."""
        return self.render_error(error)


class RestProtocol(Protocol):
    """OpenAPI + connexion ``AsyncApp`` (measured 1.8x the requests/s of its ``FlaskApp``)."""

    name = "rest"

    def contract(self, spec: Path) -> OpenApiContract:
        return OpenApiContract(load_spec(spec))

    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        from simulators.core.protocols.rest_app import build_rest_app

        return build_rest_app(ctx, validate_responses=validate_responses)

    def malform(self, body: bytes) -> bytes:
        """JSON cut short and followed by bytes no JSON parser takes."""
        return body[: max(1, len(body) // 2)] + b"\x00<!-- garbage"


PROTOCOL = RestProtocol()
