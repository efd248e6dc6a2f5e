"""What users copy: the CI examples (examples/ci) and the compose services. Their chansim
commands run here, outside Docker (there is no Docker engine on this machine), in a project
folder holding a few scenarios, against simulators on random loopback ports: the compose
target file is rewritten to those ports, nothing else in a command changes."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from harness.cli import main
from simulators.core.clock import Clock
from simulators.core.protocol import protocol_named
from simulators.core.registry import channel_entry, load_registry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.test_packaging import _runner_argv

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "examples" / "ci"
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
#: The scenarios of the project folder the commands run in (one per protocol).
#: The simulators' control token, as compose sets it for every service.
TOKEN = "ci-control-token"
SCENARIOS = ("backmarket/happy_path.yaml", "wsm/happy_path.yaml", "ultracart/happy_path.yaml")


@pytest.fixture(scope="module")
def sims() -> Iterator[SimulatorGroup]:
    names = list(load_registry())
    options = {name: ChannelOptions(port=0) for name in names}
    group = SimulatorGroup([channel_entry(n) for n in names], clock=Clock(), options=options,
                           control_token=TOKEN)  # fmt: skip
    with group:
        yield group


@pytest.fixture
def project(tmp_path: Path, sims: SimulatorGroup) -> Path:
    """A project folder: a few scenarios, and compose/target.json aimed at ``sims``."""
    for name in SCENARIOS:
        (tmp_path / "scenarios" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "scenarios" / name, tmp_path / "scenarios" / name)
    target = json.loads((ROOT / "compose" / "target.json").read_text(encoding="utf-8"))
    for name, entry in target.items():
        assert entry["url"] == f"http://simulators:{channel_entry(name).port}"
        entry["url"] = sims.channels[name].base_url
    (tmp_path / "compose").mkdir()
    (tmp_path / "compose" / "target.json").write_text(json.dumps(target), encoding="utf-8")
    return tmp_path


def _ci_lines(name: str) -> list[str]:
    """The shell lines of a CI file: GitHub steps' ``run:`` blocks, GitLab's ``script:``."""
    data = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    if "jobs" in data:
        steps = [s for job in data["jobs"].values() for s in job["steps"] if "run" in s]
        return [line for s in steps for line in s["run"].splitlines() if line.strip()]
    return [line for job in data.values() if isinstance(job, dict) for line in job["script"]]


def _chansim(lines: list[str]) -> list[list[str]]:
    return [shlex.split(line.split("&")[0].split(">")[0]) for line in lines
            if line.startswith("chansim ")]  # fmt: skip


def _shell(lines: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the lines as one ``bash -e`` script, chansim from this environment, installs aside."""
    script = "\n".join(["set -e", *(ln for ln in lines if not ln.startswith("pip install"))])
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=240, check=False)  # fmt: skip


def test_github_and_gitlab_examples_run_scenarios_and_contract_and_publish_junit(project):
    github, gitlab = _ci_lines("github-actions.yml"), _ci_lines("gitlab-ci.yml")
    assert _chansim(github) == _chansim(gitlab)  # the same commands: run once, here
    assert [c[1] for c in _chansim(github)] == ["run", "serve", "contract"]
    done = _shell(github, project)
    assert done.returncode == 0, done.stdout + done.stderr
    for report in ("junit.xml", "contract-junit.xml"):
        suites = ET.parse(project / "out" / report).getroot()
        cases = suites.iter("testcase")
        assert next(cases, None) is not None and not list(suites.iter("failure")), report
    assert json.loads((project / "out" / "contract.json").read_text())["ok"] is True
    assert _stops(int((project / "out" / "serve.pid").read_text()))  # the stop step ran
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text())
    published = [s for s in workflow["jobs"]["chansim"]["steps"] if "junit" in str(s.get("with"))]
    assert published and published[0]["if"] == "always()"
    jobs = yaml.safe_load((CI / "gitlab-ci.yml").read_text())
    assert jobs["chansim"]["artifacts"]["reports"]["junit"] == [
        "out/junit.xml", "out/contract-junit.xml"]  # fmt: skip


