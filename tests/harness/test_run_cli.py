"""`chansim run` and `chansim serve --scenario` as a user and CI rely on them.

Exit codes, the console, JUnit and JSON reports, determinism, and what a failing, errored or
unloadable scenario reports. CLI runs that start simulators are subprocesses, started together
once per module (they are independent); those that stop early call ``main`` in process.
"""

from __future__ import annotations

import io
import json
import os
import select as io_select
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from harness.cli import main
from harness.runner.execution.results import FAILED, RunResult, ScenarioResult
from harness.runner.execution.run import run_files, select
from harness.runner.files.loader import discover
from harness.runner.reports import json_report, junit
from harness.runner.reports.console import ConsoleReporter
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import line_of, run_file, write_file

ROOT = Path(__file__).resolve().parents[2]
CHANSIM = [sys.executable, "-m", "harness.cli"]
SCENARIO_FILES = discover([ROOT / "scenarios"])
HAPPY = ROOT / "scenarios" / "backmarket" / "happy_path.yaml"
RATE_LIMITED = ROOT / "scenarios" / "backmarket" / "rate_limited.yaml"
#: The clock of every Back Market scenario.
T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

#: The one line of happy_path.yaml whose expected carrier the failing copy changes.
UPS_LINE = (
    "      - {order: 1001, status: shipped, tracking_number: 1Z999AA10123456784, carrier: UPS, "
    "service: null, imei: null}"
)

SCHEMA_ERROR = """\
name: A step name with a typo
channels:
  backmarket: {}
steps:
  - import: backmarket
  - shipp: {channel: backmarket}
"""

SYNTAX_ERROR = """\
name: An indentation slip
channels:
  backmarket: {}
steps:
  - import: backmarket
   - ship: {channel: backmarket}
"""

SHIP_UNKNOWN_ORDER = """\
name: Ship an order that was never imported
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - import: backmarket
  - ship: {channel: backmarket, order: 9999, carrier: UPS, tracking: 1Z999AA10123456784}
  - advance_clock: PT1H
  - import: backmarket
expect:
  imported: {backmarket: [1001, 1002]}
"""

DECLARED_FAULT_NEVER_FIRES = """\
name: A declared fault that never fires
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    faults:
      - {operation: get-ws-list-order, kind: rate_limit, retry_after: 30, times: 1}
      - {operation: update-ws-specific-order, status: 503, times: 1}
steps:
  - import: backmarket
expect:
  imported: {backmarket: []}
"""

ADDED_FAULT_NEVER_FIRES = """\
name: A fault added by a step that never fires
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket: {}
steps:
  - add_fault: {channel: backmarket, operation: update-ws-specific-order, status: 503, times: 1}
  - import: backmarket
expect:
  imported: {backmarket: []}
"""

MID_EXPECT_FAILS = """\
name: A mid-run expect that fails stops the scenario
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - import: backmarket
  - expect:
      imported: {backmarket: [1001, 1002]}
  - advance_clock: PT1H
  - import: backmarket
expect:
  imported: {backmarket: [1001, 1002, 1003]}
"""


def _name_of(path: Path) -> str:
    name: str = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
    return name


def _without_durations(data: Any) -> Any:
    """``data`` with every ``duration_ms`` key removed, at any depth."""
    if isinstance(data, dict):
        return {k: _without_durations(v) for k, v in data.items() if k != "duration_ms"}
    if isinstance(data, list):
        return [_without_durations(v) for v in data]
    return data


def _suite(xml_text: str) -> ET.Element:
    """The one <testsuite> of a JUnit document."""
    root = ET.fromstring(xml_text)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return suites[0]


def _verdicts(out: str) -> list[str]:
    """The verdict lines of the console: one per scenario."""
    return [line for line in out.splitlines() if line.split(" ", 1)[0] in {"PASS", "FAIL", "ERROR"}]


