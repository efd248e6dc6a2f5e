"""Regression tests for the fixes made after the code review of harness/.

Each test pins one fixed behaviour and fails if the fix is reverted: a scenario that crashes
is an ERROR and the run (and its reports) go on; instants and durations out of range are
reported at their line; Retry-After dates and unreachable channels; reports stay identical
from run to run; checks that could pass vacuously are refused; a journal that dropped calls is
reported; ``-k`` globs; target files of the wrong shape; JUnit with control characters;
connection forms refused at connect; identifiers only for single-unit orders; an order that
loses its address is kept. Runs are in process (the session ``world`` or ``run_files``),
except where the command line itself is the point, and then ``main`` is called in process.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from harness.channels.http import Http, HttpFailure, RetryPolicy, retry_after_seconds
from harness.cli import main
from harness.engine.engine import Engine, ImportResult
from harness.engine.model import Shipment
from harness.engine.store import Store
from harness.runner.context import RunContext, StepError
from harness.runner.control import ChannelControl
from harness.runner.loader import load_scenario
from harness.runner.reports import json_report, junit
from harness.runner.results import ERROR, FAILED, PASSED, RunResult, ScenarioResult
from harness.runner.run import run_files, run_scenario, select
from harness.runner.world import InProcessWorld, VirtualTime
from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.harness.conftest import T0, connect

ROOT = Path(__file__).resolve().parents[2]
BACKMARKET = ROOT / "scenarios" / "backmarket"
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
VALID_IMEI = "356938035643809"  # Luhn check digit correct
UPDATE = "update-ws-specific-order"


# -- helpers ----------------------------------------------------------------------------------
def _line_of(text: str, fragment: str) -> int:
    """The 1-based line of the one line of ``text`` containing ``fragment``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} is on lines {hits}"
    return hits[0]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(world: InProcessWorld, path: Path) -> ScenarioResult:
    """One scenario file run against the session's simulators."""
    return run_scenario(load_scenario(path), world)


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """``chansim validate path`` in process: exit code, the problem lines, stderr."""
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    problems = [row for row in out.splitlines() if row.startswith(f"{path}:")]
    return code, problems, err


def _without_durations(data: Any) -> Any:
    """``data`` with every ``duration_ms`` key removed, at any depth."""
    if isinstance(data, dict):
        return {k: _without_durations(v) for k, v in data.items() if k != "duration_ms"}
    if isinstance(data, list):
        return [_without_durations(v) for v in data]
    return data


def _crash_first_refresh(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the engine's first ``refresh`` raise RuntimeError (later ones work); the names of
    the stores refreshed, crashed or not."""
    original = Engine.refresh
    refreshed: list[str] = []

    def refresh(self: Engine, store: Store) -> ImportResult:
        refreshed.append(store.name)
        if len(refreshed) == 1:
            raise RuntimeError("refresh blew up")
        return original(self, store)

    monkeypatch.setattr(Engine, "refresh", refresh)
    return refreshed


# -- 1. an unexpected exception is an ERROR of its scenario; the run goes on -----------------
CRASHES_AT_IMPORT = """\
name: The engine crashes at import
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - advance_clock: PT1M
  - import: backmarket
expect:
  imported: {backmarket: [1001]}
"""

IMPORTS_AFTER_A_CRASH = """\
name: The next scenario imports as usual
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 2001}
steps:
  - import: backmarket
expect:
  imported: {backmarket: [2001]}