def _stops(pid: int) -> bool:
    """Whether the process ends (or is a zombie nobody reaped yet) within 15 s."""
    status = Path(f"/proc/{pid}/status")
    for _ in range(150):
        try:
            if "\nState:\tZ" in status.read_text():
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


def test_compose_examples_use_the_compose_services(project, tmp_path):
    github = _ci_lines("github-actions-compose.yml")
    services = [shlex.split(line)[-1] for line in github if line.startswith("docker compose")]
    assert services[:3] == ["simulators", "runner", "contract"]
    assert "--wait" in github[0]  # the health check gates the runner and the contract
    runner, contract = _chansim(_ci_lines("gitlab-ci-compose.yml"))
    assert runner[: 1 + len(COMPOSE["services"]["runner"]["command"])] == [
        "chansim", *COMPOSE["services"]["runner"]["command"]]  # fmt: skip
    assert contract == COMPOSE["services"]["contract"]["command"]
    job = yaml.safe_load((CI / "gitlab-ci-compose.yml").read_text())["chansim"]
    service = job["services"][0]
    assert service["alias"] == "simulators"
    assert service["command"] == COMPOSE["services"]["simulators"]["command"]
    assert "CHANSIM_CONTROL_TOKEN" in job["variables"]


def _in(project: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """``chansim <argv>`` in the project folder, with the compose services' environment."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("CHANSIM_CONTROL_TOKEN", TOKEN)
    return main(argv)


def test_the_compose_runner_command_runs_the_scenarios_against_the_simulators(
    project, tmp_path, monkeypatch
):
    argv = _runner_argv(COMPOSE["services"]["runner"], "runner-1", tmp_path)
    assert _in(project, argv, monkeypatch) == 0
    report = json.loads((project / "out" / "runner-1" / "report.json").read_text())
    assert len(report["scenarios"]) == len(SCENARIOS)


def test_the_compose_contract_command_passes_every_operation_of_every_simulator(
    project, monkeypatch
):
    """Our simulators keep their own contract: every operation of every spec, zero failures."""
    assert _in(project, COMPOSE["services"]["contract"]["command"][1:], monkeypatch) == 0
    report = json.loads((project / "out" / "contract.json").read_text())
    by_spec = {s["spec"]: s for s in report["specs"]}
    assert set(by_spec) == set(load_registry())
    for name, spec in by_spec.items():
        entry = channel_entry(name)
        expected = protocol_named(entry.protocol).contract(entry.spec).operations() - {"wsdl"}
        ops = {op["operation"]: op for op in spec["operations"]}
        assert set(ops) == expected
        for op in ops.values():
            assert op["examples"] > 0 and op["failures"] == [] and op["skipped"] is None, op
    suites = ET.parse(project / "out" / "contract-junit.xml").getroot()
    assert all(s.get("failures") == "0" for s in suites)


def test_the_health_check_asks_every_simulator(sims, monkeypatch):
    monkeypatch.setenv("CHANSIM_CONTROL_TOKEN", TOKEN)
    test = COMPOSE["services"]["simulators"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = test[3]
    ports = [int(p) for p in re.findall(r"\b81\d\d\b", code)]
    assert sorted(ports) == sorted(e.port for e in load_registry().values())
    by_port = {e.port: sims.channels[e.name].port for e in load_registry().values()}
    here = re.sub(r"\b81\d\d\b", lambda m: str(by_port[int(m.group())]), code)
    assert subprocess.run([sys.executable, "-c", here], check=False).returncode == 0
    closed = re.sub(
        r"\b81\d\d\b", lambda m: "1" if m.group() == "8103" else str(by_port[int(m.group())]), code
    )
    failed = subprocess.run([sys.executable, "-c", closed], capture_output=True, check=False)
    assert failed.returncode != 0  # one simulator down: unhealthy
