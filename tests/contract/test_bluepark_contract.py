"""Contract: the Bluepark simulator conforms to its own spec under generated traffic.

schemathesis generates valid and invalid requests for every operation of
``specs/bluepark/openapi.yaml``; each is sent over real HTTP with the shop's API username and
key (HTTP Basic). Whatever is sent, the answer is never a 5xx, and status, content type,
headers and body match what the spec declares.
"""

from __future__ import annotations

import base64

from hypothesis import HealthCheck, settings

from tests.generated_traffic import checks, generated

SCHEMA = generated("bluepark", max_examples=40)
CHECKS = checks()


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_bluepark_simulator_conforms_to_its_spec(case, bp):
    basic = base64.b64encode(f"{bp.username}:{bp.key}".encode()).decode()
    response = case.call(base_url=bp.url, headers={"Authorization": f"Basic {basic}"})
    case.validate_response(response, checks=CHECKS)