"""


def test_an_unexpected_exception_is_an_internal_error_and_the_next_scenario_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashing = _write(tmp_path, "a_crash.yaml", CRASHES_AT_IMPORT)
    fine = _write(tmp_path, "b_fine.yaml", IMPORTS_AFTER_A_CRASH)
    refreshed = _crash_first_refresh(monkeypatch)

    run = run_files([crashing, fine])

    assert refreshed == ["backmarket", "backmarket"], "the second scenario ran its import"
    crashed, passed = run.scenarios
    line = _line_of(CRASHES_AT_IMPORT, "- import:")
    assert crashed.status == ERROR
    (failure,) = crashed.failures
    assert (failure.check, failure.line) == ("internal", line)
    assert f"chansim failed at line {line}: RuntimeError: refresh blew up" in failure.message
    assert [s.step for s in crashed.steps] == ["advance_clock"], "no step after the crash ran"
    assert passed.status == PASSED, passed.failures
    assert not run.ok


def test_run_writes_junit_and_json_into_missing_folders_when_a_scenario_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    crashing = _write(tmp_path, "a_crash.yaml", CRASHES_AT_IMPORT)
    fine = _write(tmp_path, "b_fine.yaml", IMPORTS_AFTER_A_CRASH)
    xml_path = tmp_path / "out" / "junit" / "sub" / "j.xml"
    json_path = tmp_path / "out" / "json" / "sub" / "r.json"
    _crash_first_refresh(monkeypatch)

    code = main(
        ["run", str(crashing), str(fine), "--junit", str(xml_path), "--json", str(json_path)]
    )

    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in err
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert [s["status"] for s in report["scenarios"]] == [ERROR, PASSED]
    assert report["scenarios"][0]["failures"][0]["check"] == "internal"
    suite = ET.parse(xml_path).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    error = suite.findall("testcase")[0].find("error")
    assert error is not None and error.get("type") == "internal"
    assert "RuntimeError: refresh blew up" in (error.get("message") or "")


# -- 2. instants and durations out of range are reported at their line ------------------------
def _timed_scenario(clock: str, first_import: str, advance: str) -> str:
    return f"""\
name: Odd instants and durations
clock: {clock}
channels:
  backmarket:
    connection: {{first_import: {first_import}}}
steps:
  - import: backmarket
  - advance_clock: {advance}
"""


@pytest.mark.parametrize(
    ("clock", "first_import", "advance", "fragment", "says"),
    [
        (
            "9999-03-10T00:00:00Z",
            "P30D",
            "PT1H",
            "clock: 9999",
            "clock: 9999-03-10T00:00:00Z is outside the virtual clock's range (1970-2200)",
        ),
        ("2026-03-10T12:00:00Z", "P30D", ".inf", "advance_clock:", "not a usable duration"),
        ("2026-03-10T12:00:00Z", "P30D", ".nan", "advance_clock:", "not a usable duration"),
        (
            "2026-03-10T12:00:00Z",
            "P30D",
            "100000000000000",
            "advance_clock:",
            "not a usable duration",
        ),
        (
            "2026-03-10T12:00:00Z",
            "P800000D",
            "PT1H",
            "first_import:",
            "first_import: 'P800000D' is longer than 100 years",
        ),
    ],
    ids=["clock-9999", "advance-inf", "advance-nan", "advance-1e14-s", "first-import-P800000D"],
)
def test_validate_reports_instants_and_durations_out_of_range_at_their_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: str,
    first_import: str,
    advance: str,
    fragment: str,
    says: str,
) -> None:
    text = _timed_scenario(clock, first_import, advance)
    path = _write(tmp_path, "timed.yaml", text)

    code, problems, err = _validate(path, capsys)

    assert code == 1
    (problem,) = problems
    assert problem.startswith(f"{path}:{_line_of(text, fragment)}: "), problem
    assert says in problem
    assert "Traceback" not in err


# -- 3. Retry-After, and an unreachable channel named by its path -----------------------------
@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30.0),
        (" 30 ", 30.0),
        ("Tue, 10 Mar 2026 12:00:45 -0000", 45.0),
        ("Tue, 10 Mar 2026 12:01:00 GMT", 60.0),
        ("Tue, 10 Mar 2026 13:00:00 +0100", 0.0),  # 12:00 UTC: now
        ("Tue, 10 Mar 2026 12:00:30", 30.0),  # no zone: UTC
        ("Tue, 10 Mar 2026 11:00:00 GMT", 0.0),  # past: no wait
        ("²", None),
        ("soon", None),
        ("Tue, 10", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_seconds_or_an_http_date_read_as_utc_and_garbage_is_none(
    value: str | None, seconds: float | None
) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_an_unreachable_channel_is_named_by_its_path_never_its_host_and_port() -> None:
    http = Http(sleep=lambda _s: None, now=lambda: NOW, policy=RetryPolicy(attempts=1))
    try:
        with pytest.raises(HttpFailure) as raised:
            http.json("GET", "http://127.0.0.1:9/ws/orders?page=2")
    finally:
        http.session.close()

    failure = raised.value
    assert failure.kind == "unreachable"
    assert failure.attempts == 1
    assert "/ws/orders" in failure.detail
    assert "127.0.0.1" not in failure.detail and ":9" not in failure.detail
    assert "page=2" not in failure.detail


# -- 4. a dropped connection gives the same JSON report from run to run ----------------------
LISTING_DROPPED = """\
name: A listing dropped on every attempt leaves the store in error
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
    faults:
      - {operation: get-ws-list-order, kind: drop, times: 5}
