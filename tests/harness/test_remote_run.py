"""What the compose runner does, outside containers: `chansim run --target` against simulators
served by another process gives the same verdicts and the same report as in-process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.cli import main
from tests.harness.conftest import write_file

ROOT = Path(__file__).resolve().parents[2]
CHANSIM = [sys.executable, "-m", "harness.cli"]


def _timeless(report: Any) -> Any:
    if isinstance(report, dict):
        return {k: _timeless(v) for k, v in report.items() if k != "duration_ms"}
    if isinstance(report, list):
        return [_timeless(v) for v in report]
    return report


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``chansim serve`` in its own process; the target file it writes."""
    target = tmp_path_factory.mktemp("remote") / "target.json"
    process = subprocess.Popen(
        [*CHANSIM, "serve", "--random-ports", "--config-out", str(target)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not target.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert target.exists(), process.stderr.read().decode() if process.stderr else "no target"
    yield target
    process.terminate()
    process.wait(timeout=10)


def test_scenarios_against_served_simulators_report_as_in_process(
    served: Path, tmp_path: Path
) -> None:
    remote, local = tmp_path / "remote.json", tmp_path / "local.json"
    run = [*CHANSIM, "run", "scenarios/"]
    by_url = subprocess.run(
        [*run, "--target", str(served), "--json", str(remote)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert by_url.returncode == 0, by_url.stdout + by_url.stderr
    in_process = subprocess.run(
        [*run, "--json", str(local)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert in_process.returncode == 0, in_process.stdout + in_process.stderr
    assert _timeless(json.loads(remote.read_text())) == _timeless(json.loads(local.read_text()))


def test_a_target_without_a_channel_the_scenarios_need_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("{}")
    done = subprocess.run(
        [*CHANSIM, "run", "scenarios/", "--target", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "no URL for backmarket" in done.stderr


def test_an_unreachable_target_is_a_usage_error_naming_the_channel(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    unreachable = {"url": "http://127.0.0.1:9"}
    target.write_text(json.dumps({"backmarket": unreachable, "bluepark": unreachable}))
    done = subprocess.run(
        [*CHANSIM, "run", "scenarios/backmarket/", "--target", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "backmarket at http://127.0.0.1:9" in done.stderr


def test_an_endpoint_url_with_a_path_still_finds_the_control_plane(served: Path) -> None:
    listed = json.loads(served.read_text())
    assert listed["wsm"]["url"].endswith("/api/shipstation")  # what the merchant types
    files = ["scenarios/wsm/happy_path.yaml", "scenarios/spark/late_day_orders_timezone.yaml"]
    done = subprocess.run(
        [*CHANSIM, "run", *files, "--target", str(served)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    # both channels share the served process's clock: each clock step moves it once
    assert done.returncode == 0, done.stdout + done.stderr


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
    target = write_file(tmp_path, "target.json", content)

    code = main(["run", str(ROOT / "scenarios"), "--target", str(target)])

    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert f"chansim run: {target}: " in err
    assert "Traceback" not in err
