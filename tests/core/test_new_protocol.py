"""A protocol the core has never heard of plugs in without a change to the core: its requests
are journaled and faulted by operation, and its control plane resets and moves the clock."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from simulators.core.clock import Clock
from simulators.core.registry import ChannelEntry
from simulators.core.server import ChannelOptions, SimulatorGroup

TOY = "tests.core.toy_protocol"


@pytest.fixture(scope="module")
def toy():
    entry = ChannelEntry("toy", "Toy", TOY, Path(__file__), 0, module=TOY)
    group = SimulatorGroup(
        [entry],
        clock=Clock("2026-03-10T12:00:00Z", frozen=True),
        options={"toy": ChannelOptions(port=0)},
    )
    with group:
        yield group.channels["toy"].base_url


def _post(url: str, xml: str) -> requests.Response:
    return requests.post(url + "/service", data=xml, headers={"Content-Type": "text/xml"})


def test_requests_are_journaled_by_the_operation_their_body_names(toy):
    requests.post(toy + "/__sim/reset", json={})
    assert _post(toy, "<ping/>").status_code == 200
    assert _post(toy, "<echo>hi</echo>").text.startswith("<echo-reply")
    assert _post(toy, "<unknown/>").status_code == 200
    entries = requests.get(toy + "/__sim/journal").json()["entries"]
    assert [e["operation"] for e in entries] == ["ping", "echo", None]
    assert entries[1]["response_body"].startswith("<echo-reply")  # XML shown as text


def test_fault_rules_fire_by_operation_in_the_channel_shape(toy):
    requests.post(toy + "/__sim/reset", json={})
    added = requests.post(toy + "/__sim/faults", json={"operation": "echo", "status": 503})
    assert added.status_code == 201, added.text
    assert _post(toy, "<ping/>").status_code == 200
    faulted = _post(toy, "<echo>x</echo>")
    assert faulted.status_code == 503
    assert faulted.text == "<error code='toy-503'>toy error</error>"
    rules = requests.get(toy + "/__sim/faults").json()
    assert [(r["matched"], r["fired"]) for r in rules] == [(1, 1)]
    refused = requests.post(toy + "/__sim/faults", json={"operation": "pong", "status": 503})
    assert refused.status_code == 400
    assert "ping" in refused.json()["detail"] and "echo" in refused.json()["detail"]


def test_control_plane_resets_and_moves_the_clock(toy):
    _post(toy, "<ping/>")
    reset = requests.post(toy + "/__sim/reset", json={"seed": 3})
    assert reset.status_code == 200
    assert reset.json()["seed"] == 3
    assert requests.get(toy + "/__sim/orders").json() == [{"seen": []}]
    assert requests.get(toy + "/__sim/journal").json()["entries"] == []
    moved = requests.post(toy + "/__sim/clock", json={"advance": "PT2H"}).json()
    assert moved["now"] == "2026-03-10T14:00:00+00:00"
    assert "at='2026-03-10T14:00:00+00:00'" in _post(toy, "<ping/>").text


def test_a_hostile_body_is_journaled_as_text_never_expanded(toy):
    requests.post(toy + "/__sim/reset", json={})
    hostile = '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><ping>&a;</ping>'
    _post(toy, hostile)
    entry = requests.get(toy + "/__sim/journal").json()["entries"][0]
    assert entry["operation"] is None  # the contract refuses to read it
    assert entry["body"] == hostile