# -- chansim run as a subprocess ---------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    """One finished ``chansim run``."""

    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class CliRuns:
    """Every CLI run of the module by name, the files they read, and their reports."""

    ran: dict[str, Ran]
    reports: Path
    #: happy_path.yaml with the carrier expected in ``notifications`` changed from UPS to DHL.
    failing_copy: Path
    #: The line of ``notifications:`` in it.
    check_line: int
    #: A folder with a copy of happy_path.yaml, a schema error and a YAML syntax error.
    loading: Path

    def junit(self, run: str) -> ET.Element:
        return _suite((self.reports / f"{run}.xml").read_text(encoding="utf-8"))

    def json(self, run: str) -> dict[str, Any]:
        text = (self.reports / f"{run}.json").read_text(encoding="utf-8")
        report: dict[str, Any] = json.loads(text)
        return report


def _start_run(*args: str | Path) -> subprocess.Popen[str]:
    return _start("run", *args)


def _start(command: str, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CHANSIM, command, *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 120) -> Ran:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"chansim did not finish in {timeout} s:\n{out}\n{err}") from None
    return Ran(proc.returncode, out, err)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> CliRuns:
    """Every ``chansim run`` (and one ``validate``) the module needs, started at once, each in
    its own process."""
    base = tmp_path_factory.mktemp("chansim_run")
    out = base / "reports"
    out.mkdir()

    failing_dir = base / "failing"
    failing_dir.mkdir()
    text = HAPPY.read_text(encoding="utf-8")
    assert text.count(UPS_LINE) == 1
    failing_copy = failing_dir / "happy_path.yaml"
    failing_copy.write_text(
        text.replace(UPS_LINE, UPS_LINE.replace("carrier: UPS", "carrier: DHL")), encoding="utf-8"
    )
    # the failure points at the line holding the wrong expectation, not at the check's name
    check_line = next(n for n, line in enumerate(text.splitlines(), 1) if line == UPS_LINE)

    loading = base / "loading"
    loading.mkdir()
    (loading / "happy_path.yaml").write_text(text, encoding="utf-8")
    (loading / "schema_error.yaml").write_text(SCHEMA_ERROR, encoding="utf-8")
    (loading / "syntax_error.yaml").write_text(SYNTAX_ERROR, encoding="utf-8")

    def reports(run: str, *kinds: str) -> list[str]:
        """``--junit out/<run>.xml`` and/or ``--json out/<run>.json``."""
        ext = {"junit": "xml", "json": "json"}
        return [a for kind in kinds for a in (f"--{kind}", str(out / f"{run}.{ext[kind]}"))]

    started = {
        "library": _start_run("scenarios/", *reports("library", "junit", "json")),
        "library_again": _start_run("scenarios/", *reports("library_again", "json")),
        "failing": _start_run(failing_copy, *reports("failing", "junit", "json")),
        "loading": _start_run(loading, *reports("loading", "junit", "json")),
        "validate": _start(
            "validate", loading / "schema_error.yaml", loading / "syntax_error.yaml"
        ),
    }
    ran = {name: _finish(proc) for name, proc in started.items()}
    return CliRuns(ran, out, failing_copy, check_line, loading)


def test_running_the_scenario_library_exits_0_with_a_pass_line_each_and_a_summary(
    cli: CliRuns,
) -> None:
    ran = cli.ran["library"]
    assert ran.returncode == 0, ran.stdout + ran.stderr
    verdicts = _verdicts(ran.stdout)
    assert len(verdicts) == len(SCENARIO_FILES)
    for line, path in zip(verdicts, SCENARIO_FILES, strict=True):
        shown = str(path.relative_to(ROOT))
        assert line.startswith(f"PASS  {shown}  {_name_of(path)}  ("), line
        assert line.endswith(" ms)"), line
    summary = ran.stdout.splitlines()[-1]
    n = len(SCENARIO_FILES)
    assert summary.startswith(f"OK: {n} scenario(s): {n} passed, 0 failed, 0 errors in "), summary
    assert "Traceback" not in ran.stderr


def test_junit_of_the_library_has_one_passing_testcase_per_file_named_by_its_name(
    cli: CliRuns,
) -> None:
    suite = cli.junit("library")
    n = len(SCENARIO_FILES)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(n), "0", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [_name_of(p) for p in SCENARIO_FILES]
    assert [c.get("file") for c in cases] == [str(p.relative_to(ROOT)) for p in SCENARIO_FILES]
    for case in cases:
        assert case.find("failure") is None and case.find("error") is None, case.get("name")


