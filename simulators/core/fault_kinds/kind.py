"""What every fault kind is: a name, a stage, its parameters, its docs and its effect."""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from simulators.core.effects import Answer, Effect
from simulators.core.errors import ChannelError

if TYPE_CHECKING:
    from simulators.core.channel import SimServices


class Stage(Enum):
    """When a kind acts on the request."""

    #: Answers instead of the channel (the channel's code never runs).
    REPLACE = "replace"
    #: Waits, then lets the channel answer.
    BEFORE = "before"
    #: Lets the channel answer, then damages the answer on the way out.
    AFTER = "after"


class FaultKindError(ValueError):
    """A parameter a kind cannot use; the message names it."""


class FaultKind(ABC):
    """A named effect: its stage, the parameters it takes, its documentation."""

    name: ClassVar[str]
    stage: ClassVar[Stage]
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()

    @property
    def doc(self) -> str:
        """The class docstring: what the kind does, for scenario authors."""
        return inspect.cleandoc(type(self).__doc__ or "")

    def check(self, params: Mapping[str, Any]) -> None:  # noqa: B027 - most kinds need none
        """Refuse parameters the effect could not use (FaultKindError naming the field)."""

    @abstractmethod
    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        """What happens to the request."""


def check_number(params: Mapping[str, Any], key: str, low: float, high: float) -> None:
    value = params.get(key)
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high
    ):
        raise FaultKindError(f"fault rule field '{key}' must be a number from {low:g} to {high:g}")


def check_text(params: Mapping[str, Any], *keys: str) -> None:
    for key in keys:
        if key in params and not isinstance(params[key], str):
            raise FaultKindError(f"fault rule field '{key}' must be a string")


def check_status(params: Mapping[str, Any], low: int = 400) -> None:
    """Refuse a ``status`` that is not an HTTP error status."""
    status = params.get("status")
    if status is not None and (
        isinstance(status, bool) or not isinstance(status, int) or not low <= status <= 599
    ):
        raise FaultKindError(f"fault rule field 'status' must be an HTTP error status {low}-599")


def channel_answer(error: ChannelError, params: Mapping[str, Any], ctx: SimServices) -> Answer:
    if "message" in params:
        error.message = str(params["message"])
    return Answer(ctx.channel.render_error(error))
