"""What the compose runner does, outside containers: `chansim run --target` against simulators
served by another process gives the same verdicts and the same report as in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
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


def _serve(target: Path, *extra: str) -> Iterator[Path]:
    process = subprocess.Popen(
        [*CHANSIM, "serve", "--random-ports", "--config-out", str(target), *extra],
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


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``chansim serve`` in its own process; the target file it writes."""
    yield from _serve(tmp_path_factory.mktemp("remote") / "target.json")


TOKEN = "shared-deployment-token"
#: Scenarios whose ``calls`` checks count exact calls in the journal, on every channel: a
#: journal holding another run's calls fails them.
COUNTED = (
    "scenarios/backmarket/rate_limited.yaml",
    "scenarios/backmarket/token_expiry.yaml",
    "scenarios/backmarket/overlapping_windows.yaml",
    "scenarios/bluepark/wrong_api_url.yaml",
    "scenarios/bluepark/bad_credentials.yaml",
    "scenarios/ultracart/happy_path.yaml",
    "scenarios/ultracart/failure_before_acknowledge.yaml",
    "scenarios/ultracart/requeued_no_duplicate.yaml",
    "scenarios/wsm/bad_credentials.yaml",
    "scenarios/spark/export_unavailable_retried.yaml",
    "scenarios/spark/split_order.yaml",
)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``chansim serve`` whose control plane needs a token, as a shared deployment's does."""
    target = tmp_path_factory.mktemp("guarded") / "target.json"
    yield from _serve(target, "--control-token", TOKEN)


def _control(target: Path, path: str) -> Any:
    url = json.loads(target.read_text())["backmarket"]["url"]
    request = urllib.request.Request(
        f"{url}/__sim{path}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def test_two_runs_in_parallel_against_one_deployment_both_pass_each_in_its_namespace(
    guarded: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "CHANSIM_CONTROL_TOKEN": TOKEN}
    runs = [
        subprocess.Popen(
            [*CHANSIM, "run", *COUNTED, "--target", str(guarded), "--json", str(tmp_path / n)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in ("a.json", "b.json")
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]

    for run, output in zip(runs, outputs, strict=True):
        assert run.returncode == 0, output
    reports = [json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json")]
    assert _timeless(reports[0]) == _timeless(reports[1])
    assert len(reports[0]["scenarios"]) == len(COUNTED)
    # the default namespace saw none of it, and each run deleted its namespace
    assert _control(guarded, "/journal")["last_seq"] == 0
    assert _control(guarded, "/namespaces")["namespaces"] == []


def test_a_run_without_the_deployments_token_is_a_usage_error_naming_it(guarded: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CHANSIM_CONTROL_TOKEN"}
    done = subprocess.run(
        [*CHANSIM, "run", COUNTED[0], "--target", str(guarded)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 2, done.stdout + done.stderr
    assert "control token" in done.stderr and "Traceback" not in done.stderr


def test_a_shared_namespace_run_uses_the_deployments_default_namespace(guarded: Path) -> None:
    before = _control(guarded, "/journal")["last_seq"]
    done = subprocess.run(
        [*CHANSIM, "run", COUNTED[0], "--target", str(guarded), "--shared-namespace"],
        cwd=ROOT,
        env={**os.environ, "CHANSIM_CONTROL_TOKEN": TOKEN},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert _control(guarded, "/journal")["last_seq"] > before


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
