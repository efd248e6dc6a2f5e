"""The checker of each protocol (one module each), chosen by the target's protocol."""

from __future__ import annotations

import importlib
from types import MappingProxyType

from harness.contract.redact import Redactor
from harness.contract.results import SpecResult
from harness.contract.target import Target, TargetError

#: Protocol name -> the module whose ``check`` checks a server speaking it.
MODULES = MappingProxyType(
    {
        "rest": "harness.contract.rest",
        "soap": "harness.contract.soap",
        "custom-store": "harness.contract.custom_store",
    }
)


def check(
    target: Target, *, max_examples: int, deadline: float | None, writes: bool, redact: Redactor
) -> SpecResult:
    """Check one target with its protocol's checker."""
    if target.protocol not in MODULES:
        raise TargetError(f"{target.spec}: no contract checker for protocol {target.protocol!r}")
    module = importlib.import_module(MODULES[target.protocol])
    result: SpecResult = module.check(
        target, max_examples=max_examples, deadline=deadline, writes=writes, redact=redact
    )
    return result
