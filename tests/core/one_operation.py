"""A spec of one operation (``GET``/``POST /things``, operationId ``things``), compiled as the
thin REST dispatch compiles a channel's operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connexion.resolver import Resolver

from simulators.core.protocols.rest_operations import CompiledOperation, compile_operations
from simulators.core.validation import FieldParameterValidator


def compiled(
    operation: dict[str, Any],
    handler: Callable[..., Any],
    *,
    method: str = "get",
    strict_validation: bool = False,
) -> CompiledOperation:
    """``operation`` (its operationId set to ``things``) compiled with ``handler``."""
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {method: {**operation, "operationId": "things"}}},
    }
    resolver = Resolver(function_resolver=lambda _name: handler)
    operations = compile_operations(
        spec, resolver, FieldParameterValidator, strict_validation=strict_validation
    )
    return operations["things"]
