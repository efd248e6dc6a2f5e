"""Fault kinds that act on the connection and the bytes: a delay, a dropped connection, a
broken or truncated body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from simulators.core.effects import Cut, Damage, Drop, Effect, Wait
from simulators.core.fault_kinds.kind import FaultKind, Stage, check_number

if TYPE_CHECKING:
    from simulators.core.channel import SimServices


class Delay(FaultKind):
    """Wait ``delay_ms`` milliseconds of real time, then answer normally (client timeouts)."""

    name = "delay"
    stage = Stage.BEFORE
    required = ("delay_ms",)

    def check(self, params: Mapping[str, Any]) -> None:
        check_number(params, "delay_ms", 0, 60_000)

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Wait(float(params["delay_ms"]) / 1000)


class DropConnection(FaultKind):
    """Close the connection without sending a byte (the client sees a connection error)."""

    name = "drop"
    stage = Stage.REPLACE

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Drop()


class Malformed(FaultKind):
    """Let the channel answer, then send a syntactically broken body with the same status."""

    name = "malformed"
    stage = Stage.AFTER

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        malform = ctx.protocol.malform
        return Damage(lambda reply: reply.with_body(malform(reply.body)))


class Truncate(FaultKind):
    """Let the channel answer, then close the connection half-way through the body."""

    name = "truncate"
    stage = Stage.AFTER

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Cut()