steps:
  - import: backmarket
expect:
  store_status: {backmarket: connected}
"""


def test_json_report_of_a_failure_from_a_dropped_connection_is_identical_from_run_to_run(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "dropped.yaml", LISTING_DROPPED)

    first = json_report.to_dict(run_files([path]))
    second = json_report.to_dict(run_files([path]))  # other simulators, other random port

    (scenario,) = first["scenarios"]
    assert scenario["status"] == FAILED
    (failure,) = scenario["failures"]
    assert failure["check"] == "store_status"
    assert failure["actual"]["code"] == "unavailable"
    assert "/ws/orders" in failure["actual"]["message"]
    assert "127.0.0.1" not in json.dumps(first)
    assert _without_durations(first) == _without_durations(second)


# -- 5. carrier_fee is a decimal with a point -------------------------------------------------
CARRIER_FEES = """\
name: Carrier fees as typed
channels:
  backmarket: {}
steps:
  - import: backmarket
  - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: "1Z1", carrier_fee: "4,50"}
  - ship: {channel: backmarket, order: 1002, carrier: UPS, tracking: "1Z2", carrier_fee: "4.50"}
  - ship: {channel: backmarket, order: 1003, carrier: UPS, tracking: "1Z3", carrier_fee: 4.5}
"""


def test_validate_refuses_a_carrier_fee_with_a_decimal_comma_and_takes_a_point_or_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "fees.yaml", CARRIER_FEES)

    code, problems, err = _validate(path, capsys)

    assert code == 1
    (problem,) = problems  # "4.50" and 4.5 are fine
    assert problem.startswith(f"{path}:{_line_of(CARRIER_FEES, '4,50')}: "), problem
    assert "carrier_fee" in problem and "4,50" in problem
    assert "Traceback" not in err


# -- 6. a notification answered by a fault is not received, and stays pending ----------------
SHIP_ANSWERED_EMPTY = """\
name: A ship call answered 200 without a body by a fault is not a notification
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - import: backmarket
  - add_fault: {channel: backmarket, operation: update-ws-specific-order, kind: empty, times: 1}
  - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: 1Z999AA10123456784}
  - expect:
      notifications: {backmarket: []}
      pending_notifications: {backmarket: [1001]}
      store_status: {backmarket: {status: error, code: unreadable}}
      channel_order: {channel: backmarket, order: 1001, state: 3}
  - import: backmarket
expect:
  notifications:
    backmarket:
      - {order: 1001, tracking_number: 1Z999AA10123456784, carrier: UPS}
  pending_notifications: {backmarket: []}
  store_status: {backmarket: connected}
  channel_order: {channel: backmarket, order: 1001, state: 9}
"""


def test_a_ship_call_a_fault_answered_empty_is_not_received_and_the_next_import_sends_it(
    world: InProcessWorld, tmp_path: Path
) -> None:
    path = _write(tmp_path, "ship_empty.yaml", SHIP_ANSWERED_EMPTY)

    result = _run(world, path)

    assert result.status == PASSED, [f.message for f in result.failures]
    steps = [(s.step, s.status) for s in result.steps]
    assert steps == [
        ("import", PASSED),
        ("add_fault", PASSED),
        ("ship", PASSED),
        ("expect", PASSED),
        ("import", PASSED),
    ]
    assert result.steps[2].detail == "backmarket: order 1001 shipped; notification pending"


# -- 7. checks that could pass vacuously, or say two things, are refused ----------------------
def _checked(expect: str) -> str:
    return f"""\
name: A check written oddly
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {{order_id: 1001}}
steps:
  - import: backmarket
  - advance_clock: PT1H
  - import: backmarket
expect:
  {expect}