def test_json_of_the_library_says_ok_with_every_scenario_passed(cli: CliRuns) -> None:
    report = cli.json("library")
    n = len(SCENARIO_FILES)
    assert report["format"] == "chansim-report/1"
    assert report["ok"] is True
    assert report["summary"] == {"scenarios": n, "passed": n, "failed": 0, "error": 0, "skipped": 0}
    assert [s["id"] for s in report["scenarios"]] == [
        f"{p.parent.name}.{p.stem}" for p in SCENARIO_FILES
    ]


def test_one_changed_expected_value_fails_the_run_naming_check_values_line_and_calls(
    cli: CliRuns,
) -> None:
    ran, copy = cli.ran["failing"], cli.failing_copy
    assert ran.returncode == 1, ran.stdout + ran.stderr
    lines = ran.stdout.splitlines()
    (verdict,) = _verdicts(ran.stdout)
    assert verdict.startswith(f"FAIL  {copy}  {_name_of(HAPPY)}  (")
    where = next(i for i, line in enumerate(lines) if f"{copy}:{cli.check_line}" in line)
    assert f"{copy}:{cli.check_line}  notifications: " in lines[where]
    assert "carrier" in lines[where] and "DHL" in lines[where] and "UPS" in lines[where]
    expected, actual, calls = lines[where + 1], lines[where + 2], lines[where + 3]
    assert expected.strip().startswith("expected: ") and '"carrier": "DHL"' in expected
    assert actual.strip().startswith("actual: ") and '"carrier": "UPS"' in actual
    assert calls.strip() == "channel calls (latest last):"
    journal = [line.strip() for line in lines[where + 4 : -1]]
    assert journal and all(line.startswith("backmarket: #") for line in journal), journal
    assert any("POST /ws/orders/1001" in line for line in journal)
    assert lines[-1].startswith("FAILED: 1 scenario(s): 0 passed, 1 failed, 0 errors in ")


def test_junit_of_a_changed_expected_value_has_one_failure_naming_the_check(cli: CliRuns) -> None:
    suite = cli.junit("failing")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == _name_of(HAPPY)
    assert case.findall("error") == []
    (failure,) = case.findall("failure")
    assert failure.get("type") == "notifications"
    message = failure.get("message") or ""
    assert message.startswith(f"{cli.failing_copy}:{cli.check_line}: notifications: ")
    text = failure.text or ""
    assert '"carrier": "DHL"' in text and '"carrier": "UPS"' in text
    assert "backmarket: #" in text, "the channel calls are in the failure's text"


def test_json_of_a_changed_expected_value_has_expected_actual_and_the_calls(cli: CliRuns) -> None:
    report = cli.json("failing")
    assert report["ok"] is False
    (scenario,) = report["scenarios"]
    assert scenario["status"] == "failed"
    (failure,) = scenario["failures"]
    assert failure["check"] == "notifications"
    assert failure["line"] == cli.check_line
    assert failure["expected"][0]["carrier"] == "DHL"
    assert failure["actual"][0]["carrier"] == "UPS"
    assert failure["journal"] and all(j.startswith("backmarket: #") for j in failure["journal"])


def test_files_that_do_not_load_are_errors_with_file_and_line_and_the_others_still_run(
    cli: CliRuns,
) -> None:
    ran, loading = cli.ran["loading"], cli.loading
    happy, schema, syntax = (
        loading / f"{n}.yaml" for n in ("happy_path", "schema_error", "syntax_error")
    )
    assert ran.returncode != 0, ran.stdout + ran.stderr
    verdicts = _verdicts(ran.stdout)
    assert [v.split(" ", 1)[0] for v in verdicts] == ["PASS", "ERROR", "ERROR"], verdicts
    assert str(happy) in verdicts[0]
    schema_line = line_of(SCHEMA_ERROR, "- shipp:")
    syntax_line = line_of(SYNTAX_ERROR, "   - ship:")
    assert f"{schema}:{schema_line}  load: " in ran.stdout
    assert "'shipp'" in ran.stdout
    assert f"{syntax}:{syntax_line}  load: " in ran.stdout
    assert ran.stdout.splitlines()[-1].startswith(
        "FAILED: 3 scenario(s): 1 passed, 0 failed, 2 errors in "
    )
    suite = cli.junit("loading")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "0", "2")
    errors = {c.get("file"): c.find("error") for c in suite.findall("testcase")}
    assert errors[str(happy)] is None
    for path, line in ((schema, schema_line), (syntax, syntax_line)):
        error = errors[str(path)]
        assert error is not None and error.get("type") == "load"
        assert (error.get("message") or "").startswith(f"{path}:{line}: load: ")
    statuses = [(s["file"], s["status"]) for s in cli.json("loading")["scenarios"]]
    assert statuses == [
        (str(happy), "passed"),
        (str(schema), "error"),
        (str(syntax), "error"),
    ]


