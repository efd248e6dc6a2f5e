"""Contract: the Custom Store simulators (Web Shop Manager, Spark) conform to their spec under
generated traffic: never a 5xx, and status and content type as ``specs/customstore`` declares,
for valid requests and for invalid ones alike (a refusal is an XML 4xx)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    response_headers_conformance,
    response_schema_conformance,
)

from tests.generated_traffic import checks, generated

SCHEMA = generated("customstore", max_examples=30)
CHECKS = checks(response_headers_conformance, response_schema_conformance)


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
