"""Contract: the Custom Store simulators (Web Shop Manager, Spark) conform to their spec under
generated traffic: never a 5xx, and status and content type as ``specs/customstore`` declares,
for valid requests and for invalid ones alike (a refusal is an XML 4xx)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    status_code_conformance,
)

SPEC = Path(__file__).resolve().parents[2] / "specs" / "customstore" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SPEC)
SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=30, deterministic=True
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          negative_data_rejection]  # fmt: skip


@pytest.mark.parametrize("channel", ["wsm", "spark"])
@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_custom_store_simulators_conform_to_their_spec(case, channel, request):
    client = request.getfixturevalue(channel)
    basic = base64.b64encode(":".join(client.auth).encode()).decode()
    response = case.call(
        base_url=client.running.base_url, headers={"Authorization": f"Basic {basic}"}
    )
    case.validate_response(response, checks=CHECKS)
