"""Contract: the Back Market simulator conforms to its own spec under generated traffic.

schemathesis generates valid and invalid requests for every operation of
``specs/backmarket/openapi.yaml``; each is sent over real HTTP. Whatever is sent, the answer
is never a 5xx, and status, content type, headers and body match what the spec declares.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SPEC = Path(__file__).resolve().parents[2] / "specs" / "backmarket" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SPEC)
SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=40, deterministic=True
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.sim_settings(rate_limit="per_token")  # every case from one address: the token's quota
def test_backmarket_simulator_conforms_to_its_spec(case, bm):
    token = bm.admin("POST", "/tokens", {"token": "contract", "quota": {"limit": 10**9}})
    assert token.status_code == 201
    response = case.call(base_url=bm.url, headers={"Authorization": "Basic contract"})
    case.validate_response(response, checks=CHECKS)
