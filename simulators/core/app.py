"""One simulator as an ASGI app: the shell, its channel's protocol app and its control app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulators.core.context import SimContext
from simulators.core.control_app import build_control_app
from simulators.core.middleware import ChannelShell

if TYPE_CHECKING:
    from simulators.core.namespaces import Namespace, NamespaceBook


def build_app(
    ctx: SimContext,
    *,
    validate_responses: bool = False,
    book: NamespaceBook | None = None,
    namespace: Namespace | None = None,
) -> ChannelShell:
    """The app of one simulator, ready for any ASGI server; the registry line's protocol
    builds the part that answers the channel's operations. The default namespace's app
    holds the process's ``book`` of namespaces; a namespace's app names its ``namespace``."""
    protocol_app = ctx.protocol.build_app(ctx, validate_responses=validate_responses)
    control = build_control_app(ctx, book=book, namespace=namespace)
    return ChannelShell(ctx, protocol_app, control, book=book if namespace is None else None)