def test_run_and_validate_list_the_known_steps_in_the_same_order(cli: CliRuns) -> None:
    schema = cli.loading / "schema_error.yaml"
    line = line_of(SCHEMA_ERROR, "- shipp:")
    validated = cli.ran["validate"]
    assert validated.returncode == 1, validated.stdout + validated.stderr
    (from_validate,) = [
        row.removeprefix(f"{schema}:{line}: ")
        for row in validated.stdout.splitlines()
        if row.startswith(f"{schema}:{line}: ")
    ]
    (from_run,) = [
        row.strip().removeprefix(f"{schema}:{line}  load: ")
        for row in cli.ran["loading"].stdout.splitlines()
        if row.strip().startswith(f"{schema}:{line}  load: ")
    ]
    assert "known: " in from_validate
    assert from_run == from_validate


def test_two_cli_runs_of_the_library_write_the_same_json_apart_from_durations(
    cli: CliRuns,
) -> None:
    assert cli.ran["library_again"].returncode == 0, cli.ran["library_again"].stdout
    first, second = cli.json("library"), cli.json("library_again")
    assert _without_durations(first) == _without_durations(second)


def test_k_pattern_runs_only_the_scenarios_whose_path_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = tmp_path / "k.json"
    assert main(["run", "scenarios", "-k", "imei", "-v", "--json", str(report)]) == 0
    out = capsys.readouterr().out
    (verdict,) = _verdicts(out)
    assert verdict.startswith("PASS  scenarios/backmarket/imei_from_notes.yaml  ")
    assert "      line " in out, "-v shows the steps of a passing scenario"
    assert out.splitlines()[-1].startswith("OK: 1 scenario(s): 1 passed, ")
    ids = [s["id"] for s in json.loads(report.read_text(encoding="utf-8"))["scenarios"]]
    assert ids == ["backmarket.imei_from_notes"]


def test_select_takes_k_as_a_substring_of_the_path_or_a_glob_of_the_file_stem() -> None:
    folder = ROOT / "scenarios"
    assert [p.stem for p in select([folder], "imei")] == ["imei_from_notes"]
    assert {p.stem for p in select([folder], "*_path")} == {"happy_path"}  # one per channel
    assert [p.stem for p in select([folder], "token_exp*")] == ["token_expiry"]
    assert select([folder], None) == SCENARIO_FILES
    assert select([folder], "no_scenario_is_named_like_this") == []


BACKMARKET = ROOT / "scenarios" / "backmarket"


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


def test_k_pattern_matching_nothing_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["run", "scenarios", "-k", "no_scenario_is_named_like_this"]) == 2
    out, err = capsys.readouterr()
    assert "chansim run: no scenario matching -k 'no_scenario_is_named_like_this'" in err
    assert _verdicts(out) == []


def test_a_missing_path_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["run", "scenarios/backmarket/no_such_scenario.yaml"]) == 2
    _, err = capsys.readouterr()
    assert "chansim run: no such file or folder: scenarios/backmarket/no_such_scenario.yaml" in err


