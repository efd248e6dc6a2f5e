"""One simulator as an ASGI app: the shell, its channel's protocol app and its control app."""

from __future__ import annotations

from simulators.core.context import SimContext
from simulators.core.control_app import build_control_app
from simulators.core.middleware import ChannelShell


def build_app(ctx: SimContext, *, validate_responses: bool = False) -> ChannelShell:
    """The app of one simulator, ready for any ASGI server; the registry line's protocol
    builds the part that answers the channel's operations."""
    protocol_app = ctx.protocol.build_app(ctx, validate_responses=validate_responses)
    return ChannelShell(ctx, protocol_app, build_control_app(ctx))
