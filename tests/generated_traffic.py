"""What the tests that send schemathesis' generated traffic to a server of ours share: the
spec read with valid and invalid requests, deterministically, and schemathesis' standard
checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

SPECS = Path(__file__).resolve().parents[1] / "specs"
#: Every check a server of ours must pass, in the order they are reported.
STANDARD_CHECKS: tuple[Callable[..., Any], ...] = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
)


def generated(spec: str, max_examples: int) -> OpenApiSchema:
    """``specs/<spec>/openapi.yaml`` generating positive and negative cases, deterministically."""
    schema = schemathesis.openapi.from_path(SPECS / spec / "openapi.yaml")
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=max_examples,
        deterministic=True,
    )
    return schema


def checks(*left_out: Callable[..., Any]) -> list[Callable[..., Any]]:
    """The standard checks but ``left_out`` (a spec that declares no response headers, say)."""
    return [check for check in STANDARD_CHECKS if check not in left_out]
