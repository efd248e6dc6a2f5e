"""The vocabulary of fault kinds a rule can inject: each kind is one object, with its
parameters, its documentation (the class docstring, which scenario authors read in the
generated docs) and its effect.

A kind says *what happens* to a request that a fault rule picked (``faults.py`` says *which*
requests). It returns an :mod:`effect <simulators.core.effects>` that the shell carries out;
an effect that answers asks the channel for the body, so a Back Market fault looks like a Back
Market error and a SOAP channel's like a SOAP fault. A new kind is one class in the module of
its theme, added to :data:`FAULT_KINDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from simulators.core.fault_kinds.channel_answers import ExpiredToken, RateLimit, SoapFault, Status
from simulators.core.fault_kinds.kind import FaultKind, FaultKindError, Stage
from simulators.core.fault_kinds.raw_answers import Empty, EmptyError, TextError, WafBlock
from simulators.core.fault_kinds.transport import Delay, DropConnection, Malformed, Truncate

__all__ = ("FAULT_KINDS", "FaultKind", "FaultKindError", "Stage")

#: Every kind by name, in the order they are documented.
FAULT_KINDS: Mapping[str, FaultKind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            Status(),
            RateLimit(),
            ExpiredToken(),
            SoapFault(),
            Delay(),
            DropConnection(),
            Empty(),
            EmptyError(),
            TextError(),
            WafBlock(),
            Malformed(),
            Truncate(),
        )
    }
)