# -- determinism, in process -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [11, None], ids=["seed-11", "scenario-seeds"])
def test_same_seed_runs_the_library_to_the_same_json_apart_from_durations(
    seed: int | None,
) -> None:
    first = json_report.to_dict(run_files(SCENARIO_FILES, seed=seed))
    second = json_report.to_dict(run_files(SCENARIO_FILES, seed=seed))
    assert len(first["scenarios"]) == len(SCENARIO_FILES)
    if seed is not None:
        assert {s["seed"] for s in first["scenarios"]} == {seed}
    else:
        seeds = [
            yaml.safe_load(p.read_text(encoding="utf-8")).get("seed", 0) for p in SCENARIO_FILES
        ]
        assert [s["seed"] for s in first["scenarios"]] == seeds
    assert _without_durations(first) == _without_durations(second)


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
    path = write_file(tmp_path, "dropped.yaml", LISTING_DROPPED)

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


# -- steps that cannot run, faults that never fire, a failing mid-run expect (in process) -----


@dataclass(frozen=True)
class Mixed:
    """One in-process run of scenarios that pass, fail and error, by file stem."""

    run: RunResult
    folder: Path

    def __getitem__(self, stem: str) -> ScenarioResult:
        (found,) = [s for s in self.run.scenarios if Path(s.file).stem == stem]
        return found

    def text(self, stem: str) -> str:
        return (self.folder / f"{stem}.yaml").read_text(encoding="utf-8")


