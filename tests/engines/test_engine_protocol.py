"""The engine protocol itself: the example service conforms to specs/engine/openapi.yaml under
generated traffic, chansim's clock callback moves the virtual clock and refuses nonsense, and
an engine that breaks the protocol is the scenario's error naming the call, not a crash."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_headers_conformance

from harness.cli import main
from harness.engines.clock_callback import ClockCallback
from harness.engines.interface import EngineFailure
from harness.engines.library_run import LIBRARY, run_library
from harness.engines.loading import url_factory
from harness.runner.execution.results import ERROR
from simulators.core.clock import Clock
from tests.generated_traffic import checks, generated

SCHEMA = generated("engine", max_examples=25)
CHECKS = checks(response_headers_conformance)


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_example_engine_service_conforms_to_the_engine_protocol(
    case: Any, naive_service: str
) -> None:
    response = case.call(base_url=naive_service)
    case.validate_response(response, checks=CHECKS)


def test_chansim_contract_checks_an_engine_service(naive_service: str, capsys: Any) -> None:
    code = main(["contract", "--spec", "engine", "--base-url", naive_service, "--allow-writes",
                 "--max-examples", "3"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    operations = [
        op["operationId"]
        for item in SCHEMA.raw_schema["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    ]
    assert operations
    for name in operations:
        assert f"ok   {name} " in out, name
    assert "0 failure(s) in" in out.splitlines()[-1]


def test_the_clock_callback_moves_the_virtual_clock_and_refuses_nonsense() -> None:
    clock = Clock(datetime(2026, 3, 10, 12, tzinfo=UTC), frozen=True)

    class Time:
        def now(self) -> datetime:
            return clock.now()

        def sleep(self, seconds: float) -> None:
            clock.advance(seconds)

    callback = ClockCallback(Time())
    try:
        assert requests.get(callback.url, timeout=5).json() == {"now": "2026-03-10T12:00:00+00:00"}
        moved = requests.post(callback.url, json={"sleep": 30}, timeout=5)
        assert moved.json() == {"now": "2026-03-10T12:00:30+00:00"}
        for body in ({"sleep": -1}, {"sleep": "30"}, {"wait": 30}, {"sleep": 10**9}):
            refused = requests.post(callback.url, json=body, timeout=5)
            assert refused.status_code == 400, body
            assert "sleep" in refused.json()["detail"]
        assert clock.now() == datetime(2026, 3, 10, 12, 0, 30, tzinfo=UTC)
    finally:
        callback.stop()


def test_an_engine_answering_outside_the_protocol_is_the_scenarios_error(
    naive_service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.engines import http_client

    real = http_client.HttpEngine.refresh

    def broken(self: http_client.HttpEngine, store: str) -> Any:
        self._call("GET", "/sessions/nowhere/stores/x", None)  # 404 from the service
        return real(self, store)

    monkeypatch.setattr(http_client.HttpEngine, "refresh", broken)
    run = run_library(
        {"http": url_factory(naive_service)}, [LIBRARY / "ultracart" / "happy_path.yaml"]
    )["http"]
    result = run.scenarios[0]
    assert result.status == ERROR
    assert [(f.check, f.line) for f in result.failures] == [("engine", 15)]  # the first import
    assert result.failures[0].message.startswith(
        "the engine answered GET /sessions/nowhere/stores/x with HTTP 404"
    )


def test_an_engine_service_that_is_not_there_is_said_so() -> None:
    with pytest.raises(EngineFailure, match=r"no engine service at http://127\.0\.0\.1:9"):
        url_factory("http://127.0.0.1:9")
