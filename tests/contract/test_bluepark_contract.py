"""Contract: the Bluepark simulator conforms to its own spec under generated traffic.

schemathesis generates valid and invalid requests for every operation of
``specs/bluepark/openapi.yaml``; each is sent over real HTTP with the shop's API username and
key (HTTP Basic). Whatever is sent, the answer is never a 5xx, and status, content type,
headers and body match what the spec declares.
"""

from __future__ import annotations

import base64
from pathlib import Path

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

SPEC = Path(__file__).resolve().parents[2] / "specs" / "bluepark" / "openapi.yaml"
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
def test_bluepark_simulator_conforms_to_its_spec(case, bp):
    basic = base64.b64encode(f"{bp.username}:{bp.key}".encode()).decode()
    response = case.call(base_url=bp.url, headers={"Authorization": f"Basic {basic}"})
    case.validate_response(response, checks=CHECKS)
