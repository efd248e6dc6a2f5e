"""The UltraCart side of the platform: serve's connection settings, what a run imports, the
connection form."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
import zeep

from harness.channels.ultracart import UltraCartAdapter
from harness.engine.connection import Connection, ConnectionFormError
from tests.test_cli_serve import CHANSIM, _wait_for

ROOT = Path(__file__).resolve().parents[2]


def test_serve_writes_the_endpoint_and_the_three_connection_fields(tmp_path):
    config = tmp_path / "channels.json"
    proc = subprocess.Popen(
        [*CHANSIM, "serve", "--only", "ultracart", "--random-ports", "--config-out", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        uc = _wait_for(config, proc)["ultracart"]
        assert set(uc) == {"url", "credentials"}
        assert set(uc["credentials"]) == {"merchant_id", "access_key", "distribution_center_code"}
        client = zeep.Client(uc["url"] + "?wsdl")  # type: ignore[no-untyped-call]
        creds = uc["credentials"]
        orders = client.service.getOrders(credentials={
            "merchantId": creds["merchant_id"], "accessKey": creds["access_key"],
            "distributionCenterCode": creds["distribution_center_code"],
        })  # fmt: skip
        assert len(orders) == 10, "the demo state queues 10 orders for DFLT"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert f"ultracart    {uc['url']}" in out
    assert "Traceback" not in err


def test_a_back_market_only_run_loads_no_soap_library():
    code = (
        "import sys; from harness.cli import main;"
        "status = main(['run', 'scenarios/backmarket/happy_path.yaml']);"
        "print('loaded:', [m for m in ('spyne', 'zeep') if m in sys.modules], status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert "loaded: [] 0" in done.stdout, done.stdout + done.stderr


def _form(**changes: object) -> Connection:
    fields: dict[str, object] = {
        "channel": "ultracart",
        "credentials": {
            "access_key": "k",
            "merchant_id": "DEMO",
            "distribution_center_code": "DFLT",
        },
        "base_url": "http://127.0.0.1:8105/",
        **changes,
    }
    return Connection(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"status_map": {"shipped": "CO"}}, "status_map.shipped: not supported by UltraCart"),
        ({"base_url": None}, "base_url: the UltraCart service URL is required"),
        ({"credentials": {"access_key": "k", "merchant_id": "DEMO"}}, "distribution_center_code"),
    ],
)
def test_the_connection_form_refuses_what_ultracart_cannot_use(changes, words):
    with pytest.raises(ConnectionFormError, match=words):
        UltraCartAdapter.check_connection(_form(**changes))