"""


@pytest.mark.parametrize(
    "expect",
    [
        "store_status: {backmarket: {}}",
        "engine_errors: {backmarket: [{}]}",
        "imported: {backmarket: [1001, 1001]}",
    ],
    ids=["store_status-empty", "engine_errors-empty-entry", "imported-twice"],
)
def test_validate_refuses_a_check_that_could_pass_vacuously_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], expect: str
) -> None:
    text = _checked(expect)
    path = _write(tmp_path, "check.yaml", text)

    code, problems, err = _validate(path, capsys)

    assert code == 1
    assert problems, "the check was accepted"
    assert all(p.startswith(f"{path}:{_line_of(text, expect)}: ") for p in problems), problems
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("expect", "says"),
    [
        (
            'imported: {backmarket: [1001, "1001"]}',
            "imported: backmarket lists 1001 more than once",
        ),
        (
            "calls: [{channel: backmarket, operation: get-ws-list-order, count: 2, min: 1}]",
            "calls: give either count, or min and/or max, not both",
        ),
    ],
    ids=["imported-1001-twice", "calls-count-and-min"],
)
def test_a_check_that_says_two_things_does_not_pass(
    world: InProcessWorld, tmp_path: Path, expect: str, says: str
) -> None:
    # Read naively, both would pass: 1001 was imported; the listing was called twice.
    text = _checked(expect)
    path = _write(tmp_path, "check.yaml", text)

    result = _run(world, path)

    assert result.status in (FAILED, ERROR)
    (failure,) = result.failures
    assert failure.line == _line_of(text, expect)
    assert failure.check == expect.split(":", 1)[0]
    assert says in failure.message


# -- 8. a journal that dropped some of a scenario's calls -------------------------------------
TINY = """\
name: Tiny
channels:
  backmarket: {}
steps:
  - import: backmarket
"""


@pytest.fixture(scope="module")
def small_journal() -> Iterator[ChannelControl]:
    """A Back Market simulator whose journal keeps 10 entries."""
    clock = Clock(T0, frozen=True)
    options = {"backmarket": ChannelOptions(journal_size=10, state="empty", port=0)}
    group = SimulatorGroup([channel_entry("backmarket")], clock=clock, options=options).start()
    control = ChannelControl("backmarket", group.channels["backmarket"].base_url)
    try:
        yield control
    finally:
        control.session.close()
        group.stop()


def _context(sim: ChannelControl, tmp_path: Path) -> RunContext:
    """A run context whose scenario starts now, at the simulator's last journal entry."""
    scenario = load_scenario(_write(tmp_path, "tiny.yaml", TINY))
    clock = Clock(T0, frozen=True)
    return RunContext(
        scenario=scenario,
        engine=Engine(VirtualTime(clock)),
        sims={"backmarket": sim},
        move_clock=lambda _at, _advance: None,
        journal_start={"backmarket": sim.journal()["last_seq"]},
    )


def _unauthenticated_listings(sim: ChannelControl, n: int) -> None:
    with requests.Session() as session:
        for _ in range(n):
            session.get(f"{sim.base_url}/ws/orders", timeout=10)


def test_calls_are_read_whole_while_the_journal_still_holds_them(
    small_journal: ChannelControl, tmp_path: Path
) -> None:
    ctx = _context(small_journal, tmp_path)
    _unauthenticated_listings(small_journal, 10)

    calls = ctx.calls("backmarket")

    assert len(calls) == 10
    first = ctx.journal_start["backmarket"] + 1
    assert [c["seq"] for c in calls] == list(range(first, first + 10))


def test_calls_of_a_scenario_the_journal_partly_dropped_are_a_step_error(
    small_journal: ChannelControl, tmp_path: Path
) -> None:
    ctx = _context(small_journal, tmp_path)
    _unauthenticated_listings(small_journal, 15)

    with pytest.raises(StepError, match="dropped the first 5 call"):
        ctx.calls("backmarket")


# -- 9. -k matches a glob anywhere in the path -------------------------------------------------
@pytest.mark.parametrize(
    ("pattern", "stem"),
    [
        ("backmarket/happy_*.yaml", "happy_path"),
        ("backmarket/token*", "token_expiry"),
        ("imei", "imei_from_notes"),
    ],
)
def test_k_selects_exactly_the_scenario_its_glob_or_substring_names(
    pattern: str, stem: str
) -> None:
    assert select([ROOT / "scenarios"], pattern) == [BACKMARKET / f"{stem}.yaml"]


# -- 10. a target file of the wrong shape ------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        '{"backmarket": {}}',
        '["backmarket"]',
        '{"backmarket": "http://x"}',
        '{"backmarket": {"url": "ftp://x"}}',
        '{"backmarket": {"url": ',
    ],
    ids=["no-url", "a-list", "url-not-in-an-object", "not-http", "invalid-json"],
)
def test_run_refuses_a_target_file_of_the_wrong_shape_with_exit_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    target = _write(tmp_path, "target.json", content)

    code = main(["run", str(ROOT / "scenarios"), "--target", str(target)])

    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert f"chansim run: {target}: " in err
    assert "Traceback" not in err


