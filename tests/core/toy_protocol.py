"""A toy second protocol and channel, written outside the core as a newcomer would add one.

The protocol is a WSGI app that answers XML; a request's operation is the name of its body's
root element (``<ping/>``, ``<echo>..</echo>``), as a SOAP operation is named by its body.
Registered with a ChannelEntry whose ``protocol`` and ``module`` are this module's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from simulators.core.channel import ChannelBackend, ChannelDefinition, SimServices, StateBook
from simulators.core.errors import ChannelError
from simulators.core.protocol import ASGIApp, Contract, Operation, Protocol
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.safe_xml import XmlRefused, parse
from simulators.core.wsgi import WsgiBridge

_OPERATIONS = frozenset({"ping", "echo"})


class ToyContract(Contract):
    def operations(self) -> frozenset[str]:
        return _OPERATIONS

    def identify(self, request: RequestInfo) -> Operation | None:
        try:
            name = str(parse(request.body).tag)
        except XmlRefused:
            return None
        return Operation(name) if name in _OPERATIONS else None


def _wsgi(ctx: SimServices) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        root = parse(environ["wsgi.input"].read())
        backend = ctx.backend
        assert isinstance(backend, ToyBackend)
        backend.seen.append(str(root.tag))
        body = f"<{root.tag}-reply at='{ctx.now().isoformat()}'>{escape(root.text or '')}"
        start_response("200 OK", [("Content-Type", "text/xml")])
        return [f"{body}</{root.tag}-reply>".encode()]

    return app


class ToyProtocol(Protocol):
    name = __name__

    def contract(self, spec: Path) -> Contract:
        return ToyContract()

    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        return WsgiBridge(_wsgi(ctx))


class ToyBackend(ChannelBackend):
    def __init__(self, ctx: SimServices) -> None:
        super().__init__(ctx)
        self.seen: list[str] = []

    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return []

    def generate_orders(self, count: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
        return []

    def admin_orders(self) -> list[dict[str, Any]]:
        return [{"seen": list(self.seen)}]

    def admin_order(self, order_ref: str) -> dict[str, Any]:
        raise ChannelError(404, "unknown", f"no order {order_ref}")

    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        raise ChannelError(404, "unknown", f"no order {order_ref}")


STATES = StateBook()


@STATES.state("demo")
def demo(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """Nothing seen yet."""


class ToyChannel(ChannelDefinition):
    name = "toy"
    states = STATES

    def build_backend(self, ctx: SimServices) -> ChannelBackend:
        return ToyBackend(ctx)

    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        return None

    def render_error(self, error: ChannelError) -> HttpReply:
        body = f"<error code='{error.code}'>{escape(error.message)}</error>".encode()
        return HttpReply.of(error.status, body, "text/xml", error.headers)

    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        return ChannelError(status, f"toy-{status}", message or "toy error")

    def expired_token_error(self) -> ChannelError:
        return ChannelError(401, "expired", "expired")

    def rate_limit_error(self, retry_after: int) -> ChannelError:
        return ChannelError(
            429, "slow-down", "slow down", headers={"Retry-After": str(retry_after)}
        )

    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        return {"url": base_url, "credentials": {}}


PROTOCOL = ToyProtocol()
CHANNEL = ToyChannel()
