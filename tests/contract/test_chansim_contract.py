"""``chansim contract`` against real simulators on loopback ports (every channel's spec passing
is tested with the compose ``contract`` command, tests/test_ci_examples.py): the control plane
passes, a reply broken on purpose is reported with its operation, credentials
never reach a report, plain HTTP to another host is refused, and a server that is not a
simulator only gets reads."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
import requests

from harness.cli import main
from simulators.core.clock import Clock
from simulators.core.protocol import protocol_named
from simulators.core.registry import SPECS_DIR, channel_entry, load_registry
from simulators.core.server import ChannelOptions, SimulatorGroup

T0 = "2026-03-10T12:00:00+00:00"
#: One operation per channel, broken by a fault rule in the test that proves failures show.
BROKEN = {"backmarket": "get-ws-specific-order", "bluepark": "get-order", "wsm": "export",
          "spark": "export", "ultracart": "postShipments"}  # fmt: skip


@pytest.fixture(scope="module")
def group() -> Iterator[SimulatorGroup]:
    names = list(load_registry())
    options = {name: ChannelOptions(port=0) for name in names}
    sims = SimulatorGroup(
        [channel_entry(n) for n in names], clock=Clock(T0, frozen=True), options=options
    )
    with sims:
        yield sims


def _config(group: SimulatorGroup) -> dict[str, dict[str, object]]:
    """What ``chansim serve --config-out`` writes for these simulators."""
    return {
        name: requests.get(f"{ch.base_url}/__sim/credentials", timeout=5).json()
        for name, ch in group.channels.items()
    }


def _operations(name: str) -> set[str]:
    entry = channel_entry(name)
    return set(protocol_named(entry.protocol).contract(entry.spec).operations()) - {"wsdl"}


def _flags(credentials: dict[str, str]) -> list[str]:
    return [f for k, v in credentials.items() for f in ("--credential", f"{k}={v}")]


def test_the_control_plane_passes_its_contract(group, capsys):
    url = group.channels["backmarket"].base_url
    code = main(["contract", "--spec", "admin", "--base-url", f"{url}/__sim",
                 "--max-examples", "3"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    for name in _admin_operations():
        assert f"ok   {name} " in out
    assert "0 failure(s) in" in out.splitlines()[-1]
    requests.post(f"{url}/__sim/reset", json={"seed": 0, "state": "demo"}, timeout=5)


def _admin_operations() -> list[str]:
    import yaml

    spec = yaml.safe_load((SPECS_DIR / "admin" / "openapi.yaml").read_text())
    return [op["operationId"] for item in spec["paths"].values() for op in item.values()
            if isinstance(op, dict) and "operationId" in op]  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_reply_broken_by_a_fault_rule_fails_naming_its_operation(group, name, tmp_path, capsys):
    entry = _config(group)[name]
    sim = group.channels[name].base_url
    rule = {"operation": BROKEN[name], "kind": "malformed"}
    assert requests.post(f"{sim}/__sim/faults", json=rule, timeout=5).status_code == 201
    try:
        code = main(["contract", "--spec", name, "--base-url", str(entry["url"]),
                     "--max-examples", "4", "--json", str(tmp_path / "c.json"),
                     *_flags(entry["credentials"])])  # type: ignore[arg-type]  # fmt: skip
    finally:
        requests.delete(f"{sim}/__sim/faults", timeout=5)
    out = capsys.readouterr().out
    assert code == 1
    assert f"FAIL {BROKEN[name]} " in out
    failed = {
        op["operation"]
        for op in json.loads((tmp_path / "c.json").read_text())["specs"][0]["operations"]
        if op["failures"]
    }
    assert failed == {BROKEN[name]}


def test_credentials_never_appear_in_any_output(group, tmp_path, capsys, monkeypatch):
    config = _config(group)
    token = str(config["backmarket"]["credentials"]["token"])  # type: ignore[index]
    bp = config["bluepark"]["credentials"]
    basic = base64.b64encode(f"{bp['api_username']}:{bp['api_key']}".encode()).decode()  # type: ignore[index]
    for name in ("backmarket", "bluepark"):  # failures print requests and answers
        rule = {"operation": BROKEN[name], "kind": "malformed"}
        answer = requests.post(
            f"{group.channels[name].base_url}/__sim/faults", json=rule, timeout=5
        )
        assert answer.status_code == 201
    monkeypatch.setenv("CHANSIM_CREDENTIAL_TOKEN", token)
    try:
        codes = [
            main(["contract", "--spec", "backmarket", "--base-url",
                  str(config["backmarket"]["url"]), "--max-examples", "2",
                  "--junit", str(tmp_path / "bm.xml"),
                  "--json", str(tmp_path / "bm.json")]),
            main(["contract", "--spec", "bluepark", "--base-url", str(config["bluepark"]["url"]),
                  "--max-examples", "2", "--junit", str(tmp_path / "bp.xml"),
                  "--json", str(tmp_path / "bp.json"), *_flags(bp)]),  # type: ignore[arg-type]
        ]  # fmt: skip
    finally:
        for name in ("backmarket", "bluepark"):
            requests.delete(f"{group.channels[name].base_url}/__sim/faults", timeout=5)
    captured = capsys.readouterr()
    assert codes == [1, 1]  # the broken replies were reported …
    texts = [captured.out, captured.err] + [p.read_text() for p in tmp_path.iterdir()]
    assert "FAIL" in captured.out
    for secret in (token, str(bp["api_key"]), basic):  # type: ignore[index]
        assert not any(secret in text for text in texts)  # … without a credential


def test_plain_http_to_another_host_is_refused_before_anything_is_sent(capsys):
    code = main(["contract", "--spec", "backmarket", "--base-url", "http://sandbox.example.com",
                 "--credential", "token=s3cret-value"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "refusing plain HTTP to sandbox.example.com" in err and "--allow-insecure" in err
    assert "s3cret-value" not in err


def _journal_methods(base_url: str, since: int) -> set[str]:
    journal = requests.get(f"{base_url}/__sim/journal", params={"since": since}, timeout=5).json()
    return {e["method"] for e in journal["entries"]}


def test_a_server_that_is_not_a_simulator_only_gets_reads_unless_writes_are_allowed(
    group, monkeypatch, capsys
):
    monkeypatch.setattr("harness.contract.target.is_simulator", lambda url: False)
    entry = _config(group)["backmarket"]
    sim = group.channels["backmarket"].base_url
    args = ["contract", "--spec", "backmarket", "--base-url", str(entry["url"]),
            "--max-examples", "2", *_flags(entry["credentials"])]  # type: ignore[arg-type]  # fmt: skip
    since = requests.get(f"{sim}/__sim/journal", timeout=5).json()["last_seq"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert _journal_methods(sim, since) == {"GET"}
    assert "SKIP update-ws-specific-order" in out and "read-only" in out
    since = requests.get(f"{sim}/__sim/journal", timeout=5).json()["last_seq"]
    assert main([*args, "--allow-writes"]) == 0
    assert "POST" in _journal_methods(sim, since)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--spec", "backmarket"], "--spec needs --base-url"),
        ([], "either --target FILE, or --spec NAME"),
        (["--spec", "nope", "--base-url", "http://127.0.0.1:1"], "unknown channel 'nope'"),
        (["--spec", "backmarket", "--base-url", "http://127.0.0.1:1", "--credential", "token"],
         "--credential takes KEY=VALUE"),
    ],
)  # fmt: skip
def test_usage_mistakes_are_explained(args, message, capsys):
    assert main(["contract", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_credential_is_named_for_a_real_server(group, capsys, monkeypatch):
    monkeypatch.delenv("CHANSIM_CREDENTIAL_TOKEN", raising=False)
    monkeypatch.setattr("harness.contract.target.is_simulator", lambda url: False)
    url = group.channels["backmarket"].base_url
    assert main(["contract", "--spec", "backmarket", "--base-url", url]) == 2
    assert "needs the credential 'token'" in capsys.readouterr().err


def test_a_simulator_lends_its_credentials_and_api_path(group, tmp_path, capsys):
    # compose/target.json names each server's root only, without credentials.
    bluepark = group.channels["bluepark"].base_url
    target = tmp_path / "t.json"
    target.write_text(json.dumps({"bluepark": {"url": bluepark}}))
    code = main(["contract", "--target", str(target), "--max-examples", "2"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"bluepark (rest) at {bluepark}/api/v1" in out


def test_a_time_bound_stops_sending_and_reports_what_was_not_reached(group, capsys):
    url = group.channels["backmarket"].base_url
    code = main(["contract", "--spec", "backmarket", "--base-url", url, "--max-time", "0.000001"])
    out = capsys.readouterr().out
    assert code == 0  # nothing failed; what was not reached is said so
    assert out.count("(time bound reached)") == 4