# -- 11. JUnit stays well-formed XML with control characters ----------------------------------
CONTROL_CHARACTER_NAME = """\
name: "bad\\x01name"
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket: {}
steps:
  - import: backmarket
expect:
  imported: {backmarket: [1001]}
"""


def test_junit_of_a_scenario_named_with_a_control_character_is_well_formed_xml(
    world: InProcessWorld, tmp_path: Path
) -> None:
    path = _write(tmp_path, "control.yaml", CONTROL_CHARACTER_NAME)
    result = _run(world, path)
    assert result.name == "bad\x01name"
    assert result.status == FAILED  # its failure text is written too
    report = tmp_path / "junit.xml"

    junit.write(RunResult(scenarios=[result]), report)

    root = ET.parse(report).getroot()  # raises on a character XML 1.0 cannot hold
    (case,) = root.iter("testcase")
    assert case.get("name") == "bad\ufffdname"
    assert case.find("failure") is not None


# -- 12. connection forms refused when the store is connected ---------------------------------
def _connected(connection: str, extra_steps: str = "") -> str:
    return f"""\
name: A connection form the channel cannot use
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    connection: {connection}
steps:
{extra_steps}  - import: backmarket
"""


@pytest.mark.parametrize(
    ("connection", "says"),
    [
        ("{region: Asia}", "connection: region: 'Asia' is not offered"),
        ("{overlap: -PT1H}", "connection: overlap: must not be negative"),
    ],
    ids=["region-Asia", "negative-overlap"],
)
def test_a_connection_form_the_channel_cannot_use_errors_at_setup_on_its_line(
    world: InProcessWorld, tmp_path: Path, connection: str, says: str
) -> None:
    text = _connected(connection)
    path = _write(tmp_path, "connection.yaml", text)

    result = _run(world, path)

    assert result.status == ERROR
    (failure,) = result.failures
    assert (failure.check, failure.line) == ("setup", _line_of(text, "connection:"))
    assert says in failure.message
    assert result.steps == [], "no step ran"


def test_reconnect_with_a_misspelt_credential_errors_at_its_step_naming_the_field(
    world: InProcessWorld, tmp_path: Path
) -> None:
    step = "  - reconnect: {channel: backmarket, credentials: {tokn: x}}\n"
    text = _connected("{region: Europe}", step)
    path = _write(tmp_path, "reconnect.yaml", text)

    result = _run(world, path)

    assert result.status == ERROR
    (failure,) = result.failures
    assert (failure.check, failure.line) == ("reconnect", _line_of(text, "- reconnect:"))
    assert "reconnect: credentials: unknown field 'tokn'" in failure.message
    assert [(s.step, s.status) for s in result.steps] == [("reconnect", ERROR)]


# -- 13. no IMEI for a multi-unit order --------------------------------------------------------
@pytest.mark.parametrize(
    "lines",
    [[{"quantity": 1}, {"quantity": 1}], [{"quantity": 2}]],
    ids=["two-lines", "one-line-of-two"],
)
def test_a_multi_unit_order_ships_without_the_imei_of_its_notes(
    bm_sim: ChannelControl, engine: Engine, lines: list[dict[str, Any]]
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, "category": "smartphone", "lines": lines}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    engine.edit(store, "4001", {"internal_notes": f"IMEI: {VALID_IMEI}"})

    shipped = engine.ship(store, "4001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert shipped is True
    assert store.errors == [] and store.outbox == {}
    entries: list[dict[str, Any]] = bm_sim.journal()["entries"]
    (call,) = [e for e in entries if e["operation"] == UPDATE and e["body"]["new_state"] == 3]
    assert call["status"] == 200
    assert "imei" not in call["body"] and "serial_number" not in call["body"]
    assert bm_sim.order("4001")["state"] == 9


# -- 14. an order that loses its ship-to address on the channel is kept ------------------------
def test_an_imported_order_that_loses_its_address_is_kept_and_the_activity_says_so(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    assert engine.refresh(store).new == ["1001"]
    world.move_clock(None, 600)
    bm_sim.edit("1001", {"shipping_address": None})

    result = engine.refresh(store)

    assert result.problem is None
    assert result.skipped == [] and store.skipped == {}
    assert "1001" in store.orders
    lost = [a for a in store.activity if "order 1001 lost its ship-to address" in a]
    assert len(lost) == 1, store.activity
