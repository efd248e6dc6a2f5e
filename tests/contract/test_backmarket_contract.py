"""Contract: the Back Market simulator conforms to its own spec under generated traffic.

schemathesis generates valid and invalid requests for every operation of
``specs/backmarket/openapi.yaml``; each is sent over real HTTP. Whatever is sent, the answer
is never a 5xx, and status, content type, headers and body match what the spec declares.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.generated_traffic import checks, generated

SCHEMA = generated("backmarket", max_examples=40)
CHECKS = checks()


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.sim_settings(rate_limit="per_token")  # every case from one address: the token's quota
def test_backmarket_simulator_conforms_to_its_spec(case, bm):
    token = bm.admin("POST", "/tokens", {"token": "contract", "quota": {"limit": 10**9}})
    assert token.status_code == 201
    response = case.call(base_url=bm.url, headers={"Authorization": "Basic contract"})
    case.validate_response(response, checks=CHECKS)
