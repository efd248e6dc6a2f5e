"""A scenario that crashes, or whose setup or step cannot be carried out as written, is an
ERROR of its own at its line: the other scenarios still run and the reports are written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.cli import main
from harness.engine.engine import Engine, ImportResult
from harness.engine.store import Store
from harness.runner.execution.results import ERROR, PASSED
from harness.runner.execution.run import run_files
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import line_of, run_file, write_file

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


def test_an_unexpected_exception_is_an_internal_error_and_the_next_scenario_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashing = write_file(tmp_path, "a_crash.yaml", CRASHES_AT_IMPORT)
    fine = write_file(tmp_path, "b_fine.yaml", IMPORTS_AFTER_A_CRASH)
    refreshed = _crash_first_refresh(monkeypatch)

    run = run_files([crashing, fine])

    assert refreshed == ["backmarket", "backmarket"], "the second scenario ran its import"
    crashed, passed = run.scenarios
    line = line_of(CRASHES_AT_IMPORT, "- import:")
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
    crashing = write_file(tmp_path, "a_crash.yaml", CRASHES_AT_IMPORT)
    fine = write_file(tmp_path, "b_fine.yaml", IMPORTS_AFTER_A_CRASH)
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
    path = write_file(tmp_path, "connection.yaml", text)

    result = run_file(world, path)

    assert result.status == ERROR
    (failure,) = result.failures
    assert (failure.check, failure.line) == ("setup", line_of(text, "connection:"))
    assert says in failure.message
    assert result.steps == [], "no step ran"


def test_reconnect_with_a_misspelt_credential_errors_at_its_step_naming_the_field(
    world: InProcessWorld, tmp_path: Path
) -> None:
    step = "  - reconnect: {channel: backmarket, credentials: {tokn: x}}\n"
    text = _connected("{region: Europe}", step)
    path = write_file(tmp_path, "reconnect.yaml", text)

    result = run_file(world, path)

    assert result.status == ERROR
    (failure,) = result.failures
    assert (failure.check, failure.line) == ("reconnect", line_of(text, "- reconnect:"))
    assert "reconnect: credentials: unknown field 'tokn'" in failure.message
    assert [(s.step, s.status) for s in result.steps] == [("reconnect", ERROR)]