MIXED = {
    "ship_unknown_order": SHIP_UNKNOWN_ORDER,
    "declared_fault_never_fires": DECLARED_FAULT_NEVER_FIRES,
    "added_fault_never_fires": ADDED_FAULT_NEVER_FIRES,
    "mid_expect_fails": MID_EXPECT_FAILS,
    "schema_error": SCHEMA_ERROR,
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Mixed:
    folder = tmp_path_factory.mktemp("mixed") / "backmarket"
    folder.mkdir()
    (folder / "passing.yaml").write_text(HAPPY.read_text(encoding="utf-8"), encoding="utf-8")
    for stem, text in MIXED.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return Mixed(run_files(select([folder], None)), folder)


def _console(result: ScenarioResult) -> str:
    out = io.StringIO()
    ConsoleReporter(out).scenario(result)
    return out.getvalue()


def test_a_step_that_cannot_run_errors_the_scenario_at_its_line_and_skips_the_rest(
    mixed: Mixed,
) -> None:
    result = mixed["ship_unknown_order"]
    line = line_of(SHIP_UNKNOWN_ORDER, "- ship:")
    assert result.status == "error"
    assert [(s.step, s.status) for s in result.steps] == [("import", "passed"), ("ship", "error")]
    assert result.steps[-1].line == line
    (failure,) = result.failures  # the final expect (which would fail) is not evaluated
    assert (failure.check, failure.line) == ("ship", line)
    assert "9999" in failure.message
    text = _console(result)
    assert text.startswith(f"ERROR {result.file}  {result.name}")
    assert f"{result.file}:{line}  ship: " in text and "9999" in text


def test_a_declared_fault_that_never_fires_fails_the_scenario_naming_it_and_its_line(
    mixed: Mixed,
) -> None:
    result = mixed["declared_fault_never_fires"]
    assert result.status == "failed"
    (failure,) = result.failures  # the rate limit fired: only the 503 is reported
    assert failure.check == "faults_fired"
    assert failure.line == line_of(DECLARED_FAULT_NEVER_FIRES, "status: 503")
    assert "backmarket" in failure.message and "never fired" in failure.message
    assert "operation: update-ws-specific-order" in failure.message  # the rule as written
    assert "status: 503" in failure.message
    assert f"{result.file}:{failure.line}  faults_fired: " in _console(result)


def test_a_fault_added_by_a_step_that_never_fires_fails_at_the_step_line(mixed: Mixed) -> None:
    result = mixed["added_fault_never_fires"]
    assert result.status == "failed"
    (failure,) = result.failures
    assert failure.check == "faults_fired"
    assert failure.line == line_of(ADDED_FAULT_NEVER_FIRES, "- add_fault:")
    assert "never fired" in failure.message


def test_a_failing_mid_run_expect_stops_the_scenario_at_that_step(mixed: Mixed) -> None:
    result = mixed["mid_expect_fails"]
    step_line = line_of(MID_EXPECT_FAILS, "- expect:")
    assert result.status == "failed"
    assert [(s.line, s.step, s.status) for s in result.steps] == [
        (step_line - 1, "import", "passed"),
        (step_line, "expect", "failed"),
    ]
    (failure,) = result.failures  # the final expect (which would fail too) is not evaluated
    assert failure.check == "imported"
    assert failure.line == line_of(MID_EXPECT_FAILS, "imported: {backmarket: [1001, 1002]}")
    assert "1002" in failure.message
    assert failure.journal, "the channel calls so far explain the failure"


def test_junit_uses_error_for_errored_and_failure_for_failed_scenarios_with_matching_counts(
    mixed: Mixed,
) -> None:
    run = mixed.run
    suite = _suite(junit.render(run))
    cases = suite.findall("testcase")
    by_status = {s.status for s in run.scenarios}
    assert by_status == {"passed", "failed", "error"}, "the run mixes all three"
    assert len(cases) == len(run.scenarios) == len(MIXED) + 1
    for case, result in zip(cases, run.scenarios, strict=True):
        assert case.get("file") == result.file
        failures, errors = case.findall("failure"), case.findall("error")
        if result.status == "passed":
            assert (failures, errors) == ([], []), result.file
        elif result.status == "failed":
            assert (len(failures), errors) == (1, []), result.file
            assert failures[0].get("type") == result.failures[0].check
        else:
            assert (failures, len(errors)) == ([], 1), result.file
            assert errors[0].get("type") == result.failures[0].check
            assert (errors[0].get("message") or "").startswith(
                f"{result.file}:{result.failures[0].line}: "
            )
    assert suite.get("tests") == str(len(cases))
    assert suite.get("failures") == str(sum(len(c.findall("failure")) for c in cases))
    assert suite.get("errors") == str(sum(len(c.findall("error")) for c in cases))
    assert suite.get("failures") == str(run.count("failed")) == "3"
    assert suite.get("errors") == str(run.count("error")) == "2"


def test_a_file_that_does_not_load_keeps_the_folder_stem_id_and_junit_classname(
    mixed: Mixed,
) -> None:
    broken, loaded = mixed["schema_error"], mixed["passing"]
    assert loaded.id == "backmarket.passing"
    classes = {c.get("file"): c.get("classname") for c in _suite(junit.render(mixed.run))}
    assert classes[loaded.file] == "backmarket"
    assert broken.id == "backmarket.schema_error"
    assert classes[broken.file] == "backmarket"


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
    path = write_file(tmp_path, "control.yaml", CONTROL_CHARACTER_NAME)
    result = run_file(world, path)
    assert result.name == "bad\x01name"
    assert result.status == FAILED  # its failure text is written too
    report = tmp_path / "junit.xml"

    junit.write(RunResult(scenarios=[result]), report)

    root = ET.parse(report).getroot()  # raises on a character XML 1.0 cannot hold
    (case,) = root.iter("testcase")
    assert case.get("name") == "bad\ufffdname"
    assert case.find("failure") is not None


# -- chansim serve --scenario ------------------------------------------------------------------


def _serve_args(scenario: Path, config: Path) -> list[str]:
    """``chansim serve --scenario FILE --random-ports --config-out CONFIG``."""
    options = ("--scenario", str(scenario), "--random-ports", "--config-out", str(config))
    return [*CHANSIM, "serve", *options]


def _serve(scenario: Path, config: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_serve_args(scenario, config), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
    )


def _wait_for(path: Path, proc: subprocess.Popen[Any], timeout: float = 30) -> dict[str, Any]:
    """The config file ``chansim serve`` writes once its simulators are ready."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            settings: dict[str, Any] = json.loads(path.read_text())
            return settings
        assert proc.poll() is None, "chansim serve ended before writing its config"
        time.sleep(0.05)
    raise AssertionError("chansim serve did not write its config in time")


@pytest.fixture
def stop_serve() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes to kill if a test ends before stopping them itself."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_serve_scenario_starts_its_orders_and_clock_and_stops_with_0_on_sigterm(
    tmp_path: Path, stop_serve: list[subprocess.Popen[str]]
) -> None:
    config = tmp_path / "cfg.json"
    proc = _serve(HAPPY, config)
    stop_serve.append(proc)
    bm = _wait_for(config, proc)["backmarket"]
    assert bm["url"].startswith("http://127.0.0.1:")
    assert bm["credentials"]["token"]
    orders = requests.get(f"{bm['url']}/__sim/orders", timeout=10).json()
    clock = requests.get(f"{bm['url']}/__sim/clock", timeout=10).json()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert sorted(o["order_id"] for o in orders) == [1001, 1002]
    assert [o["state"] for o in orders] == [1, 1], "the starting state: no step was played"
    now = datetime.fromisoformat(clock["now"])
    assert timedelta(0) <= now - T0 < timedelta(minutes=1), clock
    assert f"scenarios/backmarket/happy_path.yaml: {_name_of(HAPPY)}" in out
    assert f"token={bm['credentials']['token']}" in out
    assert out.rstrip().endswith("stopped")
    assert "Traceback" not in err


def test_serve_scenario_lists_its_setup_faults_and_freezes_its_clock(
    tmp_path: Path, stop_serve: list[subprocess.Popen[str]]
) -> None:
    config = tmp_path / "cfg.json"
    proc = _serve(RATE_LIMITED, config, "--freeze")
    stop_serve.append(proc)
    url = _wait_for(config, proc)["backmarket"]["url"]
    faults = requests.get(f"{url}/__sim/faults", timeout=10).json()
    clock = requests.get(f"{url}/__sim/clock", timeout=10).json()
    orders = requests.get(f"{url}/__sim/orders", timeout=10).json()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert [(f["operation"], f["kind"], f["fired"]) for f in faults] == [
        ("get-ws-list-order", "rate_limit", 0),
        ("update-ws-specific-order", "status", 0),
    ]
    assert faults[0]["retry_after"] == 30 and faults[1]["status"] == 503
    assert clock["frozen"] is True
    assert datetime.fromisoformat(clock["now"]) == T0
    assert sorted(o["order_id"] for o in orders) == [5001, 5002]


def test_serve_refuses_a_scenario_that_does_not_load_with_exit_2_and_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "schema_error.yaml"
    broken.write_text(SCHEMA_ERROR, encoding="utf-8")
    config = tmp_path / "cfg.json"
    args = ["serve", "--scenario", str(broken), "--random-ports", "--config-out", str(config)]
    assert main(args) == 2
    _, err = capsys.readouterr()
    assert f"chansim serve: {broken}:{line_of(SCHEMA_ERROR, '- shipp:')}: " in err
    assert "'shipp'" in err
    assert not config.exists()


def _drain(fd: int, proc: subprocess.Popen[Any], timeout: float) -> bytes:
    """Read ``fd`` until end of file (every writer gone), at most ``timeout`` seconds."""
    deadline, data = time.monotonic() + timeout, b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = io_select.select([fd], [], [], left)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            return data
        data += chunk
    proc.kill()
    raise AssertionError("chansim serve did not stop")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sets a pipe's size (Linux)")
def test_serve_scenario_stops_with_0_on_a_sigterm_sent_as_soon_as_the_config_exists(
    tmp_path: Path, stop_serve: list[subprocess.Popen[str]]
) -> None:
    import fcntl

    # Hold the process between writing its config and installing its handler, the window a
    # fast supervisor can hit: its stdout is a 4 KiB pipe with 1 KiB left, and the line that
    # follows the config file ("connection settings written to <path>") is longer than that.
    folder = tmp_path.joinpath(*(c * 200 for c in "abcde"))
    folder.mkdir(parents=True)
    config = folder / "cfg.json"
    read_end, write_end = os.pipe()
    try:
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
        os.write(write_end, b"." * 3072)
        proc = subprocess.Popen(
            _serve_args(HAPPY, config),
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        stop_serve.append(proc)
        os.close(write_end)
        write_end = -1
        _wait_for(config, proc)
        proc.send_signal(signal.SIGTERM)
        out = _drain(read_end, proc, timeout=30).decode("utf-8", "replace")
        assert proc.wait(timeout=15) == 0
        assert out.rstrip().endswith("stopped")
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
